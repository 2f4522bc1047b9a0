// Community review end to end, with two writers on two app instances and one
// relay: A hosts the relay, shares a script and invites B as a proposer; B
// joins, starts a proposal and types; A sees the proposal appear and follow
// B's typing without a reload, reviews it in the compare view and merges it;
// B sees it merged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, hostRelay, joinByLink, launchBrowser, noticeAfter, openPage, shareScript, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;
/** Set REVIEW_SHOTS to a folder to keep screenshots of the panels. */
const shots = process.env.REVIEW_SHOTS;

async function typeLines(page, lines) {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]) await page.keyboard.type(lines[i], { delay: 5 });
    if (i < lines.length - 1) await page.keyboard.press('Enter');
  }
}

/** Types at the end of the editor's text. */
async function typeAtEnd(page, text) {
  await page.click('[data-testid="editor"]');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 5 });
}

/** Replaces the text of line n (1-based) in the editor. */
async function replaceLine(page, n, text) {
  await page.click('[data-testid="editor"]');
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(text, { delay: 5 });
}

/** Starts a proposal from main (leaving the one being edited, if any). */
async function startProposal(page, title) {
  if (await page.locator('[data-testid="proposal-back"]').count()) {
    await page.click('[data-testid="proposal-back"]');
    await page.locator('[data-testid="proposal-banner"]').waitFor({ state: 'detached' });
  }
  await page.click('[data-testid="proposals-tab"]');
  await page.click('[data-testid="proposal-new"]');
  await page.fill('[data-testid="proposal-title"]', title);
  await page.click('[data-testid="proposal-create"]');
  await page.locator('[data-testid="proposal-banner"][data-status="open"]', { hasText: title }).waitFor();
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
}

test('propose, review live and merge across two instances', { skip, timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const appA = await startApp(t, { display, libraryPath: join(dir, 'a', 'library.db') });
  const appB = await startApp(t, { display, libraryPath: join(dir, 'b', 'library.db') });
  assert.notEqual(appA.url, appB.url);
  const browser = await launchBrowser(t);
  const a = await openPage(browser, appA);
  const b = await openPage(browser, appB);
  await a.evaluate(() => window.go.app.Settings.SetName('Ada'));
  await b.evaluate(() => window.go.app.Settings.SetName('Ben'));

  // A hosts the relay (Settings → Host on this computer).
  await a.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor();
  await a.click('[data-testid="back"]');
  await hostRelay(a);
  await a.keyboard.press('Escape');

  // A writes a tiny script, saves a revision and shares it.
  await a.click('[data-testid="new-script"]');
  await a.fill('[data-testid="title-input"]', 'Pier Story');
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="script-title"]', { hasText: 'Pier Story' }).waitFor();
  await a.click('[data-testid="editor"]');
  await typeLines(a, ['INT. PIER - NIGHT', '', 'Waves slap the posts.', '', 'MARA', 'We wait.']);
  await a.keyboard.press('Control+s');
  await a.fill('[data-testid="commit-message"]', 'First draft');
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="revision"]', { hasText: 'First draft' }).waitFor({ timeout: 10_000 });
  const link = await shareScript(a, 'proposer');
  assert.match(link, /^scriptroom:\/\/join\?/);
  await a.click('[data-testid="proposals-tab"]');
  await a.locator('[data-testid="proposal-new"]').waitFor();
  await shot(a, 'a-proposals-empty');

  // B joins with the link from the Join dialog and opens the script.
  await b.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor();
  await b.click('[data-testid="back"]');
  await joinByLink(b, link);
  await b.locator('[data-testid="script-card"]', { hasText: 'Pier Story' }).click({ timeout: 30_000 });
  await b.locator('[data-testid="script-title"]', { hasText: 'Pier Story' }).waitFor();
  await b.locator('[data-testid="editor"]', { hasText: 'Waves slap the posts.' }).waitFor({ timeout: 15_000 });

  // B starts a proposal: the editor switches to proposal mode.
  await b.click('[data-testid="proposals-tab"]');
  await b.click('[data-testid="proposal-new"]');
  await b.fill('[data-testid="proposal-title"]', 'Gulls at dawn');
  await b.fill('[data-testid="proposal-description"]', 'A sound cue before Mara speaks.');
  await b.click('[data-testid="proposal-create"]');
  await b.locator('[data-testid="proposal-banner"]', { hasText: 'Gulls at dawn' }).waitFor();
  assert.match(await b.locator('[data-testid="proposal-banner"]').innerText(), /sent to the room as you type/);
  assert.ok(await b.locator('[data-testid="commit"]').isDisabled(), 'Save revision is off in proposal mode');
  await typeAtEnd(b, '\n\nGulls scream overhead.');
  await b.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });

  // A sees it appear without a reload and opens the review.
  const rowA = a.locator('[data-testid="proposal-row"]', { hasText: 'Gulls at dawn' });
  await rowA.waitFor({ timeout: 20_000 });
  assert.equal(await rowA.getAttribute('data-status'), 'open');
  assert.match(await rowA.innerText(), /Ben/);
  await shot(a, 'a-proposals-panel');
  await rowA.locator('[data-testid="proposal-review"]').click();
  await a.locator('[data-testid="review-view"]').waitFor();
  await a.locator('[data-testid="compare-rows"]', { hasText: 'Gulls scream overhead.' }).waitFor({ timeout: 20_000 });

  // B keeps typing; A's review follows.
  await typeAtEnd(b, ' One dives.');
  await b.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await a.locator('[data-testid="compare-rows"]', { hasText: 'One dives.' }).waitFor({ timeout: 20_000 });
  await shot(a, 'a-review');

  // A merges from the compare view; A's main now has B's words.
  await a.click('[data-testid="proposal-merge"]');
  await a.locator('[data-testid="review-view"][data-status="merged"]').waitFor({ timeout: 15_000 });
  await a.click('[data-testid="review-view"] >> text=Close');
  await a.locator('[data-testid="proposal-row"][data-status="merged"]', { hasText: 'Gulls at dawn' }).waitFor();
  await a.locator('[data-testid="editor"]', { hasText: 'One dives.' }).waitFor({ timeout: 10_000 });
  await a.click('[data-testid="history-tab"]');
  await a.locator('[data-testid="revision"]', { hasText: 'Merge “Gulls at dawn”' }).waitFor({ timeout: 10_000 });

  // B sees it merged, in the banner and the list.
  await b.locator('[data-testid="proposal-banner"][data-status="merged"]').waitFor({ timeout: 20_000 });
  await b.locator('[data-testid="proposal-row"][data-status="merged"]', { hasText: 'Gulls at dawn' }).waitFor();
  await shot(b, 'b-merged');

  // A second proposal conflicts with main: both change the same line.
  await b.click('[data-testid="proposal-back"]');
  await b.locator('[data-testid="proposal-banner"]').waitFor({ state: 'detached' });
  await b.locator('[data-testid="editor"]', { hasText: 'One dives.' }).waitFor({ timeout: 15_000 });
  await startProposal(b, 'Rain');
  await replaceLine(b, 3, 'Rain hammers the posts.');
  await b.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await a.click('[data-testid="proposals-tab"]');
  await a.locator('[data-testid="proposal-row"]', { hasText: 'Rain' }).waitFor({ timeout: 20_000 });
  await replaceLine(a, 3, 'Fog hides the posts.');
  await a.keyboard.press('Control+s');
  await a.fill('[data-testid="commit-message"]', 'Fog');
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="commit-message"]').waitFor({ state: 'detached' });

  // A reviews: one conflict, Merge waits for a choice; A takes the proposal's line.
  await a.locator('[data-testid="proposal-row"]', { hasText: 'Rain' }).locator('[data-testid="proposal-review"]').click();
  const conflict = a.locator('[data-testid="conflict"]');
  await conflict.first().waitFor({ timeout: 15_000 });
  assert.equal(await conflict.count(), 1);
  assert.match(await conflict.innerText(), /Fog hides the posts\.[\s\S]*Rain hammers the posts\./);
  assert.ok(await a.locator('[data-testid="proposal-merge"]').isDisabled(), 'Merge waits for every conflict');
  await a.click('[data-testid="review-with-main"]');
  await a.locator('[data-testid="compare-rows"]', { hasText: 'Fog hides the posts.' }).waitFor();
  await a.click('[data-testid="conflict-take-proposal"]');
  await shot(a, 'a-conflict');
  await a.click('[data-testid="proposal-merge"]');
  await a.locator('[data-testid="review-view"][data-status="merged"]').waitFor({ timeout: 15_000 });
  await a.click('[data-testid="review-view"] >> text=Close');
  await a.locator('[data-testid="editor"]', { hasText: 'Rain hammers the posts.' }).waitFor({ timeout: 10_000 });
  assert.doesNotMatch(await a.locator('[data-testid="editor"]').innerText(), /Fog hides/);
  await b.locator('[data-testid="proposal-banner"][data-status="merged"]', { hasText: 'Rain' }).waitFor({ timeout: 20_000 });

  // Main moves while B edits a proposal elsewhere in the script: B's
  // proposal follows main by itself, B's words kept.
  await startProposal(b, 'Sunset');
  await typeAtEnd(b, ' The sun sets.');
  await b.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await a.locator('[data-testid="proposal-row"]', { hasText: 'Sunset' }).waitFor({ timeout: 20_000 });
  await replaceLine(a, 3, 'Mist hides the posts.');
  await a.keyboard.press('Control+s');
  await a.fill('[data-testid="commit-message"]', 'Mist');
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="commit-message"]').waitFor({ state: 'detached' });
  await b.locator('[data-testid="editor"]', { hasText: 'Mist hides the posts.' }).waitFor({ timeout: 20_000 });
  assert.match(await b.locator('[data-testid="editor"]').innerText(), /The sun sets\./);
  await b.locator('[data-testid="proposal-banner"][data-status="open"]', { hasText: 'Sunset' }).waitFor();
  await a
    .locator('[data-testid="proposal-row"][data-status="open"]', { hasText: 'Sunset' })
    .filter({ hasNotText: 'main has moved since' })
    .waitFor({ timeout: 20_000 });

  // B comments on the proposal's new words: the thread sits on the
  // proposal's text, and A, on main, finds it among comments on proposals.
  await b.click('[data-testid="editor"]');
  await b.keyboard.press('Control+End');
  await b.keyboard.press('Shift+Home');
  await b.keyboard.press('Control+Alt+m');
  await b.fill('[data-testid="comment-body"]', 'Too pretty?');
  await b.click('[data-testid="comment-submit"]');
  await b.locator('[data-testid="comment-thread"]', { hasText: 'Too pretty?' }).waitFor({ timeout: 15_000 });
  assert.equal(await b.locator('[data-testid="comments-on-proposals"]').count(), 0, 'on the proposal it is a current thread');
  await a.click('[data-testid="comments-tab"]');
  await a.locator('[data-testid="comments-on-proposals"]').waitFor({ timeout: 20_000 });
  await a.locator('[data-testid="comment-thread"]', { hasText: 'Too pretty?' }).waitFor();
  await a.click('[data-testid="proposals-tab"]');

  // A rejects a third proposal with a reason; B reads it in the banner.
  await startProposal(b, 'Snow');
  await typeAtEnd(b, ' Snow falls.');
  await b.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await a.locator('[data-testid="proposal-row"]', { hasText: 'Snow' }).locator('[data-testid="proposal-review"]').click({ timeout: 20_000 });
  await a.click('[data-testid="proposal-reject"]');
  await a.fill('[data-testid="reject-reason"]', 'It is summer.');
  await a.click('[data-testid="reject-submit"]');
  await a.locator('[data-testid="review-view"][data-status="rejected"]').waitFor({ timeout: 15_000 });
  await b.locator('[data-testid="proposal-banner"][data-status="rejected"]', { hasText: 'It is summer.' }).waitFor({ timeout: 20_000 });

  // A takes one change of a proposal with two: only that one reaches main.
  await startProposal(b, 'Two notes');
  await replaceLine(b, 3, 'Hail on the posts.');
  await typeAtEnd(b, ' Night falls.');
  await b.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await a.click('[data-testid="review-view"] >> text=Close');
  await a.locator('[data-testid="proposal-row"]', { hasText: 'Two notes' }).locator('[data-testid="proposal-review"]').click({ timeout: 20_000 });
  const night = a.locator('label:has([data-testid="change-accept"])', { hasText: 'Night falls.' });
  await night.waitFor({ timeout: 20_000 });
  assert.equal(await a.locator('[data-testid="change-accept"]').count(), 2);
  await night.locator('[data-testid="change-accept"]').check();
  await noticeAfter(a, 'Merged 1 change into main', () => a.click('[data-testid="proposal-accept-changes"]'), { timeout: 15_000 });
  const mainText = await a.evaluate(async () => {
    const s = (await window.go.app.Library.List()).find((x) => x.title === 'Pier Story');
    return (await window.go.app.Editor.Open(s.id)).text;
  });
  assert.match(mainText, /Night falls\./);
  assert.doesNotMatch(mainText, /Hail on the posts/);
  await a.locator('[data-testid="review-view"][data-status="open"]').waitFor();

  // B withdraws a fourth one; A's list shows it withdrawn.
  await startProposal(b, 'Sleet');
  b.once('dialog', (d) => d.accept());
  await b.click('[data-testid="proposal-withdraw"]');
  await b.locator('[data-testid="proposal-banner"]').waitFor({ state: 'detached' });
  await a.click('[data-testid="review-view"] >> text=Close');
  await a.locator('[data-testid="proposal-row"][data-status="withdrawn"]', { hasText: 'Sleet' }).waitFor({ timeout: 20_000 });
  assert.deepEqual(
    await a.locator('[data-testid="proposal-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.status)),
    ['withdrawn', 'open', 'rejected', 'open', 'merged', 'merged'],
  );
  await shot(a, 'a-proposals-final');
});
