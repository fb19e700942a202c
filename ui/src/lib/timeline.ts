/**
 * Pure logic of the resource timeline (rows = venues, hosts or interpreters across every
 * delegation): the window a day or week asks for, the calendar rows and blocks of a
 * {@link ResourceTimeline}, and the {@link MoveBooking} a drag asks for.
 *
 * Invariants: like the itinerary editor, the calendar is fed floating wall-clock times, here
 * of one display zone for the whole office (the workstation's), and the Dates it hands back
 * carry that wall clock in their local fields. A block's id is `item@resource` because an
 * item booking two hosts appears once in each host's row. No I/O, no clock: "today" is a
 * parameter.
 */
import type { Outcome } from './backend';
import type { BookableKind } from './bindings/BookableKind';
import type { Booking } from './bindings/Booking';
import type { MoveBooking } from './bindings/MoveBooking';
import type { MovedBooking } from './bindings/MovedBooking';
import type { ResourceTimeline } from './bindings/ResourceTimeline';
import type { SaveItem } from './bindings/SaveItem';
import type { SavedItem } from './bindings/SavedItem';
import type { TimelineQuery } from './bindings/TimelineQuery';
import { bestText } from './delegations';
import { localToZoned, zonedToLocal } from './datetime';

/** What the timeline needs of the backend (backend.ts, or a fake in tests). */
export interface TimelineApi {
  resourceTimeline: (input: TimelineQuery) => Promise<Outcome<ResourceTimeline>>;
  moveBooking: (input: MoveBooking) => Promise<Outcome<MovedBooking>>;
  saveItem: (input: SaveItem) => Promise<Outcome<SavedItem>>;
}

/** The kinds, in the order the selector shows them. */
export const KINDS: readonly BookableKind[] = ['venue', 'host', 'interpreter'];

/** How much the timeline shows at once. */
export type Span = 'day' | 'week';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return date;
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day shown for `date`: the day itself, or the Monday of its week. */
export function firstDay(date: string, span: Span): string {
  if (span === 'day') return date;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The number of days a span shows. */
export function spanDays(span: Span): number {
  return span === 'day' ? 1 : 7;
}

/**
 * The query for `kind` over the day or week around `date` (`YYYY-MM-DD`), from midnight to
 * midnight in `zone`. Null when the date is not a date.
 */
export function queryFor(kind: BookableKind, date: string, span: Span, zone: string): TimelineQuery | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return null;
  const first = firstDay(date, span);
  const from = localToZoned(`${first}T00:00`, zone);
  const to = localToZoned(`${addDays(first, spanDays(span))}T00:00`, zone);
  return from && to ? { kind, from, to } : null;
}

/** A calendar row. */
export interface Row {
  id: string;
  title: string;
  extendedProps: { detail: string };
}

/** The rows of a timeline, named in the UI language (the detail follows the name). */
export function rowsOf(t: ResourceTimeline, lang: string): Row[] {
  return t.rows.map((r) => ({
    id: r.key,
    title: bestText(r.name, lang) || r.key,
    extendedProps: { detail: bestText(r.detail, lang) },
  }));
}

/** The id of a block: one per item and resource. */
export function blockId(b: Pick<Booking, 'item' | 'resource'>): string {
  return `${b.item}@${b.resource}`;
}

/** A calendar block for one booking. */
export interface Block {
  id: string;
  resourceIds: string[];
  start: string;
  end: string;
  title: string;
  classNames: string[];
  extendedProps: { booking: Booking; delegation: string; label: string };
}

/** What a block says: the delegation, then the item's title (both in the UI language). */
export function labelOf(b: Booking, lang: string): { delegation: string; title: string } {
  return { delegation: bestText(b.delegation_name, lang) || b.delegation, title: bestText(b.title, lang) || b.item };
}

/** The blocks of a timeline, at the wall clock of `zone`, coloured by kind and status. */
export function blocksOf(t: ResourceTimeline, lang: string, zone: string): Block[] {
  return t.bookings.map((b) => {
    const { delegation, title } = labelOf(b, lang);
    const classes = [`kind-${b.kind}`, `status-${b.status}`];
    if (b.mark) classes.push(`mark-${b.mark}`);
    return {
      id: blockId(b),
      resourceIds: [b.resource],
      start: `${zonedToLocal(b.start, zone)}:00`,
      end: `${zonedToLocal(b.end, zone)}:00`,
      title,
      classNames: classes,
      extendedProps: { booking: b, delegation, label: `${delegation} · ${title}` },
    };
  });
}

/** The part of the calendar's drop delta this view can apply. */
export interface Delta {
  years: number;
  months: number;
  days: number;
  seconds: number;
}

/**
 * Whole minutes a drop moved a block by, or null for a shift in months or years (the day
 * and week views never produce one) or one that is not whole minutes.
 */
export function shiftOf(delta: Delta): number | null {
  if (delta.years !== 0 || delta.months !== 0 || delta.seconds % 60 !== 0) return null;
  return delta.days * 1440 + delta.seconds / 60;
}

/**
 * The move a drop of booking `b` onto row `to`, shifted by `shift` minutes, asks for; null
 * when it changes nothing (dropped where it was).
 */
export function moveOf(b: Booking, kind: BookableKind, to: string, shift: number): MoveBooking | null {
  if (to === b.resource && shift === 0) return null;
  const mv: MoveBooking = {
    delegation: b.delegation,
    item: b.item,
    expected_version: b.version,
    kind,
    from: b.resource,
    to,
  };
  if (shift !== 0) mv.shift_minutes = shift;
  return mv;
}

/** Where each item lives and the version a save must quote (for undo and redo). */
export type Versions = Map<string, { delegation: string; version: number }>;

/** The versions of every booked item of a timeline, added to what is already known. */
export function versionsOf(t: ResourceTimeline, known: Versions): Versions {
  const out: Versions = new Map(known);
  for (const b of t.bookings) out.set(b.item, { delegation: b.delegation, version: b.version });
  return out;
}

/** The date (`YYYY-MM-DD`) it is now in `zone`. */
export function todayIn(zone: string, now: number): string {
  return zonedToLocal(new Date(now).toISOString(), zone).slice(0, 10);
}
