// The Korean UI has no untranslated string (issue 5's acceptance), checked on the rendered
// pages, not only in the catalogues (ui/src/lib/i18n/i18n.test.ts does those): in a Korean
// session with the office's sample visits, every screen and dialog a scheduler uses is opened
// and its visible text and accessible names (aria-label, placeholder, title) are scanned for
// English interface words (any phrase of the English catalogue whose Korean differs) and for
// raw message ids. Visit data (names, titles written in English) is not interface text and is
// allowed; the phrases come from the catalogue, so data rarely collides with them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, byTestId, launch, makeSandbox, screenshot } from '../lib/app.mjs';

const en = JSON.parse(readFileSync(join(ROOT, 'ui/src/lib/i18n/en.json'), 'utf8'));
const ko = JSON.parse(readFileSync(join(ROOT, 'ui/src/lib/i18n/ko.json'), 'utf8'));

function leaves(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}

const koByKey = new Map(leaves(ko));
const ids = leaves(en).map(([k]) => k);
/**
 * English phrases that would betray an untranslated string: the literal parts of each English
 * message (between ICU placeholders) of two words or more, unless the Korean message has the
 * same phrase (brand names, codes such as "ko↔vi").
 */
const englishPhrases = [
  ...new Set(
    leaves(en).flatMap(([k, v]) =>
      String(v)
        .split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)
        .map((s) => s.trim().replace(/[.:…,]+$/, ''))
        .filter((s) => /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(s) && !String(koByKey.get(k) ?? '').includes(s)),
    ),
  ),
];

/** The text a person sees or hears on the page now. */
async function shownText(b) {
  return b.execute(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });
}

/** Clicks a control by its test id from script: a dialog's backdrop never intercepts it. */
async function press(b, id) {
  const el = await byTestId(b, id);
  await el.waitForExist({ timeout: 10_000 });
  await b.execute((node) => node.click(), el);
}

const problems = [];
async function scan(b, where) {
  const text = await shownText(b);
  for (const p of englishPhrases) if (text.includes(p)) problems.push(`${where}: English "${p}"`);
  for (const id of ids) if (new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}($|[^\\w.])`).test(text)) problems.push(`${where}: raw id ${id}`);
  return text;
}

test('every screen of the Korean UI is in Korean', async () => {
  assert.ok(englishPhrases.length > 200, `the scan has English phrases to look for (${englishPhrases.length})`);
  const sandbox = makeSandbox('korean');
  const app = await launch(sandbox, { lang: 'ko_KR.UTF-8' });
  try {
    const b = app.browser;
    await byTestId(b, 'load-sample').waitForDisplayed({ timeout: 30_000 });
    await scan(b, 'first run');
    await press(b, 'load-sample');
    await byTestId(b, 'delegation-item-samarkand-2026-12').waitForDisplayed({ timeout: 15_000 });
    await press(b, 'delegation-item-samarkand-2026-12');
    await byTestId(b, 'delegation-title').waitForDisplayed({ timeout: 10_000 });
    await b.waitUntil(async () => (await b.$$('[data-testid="item-block"]')).length > 0, { timeout: 15_000 });
    await b.waitUntil(async () => (await b.$$('[data-testid="conflict"]')).length > 0, { timeout: 15_000 });
    const page = await scan(b, 'delegation page');
    assert.match(page, /일정/, 'the page is in Korean at all');
    await screenshot(b, '70-korean-delegation');

    // Dialogs of the delegation page.
    const dialogs = [
      ['item-new', 'item-form', 'item-cancel'],
      ['open-print', 'print-dialog', 'print-close'],
      ['open-repeat', 'repeat-dialog', null],
      ['import-members', 'import-dialog', 'import-cancel'],
      ['add-member', null, null],
      ['request-add', null, null],
      ['open-settings', 'settings-dialog', 'settings-close'],
    ];
    for (const [open, dialog, close] of dialogs) {
      await press(b, open);
      if (dialog) await byTestId(b, dialog).waitForDisplayed({ timeout: 10_000 });
      else await b.pause(500);
      await scan(b, open);
      if (close) await press(b, close);
      else await b.keys('Escape');
      if (dialog) await byTestId(b, dialog).waitForExist({ reverse: true, timeout: 10_000, timeoutMsg: `${dialog} did not close` });
      await b.pause(300);
    }
    // An item of the grid, opened in its form.
    await b.execute(() => document.querySelector('[data-testid="item-block"]').closest('.ec-event').click());
    await byTestId(b, 'item-form').waitForDisplayed({ timeout: 10_000 });
    await scan(b, 'item form');
    await screenshot(b, '71-korean-item-form');
    await press(b, 'item-cancel');

    // The Resources screen: the timeline and each directory.
    await press(b, 'section-resources');
    await byTestId(b, 'resources-page').waitForDisplayed({ timeout: 10_000 });
    for (const tab of ['timeline', 'sites', 'venues', 'hosts', 'interpreters']) {
      await press(b, `resources-tab-${tab}`);
      await b.pause(800);
      await scan(b, `resources ${tab}`);
      if (tab !== 'timeline') {
        await press(b, 'directory-add');
        await byTestId(b, 'entry-dialog').waitForDisplayed({ timeout: 10_000 });
        await scan(b, `resources ${tab} form`);
        await press(b, 'entry-cancel');
      }
      if (tab === 'sites') {
        // A refusal written by the backend (the site is in use) reads Korean too: no English
        // word outside the quoted names and the keys in parentheses.
        await press(b, 'directory-delete-annex');
        await press(b, 'directory-delete-annex-confirm');
        await byTestId(b, 'error-banner').waitForDisplayed({ timeout: 10_000 });
        const refusal = await byTestId(b, 'error-message').getText();
        const words = refusal
          .replace(/'[^']*'/g, ' ')
          .replace(/\([a-z0-9._-]+\)/g, ' ')
          .match(/[A-Za-z]{3,}/g);
        if (words) problems.push(`site refusal: English ${JSON.stringify(words)} in "${refusal}"`);
        await scan(b, 'site refusal');
        await screenshot(b, '73-korean-refusal');
        await press(b, 'error-dismiss');
      }
    }
    await screenshot(b, '72-korean-resources');
  } finally {
    await app.close();
  }
  assert.deepEqual(problems, [], 'untranslated text in the Korean UI');
});
