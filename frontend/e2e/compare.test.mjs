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
  await page.evaluate(async () => {
    const go = window.go.app;
    const [script] = await go.Library.List();
    const doc = await go.Editor.Open(script.id);
    const v1 = doc.text.replace('Fog rolls off black water.', 'Fog crawls off black water.');
    await go.Editor.Commit(script.id, v1, 'fog crawls');
    const v2 = v1 + '\nEXT. LIGHTHOUSE - MORNING\n\nGulls wheel over the lamp room.\n';
    await go.Editor.Commit(script.id, v2, 'add the lighthouse');
  });
  await page.reload();
  await page.locator('[data-testid="revision"]', { hasText: 'add the lighthouse' }).waitFor();

  // Open the first revision and compare it with the newest: with the
  // revision, not the draft, which the window's own autosave may still be
  // writing while the commits above come in.
  await page.locator('[data-testid="revision"]', { hasText: 'Demo script' }).click();
  await page.click('text=Compare with draft');
  await page.waitForSelector('[data-testid="compare-view"]');
  await page.selectOption('[data-testid="compare-right"]', { label: 'add the lighthouse' });

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

  // Both sides scroll together: a row's two cells stay level as the view moves.
  const left = first.locator('.cell.left');
  const right = first.locator('.cell.right');
  await page.keyboard.press('p');
  await counter.filter({ hasText: 'Change 1 of 2' }).waitFor();
  const [l0, r0] = [await left.boundingBox(), await right.boundingBox()];
  assert.ok(Math.abs(l0.y - r0.y) < 1 && r0.x > l0.x, `left ${JSON.stringify(l0)}, right ${JSON.stringify(r0)}`);
  await page.locator('[data-testid="compare-rows"]').evaluate((el) => (el.scrollTop += 40));
  await page.waitForFunction((y) => document.querySelector('[data-testid="compare-rows"] .current .cell.left')?.getBoundingClientRect().y !== y, l0.y);
  const [l1, r1] = [await left.boundingBox(), await right.boundingBox()];
  assert.ok(Math.abs(l1.y - r1.y) < 1 && Math.abs(l1.y - l0.y) > 1, `left ${JSON.stringify(l1)}, right ${JSON.stringify(r1)}`);

  // The editor's scene list stays beside the comparison.
  assert.ok(await page.locator('[data-testid="scene-link"]').first().isVisible(), 'the scene list is hidden while comparing');

  // Inline mode shows the same words: n goes on to the added scene, then
  // round to the first change.
  await page.click('[data-testid="inline-toggle"]');
  await page.locator('[data-testid="compare-rows"]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  await counter.filter({ hasText: 'Change 2 of 2' }).waitFor();
  await assertInView(page, await currentRow(page, '.ins'));
  await page.keyboard.press('n');
  await counter.filter({ hasText: 'Change 1 of 2' }).waitFor();
  const del = await currentRow(page, '.del');
  await del.locator('.word-del', { hasText: 'rolls' }).waitFor();
  await assertInView(page, del);

  // Scene headings show in full on hover; at 1024 px the controls stay on
  // one line, the scene list and the headings still shown.
  const heading = page.locator('[data-testid="scene-change"] .heading', { hasText: 'LIGHTHOUSE' });
  assert.match(await heading.getAttribute('title'), /EXT\. LIGHTHOUSE - MORNING/);
  await page.setViewportSize({ width: 1024, height: 700 });
  assert.ok(await page.locator('[data-testid="scene-link"]').first().isVisible(), 'the scene list is hidden at 1024 px');
  await heading.hover();
  assert.ok(await heading.isVisible());
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
