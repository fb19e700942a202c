/**
 * Pure logic of the itinerary editor: the mapping between stored items (RFC 3339 instants
 * with offsets) and calendar blocks (floating wall-clock times in the visit's zone), the
 * 15-minute snap, the lanes (everyone + each sub-group), conflict marks per item, the
 * conflict identity a warning is acknowledged by, and the item form's draft.
 *
 * Invariants: the calendar is fed floating wall-clock times of the delegation's zone (no
 * offset), so what it shows is that zone's clock whatever zone this computer is in; the Dates
 * it hands back carry that wall clock in their local fields ({@link wallOfDate}).
 * Every conversion back to an instant goes through {@link localToZoned} with an explicit zone.
 * No I/O, no clock.
 */
import type { Conflict } from './bindings/Conflict';
import type { ConflictId } from './bindings/ConflictId';
import type { Delegation } from './bindings/Delegation';
import type { DirectoryListing } from './bindings/DirectoryListing';
import type { Host } from './bindings/Host';
import type { Interpreter } from './bindings/Interpreter';
import type { ItemKind } from './bindings/ItemKind';
import type { ItemStatus } from './bindings/ItemStatus';
import type { ItineraryItem } from './bindings/ItineraryItem';
import type { Key } from './bindings/Key';
import type { Lang } from './bindings/Lang';
import type { LocalizedText } from './bindings/LocalizedText';
import type { Participants } from './bindings/Participants';
import type { Site } from './bindings/Site';
import type { Venue } from './bindings/Venue';
import type { InterpreterAssignment } from './bindings/InterpreterAssignment';
import { localToZoned, zonedToLocal } from './datetime';

/** Every item kind, in menu order. */
export const ITEM_KINDS: readonly ItemKind[] = [
  'meeting',
  'facility_tour',
  'ceremony',
  'meal',
  'transfer',
  'lecture',
  'hands_on',
  'observation',
  'video_conference',
  'free_time',
  'internal',
];
/** Every item status, in the order of the office's process. */
export const ITEM_STATUSES: readonly ItemStatus[] = ['tentative', 'confirmed', 'cancelled'];
/** The grid's snap and the smallest block, in minutes. */
export const SNAP_MINUTES = 15;
/** The lane of items the whole delegation attends. */
export const EVERYONE_LANE = '__everyone';

const MINUTE = 60_000;

/** Named sub-groups and members (the non-`everyone` shape of `Participants`). */
export type Selection = { subgroups?: Key[]; members?: Key[] };

/** The selected sub-groups and members, or null for everyone. */
export function selectionOf(p: Participants | undefined): Selection | null {
  if (p === undefined || p === 'everyone') return null;
  return { subgroups: [...(p.subgroups ?? [])], members: [...(p.members ?? [])] };
}

/** Participants from a selection; nothing selected means everyone. */
export function participantsOf(sel: Selection | null): Participants {
  if (sel === null) return 'everyone';
  const subgroups = sel.subgroups ?? [];
  const members = sel.members ?? [];
  if (subgroups.length === 0 && members.length === 0) return 'everyone';
  const out: Selection = {};
  if (subgroups.length) out.subgroups = [...subgroups];
  if (members.length) out.members = [...members];
  return out;
}

/** Rounds a wall-clock time (`YYYY-MM-DDTHH:MM`) to the nearest multiple of `step` minutes. */
export function snapLocal(local: string, step = SNAP_MINUTES): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const snapped = Math.round(t / (step * MINUTE)) * step * MINUTE;
  return new Date(snapped).toISOString().slice(0, 16);
}

/**
 * The wall clock a calendar Date stands for, as `YYYY-MM-DDTHH:MM`. The calendar hands its
 * callbacks "local" Dates whose local fields are the wall clock shown on the grid (its
 * `toLocalDate`), so the local getters are read, never the instant.
 */
export function wallOfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The zone an item happens in: its own, else its venue's site, else the delegation's. */
export function itemZone(item: ItineraryItem, delegationZone: string, directory: Directory): string {
  if (item.timezone) return item.timezone;
  const venue = item.venue ? directory.venues.find((v) => v.key === item.venue) : undefined;
  const site = venue ? directory.sites.find((s) => s.key === venue.site) : undefined;
  return site?.timezone ?? delegationZone;
}

/** The directory split by kind, as the editor uses it. */
export interface Directory {
  /** Sites, for zones. */
  sites: Site[];
  /** Bookable rooms. */
  venues: Venue[];
  /** Staff hosts. */
  hosts: Host[];
  /** Interpreters. */
  interpreters: Interpreter[];
}

/** Splits a directory listing by kind. */
export function directoryOf(listing: DirectoryListing): Directory {
  const d: Directory = { sites: [], venues: [], hosts: [], interpreters: [] };
  for (const { entry } of listing.entries) {
    if (entry.kind === 'site') d.sites.push(entry.value);
    else if (entry.kind === 'venue') d.venues.push(entry.value);
    else if (entry.kind === 'host') d.hosts.push(entry.value);
    else d.interpreters.push(entry.value);
  }
  return d;
}

/** A lane of the grid. */
export interface Lane {
  /** Resource id on the calendar. */
  id: string;
  /** Sub-group key, or null for everyone. */
  subgroup: Key | null;
}

/** The lanes of a delegation: everyone first, then each sub-group in its order. */
export function lanesOf(delegation: Delegation): Lane[] {
  return [{ id: EVERYONE_LANE, subgroup: null }, ...(delegation.subgroups ?? []).map((g) => ({ id: g.key, subgroup: g.key }))];
}

/**
 * The lanes an item is drawn in: its sub-groups (those that still exist), else everyone
 * (an item for named members only is drawn with everyone: it has no lane of its own).
 */
export function lanesOfItem(item: ItineraryItem, lanes: readonly Lane[]): string[] {
  const sel = selectionOf(item.participants);
  const ids = (sel?.subgroups ?? []).filter((g) => lanes.some((l) => l.subgroup === g));
  return ids.length ? ids : [EVERYONE_LANE];
}

/** Participants after a block was dragged from one lane to another. */
export function moveLane(item: ItineraryItem, from: string, to: string): Participants {
  if (to === EVERYONE_LANE) return 'everyone';
  const sel = selectionOf(item.participants) ?? {};
  const kept = (sel.subgroups ?? []).filter((g) => g !== from && g !== to);
  return participantsOf({ subgroups: [...kept, to], members: sel.members ?? [] });
}

/** How bad an item's worst conflict is. */
export type Mark = 'blocking' | 'warning';

/** Item key → worst severity among its unacknowledged conflicts (acknowledged ones do not mark). */
export function marksOf(conflicts: readonly Conflict[]): Map<Key, Mark> {
  const marks = new Map<Key, Mark>();
  for (const c of conflicts) {
    if (c.acknowledged) continue;
    for (const k of c.items) {
      if (c.severity === 'blocking') marks.set(k, 'blocking');
      else if (!marks.has(k)) marks.set(k, 'warning');
    }
  }
  return marks;
}

/** The worse of two marks (blocking over warning over none). */
export function worse(a: Mark | null | undefined, b: Mark | null | undefined): Mark | null {
  if (a === 'blocking' || b === 'blocking') return 'blocking';
  return a ?? b ?? null;
}

/**
 * What changes between the marks drawn and `next`: item key → its new mark (null: none).
 * Keys whose mark stays are left out, so only the blocks that change are touched.
 */
export function markChanges(shown: ReadonlyMap<Key, Mark>, next: ReadonlyMap<Key, Mark>): Map<Key, Mark | null> {
  const out = new Map<Key, Mark | null>();
  for (const [k, m] of next) if (shown.get(k) !== m) out.set(k, m);
  for (const k of shown.keys()) if (!next.has(k)) out.set(k, null);
  return out;
}

/**
 * The marks to draw right after `key` was saved, from the conflicts the save returned (those
 * of the saved item only), before the page's check of the whole delegation answers: the saved
 * item gets exactly the mark of its conflicts; another item named in them gets at least that
 * mark (its conflicts with other items are not in the answer, so a mark is never lowered here).
 * Returns only the changes, as {@link markChanges} does.
 */
export function marksAfterSave(shown: ReadonlyMap<Key, Mark>, key: Key, conflicts: readonly Conflict[]): Map<Key, Mark | null> {
  const fresh = marksOf(conflicts);
  const next = new Map(shown);
  const own = fresh.get(key);
  if (own) next.set(key, own);
  else next.delete(key);
  for (const [k, m] of fresh) if (k !== key) next.set(k, worse(shown.get(k), m) ?? m);
  return markChanges(shown, next);
}

/**
 * Redraws the mark of the drawn blocks whose item is in `changes` (every lane a block is drawn
 * in), straight in the DOM under `root`: the block's HTML is built again by {@link blockHtml}
 * from what the block shows (kind, status, title, time) and the new mark. A mark change thus
 * costs one element per lane instead of the calendar laying out its events again. Returns how
 * many blocks were redrawn.
 */
export function patchMarks(root: ParentNode, changes: ReadonlyMap<Key, Mark | null>, labels: BlockLabels): number {
  if (changes.size === 0) return 0;
  let n = 0;
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('.block[data-item]'))) {
    const key = el.dataset.item ?? '';
    if (!changes.has(key)) continue;
    const mark = changes.get(key) ?? null;
    if ((el.dataset.mark || null) === mark) continue;
    const extendedProps = { kind: el.dataset.kind as ItemKind, status: el.dataset.status as ItemStatus, mark };
    const title = el.querySelector('.title')?.textContent ?? '';
    const timeText = el.querySelector('.when')?.textContent ?? '';
    el.outerHTML = blockHtml({ id: key, title, extendedProps }, timeText, labels, null);
    n++;
  }
  return n;
}

/** The identity the backend recognises a conflict by: items and resources sorted, no repeats. */
export function conflictId(c: Conflict): ConflictId {
  const items = [...new Set(c.items)].sort(cmp);
  const kindOrder = ['venue', 'host', 'interpreter', 'member', 'delegation'];
  const seen = new Set<string>();
  const resources = c.resources
    .filter((r) => {
      const id = `${r.kind}\u0000${r.key}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || cmp(a.key, b.key));
  return { code: c.code, items, resources };
}

/** Byte order, as Rust sorts strings (keys are ASCII). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A calendar block for one item. */
export interface Block {
  /** The item key. */
  id: Key;
  /** Floating wall-clock start in the delegation's zone (`YYYY-MM-DDTHH:MM:00`). */
  start: string;
  /** Floating wall-clock end. */
  end: string;
  /** Lanes (calendar resource ids). */
  resourceIds: string[];
  /** The title shown (best language for the UI). */
  title: string;
  /** CSS classes: kind, status, conflict mark, selection. */
  classNames: string[];
  /** The item and its mark, for the block's content. */
  extendedProps: { kind: ItemKind; status: ItemStatus; mark: Mark | null };
}

/** The title of an item for a reader of `lang`: that language, English, Korean, any. */
export function titleFor(text: LocalizedText, lang: string): string {
  const t = text as Record<string, string | undefined>;
  const pick = (l: string) => (t[l] && t[l]!.trim() !== '' ? t[l] : undefined);
  return pick(lang) ?? pick('en') ?? pick('ko') ?? Object.values(t).find((v) => v && v.trim()) ?? '';
}

/** The block of an item, drawn in the delegation's zone. */
export function blockOf(
  item: ItineraryItem,
  zone: string,
  lanes: readonly Lane[],
  mark: Mark | null,
  uiLang: string,
  selected: boolean,
): Block {
  const classNames = [`kind-${item.kind}`, `status-${item.status}`];
  if (mark) classNames.push(`mark-${mark}`);
  if (selected) classNames.push('selected');
  return {
    id: item.key,
    start: `${zonedToLocal(item.start, zone)}:00`,
    end: `${zonedToLocal(item.end, zone)}:00`,
    resourceIds: lanesOfItem(item, lanes),
    title: titleFor(item.title, uiLang),
    classNames,
    extendedProps: { kind: item.kind, status: item.status, mark },
  };
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The translated words a block shows (from the UI catalogue). */
export interface BlockLabels {
  kind: (kind: ItemKind) => string;
  status: (status: ItemStatus) => string;
  mark: (mark: Mark) => string;
  /** "Proposed" on a ghost block. */
  ghost: string;
}

/**
 * The inside of a block as HTML: the conflict mark first (on a short block the last lines
 * are cut off), the proposal tick on a ghost, kind and status, title, time. Built as one
 * string rather than a component per block: a 300-item itinerary draws 300 of them at once,
 * and a string costs the calendar one `innerHTML` where a component costs a tree of effects.
 */
export function blockHtml(
  b: { id: string; title: string; extendedProps: Block['extendedProps'] },
  timeText: string,
  labels: BlockLabels,
  ghost: { key: string; chosen: boolean } | null,
): string {
  const p = b.extendedProps;
  const kind = labels.kind(p.kind);
  const markText = p.mark ? labels.mark(p.mark) : '';
  const aria = `${kind}: ${b.title}, ${timeText}${p.mark ? `, ${markText}` : ''}`;
  const status = p.status !== 'confirmed' ? ` · ${labels.status(p.status)}` : '';
  let html =
    `<div class="block" data-testid="item-block" data-item="${escapeHtml(b.id)}" data-kind="${p.kind}" ` +
    `data-status="${p.status}" data-mark="${p.mark ?? ''}" aria-label="${escapeHtml(aria)}">`;
  if (p.mark) html += `<span class="mark" data-testid="item-mark">${p.mark === 'blocking' ? '⛔' : '⚠'} ${escapeHtml(markText)}</span>`;
  if (ghost) {
    html += `<span class="ghost-mark" data-testid="ghost-block" data-chosen="${ghost.chosen}">${ghost.chosen ? '☑' : '☐'} ${escapeHtml(labels.ghost)}</span>`;
  }
  html += `<span class="kind">${escapeHtml(kind + status)}</span>`;
  html += `<span class="title">${escapeHtml(b.title)}</span>`;
  html += `<span class="when">${escapeHtml(timeText)}</span></div>`;
  return html;
}

/**
 * An instant written in the offset `zone` has then (the backend keeps the offset as the
 * item's local time). Returns null for an unreadable timestamp.
 */
export function inZone(timestamp: string, zone: string): string | null {
  const local = zonedToLocal(timestamp, zone);
  return local ? localToZoned(local, zone) : null;
}

/**
 * The item after its block was moved or resized to new wall-clock times (in the
 * delegation's zone), snapped to {@link SNAP_MINUTES} and written in the item's own zone.
 * Null when the result would not be a positive span.
 */
export function retimed(item: ItineraryItem, startWall: string, endWall: string, delegationZone: string, ownZone: string): ItineraryItem | null {
  const s = localToZoned(snapLocal(startWall), delegationZone);
  const e = localToZoned(snapLocal(endWall), delegationZone);
  if (!s || !e || Date.parse(e) <= Date.parse(s)) return null;
  const start = inZone(s, ownZone);
  const end = inZone(e, ownZone);
  if (!start || !end) return null;
  return { ...item, start, end };
}

/** The stay as whole days in the visit's zone: first day and number of days (at least 1). */
export function stayDays(delegation: Delegation): { first: string; days: number } {
  const a = zonedToLocal(delegation.arrival, delegation.timezone).slice(0, 10);
  const d = zonedToLocal(delegation.departure, delegation.timezone).slice(0, 10);
  const days = Math.round((Date.parse(`${d}T00:00Z`) - Date.parse(`${a}T00:00Z`)) / (24 * 60 * MINUTE)) + 1;
  return { first: a, days: Number.isFinite(days) && days > 0 ? days : 1 };
}

/**
 * The most day × lane columns the whole stay is drawn side by side by default. Beyond it a
 * column is narrower than a block's title on an office screen (a 5-day course in four tracks
 * would be 25 columns of ~50 px), so such an itinerary opens one day at a time — with every
 * lane — and the whole stay stays one click away.
 */
export const MAX_STAY_COLUMNS = 12;

/** The view an itinerary opens in: the whole stay, unless it has too many columns to read. */
export function initialMode(days: number, lanes: number): 'stay' | 'day' {
  return days * Math.max(1, lanes) > MAX_STAY_COLUMNS ? 'day' : 'stay';
}

/** A key for a new item, unique among `taken`: kind, date and time (`meeting-20260310-0930`). */
export function newItemKey(kind: ItemKind, startWall: string, taken: ReadonlySet<Key>): Key {
  const base = `${kind.replace(/_/g, '-')}-${startWall.slice(0, 10).replace(/-/g, '')}-${startWall.slice(11, 16).replace(':', '')}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The item form's state: plain strings and lists, times as wall clock in the form's zone. */
export interface ItemDraft {
  /** Key (fixed once created). */
  key: Key;
  /** Kind. */
  kind: ItemKind;
  /** Title per language (ko, en, the guest language). */
  title: Partial<Record<Lang, string>>;
  /** Guest notes per language. */
  guestNotes: Partial<Record<Lang, string>>;
  /** Staff-only notes. */
  internalNotes: string;
  /** Start, `YYYY-MM-DDTHH:MM` in `zone`. */
  start: string;
  /** End, `YYYY-MM-DDTHH:MM` in `zone`. */
  end: string;
  /** Venue key, '' for off-site. */
  venue: Key;
  /** Off-site place per language. */
  location: Partial<Record<Lang, string>>;
  /** Host keys. */
  hosts: Key[];
  /** Everyone, or a selection. */
  everyone: boolean;
  /** Selected sub-groups. */
  subgroups: Key[];
  /** Selected members. */
  members: Key[];
  /** Interpreter bookings. */
  interpreters: InterpreterAssignment[];
  /** Status. */
  status: ItemStatus;
}

function texts(t: LocalizedText | undefined): Partial<Record<Lang, string>> {
  return { ...(t ?? {}) } as Partial<Record<Lang, string>>;
}

/** The draft of an existing item, times in `zone`. */
export function draftOfItem(item: ItineraryItem, zone: string): ItemDraft {
  const sel = selectionOf(item.participants);
  return {
    key: item.key,
    kind: item.kind,
    title: texts(item.title),
    guestNotes: texts(item.guest_notes),
    internalNotes: item.internal_notes ?? '',
    start: zonedToLocal(item.start, zone),
    end: zonedToLocal(item.end, zone),
    venue: item.venue ?? '',
    location: texts(item.location),
    hosts: [...(item.hosts ?? [])],
    everyone: sel === null,
    subgroups: [...(sel?.subgroups ?? [])],
    members: [...(sel?.members ?? [])],
    interpreters: (item.interpreters ?? []).map((a) => ({ ...a })),
    status: item.status,
  };
}

/** A fresh draft for a new item between two wall-clock times, in a lane. */
export function newDraft(kind: ItemKind, start: string, end: string, lane: string, taken: ReadonlySet<Key>): ItemDraft {
  return {
    key: newItemKey(kind, start, taken),
    kind,
    title: {},
    guestNotes: {},
    internalNotes: '',
    start: snapLocal(start),
    end: snapLocal(end),
    venue: '',
    location: {},
    hosts: [],
    everyone: lane === EVERYONE_LANE,
    subgroups: lane === EVERYONE_LANE ? [] : [lane],
    members: [],
    interpreters: [],
    status: 'tentative',
  };
}

/** What is wrong with a draft: the field and a message id (with values). */
export interface ItemProblem {
  /** The form field (its `data-testid` suffix). */
  field: 'key' | 'title' | 'start' | 'end' | 'participants' | 'interpreters';
  /** Message id in the catalogues. */
  message: string;
}

function cleanTexts(t: Partial<Record<Lang, string>>): LocalizedText | undefined {
  const out: Record<string, string> = {};
  for (const [l, v] of Object.entries(t)) if (v && v.trim() !== '') out[l] = v.trim();
  return Object.keys(out).length ? (out as LocalizedText) : undefined;
}

/**
 * The item a draft describes, times converted from `zone`; or the first problem, naming the
 * field. `base` keeps fields the form does not edit (the item's own zone, overnight, extras).
 */
export function applyItemDraft(
  draft: ItemDraft,
  zone: string,
  base?: ItineraryItem,
): { ok: true; value: ItineraryItem } | { ok: false; problem: ItemProblem } {
  if (!/^[a-z0-9._-]+$/.test(draft.key)) return { ok: false, problem: { field: 'key', message: 'item.problem.key' } };
  const title = cleanTexts(draft.title);
  if (!title) return { ok: false, problem: { field: 'title', message: 'item.problem.title' } };
  const start = localToZoned(draft.start, zone);
  if (!start) return { ok: false, problem: { field: 'start', message: 'item.problem.start' } };
  const end = localToZoned(draft.end, zone);
  if (!end) return { ok: false, problem: { field: 'end', message: 'item.problem.end' } };
  if (Date.parse(end) <= Date.parse(start)) return { ok: false, problem: { field: 'end', message: 'item.problem.order' } };
  if (!draft.everyone && draft.subgroups.length === 0 && draft.members.length === 0)
    return { ok: false, problem: { field: 'participants', message: 'item.problem.participants' } };
  if (draft.interpreters.some((a) => !a.interpreter || !/^[a-z]{2}-[a-z]{2}$/.test(a.pair)))
    return { ok: false, problem: { field: 'interpreters', message: 'item.problem.interpreters' } };
  const item: ItineraryItem = {
    ...(base ?? {}),
    key: draft.key,
    kind: draft.kind,
    title,
    start,
    end,
    status: draft.status,
    participants: draft.everyone ? 'everyone' : participantsOf({ subgroups: draft.subgroups, members: draft.members }),
  };
  const optional: Partial<ItineraryItem> = {
    guest_notes: cleanTexts(draft.guestNotes),
    internal_notes: draft.internalNotes.trim() || undefined,
    venue: draft.venue || undefined,
    location: draft.venue ? undefined : cleanTexts(draft.location),
    hosts: draft.hosts.length ? [...draft.hosts] : undefined,
    interpreters: draft.interpreters.length ? draft.interpreters.map((a) => ({ ...a })) : undefined,
  };
  for (const [k, v] of Object.entries(optional) as [keyof ItineraryItem, unknown][]) {
    if (v === undefined) delete (item as Record<string, unknown>)[k];
    else (item as Record<string, unknown>)[k] = v;
  }
  return { ok: true, value: item };
}
