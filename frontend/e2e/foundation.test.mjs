// The foundation's end-to-end story, against the real Go backend: write a
// scene, survive a reload, commit two revisions, restore one, and survive a
// SIGKILL one second after typing stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, launchBrowser, noticeAfter, openPage, startApp, startXvfb, tempDir, waitForCount } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;

const scene = [
  'INT. KITCHEN - NIGHT',
  '',
  'Rain taps the window.',
  '',
  'MARA',
  '(quietly)',
  'We should go.',
];

async function editorText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="editor"] .cm-line')].map((l) => l.textContent).join('\n'),
  );
}

async function typeLines(page, lines) {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]) await page.keyboard.type(lines[i], { delay: 5 });
    if (i < lines.length - 1) await page.keyboard.press('Enter');
  }
}

async function waitSaved(page) {
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
}

/** Waits until the editor shows the script called title, as reopened at start. */
async function reopened(page, title) {
  await page.locator('[data-testid="script-title"]', { hasText: title }).waitFor({ timeout: 15_000 });
  await page.waitForSelector('[data-testid="editor"]');
}

async function commit(page, message) {
  await page.keyboard.press('Control+s');
  await page.fill('[data-testid="commit-message"]', message);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="revision"]', { hasText: message }).waitFor({ timeout: 10_000 });
}

test('write, reload, commit, restore, and survive a crash', { skip, timeout: 240_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const libraryPath = join(dir, 'library.db');
  let app = await startApp(t, { display, libraryPath });
  const browser = await launchBrowser(t);
  let page = await openPage(browser, app);

  // First run: the demo script is open; the library lists it.
  await reopened(page, 'The Night Ferry');
  await page.locator('.cm-fn-scene', { hasText: 'EXT. HARBOUR PIER - NIGHT' }).waitFor();
  await waitForCount(page.locator('[data-testid="scene-link"]'), 4); // the navigator lists the demo scenes
  // Jumping to the last scene scrolls it into view.
  await page.locator('[data-testid="scene-link"]', { hasText: 'EXT. ISLAND JETTY - DAWN' }).click();
  await page.locator('.cm-fn-scene', { hasText: 'EXT. ISLAND JETTY - DAWN' }).waitFor();
  await page.click('[data-testid="back"]');
  await page.locator('[data-testid="script-card"]', { hasText: 'The Night Ferry' }).waitFor();

  // Settings: an empty name is refused in words and the dialog keeps what was
  // typed; a real name is kept and signs the revisions saved from now on.
  await page.click('[data-testid="settings"]');
  await page.fill('[data-testid="name-input"]', '   ');
  await noticeAfter(page, 'a name cannot be empty', () => page.keyboard.press('Enter'), { error: true });
  await page.fill('[data-testid="name-input"]', 'Maya Lin');
  await noticeAfter(page, 'Your name is now “Maya Lin”', () => page.keyboard.press('Enter'));
  await page.locator('[data-testid="name-input"]').waitFor({ state: 'detached' }); // the dialog closes

  // Create a script and type a scene.
  await page.click('[data-testid="new-script"]');
  await page.fill('[data-testid="title-input"]', 'Kitchen Sink');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="editor"]');
  await page.click('[data-testid="editor"]');
  await typeLines(page, scene);

  // The screenplay layout knows each element.
  for (const [cls, text] of [
    ['scene', 'INT. KITCHEN - NIGHT'],
    ['action', 'Rain taps the window.'],
    ['character', 'MARA'],
    ['parenthetical', '(quietly)'],
    ['dialogue', 'We should go.'],
  ]) {
    assert.equal(await page.locator(`.cm-fn-${cls}`).first().textContent(), text, `${cls} line`);
  }
  // The scene navigator lists the heading.
  await page.locator('[data-testid="scene-link"]', { hasText: 'INT. KITCHEN - NIGHT' }).waitFor();

  // Autosave, then reload: the text is there.
  await waitSaved(page);
  assert.match(await page.textContent('[data-testid="word-count"]'), /\b1[0-9] words/);
  await page.reload();
  await page.waitForFunction(() => typeof window.go?.app?.Library?.List === 'function');
  await reopened(page, 'Kitchen Sink');
  assert.equal(await editorText(page), scene.join('\n'));

  // Commit "first", edit, commit "second": history lists both.
  await page.click('[data-testid="editor"] .cm-line >> nth=-1');
  await page.keyboard.press('Control+End');
  await commit(page, 'first');
  await typeLines(page, ['', '', 'She leaves.']);
  await commit(page, 'second');
  const revisions = await page.locator('[data-testid="revision"]').allTextContents();
  assert.equal(revisions.length, 2);
  assert.match(revisions[0], /second/);
  assert.match(revisions[1], /first/);
  assert.match(revisions[0], /by Maya Lin/, 'revisions carry the name from settings');

  // Restore "first": the editor shows its text, and history keeps everything.
  await page.locator('[data-testid="revision"]', { hasText: 'first' }).click();
  await page.waitForSelector('[data-testid="viewing-banner"]');
  await page.click('[data-testid="restore"]');
  await page.waitForSelector('[data-testid="viewing-banner"]', { state: 'detached' });
  assert.equal(await editorText(page), scene.join('\n'));
  await page.locator('[data-testid="revision"]', { hasText: 'Restored “first”' }).waitFor();
  assert.equal(await page.locator('[data-testid="revision"]').count(), 3);

  // Type, stop, and once the status bar says the draft is saved (typing sets
  // it to pending at once; it says saved only after the backend stored the
  // text), kill the app with SIGKILL.
  await page.click('[data-testid="editor"] .cm-line >> nth=-1');
  await page.keyboard.press('Control+End');
  await typeLines(page, ['', '', 'THE LAST WORDS BEFORE THE CRASH.']);
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 20_000 });
  await app.kill('SIGKILL');
  await page.close();

  app = await startApp(t, { display, libraryPath });
  page = await openPage(browser, app);
  await reopened(page, 'Kitchen Sink');
  assert.match(await editorText(page), /THE LAST WORDS BEFORE THE CRASH\.$/);
});
