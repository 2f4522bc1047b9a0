// Export end to end: the export dialog offers the formats, the revisions to
// mark changes against and the revision colours; through it and the native
// save dialog (driven with xdotool) the app writes a PDF with an asterisk on
// the changed line and reports its progress; a character no installed font
// has (an emoji beyond the fonts' reach) is printed as a box, and the app
// says which. Then a production draft locked to the demo revision, as its
// revised pages only.
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
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;

test('export a PDF with revision marks', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);

  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor();
  const scriptId = await page.evaluate(async () => {
    const go = window.go.app;
    const [script] = await go.Library.List();
    return script.id;
  });
  await page.locator('[data-testid="revision"]', { hasText: 'Demo script' }).waitFor();

  // The dialog, from the editor's toolbar: PDF options, revisions, colours.
  await page.click('[data-testid="open-export"]');
  await page.waitForSelector('[data-testid="export-dialog"]');
  assert.ok(await page.isChecked('[data-testid="format-pdf"]'), 'PDF is the default format');
  await page.locator('[data-testid="export-base"] option', { hasText: 'Demo script' }).waitFor({ state: 'attached' });
  const colors = await page.locator('[data-testid="export-color"] option').allTextContents();
  assert.deepEqual(colors.slice(0, 4), ['None', 'White', 'Blue', 'Pink']);
  await page.click('[data-testid="format-fdx"]');
  await page.locator('[data-testid="export-base"]').waitFor({ state: 'detached' }); // FDX has no revision marks
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });

  // Type a change and wait until the draft is saved.
  await page.click('[data-testid="editor"] .cm-line >> nth=-1');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('The fog lifts at last.', { delay: 5 });
  await page.keyboard.insertText(' 🐟');
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });

  // Export as a writer does: the dialog, then the native save dialog, which
  // xdotool drives on the app's Xvfb display.
  await page.evaluate((id) => {
    window.__stages = [];
    window.runtime.EventsOn('task:progress', (p) => p.scriptId === id && window.__stages.push(p.stage));
  }, scriptId);
  await page.click('[data-testid="open-export"]');
  await page.waitForSelector('[data-testid="export-dialog"]');
  await page.click('[data-testid="format-pdf"]');
  const base = await page.locator('[data-testid="export-base"] option', { hasText: 'Demo script' }).getAttribute('value');
  await page.selectOption('[data-testid="export-base"]', base);
  await page.selectOption('[data-testid="export-color"]', 'Pink');

  // Closing the native dialog exports nothing and is not an error: the
  // export dialog stays, with its choices.
  await page.click('[data-testid="export-submit"]');
  await nativeSaveDialog(display, 'Export as PDF', null);
  await page.locator('[data-testid="export-submit"]:not([disabled])').waitFor();
  assert.equal(await page.locator('.notice.error').count(), 0, 'a cancelled save dialog is not an error');
  assert.equal(await page.inputValue('[data-testid="export-color"]'), 'Pink');

  const out = join(dir, 'ferry.pdf');
  await noticeAfter(page, `Exported to ${out}`, async () => {
    await page.click('[data-testid="export-submit"]');
    await nativeSaveDialog(display, 'Export as PDF', out);
  });
  await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
  await page.waitForFunction(() => window.__stages.at(-1) === 'done');
  const stages = await page.evaluate(() => window.__stages);
  assert.ok(stages.includes('Laying out pages'), `progress stages: ${stages}`);
  assert.ok(existsSync(out), `${out} was not written`);
  const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).stdout;
  const marked = text.split('\n').filter((l) => l.trim().endsWith('*'));
  assert.equal(marked.length, 1, `marked lines: ${JSON.stringify(marked)}`);
  assert.match(marked[0], /The fog lifts at last\./);
  assert.match(text, /Pink Rev\./);
  // The fish has no font here: the PDF is written, and the writer is told.
  await page.locator('.notice.error', { hasText: 'U+1F41F' }).waitFor({ timeout: 10_000 });

  // A production draft locked to the demo revision, revised pages only:
  // a cover listing the one revised page, then that page with the
  // revision's header and the changed line marked.
  await page.click('[data-testid="open-export"]');
  await page.waitForSelector('[data-testid="export-dialog"]');
  assert.equal(await page.locator('[data-testid="export-locked"]').count(), 0, 'no production draft without a revision');
  await page.selectOption('[data-testid="export-base"]', base);
  await page.check('[data-testid="export-locked"]');
  await page.fill('[data-testid="export-date"]', '2026-12-06');
  await page.check('[data-testid="export-revised-only"]');
  const locked = join(dir, 'ferry-blue.pdf');
  await noticeAfter(page, `Exported to ${locked}`, async () => {
    await page.click('[data-testid="export-submit"]');
    await nativeSaveDialog(display, 'Export as PDF', locked);
  });
  const pages = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', locked, '-'], { encoding: 'utf8' }).stdout.split('\f');
  assert.match(pages[0], /Blue Rev\. 12\/06\/26/);
  assert.match(pages[0], /Revised page \(1\):/);
  assert.match(pages[1], /Blue Rev\. 12\/06\/26/);
  assert.match(pages[1], /The fog lifts at last\..*\*/);
});

/**
 * Answers the app's native (GTK) save dialog titled title on display: types
 * path into its name field and presses Enter, or presses Escape when path is
 * null. xdotool waits (--sync) until the dialog is mapped; the dialog has the
 * keyboard focus given to it, since Xvfb runs no window manager.
 */
async function nativeSaveDialog(display, title, path) {
  const env = { ...process.env, DISPLAY: display };
  const xdo = async (...args) => (await execFileP('xdotool', args, { env, timeout: 60_000 })).stdout.trim();
  const [win] = (await xdo('search', '--sync', '--onlyvisible', '--name', `^${title}$`)).split('\n');
  await xdo('windowfocus', '--sync', win);
  if (path === null) {
    await xdo('key', '--clearmodifiers', 'Escape');
  } else {
    await xdo('key', '--clearmodifiers', 'ctrl+a');
    await xdo('type', '--clearmodifiers', '--delay', '20', path);
    await xdo('key', '--clearmodifiers', 'Return');
  }
  // Wait until the dialog is gone, so the next one is not mistaken for it
  // (xdotool search exits 1 when no window matches).
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
