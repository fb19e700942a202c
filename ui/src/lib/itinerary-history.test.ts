import { describe, expect, it } from 'vitest';
import type { ItineraryItem } from './bindings/ItineraryItem';
import { HISTORY_LIMIT, afterRedo, afterUndo, emptyHistory, record, redoStep, shortcut, undoStep } from './itinerary-history';

const tour = (start: string): ItineraryItem => ({
  key: 'tour-cancer-centre',
  kind: 'facility_tour',
  title: { ko: '암센터 견학', ru: 'Экскурсия по онкоцентру' },
  start,
  end: start.replace('T09', 'T10'),
  status: 'confirmed',
});

describe('itinerary history', () => {
  it('undoes a move by saving the item as it was, and redoes it', () => {
    const a = tour('2026-03-10T09:00:00+09:00');
    const b = tour('2026-03-10T09:30:00+09:00');
    let h = record(emptyHistory(), { before: a, after: b });
    expect(undoStep(h)).toEqual({ op: 'save', item: a, create: false });
    h = afterUndo(h);
    expect(undoStep(h), 'nothing left to undo').toBeNull();
    expect(redoStep(h)).toEqual({ op: 'save', item: b, create: false });
    h = afterRedo(h);
    expect(redoStep(h)).toBeNull();
    expect(undoStep(h)?.op).toBe('save');
  });

  it('undoes a creation by deleting and a deletion by re-creating', () => {
    const a = tour('2026-03-10T09:00:00+09:00');
    const created = record(emptyHistory(), { before: null, after: a });
    expect(undoStep(created)).toEqual({ op: 'delete', item: a });
    const deleted = record(emptyHistory(), { before: a, after: null });
    expect(undoStep(deleted)).toEqual({ op: 'save', item: a, create: true });
  });

  it('keeps the stack as it was when the store refuses the undo', () => {
    // A refused undo means the caller does not call afterUndo: the same step is offered again.
    const h = record(emptyHistory(), { before: tour('2026-03-10T09:00:00+09:00'), after: tour('2026-03-10T09:15:00+09:00') });
    const first = undoStep(h);
    expect(undoStep(h)).toEqual(first);
    expect(h.done).toHaveLength(1);
    expect(h.undone).toHaveLength(0);
  });

  it('drops the redo branch on a new edit and keeps at most HISTORY_LIMIT edits', () => {
    const a = tour('2026-03-10T09:00:00+09:00');
    let h = afterUndo(record(emptyHistory(), { before: a, after: a }));
    h = record(h, { before: null, after: a });
    expect(h.undone, 'a new edit forgets what was undone').toHaveLength(0);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = record(h, { before: a, after: a });
    expect(h.done).toHaveLength(HISTORY_LIMIT);
  });

  it('reads Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    const k = (key: string, shiftKey = false, ctrlKey = true) => shortcut({ key, ctrlKey, metaKey: false, shiftKey, altKey: false });
    expect(k('z')).toBe('undo');
    expect(k('Z', true), 'Shift makes the key upper case').toBe('redo');
    expect(k('y')).toBe('redo');
    expect(k('z', false, false), 'a plain z types a letter').toBeNull();
  });
});
