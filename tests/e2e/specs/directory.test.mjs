// The Resources screen's directory tabs (issue 5, point 4), in the real window: a venue with a
// Korean name is added through the form (Enter saves) and listed; on the Sites tab a travel
// time is changed in the matrix, and deleting a site that venues use is refused with the
// backend's "in use" message. Tab switches reload from the backend, so what is checked after
// one is what the SQLite file holds.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, launch, makeSandbox, screenshot, setControl } from '../lib/app.mjs';

const VENUE_KEY = 'annex-3f-seminar';
const VENUE_KO = '별관 3층 세미나실';

async function typeInto(browser, id, text) {
  const el = await byTestId(browser, id);
  await el.waitForDisplayed({ timeout: 10_000 });
  await el.setValue(text);
  // Hangul goes through synthesised key events: check what landed.
  assert.equal(await el.getValue(), text, `the ${id} field must hold exactly what was typed`);
}

async function openTab(browser, tab) {
  await byTestId(browser, `resources-tab-${tab}`).click();
  await byTestId(browser, `directory-${tab}`).waitForDisplayed({ timeout: 10_000 });
}

test('venues and travel times are edited in the Resources screen', async () => {
  const sandbox = makeSandbox('directory');
  // In Korean, the staff's language: labels and the Hangul input are checked together.
  const app = await launch(sandbox, { lang: 'ko_KR.UTF-8' });
  try {
    const b = app.browser;
    await byTestId(b, 'load-sample').waitForDisplayed({ timeout: 30_000 });
    await byTestId(b, 'load-sample').click();
    await byTestId(b, 'delegation-item-choray-2026-12').waitForDisplayed({ timeout: 15_000 });
    await byTestId(b, 'section-resources').click();
    await byTestId(b, 'resources-page').waitForDisplayed({ timeout: 10_000 });

    // Venues: add one with a Korean name; Enter in the last field saves.
    await openTab(b, 'venues');
    await byTestId(b, 'directory-row-annex-5f-conference').waitForDisplayed({ timeout: 10_000 });
    await byTestId(b, 'directory-add').click();
    await byTestId(b, 'entry-dialog').waitForDisplayed({ timeout: 5_000 });
    await typeInto(b, 'venue-name-ko', VENUE_KO);
    // Under a Korean locale WebKitWebDriver's synthesised Shift is lost (capitals arrive in
    // lower case), so Latin capitals are set directly; the Hangul is really typed.
    await setControl(b, 'venue-name-en', 'Annex 3F Seminar Room');
    await typeInto(b, 'entry-key', VENUE_KEY);
    await setControl(b, 'venue-site', 'annex');
    await setControl(b, 'venue-floor', '3F');
    await typeInto(b, 'venue-capacity', '24');
    await byTestId(b, 'venue-capacity').click();
    await screenshot(b, '60-directory-venue-form');
    await byTestId(b, 'venue-capacity').click();
    await b.keys('Enter');
    await b.waitUntil(async () => !(await byTestId(b, 'entry-dialog').isExisting()), {
      timeout: 10_000,
      timeoutMsg: 'the venue dialog did not close after Enter',
    });
    const row = await byTestId(b, `directory-row-${VENUE_KEY}`);
    await row.waitForDisplayed({ timeout: 10_000 });
    const text = await row.getText();
    assert.match(text, new RegExp(VENUE_KO), 'the new venue is listed with its Korean name');
    assert.match(text, /별관 · 3F · 24명/, `the row shows the chosen site, floor and capacity: ${text}`);
    await screenshot(b, '61-directory-venues');

    // A host with working hours and a busy block opens with every field filled; Escape
    // closes the dialog without saving.
    await openTab(b, 'hosts');
    await byTestId(b, 'directory-edit-director-kim').click();
    await byTestId(b, 'entry-dialog').waitForDisplayed({ timeout: 5_000 });
    assert.equal(await byTestId(b, 'host-name-ko').getValue(), '김영수');
    assert.equal(await byTestId(b, 'busy-0-start').getValue(), '2026-12-09T15:00', 'busy blocks show in the site zone');
    await byTestId(b, 'host-phone').click();
    await screenshot(b, '63-directory-host-form');
    await b.keys('Escape');
    await b.waitUntil(async () => !(await byTestId(b, 'entry-dialog').isExisting()), {
      timeout: 5_000,
      timeoutMsg: 'Escape did not close the host dialog',
    });

    // An interpreter shows pairs with Korean, employment and limits.
    await openTab(b, 'interpreters');
    await byTestId(b, 'directory-edit-interp-tran-mai').click();
    await byTestId(b, 'entry-dialog').waitForDisplayed({ timeout: 5_000 });
    assert.equal(await byTestId(b, 'pair-ko-vi').isSelected(), true, 'the stored ko-vi pair is ticked');
    assert.equal(await byTestId(b, 'interpreter-max-continuous').getValue(), '90');
    await byTestId(b, 'interpreter-phone').click();
    await screenshot(b, '64-directory-interpreter-form');
    await b.keys('Escape');
    await b.waitUntil(async () => !(await byTestId(b, 'entry-dialog').isExisting()), {
      timeout: 5_000,
      timeoutMsg: 'Escape did not close the interpreter dialog',
    });

    // Sites: change main hospital → annex from 8 to 11 minutes in the matrix.
    await openTab(b, 'sites');
    const cell = await byTestId(b, 'travel-main-hospital-annex');
    await cell.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await cell.getValue(), '8', 'the sample travel time is shown');
    // The new minutes are set in one step, as a person's typing ends up: under the Korean
    // locale WebKitWebDriver's synthesised digits can reach the page after a following Enter
    // (a CI run stored "1" from "11"). Enter then commits the cell, as for a person.
    await cell.click();
    await setControl(b, 'travel-main-hospital-annex', '11');
    await cell.click();
    await b.keys('Enter');
    // Leave and come back: the tab reloads the directory from the backend.
    await openTab(b, 'hosts');
    await openTab(b, 'sites');
    await b.waitUntil(async () => (await byTestId(b, 'travel-main-hospital-annex').getValue()) === '11', {
      timeout: 10_000,
      timeoutMsg: 'the changed travel time was not stored',
    });
    assert.equal(await byTestId(b, 'travel-annex-main-hospital').getValue(), '8', 'the other direction is untouched');

    // A site that venues use cannot be deleted: the backend's message is shown.
    await byTestId(b, 'directory-delete-annex').click();
    await byTestId(b, 'directory-delete-annex-confirm').click();
    const banner = await byTestId(b, 'error-banner');
    await banner.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await banner.getAttribute('data-kind'), 'in_use');
    // A Korean session reads the backend's refusal in Korean, naming the venue that uses the site.
    const refusal = await byTestId(b, 'error-message').getText();
    assert.match(refusal, /아직 쓰는 곳이 있습니다: 장소 '/, `the refusal is Korean and names what uses the site: ${refusal}`);
    assert.doesNotMatch(refusal, /still used|change those first/, `no English words in the Korean refusal: ${refusal}`);
    assert.ok(await byTestId(b, 'directory-row-annex').isExisting(), 'the refused site stays listed');
    await screenshot(b, '62-directory-sites-matrix');
  } finally {
    await app.close();
  }
});
