// Export end to end: the export dialog offers the formats, the revisions to
// mark changes against and the revision colours; the backend it calls writes
// a PDF with an asterisk on the changed line and reports its progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { haveTools, launchBrowser, openPage, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
if (spawnSync('sh', ['-c', 'command -v pdftotext']).status !== 0) missing.push('pdftotext');
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
  assert.equal(await page.locator('[data-testid="export-base"]').count(), 0, 'FDX has no revision marks');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });

  // Type a change, then export through the same binding the dialog calls
  // after its native save dialog (which a headless test cannot drive).
  await page.click('[data-testid="editor"] .cm-line >> nth=-1');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('The fog lifts at last.', { delay: 5 });
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
  const out = join(dir, 'ferry.pdf');
  const stages = await page.evaluate(
    async ([id, path]) => {
      const seen = [];
      const off = window.runtime.EventsOn('task:progress', (p) => seen.push(p.stage));
      const [first] = (await window.go.app.History.List(id)).slice(-1);
      await window.go.app.Library.ExportFileAs(id, path, { format: 'pdf', base: first.id, color: 'Pink', paper: 'letter', sceneNumbers: false });
      await new Promise((r) => setTimeout(r, 300));
      off();
      return seen;
    },
    [scriptId, out],
  );
  assert.ok(stages.includes('Laying out pages') && stages.at(-1) === 'done', `progress stages: ${stages}`);
  const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).stdout;
  const marked = text.split('\n').filter((l) => l.trim().endsWith('*'));
  assert.equal(marked.length, 1, `marked lines: ${JSON.stringify(marked)}`);
  assert.match(marked[0], /The fog lifts at last\./);
  assert.match(text, /Pink Rev\./);
});
