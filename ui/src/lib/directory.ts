/**
 * Pure helpers of the Resources screen's directory tabs (sites with the travel-time matrix,
 * venues, hosts, interpreters): which entries a tab lists, searching them, and the conversion
 * between the edit forms (plain strings, wall-clock times) and the entries the backend stores.
 *
 * Invariants: a draft becomes an entry only when every field is valid, else the first
 * problem names the field (and the row, for hours, closures and busy blocks), so nothing
 * half-checked is sent. Language versions the form does not show (a Vietnamese venue name)
 * survive an edit. No I/O here; the zone busy blocks are typed in is a parameter.
 */
import type { Outcome } from './backend';
import type { Affiliation } from './bindings/Affiliation';
import type { Availability } from './bindings/Availability';
import type { BusyBlock } from './bindings/BusyBlock';
import type { DateRange } from './bindings/DateRange';
import type { Day } from './bindings/Day';
import type { DeleteDirectoryEntry } from './bindings/DeleteDirectoryEntry';
import type { DirectoryEntry } from './bindings/DirectoryEntry';
import type { DirectoryKind } from './bindings/DirectoryKind';
import type { DirectoryListing } from './bindings/DirectoryListing';
import type { DirectoryRecord } from './bindings/DirectoryRecord';
import type { DirectorySettings } from './bindings/DirectorySettings';
import type { Host } from './bindings/Host';
import type { Interpreter } from './bindings/Interpreter';
import type { Lang } from './bindings/Lang';
import type { LocalizedText } from './bindings/LocalizedText';
import type { SaveDirectoryEntry } from './bindings/SaveDirectoryEntry';
import type { SetTravelTime } from './bindings/SetTravelTime';
import type { Site } from './bindings/Site';
import type { TravelTime } from './bindings/TravelTime';
import type { Venue } from './bindings/Venue';
import type { WeeklyHours } from './bindings/WeeklyHours';
import { isKnownZone, localToZoned, zonedToLocal } from './datetime';
import { LANGS, keyFrom } from './delegations';

/** The backend calls the directory tabs make (the `backend` module satisfies it). */
export interface DirectoryApi {
  listDirectory(): Promise<Outcome<DirectoryListing>>;
  saveDirectoryEntry(input: SaveDirectoryEntry): Promise<Outcome<DirectoryRecord>>;
  deleteDirectoryEntry(input: DeleteDirectoryEntry): Promise<Outcome<null>>;
  setTravelTime(input: SetTravelTime): Promise<Outcome<null>>;
  saveDirectorySettings(input: DirectorySettings): Promise<Outcome<null>>;
}

/** The Resources screen's directory tabs. */
export type DirectoryTab = 'sites' | 'venues' | 'hosts' | 'interpreters';

/** The entry kind each tab lists. */
export const KIND_OF_TAB: Record<DirectoryTab, DirectoryKind> = {
  sites: 'site',
  venues: 'venue',
  hosts: 'host',
  interpreters: 'interpreter',
};

/** Weekdays, Monday first (the office's week). */
export const DAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The languages an interpreter pairs with Korean, in menu order. */
export const PARTNER_LANGS: readonly Lang[] = LANGS.filter((l) => l !== 'ko');
/** Interpreting limits a new interpreter starts with (the backend's defaults). */
export const DEFAULT_MAX_CONTINUOUS = 90;
export const DEFAULT_MAX_DAILY = 360;
/** The zone busy blocks are typed in when the directory has no site yet. */
export const OFFICE_ZONE = 'Asia/Seoul';
/** Travel times above a day are typing mistakes, not journeys between hospital sites. */
export const MAX_TRAVEL_MINUTES = 24 * 60;
/** The same-site walking buffer is a few minutes; two hours bounds typing mistakes. */
export const MAX_BUFFER_MINUTES = 120;

/** A problem with a draft: the field (an id under `directory.field`), the message id, values. */
export interface DirectoryProblem {
  field: string;
  message: string;
  values?: Record<string, string | number>;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: DirectoryProblem };

const fail = (field: string, message: string, values?: Record<string, string | number>): { ok: false; problem: DirectoryProblem } => ({
  ok: false,
  problem: values ? { field, message, values } : { field, message },
});

/** The Korean and English versions a form shows of a localized text. */
export interface TextPair {
  ko: string;
  en: string;
}
/** One row of weekly hours as typed: `HH:MM` times. */
export interface HoursRow {
  days: Day[];
  open: string;
  close: string;
}
/** One closure as typed: ISO dates (`YYYY-MM-DD`), both included. */
export interface ClosureRow {
  from: string;
  to: string;
  reason: string;
}
/** One busy block as typed: datetime-local values in the form's zone. */
export interface BusyRow {
  start: string;
  end: string;
  reason: string;
}

export interface SiteDraft {
  kind: 'site';
  key: string;
  name: TextPair;
  timezone: string;
  address: string;
}
export interface VenueDraft {
  kind: 'venue';
  key: string;
  site: string;
  name: TextPair;
  building: TextPair;
  floor: string;
  capacity: string;
  hours: HoursRow[];
  closures: ClosureRow[];
  rules: TextPair;
}
export interface HostDraft {
  kind: 'host';
  key: string;
  name: TextPair;
  title: TextPair;
  department: TextPair;
  phone: string;
  phonePrivate: boolean;
  languages: Lang[];
  hours: HoursRow[];
  busy: BusyRow[];
}
export interface InterpreterDraft {
  kind: 'interpreter';
  key: string;
  name: TextPair;
  pairs: string[];
  affiliation: Affiliation;
  phone: string;
  hours: HoursRow[];
  busy: BusyRow[];
  maxContinuous: string;
  maxDaily: string;
}
/** What a directory form holds. */
export type EntryDraft = SiteDraft | VenueDraft | HostDraft | InterpreterDraft;

/** The key of any entry. */
export function entryKey(entry: DirectoryEntry): string {
  return entry.value.key;
}

/** The records a tab lists, in the backend's order (by key). */
export function recordsOf(listing: DirectoryListing | null, kind: DirectoryKind): DirectoryRecord[] {
  return listing ? listing.entries.filter((r) => r.entry.kind === kind) : [];
}

/** Every site of a listing, by key. */
export function sitesOf(listing: DirectoryListing | null): Site[] {
  return recordsOf(listing, 'site').flatMap((r) => (r.entry.kind === 'site' ? [r.entry.value] : []));
}

const texts = (t: LocalizedText | undefined): string[] => Object.values(t ?? {}).filter((v): v is string => typeof v === 'string');

/** Everything a search looks at in an entry: key, every language version, phone, codes. */
function haystack(entry: DirectoryEntry): string[] {
  const e = entry;
  switch (e.kind) {
    case 'site':
      return [e.value.key, ...texts(e.value.name), e.value.timezone, e.value.address ?? ''];
    case 'venue':
      return [e.value.key, e.value.site, ...texts(e.value.name), ...texts(e.value.building), e.value.floor ?? '', ...texts(e.value.rules)];
    case 'host':
      return [e.value.key, ...texts(e.value.name), ...texts(e.value.title), ...texts(e.value.department), e.value.phone ?? ''];
    case 'interpreter':
      return [e.value.key, ...texts(e.value.name), ...e.value.pairs, e.value.phone ?? ''];
  }
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase();

/** Whether an entry matches a search: every word of `query` occurs in one of its texts. */
export function matchesQuery(entry: DirectoryEntry, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = haystack(entry).map(fold);
  return words.every((w) => hay.some((h) => h.includes(w)));
}

// ---- drafts of stored entries ------------------------------------------------------------

const pairOf = (t: LocalizedText | undefined): TextPair => ({ ko: t?.ko ?? '', en: t?.en ?? '' });
const hoursOf = (hours: WeeklyHours[] | undefined): HoursRow[] => (hours ?? []).map((h) => ({ days: [...h.days], open: h.open, close: h.close }));
const busyOf = (a: Availability | undefined, zone: string): BusyRow[] =>
  (a?.busy ?? []).map((b) => ({ start: zonedToLocal(b.start, zone), end: zonedToLocal(b.end, zone), reason: b.reason ?? '' }));

/** The form of a stored entry; busy blocks are shown as wall-clock time in `zone`. */
export function draftOf(entry: DirectoryEntry, zone: string): EntryDraft {
  switch (entry.kind) {
    case 'site': {
      const s = entry.value;
      return { kind: 'site', key: s.key, name: pairOf(s.name), timezone: s.timezone, address: s.address ?? '' };
    }
    case 'venue': {
      const v = entry.value;
      return {
        kind: 'venue',
        key: v.key,
        site: v.site,
        name: pairOf(v.name),
        building: pairOf(v.building),
        floor: v.floor ?? '',
        capacity: String(v.capacity),
        hours: hoursOf(v.opening_hours),
        closures: (v.closures ?? []).map((c) => ({ from: c.from, to: c.to, reason: c.reason ?? '' })),
        rules: pairOf(v.rules),
      };
    }
    case 'host': {
      const h = entry.value;
      return {
        kind: 'host',
        key: h.key,
        name: pairOf(h.name),
        title: pairOf(h.title),
        department: pairOf(h.department),
        phone: h.phone ?? '',
        phonePrivate: h.phone_private ?? false,
        languages: [...h.languages],
        hours: hoursOf(h.availability?.working_hours),
        busy: busyOf(h.availability, zone),
      };
    }
    case 'interpreter': {
      const i = entry.value;
      return {
        kind: 'interpreter',
        key: i.key,
        name: pairOf(i.name),
        pairs: [...i.pairs],
        affiliation: i.affiliation,
        phone: i.phone ?? '',
        hours: hoursOf(i.availability?.working_hours),
        busy: busyOf(i.availability, zone),
        maxContinuous: String(i.max_continuous_minutes),
        maxDaily: String(i.max_daily_minutes),
      };
    }
  }
}

/** A blank form of a kind; a new venue starts on `site` (none: the scheduler chooses). */
export function emptyDraft(kind: DirectoryKind, site = '', zone = OFFICE_ZONE): EntryDraft {
  const blank = (): TextPair => ({ ko: '', en: '' });
  switch (kind) {
    case 'site':
      return { kind, key: '', name: blank(), timezone: zone, address: '' };
    case 'venue':
      return { kind, key: '', site, name: blank(), building: blank(), floor: '', capacity: '', hours: [], closures: [], rules: blank() };
    case 'host':
      return { kind, key: '', name: blank(), title: blank(), department: blank(), phone: '', phonePrivate: false, languages: ['ko'], hours: [], busy: [] };
    case 'interpreter':
      return {
        kind,
        key: '',
        name: blank(),
        pairs: [],
        affiliation: 'in_house',
        phone: '',
        hours: [],
        busy: [],
        maxContinuous: String(DEFAULT_MAX_CONTINUOUS),
        maxDaily: String(DEFAULT_MAX_DAILY),
      };
  }
}

// ---- drafts back to entries --------------------------------------------------------------

/**
 * The form's Korean and English versions over the stored text: other languages are kept,
 * blank versions dropped.
 */
export function mergeText(pair: TextPair, base: LocalizedText | undefined): LocalizedText {
  const out: Record<string, string> = {};
  for (const [l, v] of Object.entries(base ?? {})) if (typeof v === 'string' && v.trim() !== '') out[l] = v;
  for (const l of ['ko', 'en'] as const) {
    const v = pair[l].trim();
    if (v) out[l] = v;
    else delete out[l];
  }
  return out as LocalizedText;
}

const isBlank = (t: LocalizedText) => Object.keys(t).length === 0;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const KEY_RE = /^[a-z0-9._-]{1,80}$/;

/** Minutes after midnight of an `HH:MM` time (`24:00` is 1440); null when malformed. */
export function clockMinutes(time: string): number | null {
  const t = time.trim();
  if (!TIME_RE.test(t)) return null;
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function isDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** A whole number in `[min, max]` typed in a field; null when it is not one. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

function checkHours(rows: HoursRow[], field: string): Checked<WeeklyHours[]> {
  const out: WeeklyHours[] = [];
  for (const [i, r] of rows.entries()) {
    const row = i + 1;
    if (r.days.length === 0) return fail(field, 'directory.problem.hoursDays', { row });
    const open = clockMinutes(r.open);
    if (open === null || open === 1440) return fail(field, 'directory.problem.hoursTime', { row, time: r.open });
    const close = clockMinutes(r.close);
    if (close === null) return fail(field, 'directory.problem.hoursTime', { row, time: r.close });
    if (close <= open) return fail(field, 'directory.problem.hoursOrder', { row });
    out.push({ days: DAYS.filter((d) => r.days.includes(d)), open: r.open.trim(), close: r.close.trim() });
  }
  return { ok: true, value: out };
}

function checkClosures(rows: ClosureRow[]): Checked<DateRange[]> {
  const out: DateRange[] = [];
  for (const [i, r] of rows.entries()) {
    const row = i + 1;
    if (!isDate(r.from.trim())) return fail('closures', 'directory.problem.date', { row });
    if (!isDate(r.to.trim())) return fail('closures', 'directory.problem.date', { row });
    if (r.to.trim() < r.from.trim()) return fail('closures', 'directory.problem.dateOrder', { row });
    const reason = r.reason.trim();
    out.push(reason ? { from: r.from.trim(), to: r.to.trim(), reason } : { from: r.from.trim(), to: r.to.trim() });
  }
  return { ok: true, value: out };
}

function checkBusy(rows: BusyRow[], zone: string): Checked<BusyBlock[]> {
  const out: BusyBlock[] = [];
  for (const [i, r] of rows.entries()) {
    const row = i + 1;
    const start = localToZoned(r.start.trim(), zone);
    const end = localToZoned(r.end.trim(), zone);
    if (!start || !end) return fail('busy', 'directory.problem.busyTime', { row });
    if (Date.parse(end) <= Date.parse(start)) return fail('busy', 'directory.problem.busyOrder', { row });
    const reason = r.reason.trim();
    out.push(reason ? { start, end, reason } : { start, end });
  }
  return { ok: true, value: out };
}

function availabilityOf(hours: HoursRow[], busy: BusyRow[], zone: string): Checked<Availability> {
  const h = checkHours(hours, 'hours');
  if (!h.ok) return h;
  const b = checkBusy(busy, zone);
  if (!b.ok) return b;
  const a: Availability = {};
  if (h.value.length > 0) a.working_hours = h.value;
  if (b.value.length > 0) a.busy = b.value;
  return { ok: true, value: a };
}

/** The key a draft saves under: the typed one, else one made from the English name. */
function keyOf(draft: EntryDraft, base: DirectoryEntry | undefined): Checked<string> {
  if (base) return { ok: true, value: base.value.key };
  const key = draft.key.trim() || keyFrom(draft.name.en);
  if (!key) return fail('key', 'directory.problem.keyMissing');
  if (!KEY_RE.test(key)) return fail('key', 'directory.problem.key', { key });
  return { ok: true, value: key };
}

function optional<T extends object, K extends string, V>(obj: T, key: K, value: V | undefined | '' | false): T & Partial<Record<K, V>> {
  if (value !== undefined && value !== '' && value !== false) (obj as Record<string, unknown>)[key] = value;
  return obj as T & Partial<Record<K, V>>;
}

/**
 * The entry a draft describes, checked; or the first problem, naming the field. `base` is the
 * stored entry (absent for a new one: its key cannot change); `zone` is the zone busy blocks
 * were typed in; `sites` the keys a venue may belong to.
 */
export function applyDraft(draft: EntryDraft, base: DirectoryEntry | undefined, zone: string, sites: readonly string[]): Checked<DirectoryEntry> {
  const key = keyOf(draft, base);
  if (!key.ok) return key;
  const baseValue = base?.kind === draft.kind ? base.value : undefined;
  const name = mergeText(draft.name, baseValue?.name);
  if (isBlank(name)) return fail('name', 'directory.problem.name');
  const phone = 'phone' in draft ? draft.phone.trim() : '';
  switch (draft.kind) {
    case 'site': {
      const timezone = draft.timezone.trim();
      if (!isKnownZone(timezone)) return fail('timezone', 'directory.problem.timezone', { zone: timezone });
      const site: Site = optional({ key: key.value, name, timezone }, 'address', draft.address.trim());
      return { ok: true, value: { kind: 'site', value: site } };
    }
    case 'venue': {
      const b = base?.kind === 'venue' ? base.value : undefined;
      if (!sites.includes(draft.site)) return fail('site', 'directory.problem.site');
      const capacity = wholeNumber(draft.capacity, 1, 100_000);
      if (capacity === null) return fail('capacity', 'directory.problem.capacity', { value: draft.capacity });
      const hours = checkHours(draft.hours, 'openingHours');
      if (!hours.ok) return hours;
      const closures = checkClosures(draft.closures);
      if (!closures.ok) return closures;
      const venue: Venue = { key: key.value, site: draft.site, name, capacity };
      const building = mergeText(draft.building, b?.building);
      const rules = mergeText(draft.rules, b?.rules);
      if (!isBlank(building)) venue.building = building;
      optional(venue, 'floor', draft.floor.trim());
      if (hours.value.length > 0) venue.opening_hours = hours.value;
      if (closures.value.length > 0) venue.closures = closures.value;
      if (!isBlank(rules)) venue.rules = rules;
      return { ok: true, value: { kind: 'venue', value: venue } };
    }
    case 'host': {
      const b = base?.kind === 'host' ? base.value : undefined;
      const availability = availabilityOf(draft.hours, draft.busy, zone);
      if (!availability.ok) return availability;
      const host: Host = { key: key.value, name, languages: LANGS.filter((l) => draft.languages.includes(l)) };
      const title = mergeText(draft.title, b?.title);
      const department = mergeText(draft.department, b?.department);
      if (!isBlank(title)) host.title = title;
      if (!isBlank(department)) host.department = department;
      optional(host, 'phone', phone);
      // A private flag without a number would hide nothing; it is kept only with a phone.
      if (phone && draft.phonePrivate) host.phone_private = true;
      if (Object.keys(availability.value).length > 0) host.availability = availability.value;
      return { ok: true, value: { kind: 'host', value: host } };
    }
    case 'interpreter': {
      if (draft.pairs.length === 0) return fail('pairs', 'directory.problem.pairs');
      const availability = availabilityOf(draft.hours, draft.busy, zone);
      if (!availability.ok) return availability;
      const maxContinuous = wholeNumber(draft.maxContinuous, 1, 1440);
      if (maxContinuous === null) return fail('maxContinuous', 'directory.problem.minutes', { value: draft.maxContinuous });
      const maxDaily = wholeNumber(draft.maxDaily, 1, 1440);
      if (maxDaily === null) return fail('maxDaily', 'directory.problem.minutes', { value: draft.maxDaily });
      if (maxContinuous > maxDaily) return fail('maxContinuous', 'directory.problem.limits');
      const interpreter: Interpreter = {
        key: key.value,
        name,
        pairs: [...new Set(draft.pairs)].sort(),
        affiliation: draft.affiliation,
        max_continuous_minutes: maxContinuous,
        max_daily_minutes: maxDaily,
      };
      optional(interpreter, 'phone', phone);
      if (Object.keys(availability.value).length > 0) interpreter.availability = availability.value;
      return { ok: true, value: { kind: 'interpreter', value: interpreter } };
    }
  }
}

// ---- the travel-time matrix --------------------------------------------------------------

/** The stored minutes from one site to another, if any. */
export function travelMinutes(travel: readonly TravelTime[], from: string, to: string): number | undefined {
  return travel.find((t) => t.from === from && t.to === to)?.minutes;
}

/**
 * The travel-time change a matrix cell asks for: blank removes the entry, a whole number of
 * minutes sets it; null `change` when the cell holds what is stored already.
 */
export function travelChange(
  travel: readonly TravelTime[],
  from: string,
  to: string,
  text: string,
): { ok: true; change: SetTravelTime | null } | { ok: false; problem: DirectoryProblem } {
  const stored = travelMinutes(travel, from, to);
  if (text.trim() === '') return { ok: true, change: stored === undefined ? null : { from, to } };
  const minutes = wholeNumber(text, 0, MAX_TRAVEL_MINUTES);
  if (minutes === null) return fail('travel', 'directory.problem.travel', { value: text.trim(), max: MAX_TRAVEL_MINUTES });
  return { ok: true, change: minutes === stored ? null : { from, to, minutes } };
}

/** The directory settings a buffer field asks for, checked. */
export function bufferSettings(text: string): Checked<DirectorySettings> {
  const minutes = wholeNumber(text, 0, MAX_BUFFER_MINUTES);
  if (minutes === null) return fail('buffer', 'directory.problem.buffer', { value: text.trim(), max: MAX_BUFFER_MINUTES });
  return { ok: true, value: { same_site_buffer_minutes: minutes } };
}

// ---- list summaries ----------------------------------------------------------------------

/**
 * Weekly hours in a few words, consecutive weekdays as a range: "Mon–Fri 08:00–20:00; Sat
 * 09:00–13:00". `dayName` names a weekday in the UI language. Empty for no hours.
 */
export function hoursText(hours: readonly WeeklyHours[] | undefined, dayName: (d: Day) => string): string {
  return (hours ?? [])
    .map((h) => {
      const idx = DAYS.filter((d) => h.days.includes(d)).map((d) => DAYS.indexOf(d));
      const runs: string[] = [];
      for (let i = 0; i < idx.length; ) {
        let j = i;
        while (j + 1 < idx.length && idx[j + 1] === (idx[j] ?? 0) + 1) j++;
        const [a, b] = [DAYS[idx[i] ?? 0] as Day, DAYS[idx[j] ?? 0] as Day];
        runs.push(j - i >= 2 ? `${dayName(a)}–${dayName(b)}` : idx.slice(i, j + 1).map((k) => dayName(DAYS[k] as Day)).join(', '));
        i = j + 1;
      }
      return `${runs.join(', ')} ${h.open}–${h.close}`;
    })
    .join('; ');
}
