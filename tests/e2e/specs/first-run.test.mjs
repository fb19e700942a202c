// First run (issue 2, item 8): on an empty database a Korean-speaking scheduler sees the UI
// in Korean (system locale) and is offered the sample visits, which load and list upcoming
// visits first.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, launch, makeSandbox, screenshot } from '../lib/app.mjs';

test('first run in a Korean session offers and loads the sample visits', async () => {
  const sandbox = makeSandbox('first-run');
  const app = await launch(sandbox, { lang: 'ko_KR.UTF-8' });
  try {
    const b = app.browser;
    const offer = await byTestId(b, 'first-run');
    await offer.waitForDisplayed({ timeout: 30_000 });
    const lang = await b.execute(() => document.documentElement.lang);
    assert.equal(lang, 'ko', 'the UI follows the Korean system locale on first run');
    assert.match(await byTestId(b, 'load-sample').getText(), /예시 방문 일정/, 'the offer is in Korean');
    await screenshot(b, '03-first-run-ko');

    await byTestId(b, 'load-sample').click();
    await b.waitUntil(async () => (await b.$$('[data-testid^="delegation-item-"]')).length >= 2, {
      timeout: 15_000,
      timeoutMsg: 'the sample visits did not appear in the list',
    });
    assert.equal(await offer.isExisting(), false, 'the offer disappears once there is data');

    const items = await b.$$('[data-testid^="delegation-item-"]');
    await items[0].click();
    await byTestId(b, 'delegation-title').waitForDisplayed({ timeout: 10_000 });
    const names = await b.$$('[data-testid^="member-native-"]');
    assert.ok(names.length > 0, 'a sample delegation comes with its members');
    await screenshot(b, '04-sample-loaded-ko');

    // Switching the language is immediate and needs no restart.
    await b.execute(() => {
      const select = document.querySelector('[data-testid="locale-switch"]');
      select.value = 'en';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await b.waitUntil(async () => (await byTestId(b, 'add-member').getText()).includes('Add member'), {
      timeout: 5_000,
      timeoutMsg: 'the UI did not switch to English',
    });
    await screenshot(b, '05-sample-loaded-en');
  } finally {
    await app.close();
  }
});
