/**
 * Undo / redo of itinerary edits as a pure command stack. An edit is recorded as the item
 * before and after (null before = created, null after = deleted); undoing applies `before`,
 * redoing applies `after`.
 *
 * Invariant: the stack moves only when the store accepted the change. {@link undoStep} and
 * {@link redoStep} only say what to apply; the caller applies it and then calls
 * {@link afterUndo} / {@link afterRedo}. A refused undo (conflict, stale) leaves the stack
 * exactly as it was, so the scheduler can fix the cause and try again. Recording a new edit
 * discards the redo branch, as every editor does.
 *
 * Accepting proposed items ("Propose programme") is one edit however many items it saved:
 * an {@link Edit} with `accepted` set; undoing it deletes all of them, redoing accepts them
 * again.
 */
import type { ItineraryItem } from './bindings/ItineraryItem';

/** One edit of one item. */
export interface Edit {
  /** The item before the edit; null when the edit created it. */
  before: ItineraryItem | null;
  /** The item after the edit; null when the edit deleted it. */
  after: ItineraryItem | null;
  /** Items accepted together from a proposal (then `before` and `after` are null). */
  accepted?: readonly ItineraryItem[];
}

/** The one edit of accepting proposed items (saved by the store as a whole). */
export function acceptedEdit(items: readonly ItineraryItem[]): Edit {
  return { before: null, after: null, accepted: [...items] };
}

/** The stack: edits done (oldest first) and edits undone (most recently undone last). */
export interface History {
  /** Edits that can be undone, oldest first. */
  readonly done: readonly Edit[];
  /** Edits that can be redone, the next to redo last. */
  readonly undone: readonly Edit[];
}

/** Most edits kept; older ones are forgotten (an itinerary session rarely needs more). */
export const HISTORY_LIMIT = 200;

/** An empty history. */
export function emptyHistory(): History {
  return { done: [], undone: [] };
}

/** The history after a new edit was saved: it is undoable, the redo branch is gone. */
export function record(h: History, edit: Edit): History {
  const done = [...h.done, edit];
  return { done: done.slice(Math.max(0, done.length - HISTORY_LIMIT)), undone: [] };
}

/** What applying an edit's side means for the store. */
export type Step =
  | { op: 'save'; item: ItineraryItem; create: boolean }
  | { op: 'delete'; item: ItineraryItem }
  /** Undo of an acceptance: delete every accepted item. */
  | { op: 'deleteMany'; items: readonly ItineraryItem[] }
  /** Redo of an acceptance: accept the same items again (all or nothing). */
  | { op: 'acceptMany'; items: readonly ItineraryItem[] };

function step(from: ItineraryItem | null, to: ItineraryItem | null): Step | null {
  if (to) return { op: 'save', item: to, create: from === null };
  if (from) return { op: 'delete', item: from };
  return null;
}

/** What undoing the last edit asks of the store, or null when there is nothing to undo. */
export function undoStep(h: History): Step | null {
  const last = h.done[h.done.length - 1];
  if (last?.accepted) return { op: 'deleteMany', items: last.accepted };
  return last ? step(last.after, last.before) : null;
}

/** What redoing asks of the store, or null when there is nothing to redo. */
export function redoStep(h: History): Step | null {
  const next = h.undone[h.undone.length - 1];
  if (next?.accepted) return { op: 'acceptMany', items: next.accepted };
  return next ? step(next.before, next.after) : null;
}

/** The history once the store accepted the undo step. */
export function afterUndo(h: History): History {
  const last = h.done[h.done.length - 1];
  if (!last) return h;
  return { done: h.done.slice(0, -1), undone: [...h.undone, last] };
}

/** The history once the store accepted the redo step. */
export function afterRedo(h: History): History {
  const next = h.undone[h.undone.length - 1];
  if (!next) return h;
  return { done: [...h.done, next], undone: h.undone.slice(0, -1) };
}

/** Whether Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) was pressed: 'undo', 'redo' or null. */
export function shortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}
