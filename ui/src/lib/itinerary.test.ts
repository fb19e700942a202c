import { describe, expect, it } from 'vitest';
import type { Conflict } from './bindings/Conflict';
import type { Delegation } from './bindings/Delegation';
import type { ItineraryItem } from './bindings/ItineraryItem';
import {
  EVERYONE_LANE,
  applyItemDraft,
  blockHtml,
  blockOf,
  conflictId,
  draftOfItem,
  initialMode,
  itemZone,
  lanesOf,
  lanesOfItem,
  markChanges,
  marksAfterSave,
  marksOf,
  moveLane,
  newDraft,
  newItemKey,
  patchMarks,
  retimed,
  selectionOf,
  snapLocal,
  stayDays,
  wallOfDate,
  worse,
  type Directory,
} from './itinerary';

// Chợ Rẫy visits Seoul; one session is held at a partner site in Tashkent (+05:00).
const choray: Delegation = {
  key: 'choray-2026-03',
  name: { ko: '쩌라이 병원 방문단', vi: 'Đoàn Bệnh viện Chợ Rẫy' },
  languages: ['vi', 'en'],
  timezone: 'Asia/Seoul',
  arrival: '2026-03-09T22:40:00+09:00',
  departure: '2026-03-12T10:05:00+09:00',
  status: 'planned',
  subgroups: [
    { key: 'surgeons', name: { en: 'Surgeons' }, members: ['nguyen-truong-son'] },
    { key: 'nurses', name: { en: 'Nurses' }, members: ['tran-thi-mai'] },
  ],
};

const directory: Directory = {
  sites: [
    { key: 'main', name: { ko: '본원' }, timezone: 'Asia/Seoul' },
    { key: 'tashkent-partner', name: { uz: 'Toshkent' }, timezone: 'Asia/Tashkent' },
  ],
  venues: [
    { key: 'annex-5f', site: 'main', name: { ko: '별관 5층 회의실' }, capacity: 20 },
    { key: 'tashkent-hall', site: 'tashkent-partner', name: { uz: 'Majlislar zali' }, capacity: 80 },
  ],
  hosts: [],
  interpreters: [],
};

const meeting: ItineraryItem = {
  key: 'meeting-director',
  kind: 'meeting',
  title: { ko: '병원장 면담', en: 'Meeting with the Director', vi: 'Gặp Giám đốc' },
  start: '2026-03-10T09:30:00+09:00',
  end: '2026-03-10T10:30:00+09:00',
  venue: 'annex-5f',
  participants: { subgroups: ['surgeons'] } as unknown as ItineraryItem['participants'],
  status: 'confirmed',
};

describe('grid geometry', () => {
  it('snaps wall-clock times to 15 minutes, across midnight', () => {
    // Invariant: every time the editor writes lies on the 15-minute grid.
    expect(snapLocal('2026-03-10T09:37')).toBe('2026-03-10T09:30');
    expect(snapLocal('2026-03-10T09:38')).toBe('2026-03-10T09:45');
    expect(snapLocal('2026-03-10T23:53'), 'rounding may carry into the next day').toBe('2026-03-11T00:00');
  });

  it('reads a calendar date by its local fields (the calendar hands back local wall-clock Dates)', () => {
    expect(wallOfDate(new Date(2026, 2, 10, 14, 15))).toBe('2026-03-10T14:15');
  });

  it('spans the stay in whole days of the visit zone', () => {
    // Invariant: the late-evening arrival day is shown, so is the departure day.
    expect(stayDays(choray)).toEqual({ first: '2026-03-09', days: 4 });
  });
});

describe('item ↔ block mapping with time zones', () => {
  it('draws an item at its wall-clock time in the delegation zone', () => {
    const b = blockOf(meeting, 'Asia/Seoul', lanesOf(choray), 'warning', 'en', false);
    expect(b.start).toBe('2026-03-10T09:30:00');
    expect(b.end).toBe('2026-03-10T10:30:00');
    expect(b.title).toBe('Meeting with the Director');
    expect(b.resourceIds, 'a surgeons-only item sits in the surgeons lane').toEqual(['surgeons']);
    expect(b.classNames).toEqual(['kind-meeting', 'status-confirmed', 'mark-warning']);
  });

  it('writes the block as HTML with every text escaped and the mark first', () => {
    const labels = { kind: (k: string) => `K:${k}`, status: (st: string) => `S:${st}`, mark: (m: string) => `M:${m}`, ghost: 'G' };
    const b = { id: 'a"b', title: 'Tour <b>&</b> "lunch"', extendedProps: { kind: 'meal' as const, status: 'tentative' as const, mark: 'blocking' as const } };
    const html = blockHtml(b, '12:00 – 13:00', labels, null);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const el = doc.querySelector('[data-testid="item-block"]');
    expect(el?.getAttribute('data-item')).toBe('a"b');
    expect(el?.getAttribute('aria-label')).toBe('K:meal: Tour <b>&</b> "lunch", 12:00 – 13:00, M:blocking');
    expect(doc.querySelector('b'), 'a title never becomes markup').toBeNull();
    expect([...(el?.children ?? [])].map((c) => c.textContent)).toEqual(['⛔ M:blocking', 'K:meal · S:tentative', 'Tour <b>&</b> "lunch"', '12:00 – 13:00']);
    const ghost = new DOMParser().parseFromString(blockHtml({ ...b, extendedProps: { ...b.extendedProps, mark: null } }, 't', labels, { key: 'x', chosen: true }), 'text/html');
    expect(ghost.querySelector('[data-testid="ghost-block"]')?.textContent).toBe('☑ G');
    expect(ghost.querySelector('[data-testid="item-mark"]')).toBeNull();
  });

  it('draws an item stored with another offset at the delegation-zone time', () => {
    const tashkent = { ...meeting, start: '2026-03-10T05:30:00+05:00', end: '2026-03-10T06:30:00+05:00' };
    // 05:30 in Tashkent is 09:30 in Seoul: same instant, same place on the grid.
    expect(blockOf(tashkent, 'Asia/Seoul', lanesOf(choray), null, 'ko', false).start).toBe('2026-03-10T09:30:00');
  });

  it('writes a moved block back in the item’s own zone, keeping the instant', () => {
    const atTashkent = { ...meeting, venue: 'tashkent-hall' };
    const zone = itemZone(atTashkent, 'Asia/Seoul', directory);
    expect(zone, 'the venue’s site decides the zone').toBe('Asia/Tashkent');
    const moved = retimed(atTashkent, '2026-03-10T14:07', '2026-03-10T15:07', 'Asia/Seoul', zone);
    // 14:00 Seoul (snapped) = 10:00 Tashkent; the offset stored is Tashkent's.
    expect(moved?.start).toBe('2026-03-10T10:00:00+05:00');
    expect(moved?.end).toBe('2026-03-10T11:00:00+05:00');
    expect(Date.parse(moved!.start)).toBe(Date.parse('2026-03-10T14:00:00+09:00'));
  });

  it('refuses a resize that leaves no time', () => {
    expect(retimed(meeting, '2026-03-10T09:30', '2026-03-10T09:33', 'Asia/Seoul', 'Asia/Seoul')).toBeNull();
  });

  it('maps lanes: everyone first, members-only items with everyone, moves rewrite participants', () => {
    const lanes = lanesOf(choray);
    expect(lanes.map((l) => l.id)).toEqual([EVERYONE_LANE, 'surgeons', 'nurses']);
    const named = { ...meeting, participants: { members: ['nguyen-truong-son'] } as unknown as ItineraryItem['participants'] };
    expect(lanesOfItem(named, lanes)).toEqual([EVERYONE_LANE]);
    expect(moveLane(meeting, 'surgeons', 'nurses')).toEqual({ subgroups: ['nurses'] });
    expect(moveLane(meeting, 'surgeons', EVERYONE_LANE)).toBe('everyone');
    expect(selectionOf('everyone'), 'everyone has no selection').toBeNull();
  });
});

const clash = (severity: 'blocking' | 'warning', items: string[], acknowledged = false): Conflict => ({
  code: severity === 'blocking' ? 'host_double_booked' : 'travel_time_short',
  severity,
  items,
  delegations: ['choray-2026-03'],
  resources: [
    { kind: 'member', key: 'nguyen-truong-son' },
    { kind: 'host', key: 'director-kim' },
    { kind: 'host', key: 'director-kim' },
  ],
  start: '2026-03-10T09:30:00+09:00',
  end: '2026-03-10T10:00:00+09:00',
  message: 'clash',
  ...(acknowledged ? { acknowledged: { reason: 'ok', by: 'Kim', at: '2026-03-01T09:00:00+09:00' } } : {}),
} as Conflict);

describe('conflict marks', () => {
  it('marks each item with its worst unacknowledged conflict', () => {
    const marks = marksOf([clash('warning', ['a', 'b']), clash('blocking', ['b', 'c']), clash('warning', ['d'], true)]);
    expect(marks.get('a')).toBe('warning');
    expect(marks.get('b'), 'blocking beats warning whatever the order').toBe('blocking');
    expect(marks.get('c')).toBe('blocking');
    expect(marks.has('d'), 'an accepted warning no longer marks its block').toBe(false);
  });

  it('lists only the marks that change, including marks that went away', () => {
    const shown = new Map([
      ['a', 'warning' as const],
      ['b', 'blocking' as const],
      ['c', 'warning' as const],
    ]);
    const next = new Map([
      ['a', 'blocking' as const],
      ['c', 'warning' as const],
      ['d', 'warning' as const],
    ]);
    expect([...markChanges(shown, next)]).toEqual([
      ['a', 'blocking'],
      ['d', 'warning'],
      ['b', null],
    ]);
    expect(worse('warning', null)).toBe('warning');
    expect(worse(undefined, 'blocking')).toBe('blocking');
    expect(worse(null, undefined)).toBeNull();
  });

  it('marks after a save from the saved item’s conflicts, never lowering another item’s mark', () => {
    // Before: the moved item 'm' clashed (warning) with 'x'; 'y' is blocking for other reasons.
    const shown = new Map([
      ['m', 'warning' as const],
      ['x', 'warning' as const],
      ['y', 'blocking' as const],
    ]);
    // After the save: 'm' now double-books the members of 'y' (blocking) and warns with 'z'.
    const changes = marksAfterSave(shown, 'm', [clash('blocking', ['m', 'y']), clash('warning', ['m', 'z']), clash('blocking', ['m', 'q'], true)]);
    expect(changes.get('m'), 'the saved item gets exactly its worst conflict').toBe('blocking');
    expect(changes.get('z'), 'an item it now clashes with is marked at once').toBe('warning');
    expect(changes.has('y'), 'an unchanged mark is left alone').toBe(false);
    expect(changes.has('x'), 'another item keeps its mark until the full check says otherwise').toBe(false);
    expect(changes.has('q'), 'an accepted conflict marks nothing').toBe(false);
    // Moved somewhere free: its own mark goes at once.
    expect([...marksAfterSave(shown, 'm', [])]).toEqual([['m', null]]);
  });

  it('patches the marks of drawn blocks in every lane, keeping what they show', () => {
    const labels = { kind: (k: string) => `K:${k}`, status: (st: string) => `S:${st}`, mark: (m: string) => `M:${m}`, ghost: 'G' };
    const props = (mark: 'blocking' | 'warning' | null) => ({ kind: 'lecture' as const, status: 'confirmed' as const, mark });
    const root = document.createElement('div');
    // The same item drawn in two lanes, and another item.
    root.innerHTML =
      `<article class="ec-event"><div class="ec-event-body">${blockHtml({ id: 's-1', title: 'Suturing', extendedProps: props(null) }, '09:00 – 10:00', labels, null)}</div></article>` +
      `<article class="ec-event"><div class="ec-event-body">${blockHtml({ id: 's-1', title: 'Suturing', extendedProps: props(null) }, '09:00 – 10:00', labels, null)}</div></article>` +
      `<article class="ec-event"><div class="ec-event-body">${blockHtml({ id: 's-2', title: 'Imaging', extendedProps: props('warning') }, '11:00 – 12:00', labels, null)}</div></article>`;
    const n = patchMarks(root, new Map([['s-1', 'blocking' as const], ['s-2', null]]), labels);
    expect(n, 'two lanes of s-1 and one block of s-2').toBe(3);
    const blocks = [...root.querySelectorAll<HTMLElement>('[data-testid="item-block"]')];
    expect(blocks.map((b) => [b.dataset.item, b.dataset.mark])).toEqual([
      ['s-1', 'blocking'],
      ['s-1', 'blocking'],
      ['s-2', ''],
    ]);
    // The patched block is exactly what the calendar would draw with the new mark.
    expect(blocks[0]!.outerHTML).toBe(blockHtml({ id: 's-1', title: 'Suturing', extendedProps: props('blocking') }, '09:00 – 10:00', labels, null));
    expect(blocks[2]!.querySelector('[data-testid="item-mark"]'), 'the mark glyph goes with the mark').toBeNull();
    expect(blocks[2]!.getAttribute('aria-label')).toBe('K:lecture: Imaging, 11:00 – 12:00');
    expect(patchMarks(root, new Map([['s-1', 'blocking' as const]]), labels), 'a block already showing the mark is not touched').toBe(0);
  });

  it('identifies a conflict as the backend does: sorted, without repeats', () => {
    const id = conflictId(clash('warning', ['z-lunch', 'a-tour', 'z-lunch']));
    expect(id.items).toEqual(['a-tour', 'z-lunch']);
    // ResourceKind order is venue, host, interpreter, member, delegation (Rust derive(Ord)).
    expect(id.resources).toEqual([
      { kind: 'host', key: 'director-kim' },
      { kind: 'member', key: 'nguyen-truong-son' },
    ]);
  });
});

describe('item form draft', () => {
  it('round-trips an item through the form unchanged', () => {
    const d = draftOfItem(meeting, 'Asia/Seoul');
    expect(d.start).toBe('2026-03-10T09:30');
    const back = applyItemDraft(d, 'Asia/Seoul', meeting);
    expect(back).toEqual({ ok: true, value: meeting });
  });

  it('names the field at fault', () => {
    const d = draftOfItem(meeting, 'Asia/Seoul');
    const noTitle = applyItemDraft({ ...d, title: { ko: '  ' } }, 'Asia/Seoul');
    expect(noTitle.ok ? null : noTitle.problem.field).toBe('title');
    const backwards = applyItemDraft({ ...d, end: '2026-03-10T09:00' }, 'Asia/Seoul');
    expect(backwards.ok ? null : backwards.problem.field).toBe('end');
    const nobody = applyItemDraft({ ...d, everyone: false, subgroups: [], members: [] }, 'Asia/Seoul');
    expect(nobody.ok ? null : nobody.problem.field).toBe('participants');
    const badPair = applyItemDraft({ ...d, interpreters: [{ interpreter: 'hakimov', pair: 'ko' }] }, 'Asia/Seoul');
    expect(badPair.ok ? null : badPair.problem.field).toBe('interpreters');
  });

  it('drops the off-site place when a venue is chosen and keeps Uzbek text as typed', () => {
    const d = { ...draftOfItem(meeting, 'Asia/Seoul'), title: { uz: 'Hakimov Begʻali bilan uchrashuv' }, location: { ko: '식당' } };
    const r = applyItemDraft(d, 'Asia/Seoul');
    expect(r.ok && r.value.location).toBeUndefined();
    expect(r.ok && r.value.title.uz).toBe('Hakimov Begʻali bilan uchrashuv');
  });

  it('prefills a new item from a dragged range and a lane, with a unique key', () => {
    const taken = new Set(['meal-20260310-1200']);
    expect(newItemKey('meal', '2026-03-10T12:00', taken)).toBe('meal-20260310-1200-2');
    const d = newDraft('meal', '2026-03-10T12:05', '2026-03-10T13:10', 'nurses', taken);
    expect([d.start, d.end]).toEqual(['2026-03-10T12:00', '2026-03-10T13:15']);
    expect([d.everyone, d.subgroups]).toEqual([false, ['nurses']]);
    expect(d.status, 'a new item starts as a hold').toBe('tentative');
  });
});

describe('the view an itinerary opens in', () => {
  it('draws the whole stay side by side unless it has more columns than a screen can read', () => {
    expect(initialMode(2, 3), 'a two-day visit with two sub-groups: 6 columns').toBe('stay');
    expect(initialMode(12, 1), 'a 12-day rotation without sub-groups: 12 columns').toBe('stay');
    expect(initialMode(5, 5), 'a 5-day course in four tracks: 25 columns').toBe('day');
    expect(initialMode(13, 1)).toBe('day');
    expect(initialMode(1, 0), 'no lanes counts as one').toBe('stay');
  });
});
