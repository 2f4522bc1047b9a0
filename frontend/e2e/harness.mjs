// End-to-end harness: runs the real Go backend (the -tags dev binary) under
// Xvfb and drives its dev server with Debian's Chromium via playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

export const appPath = resolve(process.env.SCRIPTROOM_APP ?? '../build/bin/scriptroom-dev');
const distDir = resolve('dist');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function tempDir(t) {
  const d = mkdtempSync(join(tmpdir(), 'scriptroom-e2e-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/**
 * Starts Xvfb on a display it picks itself (-displayfd), resolving once it
 * has written the number, that is once it accepts clients; stopped when the
 * test ends.
 */
export async function startXvfb(t) {
  const p = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  t.after(() => p.kill('SIGKILL'));
  let err = '';
  p.stderr.on('data', (d) => (err += d));
  const n = await new Promise((res, rej) => {
    let out = '';
    p.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) res(out.trim());
    });
    p.once('exit', (code) => rej(new Error(`Xvfb exited with ${code} before it was ready:\n${err}`)));
  });
  return `:${n}`;
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * Starts the app's dev server on a free port with the library at libraryPath;
 * args are more command-line arguments (script files to open). A new library
 * is made with the writer's name `name` (SCRIPTROOM_NAME), so the first-run
 * welcome does not ask it; with name: null it asks.
 */
export async function startApp(t, { display, libraryPath, args = [], name = 'Test Writer' }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOn(t, { display, libraryPath, args, name, port: await freePort() });
    } catch (e) {
      // Another process may take the port between our probe and the app's bind.
      if (attempt < 3 && /address already in use/.test(String(e))) continue;
      throw e;
    }
  }
}

async function startAppOn(t, { display, port, libraryPath, args, name }) {
  if (!existsSync(appPath)) throw new Error(`${appPath} is missing: run make build-dev`);
  const proc = spawn(appPath, ['-devserver', `127.0.0.1:${port}`, '-assetdir', distDir, '-loglevel', 'Warning', ...args], {
    env: { ...process.env, DISPLAY: display, SCRIPTROOM_LIBRARY: libraryPath, SCRIPTROOM_NAME: name ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const app = {
    proc,
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    kill: async (signal = 'SIGKILL') => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill(signal);
      await exited;
    },
  };
  t.after(() => app.kill());
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the app exited with ${proc.exitCode}:\n${log}`);
    try {
      const r = await fetch(app.url);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`the app did not serve ${app.url} within 60 s:\n${log}`);
    await sleep(250);
  }
  return app;
}

/** Launches headless Chromium; closed when the test ends. */
export async function launchBrowser(t) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  t.after(() => browser.close());
  return browser;
}

/** Opens a page on the app and waits until the Wails bindings are ready. */
export async function openPage(browser, app) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(app.url);
  await page.waitForFunction(() => typeof window.go?.app?.Library?.List === 'function', null, { timeout: 30_000 });
  return page;
}

/**
 * Runs action and returns the notice with text that it brought up. Notices
 * already on screen are marked first, so an older one with the same text that
 * has not faded yet is never taken for the new one, however fast or slow the
 * machine is.
 */
export async function noticeAfter(page, text, action, { error = false, timeout } = {}) {
  await page.evaluate(() => document.querySelectorAll('.notice').forEach((n) => n.setAttribute('data-e2e-old', '')));
  await action();
  const notice = page.locator(`.notice${error ? '.error' : ''}:not([data-e2e-old])`, { hasText: text });
  await notice.waitFor({ timeout });
  return notice;
}

/**
 * Waits until locator matches exactly n elements: lists and margin marks are
 * drawn a moment after the state they show, so a count read at once depends
 * on the machine's speed. The deadline is only a safety net.
 */
export async function waitForCount(locator, n, { timeout = 30_000 } = {}) {
  for (const deadline = Date.now() + timeout; ; ) {
    const got = await locator.count();
    if (got === n) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} of ${locator}, found ${got}`);
    await sleep(50);
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function haveTools() {
  const missing = ['Xvfb'].filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
  if (!existsSync(chromiumPath)) missing.push(chromiumPath);
  return missing;
}

/**
 * From the library: Settings → Host on this computer, on a free port. Leaves
 * Settings open (the caller may look at it, then press Escape) and returns
 * the port.
 */
export async function hostRelay(page) {
  await page.click('[data-testid="settings"]');
  const port = await freePort();
  await page.fill('[data-testid="host-port"]', String(port));
  await page.click('[data-testid="host-start"]');
  await page.locator('[data-testid="host-running"]', { hasText: String(port) }).waitFor();
  return port;
}

/**
 * From the editor: shares the open script, invite only, and with a role
 * makes an invite link for it. Closes the dialog and returns the link ('' without a role).
 */
export async function shareScript(page, role) {
  await page.click('[data-testid="open-share"]');
  await page.click('[data-testid="visibility-invite"]');
  await page.click('[data-testid="share-submit"]');
  await page.locator('[data-testid="invite-create"]').waitFor();
  let link = '';
  if (role) {
    await page.selectOption('[data-testid="invite-role"]', role);
    await page.click('[data-testid="invite-create"]');
    link = await page.locator('[data-testid="invite-link"]').inputValue({ timeout: 10_000 });
  }
  await page.keyboard.press('Escape');
  return link;
}

/** From the library: joins a shared script with an invite link (the Join dialog). */
export async function joinByLink(page, link) {
  await page.click('[data-testid="open-join"]');
  await page.fill('[data-testid="join-link"]', link);
  await page.click('[data-testid="join-submit"]');
}

/**
 * Drops files on the element matching selector as a file manager would:
 * a DataTransfer holding Files (name and base64 bytes), dragenter then drop.
 */
export async function dropFiles(page, selector, files) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') })));
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.locator('[data-testid="drop-overlay"]').waitFor();
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}
