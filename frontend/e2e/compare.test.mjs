// Compare end to end: two revisions, the compare view, changed words
// highlighted, the scene summary, and jumping between changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, launchBrowser, openPage, startApp, startXvfb, tempDir, waitForCount } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;

/** The row of the change the counter names (outlined as current; `also` narrows it, e.g. '.del'). */
async function currentRow(page, also = '') {
  const row = await page.getAttribute('[data-testid="change-counter"]', 'data-row');
  assert.ok(row !== null && row !== '', 'the counter names no change row');
  const el = page.locator(`[data-testid="compare-rows"] [data-row="${row}"].current${also}`);
  await el.waitFor();
  return el;
}

/** Asserts an element lies within the compare view's visible rows. */
async function assertInView(page, el) {
  const view = await page.locator('[data-testid="compare-rows"]').boundingBox();
  const box = await el.boundingBox();
  assert.ok(box && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1, `row ${JSON.stringify(box)} outside the view ${JSON.stringify(view)}`);
}

test('compare two revisions side by side', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);

  // The demo script is open at first run; make two revisions through the API
  // the window uses, then open the compare view from the toolbar.
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor();
  const v2 = await page.evaluate(async () => {
    const go = window.go.app;
    const [script] = await go.Library.List();
    const doc = await go.Editor.Open(script.id);
    const v1 = doc.text.replace('Fog rolls off black water.', 'Fog crawls off black water.');
    await go.Editor.Commit(script.id, v1, 'fog crawls');
    const v2 = v1 + '\nEXT. LIGHTHOUSE - MORNING\n\nGulls wheel over the lamp room.\n';
    await go.Editor.Commit(script.id, v2, 'add the lighthouse');
    return v2;
  });
  await page.reload();
  await page.locator('[data-testid="revision"]', { hasText: 'add the lighthouse' }).waitFor();
  // The window's own autosave may have written an older text over the draft
  // while the commits came in: the draft must be the newest revision.
  const stale = await page.evaluate(async (v2) => {
    const go = window.go.app;
    const [script] = await go.Library.List();
    const doc = await go.Editor.Open(script.id);
    if (doc.text === v2) return false;
    await go.Editor.SaveDraft(script.id, v2);
    return true;
  }, v2);
  if (stale) {
    await page.reload();
    await page.locator('[data-testid="revision"]', { hasText: 'add the lighthouse' }).waitFor();
  }

  // Open the first revision and compare it with the newest.
  await page.locator('[data-testid="revision"]', { hasText: 'Demo script' }).click();
  await page.click('text=Compare with draft');
  await page.waitForSelector('[data-testid="compare-view"]');

  // The answer first: the count of changes (never "No changes" before it).
  const counter = page.locator('[data-testid="change-counter"]');
  await counter.filter({ hasText: /^2 changes$/ }).waitFor();

  // The scene summary names the added and the modified scene.
  const summary = await page.locator('[data-testid="scene-change"]').allTextContents();
  assert.ok(summary.some((s) => /added/.test(s) && /LIGHTHOUSE/.test(s)), `summary: ${summary}`);
  assert.ok(summary.some((s) => /modified/.test(s) && /HARBOUR PIER/.test(s)), `summary: ${summary}`);

  // N goes from change to change as a reader does: each is scrolled into
  // view (only the rows near the view are built) and outlined.
  await page.locator('[data-testid="compare-rows"]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  await counter.filter({ hasText: 'Change 1 of 2' }).waitFor();
  const first = await currentRow(page);
  // Changed words are highlighted on each side.
  await first.locator('.word-del', { hasText: 'rolls' }).waitFor();
  await first.locator('.word-ins', { hasText: 'crawls' }).waitFor();
  await assertInView(page, first);

  await page.keyboard.press('n');
  await counter.filter({ hasText: 'Change 2 of 2' }).waitFor();
  const second = await currentRow(page);
  assert.match(await second.getAttribute('class'), /\binsert\b/);
  await assertInView(page, second);
  // The added scene's rows are built below its first row.
  await waitForCount(page.locator('.pair.insert .right', { hasText: 'Gulls wheel over the lamp room.' }), 1);

  // Inline mode shows the same words (n wraps round to the first change).
  await page.click('[data-testid="inline-toggle"]');
  await page.locator('[data-testid="compare-rows"]').click();
  await page.keyboard.press('n');
  await counter.filter({ hasText: 'Change 1 of 2' }).waitFor();
  const del = await currentRow(page, '.del');
  await del.locator('.word-del', { hasText: 'rolls' }).waitFor();
  await assertInView(page, del);

  // Scene headings show in full on hover; at 1024 px the controls stay on
  // one line.
  const heading = page.locator('[data-testid="scene-change"] .heading', { hasText: 'LIGHTHOUSE' });
  assert.match(await heading.getAttribute('title'), /EXT\. LIGHTHOUSE - MORNING/);
  await page.setViewportSize({ width: 1024, height: 760 });
  const bar = await page.locator('[data-testid="compare-view"] header').boundingBox();
  const close = await page.locator('[data-testid="compare-view"] header button', { hasText: 'Close' }).boundingBox();
  assert.ok(close.y + close.height <= bar.y + bar.height && close.x + close.width <= 1024, `header ${JSON.stringify(bar)}, Close ${JSON.stringify(close)}`);
  assert.ok(bar.height < 48, `the header wraps: ${bar.height}px high`);

  // Leaving out white space compares again (the edits are real words: they stay).
  await page.click('[data-testid="ignore-whitespace"]');
  await page.waitForFunction(() => /^2 changes$/.test(document.querySelector('[data-testid="change-counter"]')?.textContent?.trim() ?? ''));
  await page.locator('[data-testid="compare-rows"]').click();
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="compare-view"]', { state: 'detached' });
});
