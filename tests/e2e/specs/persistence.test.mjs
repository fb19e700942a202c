// The first end-to-end test (issue 2): a delegation with a Vietnamese member, created through
// the real window, is still there byte for byte after the app is closed and started again
// on the same database file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, launch, makeSandbox, screenshot, setControl } from '../lib/app.mjs';

const MEMBER = 'Nguyễn Trường Sơn';
const DELEGATION_KEY = 'choray-2026-03';
const NAME_KO = '쩌라이 병원 대표단 방문';
const NAME_VI = 'Đoàn Bệnh viện Chợ Rẫy';
// The UI derives the member key from the romanized name.
const MEMBER_CELL = 'member-native-nguyen-truong-son';

async function typeInto(browser, id, text) {
  const el = await byTestId(browser, id);
  await el.waitForDisplayed({ timeout: 10_000 });
  await el.setValue(text);
  // Typing non-ASCII text goes through synthesised key events: check what landed.
  assert.equal(await el.getValue(), text, `the ${id} field must hold exactly what was typed`);
}

test('a delegation with a Vietnamese member survives a restart byte-exact', async () => {
  assert.equal(MEMBER, MEMBER.normalize('NFC'), 'the fixture itself is precomposed (NFC)');
  const sandbox = makeSandbox('persist');

  let app = await launch(sandbox);
  try {
    const b = app.browser;
    await byTestId(b, 'first-run').waitForDisplayed({ timeout: 30_000 });
    await byTestId(b, 'new-delegation').click();

    await typeInto(b, 'delegation-key', DELEGATION_KEY);
    await typeInto(b, 'delegation-name-ko', NAME_KO);
    await setControl(b, 'delegation-guest-lang', 'vi');
    await typeInto(b, 'delegation-name-guest', NAME_VI);
    await typeInto(b, 'delegation-organisation', 'Bệnh viện Chợ Rẫy');
    await typeInto(b, 'delegation-country', 'VN');
    await setControl(b, 'delegation-timezone', 'Asia/Seoul');
    await setControl(b, 'delegation-arrival', '2026-03-10T09:00');
    await setControl(b, 'delegation-departure', '2026-03-12T17:00');
    await screenshot(b, '00-delegation-form');
    await byTestId(b, 'delegation-save').click();

    const title = await byTestId(b, 'delegation-title');
    await title.waitForDisplayed({ timeout: 10_000 });
    assert.match(await title.getText(), /쩌라이/, 'after saving, the new delegation is shown');

    await byTestId(b, 'add-member').click();
    await typeInto(b, 'member-native-name', MEMBER);
    await typeInto(b, 'member-romanized-name', 'Nguyen Truong Son');
    await typeInto(b, 'member-title-guest', 'Phó Giám đốc');
    await byTestId(b, 'member-save').click();

    const row = await byTestId(b, MEMBER_CELL);
    await row.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await row.getText(), MEMBER, 'the member list shows the name as typed');
    await screenshot(b, '01-delegation-created');
  } finally {
    await app.close();
  }

  app = await launch(sandbox);
  try {
    const b = app.browser;
    const item = await byTestId(b, `delegation-item-${DELEGATION_KEY}`);
    await item.waitForDisplayed({ timeout: 30_000 });
    await item.click();
    const title = await byTestId(b, 'delegation-title');
    await title.waitForDisplayed({ timeout: 10_000 });
    assert.match(await title.getText(), /쩌라이 병원 대표단 방문/, 'the Korean name survives the restart');

    const row = await byTestId(b, MEMBER_CELL);
    await row.waitForDisplayed({ timeout: 10_000 });
    const shown = await row.getText();
    assert.equal(shown, MEMBER, 'the Vietnamese name survives the restart');
    assert.deepEqual(
      Buffer.from(shown, 'utf8'),
      Buffer.from(MEMBER, 'utf8'),
      'byte-exact: no normalisation or re-encoding on the way to the database and back',
    );
    await screenshot(b, '02-after-restart');
  } finally {
    await app.close();
  }
});
