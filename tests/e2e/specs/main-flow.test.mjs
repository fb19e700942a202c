// The scheduler's main flow in the real window (issue 5's acceptance): with the office's sample
// visits in the database (the Cho Ray delegation meets the director on 8 December 10:50–11:50),
// a new delegation is created, six members are imported from an .xlsx workbook, a tour, a
// meeting with the director and a lunch are added through the item form, the meeting is
// dragged onto the time of Cho Ray's meeting with the director — the double booking shows on
// the block and in the conflicts panel — Ctrl+Z undoes the move and the conflict is gone, and
// the guest itinerary is printed: the PDF exists and pdftotext finds every member's name.
// Real IPC, real SQLite file, real PDF; a screenshot at every step (artifacts/e2e/4x-*.png).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, byTestId, dragBy, itinera, launch, makeSandbox, screenshot, setControl } from '../lib/app.mjs';

const WORKBOOK = join(ROOT, 'examples', 'members', 'delegation-6.xlsx');
const NAMES = ['Nguyễn Trường Sơn', 'Trần Thị Mai', 'Hakimov Begʻali', 'Хакимов Бегали', '李明', 'Đặng Văn Hùng'];
const KEY = 'hanoi-2026-12';

/** Adds an item through the editor's "New item" button and the item form. */
async function addItem(b, { kind, ko, en, vi, start, end, venue, location, hosts = [] }) {
  await byTestId(b, 'item-new').click();
  await byTestId(b, 'item-form').waitForDisplayed({ timeout: 5_000 });
  await setControl(b, 'item-kind', kind);
  await setControl(b, 'item-status', 'tentative');
  await byTestId(b, 'item-title-ko').setValue(ko);
  await byTestId(b, 'item-title-en').setValue(en);
  if (await byTestId(b, 'item-title-vi').isExisting()) await byTestId(b, 'item-title-vi').setValue(vi);
  await setControl(b, 'item-start', start);
  await setControl(b, 'item-end', end);
  await setControl(b, 'item-venue', venue ?? '');
  if (location) await byTestId(b, 'item-location').setValue(location);
  for (const h of hosts) await byTestId(b, `item-host-${h}`).click();
  await byTestId(b, 'item-save').click();
  await b.waitUntil(async () => !(await byTestId(b, 'item-form').isExisting()), {
    timeout: 10_000,
    timeoutMsg: `the item form for "${ko}" did not close: ${await byTestId(b, 'item-problem').getText().catch(() => '')}`,
  });
}

/**
 * An attribute of an item's block, read in one step in the page: the calendar redraws blocks,
 * so an element found a moment earlier may be gone (a stale element) by the time it is read.
 */
function blockAttr(b, key, name) {
  return b.execute((k, n) => document.querySelector(`[data-testid="item-block"][data-item="${k}"]`)?.getAttribute(n) ?? null, key, name);
}

/** The item key of the block titled `title` (its accessible name starts with kind: title). */
async function keyOfTitle(b, title) {
  const key = await b.execute(
    (t) => [...document.querySelectorAll('[data-testid="item-block"]')].find((el) => el.getAttribute('aria-label')?.includes(t))?.getAttribute('data-item') ?? null,
    title,
  );
  if (!key) throw new Error(`no block titled ${title}`);
  return key;
}

const hostConflicts = (b) => b.$$('[data-testid="conflict"][data-code="host_double_booked"]');

test('create → import members → add items → drag onto the director → conflict → undo → print', async () => {
  const sandbox = makeSandbox('main-flow');
  const app = await launch(sandbox);
  let pdf = null;
  try {
    const b = app.browser;
    // The office's other visits: the sample (Cho Ray meets the director 8 Dec 10:50–11:50).
    await byTestId(b, 'load-sample').waitForDisplayed({ timeout: 30_000 });
    await byTestId(b, 'load-sample').click();
    await byTestId(b, 'delegation-item-choray-2026-12').waitForDisplayed({ timeout: 15_000 });

    // 1. Create the delegation.
    await byTestId(b, 'new-delegation').click();
    await byTestId(b, 'delegation-key').setValue(KEY);
    await byTestId(b, 'delegation-name-ko').setValue('하노이 박마이 병원 방문단');
    await setControl(b, 'delegation-guest-lang', 'vi');
    await byTestId(b, 'delegation-name-guest').setValue('Đoàn Bệnh viện Bạch Mai');
    await setControl(b, 'delegation-timezone', 'Asia/Seoul');
    await setControl(b, 'delegation-arrival', '2026-12-08T08:00');
    await setControl(b, 'delegation-departure', '2026-12-09T18:00');
    await byTestId(b, 'delegation-save').click();
    await byTestId(b, 'delegation-title').waitForDisplayed({ timeout: 10_000 });
    await screenshot(b, '40-flow-created');

    // 2. Six members from the workbook, after the preview.
    await byTestId(b, 'import-members').click();
    await byTestId(b, 'import-dialog').waitForDisplayed({ timeout: 5_000 });
    await byTestId(b, 'import-file').setValue(WORKBOOK);
    await byTestId(b, 'import-preview').waitForDisplayed({ timeout: 15_000 });
    await byTestId(b, 'import-submit').click();
    await b.waitUntil(async () => (await b.$$('[data-testid^="member-native-"]')).length === 6, {
      timeout: 15_000,
      timeoutMsg: 'the six members did not appear',
    });
    await screenshot(b, '41-flow-members');

    // 3. A tour, a meeting with the director and a lunch on 8 December.
    await addItem(b, {
      kind: 'facility_tour',
      ko: '건강증진센터 견학',
      en: 'Tour of the Health Promotion Centre',
      vi: 'Tham quan Trung tâm Nâng cao Sức khỏe',
      start: '2026-12-08T09:00',
      end: '2026-12-08T10:00',
      venue: 'health-promotion-centre',
      hosts: ['nurse-jung'],
    });
    await addItem(b, {
      kind: 'meeting',
      ko: '병원장 면담',
      en: 'Meeting with the Hospital Director',
      vi: 'Hội đàm với Giám đốc Bệnh viện',
      start: '2026-12-08T14:00',
      end: '2026-12-08T15:00',
      venue: 'director-office',
      hosts: ['director-kim'],
    });
    await addItem(b, {
      kind: 'meal',
      ko: '환영 오찬',
      en: 'Welcome lunch',
      vi: 'Tiệc trưa chào mừng',
      start: '2026-12-08T12:00',
      end: '2026-12-08T13:00',
      location: '한일관 Hanilkwan',
      hosts: ['coord-lee'],
    });
    await b.waitUntil(async () => (await b.$$('[data-testid="item-block"]')).length === 3, {
      timeout: 10_000,
      timeoutMsg: 'three blocks were expected on the grid',
    });
    await b.waitUntil(async () => (await byTestId(b, 'conflicts-panel').isExisting()), { timeout: 10_000 });
    const early = await hostConflicts(b);
    assert.equal(early.length, 0, `the director is free at 14:00: ${early.length ? await early[0].getText() : ''}`);
    const meeting = await keyOfTitle(b, 'Meeting with the Hospital Director');
    await screenshot(b, '42-flow-items');

    // 4. Drag the meeting from 14:00 up to 10:45, onto Cho Ray's meeting with the director.
    // The calendar's event element (around our block) is 60 minutes tall.
    const heightPx = await b.execute(
      (k) => document.querySelector(`[data-item="${k}"]`).closest('.ec-event').getBoundingClientRect().height,
      meeting,
    );
    const dy = -Math.round((195 / 60) * heightPx);
    await dragBy(b, `[data-testid="item-block"][data-item="${meeting}"]`, 0, dy);
    await b.waitUntil(async () => /10:45/.test((await blockAttr(b, meeting, 'aria-label')) ?? ''), {
      timeout: 10_000,
      timeoutMsg: `the meeting did not move to 10:45: ${await blockAttr(b, meeting, 'aria-label')}`,
    });
    await b.waitUntil(async () => (await hostConflicts(b)).length > 0, {
      timeout: 10_000,
      timeoutMsg: 'the conflicts panel shows no double booking of the director',
    });
    const [severity, said] = await b.execute(() => {
      const c = document.querySelector('[data-testid="conflict"][data-code="host_double_booked"]');
      return [c?.getAttribute('data-severity'), c?.innerText ?? ''];
    });
    assert.equal(severity, 'blocking');
    assert.match(said, /Kim|김/, `the conflict names the director: ${said}`);
    assert.match(said, /10:45|10:50/, `the conflict names the time: ${said}`);
    await b.waitUntil(async () => (await blockAttr(b, meeting, 'data-mark')) === 'blocking', {
      timeout: 10_000,
      timeoutMsg: 'the moved block carries no blocking mark',
    });
    assert.ok(
      await b.execute((k) => {
        const mark = document.querySelector(`[data-testid="item-block"][data-item="${k}"] [data-testid="item-mark"]`);
        return !!mark && mark.getBoundingClientRect().height > 0;
      }, meeting),
      'the mark is visible on the block',
    );
    await screenshot(b, '43-flow-conflict');

    // 5. Ctrl+Z puts the meeting back at 14:00 and the conflict goes away.
    await b.execute(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await b.keys(['Control', 'z']);
    await b.waitUntil(async () => /\b2:00\b.*PM|14:00/.test((await blockAttr(b, meeting, 'aria-label')) ?? ''), {
      timeout: 10_000,
      timeoutMsg: `Ctrl+Z did not move the meeting back to 14:00: ${await blockAttr(b, meeting, 'aria-label')}`,
    });
    await b.waitUntil(async () => (await hostConflicts(b)).length === 0, {
      timeout: 10_000,
      timeoutMsg: 'the double booking is still listed after undo',
    });
    assert.notEqual(await blockAttr(b, meeting, 'data-mark'), 'blocking');
    await screenshot(b, '44-flow-undone');

    // 6. Print the guest itinerary; the PDF names every member.
    await byTestId(b, 'open-print').click();
    await byTestId(b, 'print-dialog').waitForDisplayed({ timeout: 5_000 });
    await byTestId(b, 'print-submit').click();
    const saved = await byTestId(b, 'print-saved');
    await saved.waitForDisplayed({ timeout: 30_000 });
    await screenshot(b, '45-flow-printed');
    const text = await saved.getText();
    pdf = text.match(/(\/.+\.pdf)/)?.[1] ?? null;
    assert.ok(pdf, `the dialog names the saved file: ${text}`);
  } finally {
    await app.close();
  }
  assert.ok(pdf.startsWith(join(sandbox.documents, 'Itinera')), `saved in the Documents folder: ${pdf}`);
  assert.ok(existsSync(pdf), `the PDF exists at ${pdf}`);
  const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const name of NAMES) assert.ok(printed.includes(name), `the itinerary names ${name}`);
  assert.ok(printed.includes('Hội đàm với Giám đốc Bệnh viện'), 'the meeting is printed in Vietnamese');
  // The window's edits are in the database file: the CLI (same core) sees the meeting at 14:00.
  const plan = JSON.parse(itinera(sandbox, ['export']));
  const ours = plan.delegations.find((d) => d.key === KEY);
  assert.equal(ours.members.length, 6);
  const stored = ours.items.find((i) => i.title.ko === '병원장 면담');
  assert.match(stored.start, /^2026-12-08T14:00:00\+09:00$/, 'the undo is stored, not only drawn');
});
