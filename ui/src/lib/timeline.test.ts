import { describe, expect, it } from 'vitest';
import type { Booking } from './bindings/Booking';
import type { ResourceTimeline } from './bindings/ResourceTimeline';
import {
  ROWS_PER_PAGE,
  addDays,
  blockId,
  blocksIn,
  blocksOf,
  filterRows,
  firstDay,
  hoursOf,
  moveOf,
  pageOf,
  queryFor,
  rowsOf,
  shiftOf,
  slotsPerDay,
  todayIn,
  versionsOf,
  type BlockWords,
} from './timeline';

const words: BlockWords = { kind: (k) => `kind:${k}`, mark: (m) => `mark:${m}` };

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
    const [b] = blocksOf(timeline, 'ko', 'Asia/Seoul', words);
    expect(b).toMatchObject({
      id: 'samarkand-mou@annex-5f-conference',
      resourceIds: ['annex-5f-conference'],
      start: '2026-12-10T11:00:00',
      end: '2026-12-10T11:45:00',
      title: 'MOU 체결식',
      classNames: ['kind-ceremony', 'status-confirmed', 'mark-blocking'],
    });
    expect(b?.extendedProps.label).toBe('사마르칸트 방문단 · MOU 체결식');
    const [utc] = blocksOf(timeline, 'en', 'UTC', words);
    expect(utc?.start, 'another display zone, another wall clock').toBe('2026-12-10T02:00:00');
    expect(utc?.extendedProps.label).toBe('Samarkand delegation · MOU signing');
  });

  it('builds the inside of a block once, escaped, naming who, what, when and the conflict', () => {
    const hostile: Booking = { ...mou, title: { en: '<img src=x onerror=alert(1)>' }, problems: ['"quoted" & <b>bold</b>'] };
    const [b] = blocksOf({ ...timeline, bookings: [hostile] }, 'en', 'Asia/Seoul', words);
    const html = b?.extendedProps.html ?? '';
    expect(html, 'no markup from the data gets through').not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('aria-label="Samarkand delegation · &lt;img src=x onerror=alert(1)&gt;, kind:ceremony, 11:00–11:45, mark:blocking"');
    expect(html).toContain('data-item="samarkand-mou" data-resource="annex-5f-conference"');
    expect(html, 'a blocking conflict is marked, not only coloured').toContain('⛔');
    const [calm] = blocksOf({ ...timeline, bookings: [{ ...mou, mark: undefined }] }, 'en', 'Asia/Seoul', words);
    expect(calm?.extendedProps.html).not.toContain('class="mark"');
    expect(calm?.classNames).toEqual(['kind-ceremony', 'status-confirmed']);
  });

  it('gives one block per item and resource', () => {
    const twoHosts: ResourceTimeline = {
      kind: 'host',
      rows: [],
      bookings: [{ ...mou, resource: 'director-kim' }, { ...mou, resource: 'vice-park' }],
    };
    const ids = blocksOf(twoHosts, 'en', 'Asia/Seoul', words).map((b) => b.id);
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

/** A directory of `n` venues `hall-01`…, the first `booked` of them with one booking each. */
function halls(n: number, booked: number): ResourceTimeline {
  const pad = (i: number) => String(i).padStart(2, '0');
  return {
    kind: 'venue',
    rows: Array.from({ length: n }, (_, i) => ({
      key: `hall-${pad(i + 1)}`,
      name: { ko: `강당 ${i + 1}`, en: `Hall ${i + 1}` },
      detail: { ko: i % 2 ? '별관' : '본관', en: i % 2 ? 'Annex' : 'Main building' },
    })),
    bookings: Array.from({ length: booked }, (_, i) => ({ ...mou, item: `talk-${i}`, resource: `hall-${pad(i + 1)}` })),
  };
}

describe('which rows are drawn', () => {
  it('searches keys, names in every language and details; all words must match', () => {
    const t = halls(12, 0);
    const rows = rowsOf(t, 'en');
    const ids = (query: string) => filterRows(t, rows, { query, bookedOnly: false }).map((r) => r.id);
    expect(ids('hall 1'), 'both words, anywhere').toEqual(['hall-01', 'hall-10', 'hall-11', 'hall-12']);
    expect(ids('강당 2'), 'the Korean name finds the row in the English UI').toEqual(['hall-02', 'hall-12']);
    expect(ids('ANNEX hall 1'), 'case does not matter; the detail counts').toEqual(['hall-10', 'hall-12']);
    expect(ids('hall-07')).toEqual(['hall-07']);
    expect(ids('  '), 'a blank search keeps every row').toHaveLength(12);
    expect(ids('rehab'), 'nothing matches').toEqual([]);
  });

  it('leaves out rows without a booking in the window when asked', () => {
    const t = halls(5, 2);
    const rows = rowsOf(t, 'ko');
    expect(filterRows(t, rows, { query: '', bookedOnly: true }).map((r) => r.id)).toEqual(['hall-01', 'hall-02']);
    expect(filterRows(t, rows, { query: '2', bookedOnly: true }).map((r) => r.id)).toEqual(['hall-02']);
  });

  it('pages the rows, every row on exactly one page, and clamps a page past the end', () => {
    const rows = rowsOf(halls(41, 0), 'en');
    const count = Math.ceil(41 / ROWS_PER_PAGE);
    const pages = Array.from({ length: count }, (_, i) => pageOf(rows, i));
    expect(pages.map((p) => [p.first, p.last, p.total, p.pages])).toEqual(
      pages.map((_, i) => [i * ROWS_PER_PAGE + 1, Math.min(41, (i + 1) * ROWS_PER_PAGE), 41, count]),
    );
    expect(pages.at(-1)?.last, 'the last page ends on the last row').toBe(41);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id)), 'no row lost or doubled').toEqual(rows.map((r) => r.id));
    expect(pageOf(rows, count + 4).index, 'a filter that left fewer rows shows the last page').toBe(count - 1);
    expect(pageOf(rows, -3).index).toBe(0);
    expect(pageOf([], 0)).toMatchObject({ rows: [], index: 0, pages: 1, first: 0, last: 0, total: 0 });
  });

  it('gives the calendar only the blocks of the rows drawn', () => {
    const t = halls(20, 20);
    const rows = rowsOf(t, 'en');
    const blocks = blocksOf(t, 'en', 'Asia/Seoul', words);
    const first = blocksIn(blocks, pageOf(rows, 0).rows);
    const second = blocksIn(blocks, pageOf(rows, 1).rows);
    expect(first.map((b) => b.resourceIds[0])).toEqual(rows.slice(0, ROWS_PER_PAGE).map((r) => r.id));
    expect(first.length + second.length, 'every block is on one page').toBe(20);
  });
});

describe('the hours a view shows', () => {
  const at = (start: string, end: string) => ({ start: `2027-03-10T${start}:00`, end: `2027-03-10T${end}:00` });

  it('shows the office day when every block fits in it', () => {
    expect(hoursOf([])).toEqual({ min: '07:00', max: '22:00' });
    expect(hoursOf([at('09:00', '09:50'), at('18:00', '18:50')])).toEqual({ min: '07:00', max: '22:00' });
    expect(slotsPerDay({ min: '07:00', max: '22:00' }, 60), 'fifteen one-hour columns').toBe(15);
    expect(slotsPerDay({ min: '07:00', max: '22:00' }, 30)).toBe(30);
  });

  it('widens to whole hours until every block is seen', () => {
    expect(hoursOf([at('06:45', '07:30'), at('21:30', '22:10')]), 'an early breakfast and a late dinner').toEqual({ min: '06:00', max: '23:00' });
    expect(hoursOf([{ start: '2027-03-10T23:00:00', end: '2027-03-11T00:00:00' }]), 'ending at midnight').toEqual({ min: '07:00', max: '24:00' });
    expect(slotsPerDay({ min: '07:00', max: '24:00' }, 60)).toBe(17);
  });

  it('shows the whole day for a block across midnight', () => {
    expect(hoursOf([at('09:00', '10:00'), { start: '2027-03-10T23:30:00', end: '2027-03-11T01:00:00' }])).toEqual({ min: '00:00', max: '24:00' });
  });
});
