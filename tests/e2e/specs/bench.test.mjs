// Benchmarks in the real window (issue 5's acceptance), printed as `BENCH …` lines:
// - opening the itinerary of a 300-item delegation (a 5-day course, 101 participants in four
//   tracks): from the click in the delegation list until all 300 blocks are on the grid
//   (target ≤ 300 ms);
// - the round trip from dropping a block onto a time its participants are already booked to
//   the conflict mark on the block (target ≤ 100 ms): save, whole-plan check, redraw.
// Measured inside the page (performance.now()), medians of several runs. The figures are
// printed, never asserted against the target: this machine is shared and noisy. What is
// asserted is that the work was done (300 blocks drawn, the mark appeared).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, dragBy, importPlan, launch, makeSandbox } from '../lib/app.mjs';
import { coursePlan } from '../lib/fixtures.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Clicks the delegation in the list and resolves with the ms until `count` blocks are drawn. */
async function timeOpen(b, key, count) {
  return b.executeAsync(
    (k, n, done) => {
      const t0 = performance.now();
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
    for (let i = 0; i < 6; i++) {
      await byTestId(b, 'delegation-item-hue-2027-04').click();
      await b.waitUntil(async () => (await byTestId(b, 'delegation-title').getText()).includes('후에'), { timeout: 10_000 });
      const ms = await timeOpen(b, 'course-2027-04', 300);
      assert.ok(ms > 0, `all 300 blocks drawn (only ${-ms} after 30 s)`);
      opens.push(ms);
    }
    console.log(`BENCH open itinerary of 300 items: median ${median(opens).toFixed(0)} ms (runs ${opens.map((x) => x.toFixed(0)).join(', ')}; target ≤ 300 ms)`);

    // Drop round trips: session 1-1-02 dragged 30 min earlier lands on 1-1-01 of the same
    // track: the track's members are double-booked (blocking). Undo between runs.
    const trips = [];
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
      await dragBy(b, `[data-testid="item-block"][data-item="${key}"]`, 0, -Math.round(heightPx));
      await b.waitUntil(async () => (await b.execute(() => window.__drop.t1)) > 0, {
        timeout: 15_000,
        timeoutMsg: 'the dropped block never got its blocking mark',
      });
      trips.push(await b.execute(() => window.__drop.t1 - window.__drop.t0));
      await b.execute(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await b.keys(['Control', 'z']);
      await b.waitUntil(async () => (await b.execute((k) => document.querySelector(`[data-item="${k}"]`)?.getAttribute('data-mark'), key)) !== 'blocking', {
        timeout: 10_000,
      });
    }
    console.log(`BENCH drop → conflict mark: median ${median(trips).toFixed(0)} ms (runs ${trips.map((x) => x.toFixed(0)).join(', ')}; target ≤ 100 ms)`);
  } finally {
    await app.close();
  }
});
