// Security from the start (issue 2, item 4): the real window enforces the strict content
// security policy of tauri.conf.json — no remote content, no inline script.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, launch, makeSandbox } from '../lib/app.mjs';

test('the window refuses remote content and inline script', async () => {
  const sandbox = makeSandbox('csp');
  const app = await launch(sandbox);
  try {
    const b = app.browser;
    await byTestId(b, 'first-run').waitForDisplayed({ timeout: 30_000 });
    const result = await b.executeAsync((done) => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      // A remote image: refused by img-src before any network access.
      const img = new Image();
      img.src = 'https://cdn.example.org/pixel.png';
      // An inline script added at run time: refused by script-src.
      window.__inlineRan = false;
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(s);
      setTimeout(() => done({ violations, inlineRan: window.__inlineRan }), 500);
    });
    assert.equal(result.inlineRan, false, 'injected inline script must not run');
    assert.ok(
      result.violations.some((d) => d.startsWith('img-src')),
      `a remote image must be refused by img-src; violations: ${JSON.stringify(result.violations)}`,
    );
    assert.ok(
      result.violations.some((d) => d.startsWith('script-src')),
      `inline script must be refused by script-src; violations: ${JSON.stringify(result.violations)}`,
    );
  } finally {
    await app.close();
  }
});
