/**
 * Wall-clock times in a visit's IANA zone, as the forms show them, and the RFC 3339
 * timestamps with offset the backend stores (`2026-03-10T09:30:00+09:00`).
 *
 * A `<input type="datetime-local">` value (`2026-03-10T09:30`) means "09:30 where the visit
 * happens", never "09:30 on this computer": the scheduler may sit in Seoul while planning a
 * visit in Hanoi. All conversions go through `Intl` with an explicit `timeZone`.
 */

const MINUTE = 60_000;

/**
 * One formatter per zone: building an `Intl.DateTimeFormat` costs far more than using one
 * (in WebKit most of a millisecond), and a 300-item itinerary converts 600 times per draw.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, fmt);
  }
  return fmt;
}

const peopleFormatters = new Map<string, Intl.DateTimeFormat>();

/** The "medium date, short time" formatter of a UI locale in a zone, built once. */
function peopleFormatter(uiLocale: string, zone: string): Intl.DateTimeFormat {
  const key = `${uiLocale}\u0000${zone}`;
  let fmt = peopleFormatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(uiLocale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
    peopleFormatters.set(key, fmt);
  }
  return fmt;
}

function wallClockParts(zone: string, instant: number): Record<string, number> {
  const fmt = formatterFor(zone);
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts;
}

/** The zone's offset from UTC, in minutes, at the given instant (ms since the epoch). */
export function zoneOffsetMinutes(zone: string, instant: number): number {
  const p = wallClockParts(zone, instant);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * `2026-03-10T09:30` in `Asia/Seoul` → `2026-03-10T09:30:00+09:00`. Returns null for a
 * malformed value. A wall time skipped by a DST jump keeps the offset before the jump, so it
 * lands after the gap (02:30 in a 02:00→03:00 gap is the instant shown as 03:30).
 */
export function localToZoned(local: string, zone: string): string | null {
  const m = LOCAL_RE.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at "wall time read as UTC" is a first guess; re-check at the real instant so
  // times next to a DST change get the offset in force then.
  let offset = zoneOffsetMinutes(zone, wallAsUtc);
  const second = zoneOffsetMinutes(zone, wallAsUtc - offset * MINUTE);
  if (second !== offset) offset = second;
  return `${local}:00${formatOffset(offset)}`;
}

/**
 * An RFC 3339 timestamp shown as wall-clock time in `zone`, in the form a datetime-local
 * input takes (`2026-03-10T09:30`). Empty for an unreadable timestamp.
 */
export function zonedToLocal(timestamp: string, zone: string): string {
  const instant = Date.parse(timestamp);
  if (Number.isNaN(instant)) return '';
  const p = wallClockParts(zone, instant);
  return `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 0)}-${pad(p.day ?? 0)}T${pad(p.hour ?? 0)}:${pad(p.minute ?? 0)}`;
}

/**
 * A wall-clock time where the visit happens (`2026-12-08T09:30` in `fromZone`) as the same
 * instant on another clock (`toZone`, e.g. the scheduler's own), as `YYYY-MM-DDTHH:MM`.
 * Empty for a malformed value.
 */
export function wallInZone(local: string, fromZone: string, toZone: string): string {
  const stamp = localToZoned(local, fromZone);
  return stamp ? zonedToLocal(stamp, toZone) : '';
}

/** The zone of this computer's clock (the scheduler's own). */
export function workstationZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A timestamp for people: the date and time where the visit happens, in the UI language. */
export function formatInZone(timestamp: string, zone: string, uiLocale: string): string {
  const instant = Date.parse(timestamp);
  if (Number.isNaN(instant)) return '';
  return peopleFormatter(uiLocale, zone).format(new Date(instant));
}

/**
 * A timestamp for people, at the offset it was written with (the visit's local time when it
 * was stored), for lists that carry no zone. Empty for an unreadable timestamp.
 */
export function formatAsWritten(timestamp: string, uiLocale: string): string {
  const instant = Date.parse(timestamp);
  const m = /(?:([+-])(\d{2}):?(\d{2})|Z)$/i.exec(timestamp);
  if (Number.isNaN(instant) || !m) return '';
  const offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return peopleFormatter(uiLocale, 'UTC').format(new Date(instant + offset * MINUTE));
}
