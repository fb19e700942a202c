/**
 * Pure logic of "Propose programme": a proposal shown on the itinerary grid as ghost blocks
 * the scheduler picks from, and what "Accept selected" / "Accept all" / "Discard" do.
 *
 * Invariants: ghost blocks never share an id with stored items (ids are prefixed
 * {@link GHOST_PREFIX}), are never draggable, and carry the `ghost` class (dashed and
 * translucent) plus `ghost-off` when not chosen; accepting sends only the chosen items, in
 * the proposal's order; an accepted or discarded proposal leaves nothing on the grid.
 * No I/O, no clock.
 */
import type { ItineraryItem } from './bindings/ItineraryItem';
import type { Outcome } from './bindings/Outcome';
import type { Proposal } from './bindings/Proposal';
import { blockOf, type Block, type Lane } from './itinerary';

/** Prefix of the calendar id of a ghost block (never a valid item key: keys have no colon). */
export const GHOST_PREFIX = 'ghost:';

/** Budgets offered next to "Propose programme", in milliseconds (the first is the default). */
export const BUDGETS_MS: readonly number[] = [2_000, 10_000, 30_000, 120_000];

/** A proposal on screen: its items and which of them are chosen. */
export interface Shown {
  /** The delegation it is for. */
  delegation: string;
  /** The proposed items, by start. */
  items: readonly ItineraryItem[];
  /** Keys of the chosen items. */
  chosen: ReadonlySet<string>;
  /** Whether the solver may still improve it (a first proposal during a run). */
  improving: boolean;
  /** Cost and whether proven optimal, for the summary line. */
  objective: number;
  optimal: boolean;
}

/** A proposal to show, every item chosen (the usual case is to accept all). */
export function show(delegation: string, p: Proposal, improving: boolean): Shown {
  return {
    delegation,
    items: p.items,
    chosen: new Set(p.items.map((i) => i.key)),
    improving,
    objective: p.objective,
    optimal: p.optimal,
  };
}

/**
 * The final answer of a run replacing what is shown: the choice the scheduler already made
 * on the first proposal is kept for the items that are still proposed (a key is a request).
 */
export function improved(current: Shown | null, delegation: string, p: Proposal): Shown {
  const next = show(delegation, p, false);
  if (!current || current.delegation !== delegation) return next;
  const previously = new Set(current.items.map((i) => i.key));
  const chosen = new Set(p.items.filter((i) => !previously.has(i.key) || current.chosen.has(i.key)).map((i) => i.key));
  return { ...next, chosen };
}

/**
 * The summary line of a finished run (an i18n key and its values): proven optimal, or at
 * most how far above the best possible the cost can lie when the solver knows a bound.
 */
export function summaryLine(p: Proposal): { key: string; values: Record<string, number> } {
  const values = { count: p.items.length, ms: p.total_ms, first: p.first_ms };
  if (p.optimal) return { key: 'requests.proposedOptimal', values };
  if (p.within_percent !== null) return { key: 'requests.proposedWithin', values: { ...values, percent: p.within_percent } };
  return { key: 'requests.proposed', values };
}

/** The shown proposal with one item chosen or not. */
export function toggle(s: Shown, key: string): Shown {
  const chosen = new Set(s.chosen);
  if (chosen.has(key)) chosen.delete(key);
  else chosen.add(key);
  return { ...s, chosen };
}

/** The items "Accept selected" sends: the chosen ones, in the proposal's order. */
export function chosenItems(s: Shown): ItineraryItem[] {
  return s.items.filter((i) => s.chosen.has(i.key));
}

/** A ghost block: a block the calendar must not let anyone drag or resize. */
export type GhostBlock = Block & { editable: false; startEditable: false; durationEditable: false };

/** The ghost blocks of a shown proposal. */
export function ghostBlocks(s: Shown | null, zone: string, lanes: readonly Lane[], uiLang: string): GhostBlock[] {
  if (!s) return [];
  return s.items.map((item) => {
    const b = blockOf(item, zone, lanes, null, uiLang, false);
    const classNames = [...b.classNames, 'ghost'];
    if (!s.chosen.has(item.key)) classNames.push('ghost-off');
    return { ...b, id: GHOST_PREFIX + item.key, classNames, editable: false, startEditable: false, durationEditable: false };
  });
}

/** The item key of a ghost block id, or null for a stored item's block. */
export function ghostKey(blockId: string): string | null {
  return blockId.startsWith(GHOST_PREFIX) ? blockId.slice(GHOST_PREFIX.length) : null;
}

/** The outcome of a run as what the page shows: a proposal on the grid, or the reasons. */
export function outcomeView(
  delegation: string,
  current: Shown | null,
  o: Outcome,
  korean = false,
): { shown: Shown | null; infeasible: { summary: string; requirements: string[]; minimal: boolean } | null } {
  if (o.outcome === 'proposal') return { shown: improved(current, delegation, o), infeasible: null };
  // The reasons come worded in both languages: the window shows its own.
  const summary = korean ? o.summary_ko : o.summary;
  const requirements = o.requirements.map((r) => (korean ? r.text_ko : r.text));
  return { shown: null, infeasible: { summary, requirements, minimal: o.minimal } };
}
