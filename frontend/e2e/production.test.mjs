// Production drafts end to end: the demo script is locked for production
// from the editor's Production menu and given a Blue revision set; a scene
// typed before scene 2 is numbered 1A in the margins, its lines carry an
// asterisk in the right margin and the set shows in the toolbar; the page
// breaks carry their locked numbers. Then the script's revised pages only
// are exported through the export dialog and the native save dialog, and
// read back with pdftotext: a cover listing the revised page, the page with
// "Blue Rev. 12/06/26", 1A and an asterisk on the new lines.
// PRODUCTION_SHOTS=dir keeps a screenshot of the locked editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { haveTools, launchBrowser, noticeAfter, openPage, sleep, startApp, startXvfb, tempDir } from './harness.mjs';

const execFileP = promisify(execFile);
const missing = haveTools();
for (const tool of ['pdftotext', 'xdotool']) if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool);
const shots = process.env.PRODUCTION_SHOTS;
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;

test('lock for production, insert a scene, export the revised pages', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);

  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor();
  await page.locator('[data-testid="revision"]', { hasText: 'Demo script' }).waitFor();
  await page.waitForSelector('.cm-editor[data-pages]', { timeout: 20_000 });

  // Lock, from the toolbar, with the keyboard.
  await page.focus('[data-testid="production-menu"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="production-lock"]');
  // The menu shows where it opened, below the toolbar (which clips what
  // overflows it): the point at the lock's middle is the lock, and the
  // toolbar has not been scrolled to bring it in.
  const shown = await page.locator('[data-testid="production-lock"]').evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const bar = document.querySelector('[data-testid="production-menu"]').getBoundingClientRect();
    return { hit: el === at || el.contains(at), below: r.top >= bar.bottom };
  });
  assert.deepEqual(shown, { hit: true, below: true }, 'the production menu is seen under its button');
  // Tab goes from the button into the menu.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'production-lock', 'Tab from Production reaches the lock');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="production-state"]', { hasText: 'Locked' }).waitFor();
  await page.waitForSelector('.cm-editor[data-locked="true"]', { timeout: 20_000 });

  // Locking twice is refused in words (the menu offers no second lock, so ask the service).
  const again = await page.evaluate(async () => {
    const [script] = await window.go.app.Library.List();
    try {
      await window.go.app.Review.LockProduction(script.id);
      return '';
    } catch (e) {
      return String(e);
    }
  });
  assert.match(again, /Could not lock the script for production: the script is locked for production/);

  // A Blue set dated 6 December 2026.
  await page.click('[data-testid="production-menu"]');
  await page.selectOption('[data-testid="production-color"]', 'Blue');
  await page.fill('[data-testid="production-date"]', '2026-12-06');
  await page.click('[data-testid="production-start-set"]');
  await page.locator('[data-testid="production-state"]', { hasText: 'Locked · Blue' }).waitFor();
  await page.waitForSelector('.cm-editor[data-revision-set="Blue"]', { timeout: 20_000 });
  // Both are in the lock's history, newest first.
  await page.click('[data-testid="production-menu"]');
  const history = await page.locator('[data-testid="production-history"] li').allTextContents();
  assert.match(history[0], /^Started Blue by Test Writer/);
  assert.match(history[1], /^Locked by Test Writer/);
  // Shift+Tab from the menu's first control goes back to the button, and
  // Tab past its last control closes it there.
  await page.focus('[data-testid="production-color"]');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'production-menu');
  await page.focus('[data-testid="production-unlock"]');
  await page.keyboard.press('Tab');
  await page.waitForSelector('[data-testid="production-history"]', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'production-menu');
  await page.click('[data-testid="production-menu"]');
  await page.waitForSelector('[data-testid="production-history"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="production-history"]', { state: 'detached' });

  // A new scene before scene 2: typed at the start of its heading.
  await page.locator('.cm-line', { hasText: 'INT. FERRY - PASSENGER DECK - NIGHT' }).click();
  await page.keyboard.press('Home');
  for (const line of ['INT. ENGINE ROOM - NIGHT', '', 'Steam hisses from every valve.', '', '']) {
    if (line) await page.keyboard.type(line, { delay: 5 });
    await page.keyboard.press('Enter');
  }
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
  const heading = page.locator('.cm-line[data-scene="1A"]', { hasText: 'ENGINE ROOM' });
  await heading.waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('.cm-line[data-scene="2"]', { hasText: 'PASSENGER DECK' }).count(), 1, 'scene 2 keeps its number');
  const marked = page.locator('.cm-line.cm-revised', { hasText: 'Steam hisses' });
  await marked.waitFor();
  assert.equal(await marked.locator('.cm-revision-mark').textContent(), '*');
  assert.equal(await page.locator('.cm-line.cm-revised', { hasText: 'HARBOUR PIER' }).count(), 0, 'an unchanged heading has no mark');
  if (shots) {
    await heading.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'production-editor.png') });
  }
  // Every page break shows its locked number.
  const labels = await page.locator('.cm-page-break[data-page-label]').evaluateAll((els) => els.map((e) => e.getAttribute('data-page-label')));
  assert.ok(labels.length > 0 && labels.every((l) => /^\d+[A-Z]*(-\d+)?$/.test(l)), `page labels ${labels}`);

  // The revised pages only, as a PDF.
  await page.click('[data-testid="open-export"]');
  await page.waitForSelector('[data-testid="export-production"]');
  await page.click('[data-testid="format-pdf"]');
  await page.check('[data-testid="export-revised-only"]');
  const out = join(dir, 'ferry-blue.pdf');
  await noticeAfter(page, `Exported to ${out}`, async () => {
    await page.click('[data-testid="export-submit"]');
    await nativeSaveDialog(display, 'Export as PDF', out);
  });
  assert.ok(existsSync(out), `${out} was not written`);
  const pages = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).stdout.split('\f').filter((p) => p.trim());
  assert.match(pages[0], /Blue Rev\. 12\/06\/26/);
  assert.match(pages[0], /Revised pages? \(\d+\):/);
  const body = pages.slice(1).join('\f');
  assert.match(body, /Blue Rev\. 12\/06\/26/);
  assert.match(body, /1A\s+INT\. ENGINE ROOM - NIGHT\s+1A/);
  assert.match(body, /Steam hisses from every valve\..*\*/);
  assert.doesNotMatch(body, /EXT\. ISLAND JETTY/, 'an unrevised page is not printed');
});

/**
 * Answers the app's native (GTK) save dialog titled title on display: types
 * path into its name field and presses Enter. xdotool waits (--sync) until
 * the dialog is mapped; Xvfb runs no window manager, so it has the focus.
 */
async function nativeSaveDialog(display, title, path) {
  const env = { ...process.env, DISPLAY: display };
  const xdo = async (...args) => (await execFileP('xdotool', args, { env, timeout: 60_000 })).stdout.trim();
  const [win] = (await xdo('search', '--sync', '--onlyvisible', '--name', `^${title}$`)).split('\n');
  await xdo('windowfocus', '--sync', win);
  await xdo('key', '--clearmodifiers', 'ctrl+a');
  await xdo('type', '--clearmodifiers', '--delay', '20', path);
  await xdo('key', '--clearmodifiers', 'Return');
  for (const deadline = Date.now() + 60_000; ; ) {
    try {
      await xdo('search', '--onlyvisible', '--name', `^${title}$`);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`the save dialog "${title}" did not close`);
    await sleep(100);
  }
}
