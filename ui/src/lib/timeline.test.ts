import { describe, expect, it } from 'vitest';
import type { Booking } from './bindings/Booking';
import type { ResourceTimeline } from './bindings/ResourceTimeline';
import { addDays, blockId, blocksOf, firstDay, moveOf, queryFor, rowsOf, shiftOf, todayIn, versionsOf } from './timeline';

const mou: Booking = {
  resource: 'annex-5f-conference',
  item: 'samarkand-mou',
  version: 3,
  delegation: 'samarkand-2026-12',
  delegation_name: { ko: '사마르칸트 방문단', uz: 'Samarqand delegatsiyasi', en: 'Samarkand delegation' },
  kind: 'ceremony',
  status: 'confirmed',
  start: '2026-12-10T02:00:00Z',
  end: '2026-12-10T02:45:00Z',
  title: { ko: 'MOU 체결식', en: 'MOU signing' },
  mark: 'blocking',
  problems: ['Annex 5F is double-booked'],
};

const timeline: ResourceTimeline = {
  kind: 'venue',
  rows: [
    { key: 'annex-5f-conference', name: { ko: '별관 5층 국제회의실', en: 'Annex 5F International Conference Room' }, detail: { ko: '별관', en: 'Annex' } },
    { key: 'rehab-centre', name: { ko: '재활센터' }, detail: {} },
  ],
  bookings: [mou],
};

describe('the window a day or week asks for', () => {
  it('starts a week on Monday and runs midnight to midnight in the zone', () => {
    expect(firstDay('2026-12-10', 'week'), '10 December 2026 is a Thursday').toBe('2026-12-07');
    expect(firstDay('2026-12-07', 'week'), 'a Monday starts its own week').toBe('2026-12-07');
    expect(firstDay('2026-12-13', 'week'), 'a Sunday belongs to the week before').toBe('2026-12-07');
    expect(queryFor('host', '2026-12-10', 'week', 'Asia/Seoul')).toEqual({
      kind: 'host',
      from: '2026-12-07T00:00:00+09:00',
      to: '2026-12-14T00:00:00+09:00',
    });
    expect(queryFor('venue', '2026-12-10', 'day', 'Asia/Seoul')).toEqual({
      kind: 'venue',
      from: '2026-12-10T00:00:00+09:00',
      to: '2026-12-11T00:00:00+09:00',
    });
  });

  it('keeps the wall clock across a DST change and refuses a non-date', () => {
    const q = queryFor('venue', '2027-03-10', 'week', 'Europe/Moscow');
    expect(q?.from).toBe('2027-03-08T00:00:00+03:00');
    const ny = queryFor('venue', '2027-03-14', 'day', 'America/New_York');
    expect(ny, 'the day clocks spring forward').toEqual({ kind: 'venue', from: '2027-03-14T00:00:00-05:00', to: '2027-03-15T00:00:00-04:00' });
    expect(queryFor('venue', '', 'day', 'Asia/Seoul'), 'an empty date picker asks nothing').toBeNull();
    expect(queryFor('venue', '2026-13-45', 'day', 'Asia/Seoul')).toBeNull();
  });

  it('steps days across month and year ends', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(todayIn('Asia/Seoul', Date.parse('2026-12-09T16:30:00Z')), 'already the 10th in Seoul').toBe('2026-12-10');
  });
});

describe('rows and blocks', () => {
  it('names rows in the UI language with their detail, falling back to Korean', () => {
    expect(rowsOf(timeline, 'en').map((r) => [r.id, r.title, r.extendedProps.detail])).toEqual([
      ['annex-5f-conference', 'Annex 5F International Conference Room', 'Annex'],
      ['rehab-centre', '재활센터', ''],
    ]);
  });

  it('places a block at the wall clock of the display zone, labelled delegation + title', () => {
    const [b] = blocksOf(timeline, 'ko', 'Asia/Seoul');
    expect(b).toMatchObject({
      id: 'samarkand-mou@annex-5f-conference',
      resourceIds: ['annex-5f-conference'],
      start: '2026-12-10T11:00:00',
      end: '2026-12-10T11:45:00',
      title: 'MOU 체결식',
      classNames: ['kind-ceremony', 'status-confirmed', 'mark-blocking'],
    });
    expect(b?.extendedProps.label).toBe('사마르칸트 방문단 · MOU 체결식');
    const [utc] = blocksOf(timeline, 'en', 'UTC');
    expect(utc?.start, 'another display zone, another wall clock').toBe('2026-12-10T02:00:00');
    expect(utc?.extendedProps.label).toBe('Samarkand delegation · MOU signing');
  });

  it('gives one block per item and resource', () => {
    const twoHosts: ResourceTimeline = {
      kind: 'host',
      rows: [],
      bookings: [{ ...mou, resource: 'director-kim' }, { ...mou, resource: 'vice-park' }],
    };
    const ids = blocksOf(twoHosts, 'en', 'Asia/Seoul').map((b) => b.id);
    expect(new Set(ids).size, 'ids are unique even for one item in two rows').toBe(2);
    expect(blockId({ item: 'a', resource: 'b' })).toBe('a@b');
  });
});

describe('what a drop asks for', () => {
  it('reassigns to the row dropped on, quoting the version shown', () => {
    expect(moveOf(mou, 'venue', 'rehab-centre', 0)).toEqual({
      delegation: 'samarkand-2026-12',
      item: 'samarkand-mou',
      expected_version: 3,
      kind: 'venue',
      from: 'annex-5f-conference',
      to: 'rehab-centre',
    });
  });

  it('moves in time along the same row, and a drop in place asks nothing', () => {
    expect(moveOf(mou, 'venue', 'annex-5f-conference', 30)?.shift_minutes).toBe(30);
    expect(moveOf(mou, 'venue', 'annex-5f-conference', 0)).toBeNull();
  });

  it('reads the calendar delta in minutes, refusing months', () => {
    expect(shiftOf({ years: 0, months: 0, days: 1, seconds: -1800 })).toBe(1410);
    expect(shiftOf({ years: 0, months: 0, days: 0, seconds: 0 })).toBe(0);
    expect(shiftOf({ years: 0, months: 1, days: 0, seconds: 0 })).toBeNull();
    expect(shiftOf({ years: 0, months: 0, days: 0, seconds: 30 })).toBeNull();
  });

  it('remembers where each item lives and its latest version', () => {
    const known = new Map([['moved-away', { delegation: 'choray-2026-12', version: 7 }]]);
    const v = versionsOf(timeline, known);
    expect(v.get('samarkand-mou')).toEqual({ delegation: 'samarkand-2026-12', version: 3 });
    expect(v.get('moved-away'), 'an item moved out of the window is still known for undo').toEqual({ delegation: 'choray-2026-12', version: 7 });
    expect(known.has('samarkand-mou'), 'the old map is not changed').toBe(false);
  });
});
