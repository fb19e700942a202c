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
 *
 * Speed: the calendar spends about a millisecond per block it draws, so it opens on a day
 * ({@link DEFAULT_SPAN}) and is only given one page of rows ({@link pageOf}, after the
 * scheduler's {@link RowFilter}) and the blocks of those rows, and only the hours that hold
 * a booking or the office day ({@link hoursOf}).
 * Every booking stays reachable: the page and filter only choose which rows are drawn.
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
import { escapeHtml } from './itinerary';

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

/**
 * The span the timeline opens on: one day. The calendar costs about a millisecond or more
 * per block it draws (its own components and inline style per block, then WebKit's layout
 * of them), so a busy week of one page of rows (~500 blocks) takes about a second to paint,
 * a day a seventh of the blocks (both figures: the BENCH lines of
 * tests/e2e/specs/timeline.test.mjs). The week is one click away, as the itinerary opens on
 * a day when a stay is too wide (`initialMode`).
 */
export const DEFAULT_SPAN: Span = 'day';

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

/** Which rows the scheduler asked to see. */
export interface RowFilter {
  /** Words every shown row's key, name (in any language) or detail contains; blank: all. */
  query: string;
  /** Leave out the rows without a booking in the window. */
  bookedOnly: boolean;
}

/** The rows of `t` the filter keeps, in the timeline's order. */
export function filterRows(t: ResourceTimeline, rows: Row[], f: RowFilter): Row[] {
  const words = f.query.toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');
  const booked = f.bookedOnly ? new Set(t.bookings.map((b) => b.resource)) : null;
  // Searched in every language, not only the one shown: a Korean name finds its row in the
  // English UI too.
  const haystacks = new Map(
    t.rows.map((r) => [r.key, [r.key, ...Object.values(r.name), ...Object.values(r.detail)].join('\n').toLocaleLowerCase()]),
  );
  return rows.filter((r) => {
    if (booked && !booked.has(r.id)) return false;
    const hay = haystacks.get(r.id) ?? r.title.toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * How many rows the calendar draws at once: what its 640-pixel grid shows without
 * scrolling, and few enough blocks for the first paint (10 rows of a busy day: ~100; of a
 * busy week: ~500, which still takes about a second to paint on an office PC, issue 5).
 */
export const ROWS_PER_PAGE = 10;

/** One page of rows. `first`/`last` count from 1 (0 and 0 when there is no row). */
export interface Page {
  rows: Row[];
  /** The page shown, from 0, clamped to the pages there are. */
  index: number;
  pages: number;
  first: number;
  last: number;
  total: number;
}

/** Page `index` of `rows` (clamped: a filter that leaves fewer rows shows the last page). */
export function pageOf(rows: Row[], index: number, size: number = ROWS_PER_PAGE): Page {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const at = Math.min(Math.max(0, Math.trunc(index)), pages - 1);
  const shown = rows.slice(at * size, (at + 1) * size);
  return {
    rows: shown,
    index: at,
    pages,
    first: shown.length === 0 ? 0 : at * size + 1,
    last: at * size + shown.length,
    total: rows.length,
  };
}

/** The hours of the day a view shows (`HH:MM`, the end may be `24:00`). */
export interface Hours {
  min: string;
  max: string;
}

/** The office day shown when no booking falls outside it (whole hours). */
export const OFFICE_HOURS = { from: 7, to: 22 } as const;

/**
 * The hours a day or week shows: the office day, widened to whole hours until every block
 * fits; the whole day when a block runs past midnight (a block must never be hidden).
 */
export function hoursOf(blocks: readonly Pick<Block, 'start' | 'end'>[]): Hours {
  let from: number = OFFICE_HOURS.from;
  let to: number = OFFICE_HOURS.to;
  for (const b of blocks) {
    const sameDay = b.start.slice(0, 10) === b.end.slice(0, 10);
    const endsAtMidnight = b.end.slice(11, 16) === '00:00' && b.end.slice(0, 10) === addDays(b.start.slice(0, 10), 1);
    if (!sameDay && !endsAtMidnight) return { min: '00:00', max: '24:00' };
    const start = minutesOf(b.start);
    const end = endsAtMidnight ? 1440 : minutesOf(b.end);
    from = Math.min(from, Math.floor(start / 60));
    to = Math.max(to, Math.ceil(end / 60));
  }
  return { min: `${pad2(from)}:00`, max: `${pad2(to)}:00` };
}

/** Minutes since midnight of a wall-clock `YYYY-MM-DDTHH:MM…`. */
function minutesOf(local: string): number {
  return Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** How many slots of `slotMinutes` a day of `hours` has (for the width of a day column). */
export function slotsPerDay(hours: Hours, slotMinutes: number): number {
  const span = minutesOf(`0000-00-00T${hours.max}`) - minutesOf(`0000-00-00T${hours.min}`);
  return Math.ceil(span / slotMinutes);
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
  /** `html`: the block's inside, built once per load (the calendar asks for it per draw). */
  extendedProps: { booking: Booking; delegation: string; label: string; html: string };
}

/** The translated words a block's accessible name uses (from the UI catalogue). */
export interface BlockWords {
  kind: (kind: Booking['kind']) => string;
  mark: (mark: NonNullable<Booking['mark']>) => string;
}

/** What a block says: the delegation, then the item's title (both in the UI language). */
export function labelOf(b: Booking, lang: string): { delegation: string; title: string } {
  return { delegation: bestText(b.delegation_name, lang) || b.delegation, title: bestText(b.title, lang) || b.item };
}

/**
 * The blocks of a timeline, at the wall clock of `zone`, coloured by kind and status, each
 * with its inside as escaped HTML: delegation and title, a mark for a conflict, and an
 * accessible name saying who, what, when and which conflict.
 */
export function blocksOf(t: ResourceTimeline, lang: string, zone: string, words: BlockWords): Block[] {
  // Bookings of a busy week share a few hundred distinct instants: convert each once.
  const walls = new Map<string, string>();
  const wall = (stamp: string) => {
    let w = walls.get(stamp);
    if (w === undefined) {
      w = zonedToLocal(stamp, zone);
      walls.set(stamp, w);
    }
    return w;
  };
  // And ask the catalogue once per kind and mark, not once per block.
  const kinds = new Map<string, string>();
  const marks = new Map<string, string>();
  const kindWord = (k: Booking['kind']) => kinds.get(k) ?? kinds.set(k, words.kind(k)).get(k) ?? '';
  const markWord = (m: NonNullable<Booking['mark']>) => marks.get(m) ?? marks.set(m, words.mark(m)).get(m) ?? '';
  return t.bookings.map((b) => {
    const { delegation, title } = labelOf(b, lang);
    const label = `${delegation} · ${title}`;
    const start = wall(b.start);
    const end = wall(b.end);
    const classes = [`kind-${b.kind}`, `status-${b.status}`];
    if (b.mark) classes.push(`mark-${b.mark}`);
    const when = `${start.slice(11, 16)}–${end.slice(11, 16)}`;
    const aria = `${label}, ${kindWord(b.kind)}, ${when}${b.mark ? `, ${markWord(b.mark)}` : ''}`;
    const mark = b.mark ? `<span class="mark">${b.mark === 'blocking' ? '⛔' : '⚠'}</span>` : '';
    const html =
      `<div class="block" data-testid="booking-block" data-item="${escapeHtml(b.item)}" data-resource="${escapeHtml(b.resource)}" ` +
      `title="${escapeHtml([label, ...b.problems].join('\n'))}" aria-label="${escapeHtml(aria)}">` +
      `${mark}<span class="who">${escapeHtml(delegation)}</span><span class="what">${escapeHtml(title)}</span></div>`;
    return {
      id: blockId(b),
      resourceIds: [b.resource],
      start: `${start}:00`,
      end: `${end}:00`,
      title,
      classNames: classes,
      extendedProps: { booking: b, delegation, label, html },
    };
  });
}

/** The blocks that belong to the rows shown. */
export function blocksIn(blocks: readonly Block[], rows: readonly Row[]): Block[] {
  const shown = new Set(rows.map((r) => r.id));
  return blocks.filter((b) => b.resourceIds.every((r) => shown.has(r)));
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
