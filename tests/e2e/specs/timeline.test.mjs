// The resource timeline in the real window (issue 5, point 4): a database with 2,000 venue
// bookings of 40 delegations in one week (40 halls, each busy ten hours a day Tuesday to
// Saturday, plus one spare room) is opened in Resources → Timeline.
// - BENCH, two figures (target ≤ 500 ms; printed, not asserted: this machine is shared and
//   noisy), each from a click until the blocks of the rows drawn (the first page: the spare
//   room and halls 1–9) are in the DOM, and until the frame after that is painted, measured
//   in the page with performance.now(), median of five runs (after one untimed draw):
//   1. the day view, which the timeline opens on: "›" from the empty Monday to the busy
//      Tuesday (400 of the week's bookings that day, 90 of them on the first page);
//   2. the week view, one click away: "Week" from that Tuesday (2,000 bookings, 450 drawn).
//   Also printed: the IPC of the week's 2,000 bookings alone, and paging to the next rows.
//   Every one of the 2,000 bookings is drawn on one of the pages.
// - A block dragged (WebDriver pointer actions) to the spare room's row is reassigned: the
//   CLI's export shows the new venue; a confirmed block dragged onto a busy hall snaps back
//   with the conflict's message; Ctrl+Z undoes the reassignment (the export shows the old
//   venue again). Screenshots: artifacts/e2e/49-timeline-day.png, 5x-timeline-*.png.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, dragBy, importPlan, itinera, launch, makeSandbox, screenshot, setControl } from '../lib/app.mjs';

const HALLS = 40;
const DAYS = ['2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13'];
const HOURS = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
const BOOKINGS = HALLS * DAYS.length * HOURS.length;
/** Rows the timeline draws at once (ROWS_PER_PAGE in ui/src/lib/timeline.ts). */
const PAGE = 10;
/** Halls per page of rows: the spare room sorts first, so page 1 holds halls 1–9. */
const PAGE_HALLS = Array.from({ length: Math.ceil((HALLS + 1) / PAGE) }, (_, p) =>
  Math.min(HALLS + 1, (p + 1) * PAGE) - p * PAGE - (p === 0 ? 1 : 0),
);
const WEEK_BLOCKS = PAGE_HALLS.map((h) => h * DAYS.length * HOURS.length);
const DAY_BLOCKS = PAGE_HALLS[0] * HOURS.length;
const KINDS = ['meeting', 'facility_tour', 'lecture', 'meal', 'hands_on', 'observation'];
const pad = (n) => String(n).padStart(2, '0');

/** The Monday of the week: nobody is booked that day. */
const EMPTY_DAY = '2027-03-08';

/** 40 delegations, each holding its own hall every hour of the week: no conflicts at all. */
function busyWeekPlan() {
  const site = { key: 'main', name: { ko: '본원', en: 'Main Hospital' }, timezone: 'Asia/Seoul' };
  const venues = [{ key: 'annex-spare', site: 'main', name: { ko: '별관 예비실', en: 'Annex spare room' }, capacity: 30 }];
  const delegations = [];
  for (let h = 1; h <= HALLS; h++) {
    const hall = `hall-${pad(h)}`;
    venues.push({ key: hall, site: 'main', name: { ko: `강당 ${h}`, en: `Hall ${h}` }, capacity: 30 });
    const key = `visit-${pad(h)}`;
    const member = `${key}-head`;
    const items = [];
    DAYS.forEach((day, d) =>
      HOURS.forEach((hour, i) =>
        items.push({
          key: `${key}-d${d}-h${pad(hour)}`,
          kind: KINDS[(h + d + i) % KINDS.length],
          title: { ko: `프로그램 ${d + 1}-${i + 1}`, en: `Session ${d + 1}-${i + 1}` },
          start: `${day}T${pad(hour)}:00:00+09:00`,
          end: `${day}T${pad(hour)}:50:00+09:00`,
          venue: hall,
          // Tentative except the first hour of each day, so both refusal paths exist.
          status: i === 0 ? 'confirmed' : 'tentative',
        }),
      ),
    );
    delegations.push({
      key,
      name: { ko: `방문단 ${h}`, en: `Delegation ${h}` },
      organisation: { ko: `병원 ${h}`, en: `Hospital ${h}` },
      languages: ['ko'],
      timezone: 'Asia/Seoul',
      arrival: '2027-03-08T20:00:00+09:00',
      departure: '2027-03-14T12:00:00+09:00',
      status: 'confirmed',
      members: [{ key: member, native_name: `대표 ${h}`, romanized_name: `Head ${h}`, precedence: 1, languages: ['ko'] }],
      items,
    });
  }
  return { format: 'itinera-plan', version: 1, sites: [site], venues, delegations };
}

/** Timed runs of each figure (their median is printed). */
const RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Clicks `testid` and resolves with `[ms until exactly n blocks are in the DOM and the
 * selector `view` matches (the view, or its day's header), ms until the frame after that is
 * painted]` (`[-blocks shown]` after 30 s).
 */
async function timeClick(b, testid, n, view) {
  return b.executeAsync(
    (id, want, cls, done) => {
      const t0 = performance.now();
      document.querySelector(`[data-testid="${id}"]`).click();
      const poll = () => {
        const shown = document.querySelectorAll('.ec-event').length;
        if (shown === want && document.querySelector(cls)) {
          const drawn = performance.now() - t0;
          // Two frames: the first runs the calendar's layout pass, the second is painted.
          requestAnimationFrame(() => requestAnimationFrame(() => done([drawn, performance.now() - t0])));
        } else if (performance.now() - t0 > 30_000) done([-shown]);
        else requestAnimationFrame(poll);
      };
      poll();
    },
    testid,
    n,
    view,
  );
}

/** The ms of `resource_timeline` for `q` through IPC alone (median of three). */
async function timeIpc(b, q) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    runs.push(
      await b.executeAsync((input, done) => {
        const t0 = performance.now();
        window.__TAURI_INTERNALS__.invoke('resource_timeline', { input }).then(
          (t) => done(t.bookings.length === 0 ? -1 : performance.now() - t0),
          () => done(-1),
        );
      }, q),
    );
  }
  return median(runs);
}

const fmt = (runs) => runs.map(Math.round).join(', ');

const venueOf = (sandbox, delegation, item) => {
  const plan = JSON.parse(itinera(sandbox, ['export']));
  return plan.delegations.find((d) => d.key === delegation).items.find((i) => i.key === item).venue;
};

const blockEl = (b, item) => b.$(`[data-testid="booking-block"][data-item="${item}"]`).parentElement();

/** The vertical distance from a block to the middle of a row's label. */
async function toRow(b, el, row) {
  const from = await b.execute((e) => e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2, el);
  const to = await b.execute(
    (r) => {
      const box = document.querySelector(`[data-testid="timeline-row-${r}"]`).getBoundingClientRect();
      return box.top + box.height / 2;
    },
    row,
  );
  return Math.round(to - from);
}

test('2,000 bookings on the resource timeline: draw time, reassign by drag, refusal, undo', async () => {
  const sandbox = makeSandbox('timeline');
  importPlan(sandbox, busyWeekPlan(), 'busy-week.json');
  const app = await launch(sandbox);
  try {
    const b = app.browser;
    await byTestId(b, 'section-resources').waitForDisplayed({ timeout: 30_000 });
    await byTestId(b, 'section-resources').click();
    await byTestId(b, 'resource-timeline').waitForDisplayed({ timeout: 10_000 });
    assert.equal(await byTestId(b, 'timeline-span-day').getAttribute('aria-pressed'), 'true', 'the timeline opens on a day');
    // Not timed: the first blocks of the session (the window's first draw of the calendar's
    // blocks and their fonts costs seconds more, once).
    await setControl(b, 'timeline-date', DAYS[1]);
    await b.waitUntil(async () => (await b.$$('.ec-event')).length === DAY_BLOCKS, {
      timeout: 20_000,
      timeoutMsg: 'the busy Wednesday did not show one block per hall and hour of the first rows',
    });

    const dayDrawn = [];
    const dayPainted = [];
    const drawn = [];
    const painted = [];
    for (let i = 0; i < RUNS; i++) {
      // The day view of the empty Monday: every row, no block.
      await setControl(b, 'timeline-date', EMPTY_DAY);
      await b.waitUntil(
        async () =>
          (await b.$$(`.ec-day-view time[datetime^="${EMPTY_DAY}"]`)).length > 0 &&
          (await b.$$('.ec-event')).length === 0 &&
          (await byTestId(b, 'timeline-row-hall-01').isExisting()),
        { timeout: 20_000, timeoutMsg: 'the empty Monday is not shown in the day view' },
      );
      const [dayMs, dayPaint] = await timeClick(b, 'timeline-next', DAY_BLOCKS, `.ec-day-view time[datetime^="${DAYS[0]}"]`);
      assert.ok(dayMs >= 0, `the ${DAY_BLOCKS} blocks of the busy Tuesday's first rows are drawn (only ${-dayMs} were after 30 s)`);
      dayDrawn.push(dayMs);
      dayPainted.push(dayPaint);
      assert.equal(await byTestId(b, 'timeline-date').getValue(), DAYS[0], '"›" goes to the next day');
      if (i === RUNS - 1) await screenshot(b, '49-timeline-day');

      const [ms, paint] = await timeClick(b, 'timeline-span-week', WEEK_BLOCKS[0], '.ec-week-view');
      assert.ok(ms >= 0, `the ${WEEK_BLOCKS[0]} blocks of the first rows are drawn (only ${-ms} were after 30 s)`);
      drawn.push(ms);
      painted.push(paint);
      if (i < RUNS - 1) {
        await byTestId(b, 'timeline-span-day').click();
        await b.waitUntil(async () => (await b.$$('.ec-day-view .ec-event')).length === DAY_BLOCKS, { timeout: 20_000 });
      }
    }
    const ipc = await timeIpc(b, { kind: 'venue', from: '2027-03-08T00:00:00+09:00', to: '2027-03-15T00:00:00+09:00' });
    console.log(
      `BENCH timeline ${BOOKINGS} bookings, DAY view (the default; a busy day of the week, rows 1–${PAGE} of ${HALLS + 1}: ${DAY_BLOCKS} blocks): ` +
        `${Math.round(median(dayDrawn))} ms in the DOM, ${Math.round(median(dayPainted))} ms painted ` +
        `(runs: ${fmt(dayDrawn)} / ${fmt(dayPainted)} ms)`,
    );
    console.log(
      `BENCH timeline ${BOOKINGS} bookings, WEEK view (one click away; rows 1–${PAGE} of ${HALLS + 1}: ${WEEK_BLOCKS[0]} blocks): ` +
        `${Math.round(median(drawn))} ms in the DOM, ${Math.round(median(painted))} ms painted ` +
        `(runs: ${fmt(drawn)} / ${fmt(painted)} ms; IPC alone ${Math.round(ipc)} ms)`,
    );
    assert.match(await byTestId(b, 'timeline-count').getText(), /2,?000/, 'the count says 2,000 bookings');
    assert.equal(await byTestId(b, 'timeline-rows').getText(), `Rows 1–${PAGE} of ${HALLS + 1}`, 'the pager says which rows are drawn');
    await screenshot(b, '50-timeline-week');

    // Every booking is on one page of rows: the pages' blocks add up to the 2,000.
    const pages = [];
    for (let p = 1; p < WEEK_BLOCKS.length; p++) {
      const [ms, paint] = await timeClick(b, 'timeline-rows-next', WEEK_BLOCKS[p], '.ec-week-view');
      assert.ok(ms >= 0, `page ${p + 1} of the rows draws its ${WEEK_BLOCKS[p]} blocks (only ${-ms} after 30 s)`);
      pages.push(paint);
    }
    assert.equal(WEEK_BLOCKS.reduce((a, n) => a + n, 0), BOOKINGS, 'the pages together show every booking');
    assert.equal(await byTestId(b, 'timeline-rows-next').isEnabled(), false, 'the last page has no next');
    console.log(`BENCH timeline next rows: ${fmt(pages)} ms painted (${WEEK_BLOCKS.slice(1).join(', ')} blocks)`);
    for (let p = 1; p < WEEK_BLOCKS.length; p++) await byTestId(b, 'timeline-rows-previous').click();
    await b.waitUntil(async () => (await b.$$('.ec-event')).length === WEEK_BLOCKS[0], {
      timeout: 20_000,
      timeoutMsg: 'back on the first rows, their blocks are drawn again',
    });

    // A tentative Wednesday 11:00 session of hall 1 to the spare room: saved.
    const moved = 'visit-01-d1-h11';
    const el = await blockEl(b, moved);
    await dragBy(b, el, 0, await toRow(b, el, 'annex-spare'));
    await b.waitUntil(async () => venueOf(sandbox, 'visit-01', moved) === 'annex-spare', {
      timeout: 15_000,
      timeoutMsg: `the drag did not reassign ${moved}: ${await byTestId(b, 'timeline-notice').getText().catch(() => 'no notice')}`,
    });
    await b.waitUntil(async () => (await b.$(`[data-testid="booking-block"][data-item="${moved}"]`).getAttribute('data-resource')) === 'annex-spare', {
      timeout: 10_000,
      timeoutMsg: 'the block is not drawn in the spare room row after the reload',
    });
    await screenshot(b, '51-timeline-reassigned');

    // The confirmed Wednesday 09:00 session of hall 3 onto hall 2, busy then: refused.
    const refused = 'visit-03-d1-h09';
    const other = await blockEl(b, refused);
    await dragBy(b, other, 0, await toRow(b, other, 'hall-02'));
    const notice = await byTestId(b, 'timeline-notice');
    await notice.waitForDisplayed({ timeout: 10_000 });
    assert.match(await notice.getText(), /double-booked/, 'the refusal names the conflict');
    assert.equal(venueOf(sandbox, 'visit-03', refused), 'hall-03', 'a refused move changes nothing');
    assert.equal(
      await b.$(`[data-testid="booking-block"][data-item="${refused}"]`).getAttribute('data-resource'),
      'hall-03',
      'the block snapped back to its row',
    );
    await screenshot(b, '52-timeline-refused');

    // Ctrl+Z undoes the reassignment.
    await b.execute(() => document.activeElement?.blur());
    await b.keys(['Control', 'z']);
    await b.waitUntil(async () => venueOf(sandbox, 'visit-01', moved) === 'hall-01', {
      timeout: 15_000,
      timeoutMsg: 'Ctrl+Z did not put the session back in hall 1',
    });
    await screenshot(b, '53-timeline-undone');
  } finally {
    await app.close();
  }
});
