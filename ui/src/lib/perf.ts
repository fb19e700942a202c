/**
 * Timings of the work behind opening an itinerary and dropping a block, for the benchmark in
 * the real window (`tests/e2e/specs/bench.test.mjs`, issue 5): WebKit offers no profiler
 * there, so the page records its own spans as User Timing measures (`itinera:…` names) and
 * counts how often costly steps run. Nothing is recorded until the benchmark switches it on
 * (`globalThis.__itineraPerf = true`), so a day of ordinary use never accumulates entries.
 */

/** Whether the benchmark asked for recording. */
const on = () => (globalThis as { __itineraPerf?: boolean }).__itineraPerf === true;

/** Counts of costly steps (a block's content built, a grid mounted), by name. */
const counts = new Map<string, number>();
(globalThis as { __itineraCounts?: Map<string, number> }).__itineraCounts = counts;

/** Records the span from `start` to `end` (`performance.now()` readings) as `itinera:<name>`. */
export function span(name: string, start: number, end = performance.now()): void {
  if (!on()) return;
  try {
    performance.measure(`itinera:${name}`, { start, end });
  } catch {
    // A runtime without User Timing level 3 (some test DOMs): timings are optional.
  }
}

/** Counts one more `name`. */
export function tally(name: string): void {
  if (on()) counts.set(name, (counts.get(name) ?? 0) + 1);
}
