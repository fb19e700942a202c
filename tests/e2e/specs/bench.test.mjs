// Benchmarks in the real window (issue 5's acceptance), printed as `BENCH …` lines:
// - opening the itinerary of a 300-item delegation (a 5-day course, 101 participants in four
//   tracks): from the click in the delegation list until the grid it opens in is drawn
//   (target ≤ 300 ms). 5 days × 5 lanes is more columns than a screen can read, so it opens
//   one day at a time (`initialMode` in src/lib/itinerary.ts): all 300 items loaded and
//   checked, the first day's 60 blocks drawn. Printed beside it: switching that itinerary to
//   the whole stay (all 300 blocks side by side), which the scheduler can ask for;
// - the round trip from dropping a block onto a time its participants are already booked to
//   the conflict mark on the block (target ≤ 100 ms): the save answers with the dropped item's
//   conflicts and the mark is patched into the block (the page's whole-delegation check for
//   the conflicts panel follows, outside the round trip).
// Measured inside the page (performance.now()), medians of several runs. The figures are
// printed, never asserted against the target: this machine is shared and noisy. What is
// asserted is that the work was done (300 blocks drawn, the mark appeared).
// BENCH-DETAIL lines say where the time went: the page's own spans (src/lib/perf.ts: each IPC
// round trip as the page sees it, the block derivation, the grid's mount and the wait for its
// next frame, the mark patches) and counts (block contents built, grid mounts) per run.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, dragBy, importPlan, launch, makeSandbox } from '../lib/app.mjs';
import { coursePlan } from '../lib/fixtures.mjs';

/** The course's sessions on its first day: 4 tracks × 15 half-hour sessions (fixtures.mjs). */
const FIRST_DAY = 60;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Forgets the page's recorded spans and counts (src/lib/perf.ts) before a timed run. */
async function clearDetail(b) {
  await b.execute(() => {
    globalThis.__itineraPerf = true; // the page records nothing until asked (src/lib/perf.ts)
    performance.clearMeasures();
    globalThis.__itineraCounts?.clear();
  });
}

/**
 * The page's spans since `clearDetail` (ms after the run's start — the click for 'open', the
 * pointer release for 'drop' — and their length) and its counts: where the time of one run went.
 */
async function readDetail(b, what) {
  return b.execute((w) => {
    const t0 = w === 'open' ? window.__openT0 : window.__drop.t0;
    const spans = performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('itinera:'))
      .map((m) => ({ name: m.name.slice(8), at: m.startTime - t0, ms: m.duration }));
    return { spans, counts: Object.fromEntries(globalThis.__itineraCounts ?? []) };
  }, what);
}

/**
 * Prints one BENCH-DETAIL line per span name: its median length and median start (ms after
 * the run's start) over the runs, how many times it ran per run, and the counts per run.
 */
function printDetail(what, runs) {
  const names = [...new Set(runs.flatMap((r) => r.spans.map((s) => s.name)))];
  for (const name of names) {
    const per = runs.map((r) => r.spans.filter((s) => s.name === name));
    const total = per.map((xs) => xs.reduce((a, s) => a + s.ms, 0));
    const first = per.filter((xs) => xs.length).map((xs) => xs[0].at);
    const times = per.map((xs) => xs.length);
    console.log(
      `BENCH-DETAIL ${what}: ${name}: median ${median(total).toFixed(1)} ms in ${median(times)} span(s), starting at +${median(first).toFixed(0)} ms (per run: ${total.map((x) => x.toFixed(0)).join(', ')})`,
    );
  }
  const counts = [...new Set(runs.flatMap((r) => Object.keys(r.counts)))];
  for (const c of counts) console.log(`BENCH-DETAIL ${what}: count ${c}: ${runs.map((r) => r.counts[c] ?? 0).join(', ')}`);
}

/** Clicks the delegation in the list and resolves with the ms until `count` blocks are drawn. */
async function timeOpen(b, key, count) {
  return b.executeAsync(
    (k, n, done) => {
      const t0 = performance.now();
      window.__openT0 = t0;
      document.querySelector(`[data-testid="delegation-item-${k}"]`).click();
      const poll = () => {
        const shown = document.querySelectorAll('[data-testid="item-block"]').length;
        if (shown >= n && document.querySelector('[data-testid="delegation-title"]')) done(performance.now() - t0);
        else if (performance.now() - t0 > 30_000) done(-shown);
        else requestAnimationFrame(poll);
      };
      poll();
    },
    key,
    count,
  );
}

test('benchmark: open a 300-item itinerary; drop a block to the conflict mark', async () => {
  const sandbox = makeSandbox('bench');
  const plan = coursePlan();
  assert.equal(plan.delegations[0].items.length, 300);
  importPlan(sandbox, plan);
  const app = await launch(sandbox);
  try {
    const b = app.browser;
    await byTestId(b, 'delegation-item-course-2027-04').waitForDisplayed({ timeout: 30_000 });
    await b.setTimeout({ script: 60_000 });
    const opens = [];
    const openDetail = [];
    for (let i = 0; i < 6; i++) {
      await byTestId(b, 'delegation-item-hue-2027-04').click();
      await b.waitUntil(async () => (await byTestId(b, 'delegation-title').getText()).includes('후에'), { timeout: 10_000 });
      await b.pause(300); // let the other delegation's loads and checks settle
      await clearDetail(b);
      const ms = await timeOpen(b, 'course-2027-04', FIRST_DAY);
      assert.ok(ms > 0, `the first day's ${FIRST_DAY} blocks drawn (only ${-ms} after 30 s)`);
      const pressed = await b.execute(() => document.querySelector('[data-testid="view-day"]')?.getAttribute('aria-pressed'));
      assert.equal(pressed, 'true', 'a 25-column itinerary opens one day at a time');
      opens.push(ms);
      await b.pause(500); // spans that end after the blocks are drawn (conflict check, redraws)
      const detail = await readDetail(b, 'open');
      // Nothing is drawn twice: one grid mount, each block's content built once (a second
      // pass — an empty first render, marks redrawn through the calendar — would show here).
      assert.equal(detail.counts['grid mount'], 1, 'the grid mounts once per open');
      assert.equal(detail.counts['block content'], FIRST_DAY, "each of the first day's blocks is built once");
      openDetail.push(detail);
    }
    console.log(`BENCH open itinerary of 300 items: median ${median(opens).toFixed(0)} ms (runs ${opens.map((x) => x.toFixed(0)).join(', ')}; target ≤ 300 ms)`);
    printDetail('open', openDetail);

    // Drop round trips: session 1-1-02 dragged 30 min earlier lands on 1-1-01 of the same
    // track: the track's members are double-booked (blocking). Undo between runs.
    const trips = [];
    const dropDetail = [];
    for (let i = 0; i < 3; i++) {
      const key = 's-1-1-02';
      await b.$(`[data-testid="item-block"][data-item="${key}"]`).waitForDisplayed({ timeout: 10_000 });
      const heightPx = await b.execute((k) => document.querySelector(`[data-item="${k}"]`).closest('.ec-event').getBoundingClientRect().height, key);
      await b.execute((k) => {
        window.__drop = { t0: 0, t1: 0 };
        addEventListener('pointerup', () => (window.__drop.t0 = performance.now()), { capture: true, once: true });
        const watch = () => {
          const block = document.querySelector(`[data-item="${k}"]`);
          if (block?.getAttribute('data-mark') === 'blocking' && window.__drop.t0) window.__drop.t1 = performance.now();
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      }, key);
      await clearDetail(b);
      await dragBy(b, `[data-testid="item-block"][data-item="${key}"]`, 0, -Math.round(heightPx));
      await b.waitUntil(async () => (await b.execute(() => window.__drop.t1)) > 0, {
        timeout: 15_000,
        timeoutMsg: 'the dropped block never got its blocking mark',
      });
      trips.push(await b.execute(() => window.__drop.t1 - window.__drop.t0));
      await b.pause(500); // spans that end after the mark shows (the panel's check, redraws)
      dropDetail.push(await readDetail(b, 'drop'));
      await b.execute(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await b.keys(['Control', 'z']);
      await b.waitUntil(async () => (await b.execute((k) => document.querySelector(`[data-item="${k}"]`)?.getAttribute('data-mark'), key)) !== 'blocking', {
        timeout: 10_000,
      });
    }
    console.log(`BENCH drop → conflict mark: median ${median(trips).toFixed(0)} ms (runs ${trips.map((x) => x.toFixed(0)).join(', ')}; target ≤ 100 ms)`);
    printDetail('drop', dropDetail);

    // The same itinerary switched to the whole stay: all 300 blocks side by side.
    const wholes = [];
    for (let i = 0; i < 3; i++) {
      await byTestId(b, 'view-day').click();
      await b.waitUntil(async () => (await b.execute(() => document.querySelectorAll('[data-testid="item-block"]').length)) <= FIRST_DAY, { timeout: 30_000 });
      const ms = await b.executeAsync((done) => {
        const t0 = performance.now();
        document.querySelector('[data-testid="view-stay"]').click();
        const poll = () => {
          const shown = document.querySelectorAll('[data-testid="item-block"]').length;
          if (shown >= 300) done(performance.now() - t0);
          else if (performance.now() - t0 > 30_000) done(-shown);
          else requestAnimationFrame(poll);
        };
        poll();
      });
      assert.ok(ms > 0, `all 300 blocks drawn in the whole-stay view (only ${-ms} after 30 s)`);
      wholes.push(ms);
    }
    console.log(`BENCH switch the 300-item itinerary to the whole stay (300 blocks): median ${median(wholes).toFixed(0)} ms (runs ${wholes.map((x) => x.toFixed(0)).join(', ')}; no target — the open above is the target)`);
  } finally {
    await app.close();
  }
});
