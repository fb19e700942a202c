// Repeating a past visit (issue 5, item 1): in the real window, the sample Cho Ray visit is
// copied onto its own dates as a new delegation. The copy is stored (tentative holds never
// block it), the app opens it, and the conflicts panel shows the double bookings with the
// original visit — through the real IPC and the real SQLite file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, launch, makeSandbox, screenshot, setControl } from '../lib/app.mjs';

test('repeating a visit on its own dates shows every double booking with the original', async () => {
  const sandbox = makeSandbox('repeat');
  const app = await launch(sandbox);
  try {
    const b = app.browser;
    await byTestId(b, 'load-sample').waitForDisplayed({ timeout: 30_000 });
    await byTestId(b, 'load-sample').click();
    const past = await byTestId(b, 'delegation-item-choray-2026-12');
    await past.waitForDisplayed({ timeout: 15_000 });
    await past.click();
    await byTestId(b, 'open-repeat').waitForDisplayed({ timeout: 10_000 });
    await byTestId(b, 'open-repeat').click();
    await byTestId(b, 'repeat-dialog').waitForDisplayed({ timeout: 5_000 });
    assert.equal(await byTestId(b, 'repeat-key').getValue(), 'choray-2027-12', 'the key follows the suggested new year');

    // A bad key is refused in the dialog, naming the field; nothing is sent.
    await setControl(b, 'repeat-key', 'Cho Ray twin');
    await byTestId(b, 'repeat-submit').click();
    const problem = await byTestId(b, 'repeat-problem');
    await problem.waitForDisplayed({ timeout: 5_000 });
    assert.match(await problem.getText(), /^Key:/);

    await setControl(b, 'repeat-key', 'choray-2026-12-twin');
    await setControl(b, 'repeat-arrival', '2026-12-07');
    await setControl(b, 'repeat-name-en', 'Cho Ray visit (second group)');
    await screenshot(b, '20-repeat-dialog');
    await byTestId(b, 'repeat-submit').click();

    await b.waitUntil(async () => !(await byTestId(b, 'repeat-dialog').isExisting()), {
      timeout: 15_000,
      timeoutMsg: 'the repeat dialog did not close',
    });
    await byTestId(b, 'delegation-item-choray-2026-12-twin').waitForExist({ timeout: 10_000 });
    await b.waitUntil(
      async () => (await b.$$('[data-testid="conflict"][data-code="venue_double_booked"]')).length > 0,
      { timeout: 15_000, timeoutMsg: 'no venue double booking shown for the copy on the same dates' },
    );
    const blocking = await b.$$('[data-testid="conflict"][data-severity="blocking"]');
    assert.ok(blocking.length > 0, 'double bookings of holds are shown as blocking');
    const text = await blocking[0].getText();
    assert.match(text, /choray|Cho Ray|쩌라이|Chợ Rẫy/i, `the conflict names the visits: ${text}`);
    await screenshot(b, '21-repeat-conflicts');
  } finally {
    await app.close();
  }
});
