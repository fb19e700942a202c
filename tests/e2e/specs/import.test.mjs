// Importing members from a real .xlsx workbook in the real window (issue 5, item 2): a new
// delegation, the committed six-member workbook chosen in the import dialog's file input, the
// preview checked, the import confirmed — and the six native-script names in the members table
// exactly as written, through the real IPC and SQLite file.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, byTestId, launch, makeSandbox, screenshot, setControl } from '../lib/app.mjs';

const WORKBOOK = join(ROOT, 'examples', 'members', 'delegation-6.xlsx');
const NAMES = ['Nguyễn Trường Sơn', 'Trần Thị Mai', 'Hakimov Begʻali', 'Хакимов Бегали', '李明', 'Đặng Văn Hùng'];

test('six members are imported from an .xlsx workbook after a preview', async () => {
  const sandbox = makeSandbox('import');
  const app = await launch(sandbox);
  try {
    const b = app.browser;
    await byTestId(b, 'first-run').waitForDisplayed({ timeout: 30_000 });
    await byTestId(b, 'new-delegation').click();
    await byTestId(b, 'delegation-key').setValue('choray-2027-03');
    await byTestId(b, 'delegation-name-ko').setValue('쩌라이 병원 방문단');
    await setControl(b, 'delegation-guest-lang', 'vi');
    await byTestId(b, 'delegation-name-guest').setValue('Đoàn Bệnh viện Chợ Rẫy');
    await setControl(b, 'delegation-timezone', 'Asia/Seoul');
    await setControl(b, 'delegation-arrival', '2027-03-09T09:00');
    await setControl(b, 'delegation-departure', '2027-03-11T17:00');
    await byTestId(b, 'delegation-save').click();
    await byTestId(b, 'delegation-title').waitForDisplayed({ timeout: 10_000 });

    await byTestId(b, 'import-members').click();
    await byTestId(b, 'import-dialog').waitForDisplayed({ timeout: 5_000 });
    // WebDriver's "send keys" to a file input chooses that file, as the file chooser would.
    await byTestId(b, 'import-file').setValue(WORKBOOK);
    const preview = await byTestId(b, 'import-preview');
    await preview.waitForDisplayed({ timeout: 15_000 });
    const shown = await preview.getText();
    for (const name of NAMES) assert.ok(shown.includes(name), `the preview shows ${name}:\n${shown}`);
    await screenshot(b, '30-import-preview');

    const submit = await byTestId(b, 'import-submit');
    assert.match(await submit.getText(), /6/, 'the button says six members will be imported');
    await submit.click();
    await b.waitUntil(async () => (await b.$$('[data-testid^="member-native-"]')).length === 6, {
      timeout: 15_000,
      timeoutMsg: 'the six members did not appear in the table',
    });
    const cells = await b.$$('[data-testid^="member-native-"]');
    const texts = [];
    for (const c of cells) texts.push(await c.getText());
    assert.deepEqual(texts, NAMES, 'in precedence order, every character as written');
    const summary = await byTestId(b, 'delegation-item-choray-2027-03');
    await b.waitUntil(async () => /6 members/.test(await summary.getText()), {
      timeout: 10_000,
      timeoutMsg: 'the delegation list still shows the count from before the import',
    });
    await screenshot(b, '31-import-done');
  } finally {
    await app.close();
  }
});
