/**
 * Pure logic of the Requests panel: the form's draft of a scheduling request (every field as
 * the form holds it), the request it stands for, and the checks the form can make before
 * the store checks it again (the store's checks — references, the stay, `after` cycles —
 * are the same as for plan files and come back as an `invalid` error naming the field).
 *
 * Invariant: {@link requestOfDraft} returns either a request the backend can deserialise or
 * a list of problems, each naming the field (the key of the `requests.field.*` label) — never
 * a half-filled request. No I/O, no clock.
 */
import type { ItemKind } from './bindings/ItemKind';
import type { Key } from './bindings/Key';
import type { Participants } from './bindings/Participants';
import type { Request } from './bindings/Request';
import { participantsOf, selectionOf } from './itinerary';

/** The fields of the form, as typed. Lists are arrays of keys; times are `HH:MM` or ''. */
export interface RequestDraft {
  key: string;
  kind: ItemKind;
  titleKo: string;
  titleEn: string;
  duration: string;
  subgroups: Key[];
  members: Key[];
  hosts: Key[];
  hostsOneOf: Key[];
  venues: Key[];
  interpretation: boolean;
  earliest: string;
  latest: string;
  dates: string[];
  after: Key[];
  preferredFrom: string;
  preferredTo: string;
  pinned: string;
}

/** A form field a problem is about (its label is `requests.field.<field>`). */
export type RequestField = 'key' | 'title' | 'duration' | 'hosts' | 'latest' | 'preferred' | 'after' | 'dates';

/** One problem the form shows next to its field; `message` is an i18n key under `requests.problem`. */
export interface DraftProblem {
  field: RequestField;
  message: 'keyFormat' | 'keyTaken' | 'titleMissing' | 'durationPositive' | 'hostsBoth' | 'latestBeforeEarliest' | 'windowTooShort' | 'preferredOrder' | 'afterSelf' | 'dateFormat' | 'timeFormat';
}

const KEY = /^[a-z0-9][a-z0-9-]*$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes since midnight of `HH:MM`. */
export function minutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** An empty draft for a new request, with a free key made from `base`. */
export function newRequestDraft(taken: ReadonlySet<string>, base = 'request'): RequestDraft {
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return {
    key: `${base}-${n}`,
    kind: 'meeting',
    titleKo: '',
    titleEn: '',
    duration: '60',
    subgroups: [],
    members: [],
    hosts: [],
    hostsOneOf: [],
    venues: [],
    interpretation: false,
    earliest: '',
    latest: '',
    dates: [],
    after: [],
    preferredFrom: '',
    preferredTo: '',
    pinned: '',
  };
}

/** The draft of a stored request. */
export function draftOfRequest(r: Request): RequestDraft {
  const sel = selectionOf(r.participants);
  return {
    key: r.key,
    kind: r.kind,
    titleKo: r.title.ko ?? '',
    titleEn: r.title.en ?? '',
    duration: String(r.duration_minutes),
    subgroups: sel?.subgroups ?? [],
    members: sel?.members ?? [],
    hosts: [...(r.hosts ?? [])],
    hostsOneOf: [...(r.hosts_one_of ?? [])],
    venues: [...(r.venues ?? [])],
    interpretation: r.interpretation ?? false,
    earliest: r.earliest ?? '',
    latest: r.latest ?? '',
    dates: [...(r.dates ?? [])],
    after: [...(r.after ?? [])],
    preferredFrom: r.preferred?.from ?? '',
    preferredTo: r.preferred?.to ?? '',
    pinned: r.pinned ?? '',
  };
}

/**
 * The request a draft stands for, or its problems. `base` is the stored request being
 * edited (fields the form does not show — other title languages, the off-site location —
 * are kept from it); `taken` the keys of the delegation's other requests.
 */
export function requestOfDraft(
  d: RequestDraft,
  delegation: Key,
  taken: ReadonlySet<string>,
  base?: Request,
): { ok: true; request: Request } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const key = d.key.trim();
  if (!base) {
    if (!KEY.test(key)) problems.push({ field: 'key', message: 'keyFormat' });
    else if (taken.has(key)) problems.push({ field: 'key', message: 'keyTaken' });
  }
  if (d.titleKo.trim() === '' && d.titleEn.trim() === '') problems.push({ field: 'title', message: 'titleMissing' });
  const duration = Number(d.duration);
  if (!Number.isInteger(duration) || duration <= 0) problems.push({ field: 'duration', message: 'durationPositive' });
  if (d.hosts.some((h) => d.hostsOneOf.includes(h))) problems.push({ field: 'hosts', message: 'hostsBoth' });
  for (const [field, value] of [
    ['latest', d.earliest],
    ['latest', d.latest],
    ['preferred', d.preferredFrom],
    ['preferred', d.preferredTo],
  ] as const) {
    if (value !== '' && !CLOCK.test(value)) problems.push({ field, message: 'timeFormat' });
  }
  const clocksOk = !problems.some((p) => p.message === 'timeFormat');
  if (clocksOk && d.earliest && d.latest) {
    if (minutes(d.latest) <= minutes(d.earliest)) problems.push({ field: 'latest', message: 'latestBeforeEarliest' });
    else if (Number.isInteger(duration) && minutes(d.latest) - minutes(d.earliest) < duration) problems.push({ field: 'latest', message: 'windowTooShort' });
  }
  if (clocksOk && (d.preferredFrom !== '') !== (d.preferredTo !== '')) problems.push({ field: 'preferred', message: 'preferredOrder' });
  if (clocksOk && d.preferredFrom && d.preferredTo && minutes(d.preferredTo) <= minutes(d.preferredFrom)) problems.push({ field: 'preferred', message: 'preferredOrder' });
  if (d.after.includes(base?.key ?? key)) problems.push({ field: 'after', message: 'afterSelf' });
  if (d.dates.some((x) => !DATE.test(x))) problems.push({ field: 'dates', message: 'dateFormat' });
  if (problems.length) return { ok: false, problems };

  const title: Record<string, string> = { ...(base?.title ?? {}) };
  for (const [lang, text] of [['ko', d.titleKo], ['en', d.titleEn]] as const) {
    if (text.trim()) title[lang] = text.trim();
    else delete title[lang];
  }
  const participants: Participants = participantsOf({ subgroups: d.subgroups, members: d.members });
  const request: Request = {
    key: base?.key ?? key,
    delegation,
    kind: d.kind,
    title,
    duration_minutes: duration,
  };
  if (participants !== 'everyone') request.participants = participants;
  if (d.hosts.length) request.hosts = [...d.hosts];
  if (d.hostsOneOf.length) request.hosts_one_of = [...d.hostsOneOf];
  if (d.venues.length) request.venues = [...d.venues];
  if (base?.location) request.location = base.location;
  if (d.interpretation) request.interpretation = true;
  if (d.earliest) request.earliest = d.earliest;
  if (d.latest) request.latest = d.latest;
  if (d.dates.length) request.dates = [...d.dates].sort();
  if (d.after.length) request.after = [...d.after];
  if (d.preferredFrom && d.preferredTo) request.preferred = { from: d.preferredFrom, to: d.preferredTo };
  if (d.pinned) request.pinned = d.pinned;
  return { ok: true, request };
}

/** The field a store refusal names ("duration_minutes: …", "hosts[0]: …"), for the form. */
export function fieldOfMessage(message: string): RequestField | null {
  return fieldNamed(message.includes(':') ? /^([a-z_]+)/.exec(message)?.[1] : undefined);
}

/** The form field of a refused save: the backend names it (`field`) whatever the message's
 * language; older messages lead with it ("duration_minutes: …"). */
export function fieldOfError(err: { message: string; field?: string }): RequestField | null {
  return err.field ? fieldNamed(err.field) : fieldOfMessage(err.message);
}

function fieldNamed(name: string | undefined): RequestField | null {
  const map: Record<string, RequestField> = {
    key: 'key',
    title: 'title',
    duration_minutes: 'duration',
    hosts: 'hosts',
    hosts_one_of: 'hosts',
    latest: 'latest',
    earliest: 'latest',
    preferred: 'preferred',
    after: 'after',
    dates: 'dates',
  };
  return name ? (map[name] ?? null) : null;
}

/** A one-line summary of a request for the list: duration, window, days. */
export function summaryOf(r: Request): { minutes: number; window: string | null; days: number } {
  const window = r.earliest || r.latest ? `${r.earliest ?? '…'}–${r.latest ?? '…'}` : null;
  return { minutes: r.duration_minutes, window, days: r.dates?.length ?? 0 };
}
