// Starts the real Itinera window for a test: a private tauri-driver (which spawns
// WebKitWebDriver, which spawns the app) and a WebdriverIO session on it.
//
// Everything is hermetic: the database is a file in a temporary directory, and XDG_DATA_HOME /
// XDG_CONFIG_HOME / XDG_CACHE_HOME point there too, so neither the app's log nor WebKit's
// storage touch the real per-user directories.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = resolve(here, '../../..');
/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');

/**
 * The app binary with the UI embedded: ITINERA_APP_BIN, else the one scripts/setup.sh
 * builds (target/app/itinera-app; target/debug/itinera-app may be a build without the UI).
 */
export function appBinary() {
  const bin = process.env.ITINERA_APP_BIN ?? join(ROOT, 'target', 'app', 'itinera-app');
  if (!existsSync(bin)) {
    throw new Error(`no app binary at ${bin}: run \`bash scripts/setup.sh test\` or set ITINERA_APP_BIN`);
  }
  return bin;
}

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`);
}

/** Process ids of the app running on `db` (found by its exact `--db` argument). */
function appPids(db) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args[0]?.endsWith('itinera-app') && args.includes(db)) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/**
 * Waits for the app on `db` to exit after its session ended. One that lingers is killed (by
 * its pid) so it cannot hold the database lock or a pipe of the test runner; returns whether
 * it exited by itself.
 */
async function waitForAppExit(db, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (appPids(db).length === 0) return true;
    await sleep(100);
  }
  for (const pid of appPids(db)) {
    console.warn(`itinera-app (pid ${pid}) on ${db} did not exit after the session: killing it`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return false;
}

/** A temporary home for one test: the database path and private XDG directories. */
export function makeSandbox(name) {
  const dir = mkdtempSync(join(tmpdir(), `itinera-e2e-${name}-`));
  const env = {
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    ITINERA_LOG_DIR: join(dir, 'logs'),
  };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true });
  // Printed documents go to the user's Documents folder (XDG user dirs): the sandbox's own.
  const documents = join(dir, 'Documents');
  mkdirSync(documents);
  writeFileSync(join(env.XDG_CONFIG_HOME, 'user-dirs.dirs'), `XDG_DOCUMENTS_DIR="${documents}"\n`);
  return { dir, db: join(dir, 'itinera.db'), env, documents };
}

/**
 * Opens the app on `sandbox.db` and returns `{ browser, close }`. `close()` ends the session
 * (which quits the app) and stops tauri-driver.
 */
export async function launch(sandbox, { lang = 'en_US.UTF-8' } = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  // The driver's (and the app's) output goes to a file: an app that outlived its session
  // must not hold the test runner's pipe open.
  const log = openSync(join(sandbox.dir, 'tauri-driver.log'), 'a');
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    // RUST_LIB_BACKTRACE=0: tauri-driver prints a harmless connection error with a full
    // backtrace when a session ends; keep the log readable.
    env: { ...process.env, ...sandbox.env, LANG: lang, LC_ALL: lang, RUST_LIB_BACKTRACE: '0' },
    stdio: ['ignore', log, log],
  });
  try {
    await waitForPort(port, driver, 15_000);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      connectionRetryCount: 2,
      capabilities: {
        'tauri:options': { application: appBinary(), args: ['--db', sandbox.db] },
      },
    });
    /** Ends the session (quitting the app); resolves to whether the app exited by itself. */
    const close = async () => {
      try {
        // Quit as a person would: close the window (the app exits with its last window and
        // checkpoints the database), then end the session.
        await browser.closeWindow().catch(() => undefined);
        await browser.deleteSession().catch(() => undefined);
      } finally {
        driver.kill('SIGTERM');
        await new Promise((ok) => (driver.exitCode !== null ? ok() : driver.once('exit', ok)));
      }
      return waitForAppExit(sandbox.db);
    };
    return { browser, close };
  } catch (e) {
    driver.kill('SIGTERM');
    await waitForAppExit(sandbox.db, 2_000);
    throw e;
  }
}

/** Saves a WebDriver screenshot of the page and, when ImageMagick is there, of the whole
 * X screen (window decorations and all). Returns the file paths. */
export async function screenshot(browser, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The screenshot can lag the DOM; moving focus forces a repaint of edited fields.
  await browser.execute(() => document.activeElement?.blur());
  await sleep(800);
  const page = join(ARTIFACTS, `${name}.png`);
  writeFileSync(page, Buffer.from(await browser.takeScreenshot(), 'base64'));
  const files = [page];
  try {
    const screen = join(ARTIFACTS, `${name}-screen.png`);
    execFileSync('import', ['-window', 'root', screen], { stdio: 'ignore', timeout: 15_000 });
    files.push(screen);
  } catch {
    // no ImageMagick or no X display: the page screenshot is still there
  }
  return files;
}

/** The element with `data-testid`. */
export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

/**
 * Sets a form control's value the way a person would see it end up, for controls whose
 * native pickers WebDriver cannot type into (date and time inputs, selects), and fires the
 * events Svelte listens to.
 */
export async function setControl(browser, id, value) {
  const el = await byTestId(browser, id);
  await el.waitForExist({ timeout: 10_000 });
  await browser.execute(
    (node, v) => {
      const proto = Object.getPrototypeOf(node);
      const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
      if (setter) setter.call(node, v);
      else node.value = v;
      node.dispatchEvent(new Event('input', { bubbles: true }));
      node.dispatchEvent(new Event('change', { bubbles: true }));
    },
    el,
    value,
  );
}

/**
 * The `itinera` command-line program (the same core without a window), used to prepare a
 * database before the window opens: ITINERA_CLI_BIN, else target/debug/itinera, which
 * `cargo test` builds before the end-to-end part runs (built here when missing).
 */
export function cliBinary() {
  const bin = process.env.ITINERA_CLI_BIN ?? join(ROOT, 'target', 'debug', 'itinera');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--bin', 'itinera'], { cwd: ROOT, stdio: 'inherit' });
  return bin;
}

/** Runs `itinera ARGS… --db sandbox.db` with the sandbox's private directories; returns stdout. */
export function itinera(sandbox, args) {
  return execFileSync(cliBinary(), [...args, '--db', sandbox.db], {
    env: { ...process.env, ...sandbox.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Writes `plan` (an object in the plan-file format) into the sandbox and imports it. */
export function importPlan(sandbox, plan, name = 'plan.json') {
  const file = join(sandbox.dir, name);
  writeFileSync(file, JSON.stringify(plan));
  return itinera(sandbox, ['import', file]);
}

/**
 * Drags `target` (an element, or a selector to find it by) by (dx, dy) pixels with the mouse the way a person does: press on its
 * centre, a small first move (so the calendar sees a drag, not a click), then the rest in
 * steps, and release. The element is first scrolled to the middle of its scroll container
 * so the whole path stays on screen.
 */
export async function dragBy(browser, target, dx, dy) {
  const find = () => (typeof target === 'string' ? browser.$(target) : target);
  await browser.execute((el) => el.scrollIntoView({ block: 'center', inline: 'center' }), await find());
  await sleep(300);
  // A selector is looked up again right before pressing: the calendar may have redrawn the
  // block meanwhile (a stale element cannot be dragged).
  const element = await find();
  const steps = 6;
  let chain = browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: element })
    .down({ button: 0 })
    .pause(100)
    .move({ origin: 'pointer', x: 0, y: Math.sign(dy) * 4, duration: 50 });
  const rx = dx;
  const ry = dy - Math.sign(dy) * 4;
  for (let i = 1; i <= steps; i++) {
    const px = Math.round((rx * i) / steps) - Math.round((rx * (i - 1)) / steps);
    const py = Math.round((ry * i) / steps) - Math.round((ry * (i - 1)) / steps);
    chain = chain.move({ origin: 'pointer', x: px, y: py, duration: 60 });
  }
  await chain.pause(150).up({ button: 0 }).perform();
}
