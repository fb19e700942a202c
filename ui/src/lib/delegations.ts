/**
 * Pure helpers of the delegation screens: list order, names to show, keys, and the
 * conversion between the edit forms (plain strings, wall-clock times) and the model the
 * backend stores (localized texts, RFC 3339 times with offset). No I/O, no clock: "now" is
 * a parameter.
 */
import type { Delegation } from './bindings/Delegation';
import type { DelegationStatus } from './bindings/DelegationStatus';
import type { Lang } from './bindings/Lang';
import type { LocalizedText } from './bindings/LocalizedText';
import type { Member } from './bindings/Member';
import { isKnownZone, localToZoned, zonedToLocal } from './datetime';

/** Every language, in menu order (mirrors `Lang::ALL`). */
export const LANGS: readonly Lang[] = ['ko', 'en', 'vi', 'ru', 'zh', 'uz', 'ja'];
/** Guest languages: every language but Korean, which staff read. */
export const GUEST_LANGS: readonly Lang[] = LANGS.filter((l) => l !== 'ko');
/** Statuses in the order of the office's process. */
export const STATUSES: readonly DelegationStatus[] = ['draft', 'planned', 'confirmed', 'completed', 'cancelled'];

/** The best version of `text` for a reader of `lang`: that language, English, Korean, any. */
export function bestText(text: LocalizedText | null | undefined, lang: string): string {
  if (!text) return '';
  const get = (l: string) => {
    const v = (text as Record<string, string | undefined>)[l];
    return v && v.trim() !== '' ? v : undefined;
  };
  return get(lang) ?? get('en') ?? get('ko') ?? Object.values(text).find((v) => v && v.trim() !== '') ?? '';
}

/** Anything with an arrival and a departure. */
export interface Visit {
  arrival: string;
  departure: string;
}

/**
 * Splits visits into upcoming (not yet departed, soonest arrival first) and past (most
 * recent first). `now` is ms since the epoch.
 */
export function upcomingFirst<T extends Visit>(visits: readonly T[], now: number): { upcoming: T[]; past: T[] } {
  const at = (s: string) => Date.parse(s);
  const upcoming = visits.filter((v) => at(v.departure) >= now).sort((a, b) => at(a.arrival) - at(b.arrival));
  const past = visits.filter((v) => at(v.departure) < now).sort((a, b) => at(b.arrival) - at(a.arrival));
  return { upcoming, past };
}

/**
 * A key from a name: lowercase ASCII letters, digits and '-', accents removed
 * ("Nguyễn Trường Sơn" → "nguyen-truong-son"). Empty when nothing Latin is left (Cyrillic,
 * Han): the caller then asks for a key or uses a fallback.
 */
export function keyFrom(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** The delegation form: what the inputs hold. */
export interface DelegationDraft {
  key: string;
  nameKo: string;
  guestLang: Lang;
  nameGuest: string;
  organisation: string;
  country: string;
  timezone: string;
  arrival: string; // datetime-local, in `timezone`
  departure: string;
  status: DelegationStatus;
  notes: string;
}

/** A blank form for a new visit in Seoul. */
export function emptyDraft(): DelegationDraft {
  return {
    key: '',
    nameKo: '',
    guestLang: 'en',
    nameGuest: '',
    organisation: '',
    country: '',
    timezone: 'Asia/Seoul',
    arrival: '',
    departure: '',
    status: 'draft',
    notes: '',
  };
}

/** The form for an existing delegation. Fields the form does not show are kept by {@link applyDraft}. */
export function draftOf(d: Delegation): DelegationDraft {
  const guestLang = d.languages.find((l) => l !== 'ko') ?? 'en';
  return {
    key: d.key,
    nameKo: d.name.ko ?? '',
    guestLang,
    nameGuest: d.name[guestLang] ?? '',
    organisation: bestText(d.organisation, guestLang),
    country: d.country ?? '',
    timezone: d.timezone,
    arrival: zonedToLocal(d.arrival, d.timezone),
    departure: zonedToLocal(d.departure, d.timezone),
    status: d.status,
    notes: d.notes ?? '',
  };
}

/** Why a form cannot be saved yet (an i18n message id and its values). */
export interface DraftProblem {
  message: string;
  values?: Record<string, string>;
}

function optional(s: string): string | undefined {
  const t = s.trim();
  return t === '' ? undefined : t;
}

/**
 * The delegation to save: `base` (the stored one, or nothing for a new visit) with the
 * form's fields applied. Only form-level problems are caught here (times, zone); the
 * backend validates everything else and names the field.
 */
export function applyDraft(draft: DelegationDraft, base?: Delegation): { ok: true; value: Delegation } | { ok: false; problem: DraftProblem } {
  const zone = draft.timezone.trim();
  if (!isKnownZone(zone)) return { ok: false, problem: { message: 'error.badZone', values: { zone } } };
  const arrival = localToZoned(draft.arrival, zone);
  const departure = localToZoned(draft.departure, zone);
  if (!arrival || !departure) return { ok: false, problem: { message: 'error.badTime' } };
  const name: LocalizedText = { ...(base?.name ?? {}) };
  name.ko = draft.nameKo;
  if (draft.guestLang !== 'ko') name[draft.guestLang] = draft.nameGuest;
  const organisation: LocalizedText = {};
  if (draft.organisation.trim() !== '') organisation[draft.guestLang] = draft.organisation.trim();
  const others = (base?.languages ?? []).filter((l) => l !== draft.guestLang);
  return {
    ok: true,
    value: {
      ...(base ?? { subgroups: [] }),
      key: draft.key.trim(),
      name,
      organisation,
      country: optional(draft.country)?.toUpperCase(),
      languages: [draft.guestLang, ...others],
      timezone: zone,
      arrival,
      departure,
      status: draft.status,
      notes: optional(draft.notes),
    },
  };
}

/** The member form. */
export interface MemberDraft {
  key: string;
  nativeName: string;
  romanizedName: string;
  titleKo: string;
  titleGuest: string;
  precedence: string;
  dietary: string;
  accessibility: string;
}

/** A blank member form; the next precedence follows the existing members. */
export function emptyMember(existing: readonly Member[]): MemberDraft {
  const next = existing.reduce((max, m) => Math.max(max, m.precedence), 0) + 1;
  return { key: '', nativeName: '', romanizedName: '', titleKo: '', titleGuest: '', precedence: String(next), dietary: '', accessibility: '' };
}

/** The form for an existing member. */
export function memberDraftOf(m: Member, guestLang: Lang): MemberDraft {
  return {
    key: m.key,
    nativeName: m.native_name,
    romanizedName: m.romanized_name ?? '',
    titleKo: m.title?.ko ?? '',
    titleGuest: m.title?.[guestLang] ?? '',
    precedence: String(m.precedence),
    dietary: m.dietary ?? '',
    accessibility: m.accessibility ?? '',
  };
}

/**
 * The member to save. The native name is kept exactly as typed (no trimming inside, no
 * normalisation; only surrounding blanks go): it is the person's own spelling. A missing
 * key is derived from the romanized or native name, else numbered.
 */
export function applyMemberDraft(draft: MemberDraft, guestLang: Lang, existing: readonly Member[], base?: Member): Member {
  const title: LocalizedText = { ...(base?.title ?? {}) };
  if (draft.titleKo.trim() !== '') title.ko = draft.titleKo.trim();
  else delete title.ko;
  if (guestLang !== 'ko') {
    if (draft.titleGuest.trim() !== '') title[guestLang] = draft.titleGuest.trim();
    else delete title[guestLang];
  }
  const taken = new Set(existing.filter((m) => m.key !== base?.key).map((m) => m.key));
  // A key the scheduler typed is sent as is (the backend reports a duplicate); a derived one
  // is made unique here.
  const typed = draft.key.trim();
  let key = typed || keyFrom(draft.romanizedName) || keyFrom(draft.nativeName);
  if (typed === '' && (key === '' || taken.has(key))) {
    const stem = key === '' ? 'member' : key;
    let n = existing.length + 1;
    while (taken.has(`${stem}-${n}`)) n += 1;
    key = `${stem}-${n}`;
  }
  const precedence = Number.parseInt(draft.precedence, 10);
  return {
    ...(base ?? {}),
    key,
    native_name: draft.nativeName.trim(),
    romanized_name: optional(draft.romanizedName),
    title,
    precedence: Number.isFinite(precedence) && precedence > 0 ? precedence : existing.length + 1,
    dietary: optional(draft.dietary),
    accessibility: optional(draft.accessibility),
  };
}
