// Comments end to end, between two app instances: A hosts a relay from
// Settings and shares a script with B as commenter; B joins, selects a line
// and comments; A sees the inbox count and the thread without a reload,
// replies and resolves; B sees the reply and the thread resolved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, hostRelay, joinByLink, launchBrowser, noticeAfter, openPage, shareScript, startApp, startXvfb, tempDir, waitForCount } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;

const TITLE = 'Pier Notes';
// SCREENSHOTS=dir saves what each writer sees at the main steps.
const shots = process.env.SCREENSHOTS;
const shot = (page, name) => (shots ? page.screenshot({ path: join(shots, `comments-${name}.png`) }) : undefined);
const LINE = "The FERRY's horn sounds: one long, tired note.";

async function setName(page, name) {
  await page.click('[data-testid="settings"]');
  await page.fill('[data-testid="name-input"]', name);
  await noticeAfter(page, `Your name is now “${name}”`, () => page.keyboard.press('Enter'));
}

/** Selects one whole line of the editor by its text. */
async function selectLine(page, text) {
  const line = page.locator('[data-testid="editor"] .cm-line', { hasText: text });
  await line.click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
}

test('comment, see it live, reply and resolve across two apps', { skip, timeout: 240_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const [appA, appB] = await Promise.all([
    startApp(t, { display, libraryPath: join(dir, 'a.db') }),
    startApp(t, { display, libraryPath: join(dir, 'b.db') }),
  ]);
  const browser = await launchBrowser(t);
  const a = await openPage(browser, appA);
  const b = await openPage(browser, appB);
  for (const p of [a, b]) await p.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });

  // A: a name, a relay on this computer, and the demo renamed so B can tell it from its own.
  await a.click('[data-testid="back"]');
  await setName(a, 'Ann');
  await hostRelay(a);
  await a.keyboard.press('Escape');
  await a.locator('li', { hasText: 'The Night Ferry' }).getByRole('button', { name: 'Rename' }).click();
  await a.fill('[data-testid="title-input"]', TITLE);
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="script-card"]', { hasText: TITLE }).waitFor();

  // A shares it and invites a commenter.
  await a.locator('[data-testid="script-card"]', { hasText: TITLE }).click();
  const link = await shareScript(a, 'commenter');
  assert.match(link, /^scriptroom:\/\/join\?/);
  await a.click('[data-testid="back"]');
  // Nothing in A's inbox yet.
  await a.locator('[data-testid="inbox"]').waitFor();
  assert.equal(await a.locator('[data-testid="inbox-count"]').count(), 0);

  // B: a name, joins with the link, opens the shared script.
  await b.click('[data-testid="back"]');
  await setName(b, 'Ben');
  await joinByLink(b, link);
  await b.locator('[data-testid="script-card"]', { hasText: TITLE }).click({ timeout: 30_000 });
  await b.locator('[data-testid="editor"] .cm-line', { hasText: LINE }).waitFor({ timeout: 30_000 });

  // B selects the line and comments on it.
  await selectLine(b, LINE);
  await b.click('[data-testid="comment-add"]');
  await b.fill('[data-testid="comment-body"]', 'Can we hear the horn before we see the ferry?');
  await b.click('[data-testid="comment-submit"]');
  const bThread = b.locator('[data-testid="comment-thread"]', { hasText: 'hear the horn' });
  await bThread.waitFor({ timeout: 10_000 });
  await shot(b, 'b-commented');
  assert.ok((await bThread.textContent()).includes(LINE), 'the thread quotes the selected line');
  await waitForCount(b.locator('[data-testid="comment-marker"]'), 1); // one mark in the margin

  // A, in the library, sees the inbox count without a reload, and the notice.
  await a.locator('[data-testid="inbox-count"]', { hasText: '1' }).waitFor({ timeout: 30_000 });
  await a.click('[data-testid="inbox"]');
  const notice = a.locator('[data-testid="notice"]', { hasText: TITLE });
  await notice.first().waitFor();
  assert.equal(await notice.first().getAttribute('data-unread'), 'true');
  await shot(a, 'a-inbox');
  await notice.first().click();

  // The script opens on the thread in the comment panel.
  const aThread = a.locator('[data-testid="comment-thread"]', { hasText: 'hear the horn' });
  await aThread.waitFor({ timeout: 15_000 });
  assert.ok((await aThread.textContent()).includes('Ben'), 'the author is named');
  await a.locator('[data-testid="comment-marker"]').first().waitFor();

  // A replies and resolves.
  await aThread.locator('[data-testid="comment-reply"]').fill('Yes: start on the sound.');
  await aThread.locator('[data-testid="comment-reply-submit"]').click();
  await aThread.locator('[data-testid="comment-text"]', { hasText: 'start on the sound' }).waitFor();
  await aThread.locator('[data-testid="comment-resolve"]').click();
  await a.locator('[data-testid="comment-thread"][data-resolved="true"]').waitFor();
  await shot(a, 'a-resolved');
  // Having seen it, A's inbox has nothing unread.
  await a.waitForFunction(async () => (await window.go.app.Review.Unread()) === 0, null, { timeout: 10_000 });

  // B sees the reply and the resolution live.
  await bThread.locator('[data-testid="comment-text"]', { hasText: 'start on the sound' }).waitFor({ timeout: 30_000 });
  await b.locator('[data-testid="comment-thread"][data-resolved="true"]').waitFor({ timeout: 30_000 });
  assert.equal(await bThread.locator('[data-testid="comment-resolve"]').textContent(), 'Reopen');
  await shot(b, 'b-reply');
});

test('comment with unsaved changes, on new text, and from the compare view', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });

  // Not shared yet: the composer says so.
  await selectLine(page, LINE);
  await page.keyboard.press('Control+Alt+m');
  await page.locator('[data-testid="comment-blocked"]', { hasText: 'share it first' }).waitFor();
  await page.locator('[data-testid="comment-composer"] button', { hasText: 'Cancel' }).click();

  // Host a relay and share the script.
  await page.click('[data-testid="back"]');
  await hostRelay(page);
  await page.keyboard.press('Escape');
  await page.click('[data-testid="script-card"]');
  await shareScript(page);

  // A line typed above, not saved as a revision: the comment goes on the
  // head's line, and its mark on the draft's line.
  await page.locator('[data-testid="editor"] .cm-line', { hasText: 'FADE IN:' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('A brand new line.');
  await selectLine(page, LINE);
  await page.keyboard.press('Control+Alt+m');
  await page.locator('[data-testid="comment-note"]', { hasText: 'unsaved changes' }).waitFor();
  await page.fill('[data-testid="comment-body"]', 'On the saved line.');
  await page.click('[data-testid="comment-submit"]');
  const thread = page.locator('[data-testid="comment-thread"]', { hasText: 'On the saved line.' });
  await thread.waitFor();
  // The line's number in the draft, from its text: the editor's line
  // elements are not the text's lines (the title page is drawn as one block).
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
  const draft = await page.evaluate(async () => {
    const scripts = await window.go.app.Library.List();
    return (await window.go.app.Editor.Open(scripts[0].id)).text;
  });
  const draftLine = draft.split('\n').indexOf(LINE) + 1;
  assert.ok(draft.includes('FADE IN:\nA brand new line.'), 'the new line is saved');
  assert.equal(await thread.locator('.lines').textContent(), `line ${draftLine - 1}`, 'anchored in the head, one line up');
  assert.equal(await page.locator('[data-testid="comment-marker"]').getAttribute('data-line'), String(draftLine), 'marked on the draft line');

  // Text that exists in the draft only cannot be commented on yet.
  await selectLine(page, 'A brand new line.');
  await page.click('[data-testid="comment-add"]');
  await page.locator('[data-testid="comment-blocked"]', { hasText: 'not in the last saved revision' }).waitFor();
  assert.ok(await page.locator('[data-testid="comment-submit"]').isDisabled());
  await page.locator('[data-testid="comment-composer"] button', { hasText: 'Cancel' }).click();

  // Save a revision, then comment on the new line from the compare view.
  await page.click('[data-testid="commit"]');
  await page.fill('[data-testid="commit-message"]', 'New line');
  await noticeAfter(page, 'Saved revision “New line”', () => page.keyboard.press('Enter'));
  await page.click('[data-testid="open-compare"]');
  const cell = page.locator('.pair.insert .cell.right', { hasText: 'A brand new line.' });
  await cell.waitFor();
  await cell.selectText();
  await cell.dispatchEvent('mouseup');
  await page.locator('[data-testid="comment-add"]').click();
  // Typed, so N and P would move between changes if the compare view took them.
  await page.locator('[data-testid="comment-body"]').pressSequentially('From the compare view.');
  await noticeAfter(page, 'Comment added.', () => page.click('[data-testid="comment-submit"]'));
  await page.keyboard.press('Escape');
  const fromCompare = page.locator('[data-testid="comment-thread"]', { hasText: 'From the compare view.' });
  await fromCompare.waitFor();
  assert.ok((await fromCompare.textContent()).includes('A brand new line.'));
  await waitForCount(page.locator('[data-testid="comment-marker"]'), 2);

  // Edit, then delete, one's own comment.
  const newLine = page.locator('[data-testid="comment-thread"]', { hasText: 'A brand new line.' });
  await newLine.locator('[data-testid="comment-edit"]').click();
  await newLine.locator('[data-testid="comment-edit-body"]').fill('From the compare view, edited.');
  await newLine.locator('button', { hasText: 'Save' }).click();
  await page.locator('[data-testid="comment-thread"] [data-testid="comment-text"]', { hasText: 'edited.' }).waitFor();
  assert.ok((await page.locator('[data-testid="comment-thread"]', { hasText: 'edited.' }).textContent()).includes('· edited'));
  page.once('dialog', (d) => d.accept());
  await page.locator('[data-testid="comment-thread"]', { hasText: 'On the saved line.' }).locator('[data-testid="comment-delete"]').click();
  await page.locator('[data-testid="comment-thread"]', { hasText: 'On the saved line.' }).waitFor({ state: 'detached' });
  await waitForCount(page.locator('[data-testid="comment-marker"]'), 1);

  // The activity feed lists the comment; picking it opens its thread.
  await page.click('[data-testid="activity-tab"]');
  const n = page.locator('[data-testid="activity-panel"] [data-testid="notice"]', { hasText: 'From the compare view' });
  await n.first().waitFor();
  await n.first().click();
  await page.locator('[data-testid="comment-thread"].active', { hasText: 'A brand new line.' }).waitFor();

  // Inline too: an added line takes a comment.
  await page.click('[data-testid="open-compare"]');
  await page.click('[data-testid="inline-toggle"]');
  const added = page.locator('.line.ins .txt', { hasText: 'A brand new line.' });
  await added.waitFor();
  await added.selectText();
  await added.dispatchEvent('mouseup');
  await page.locator('[data-testid="comment-add"]').click();
  await page.locator('[data-testid="comment-body"]').pressSequentially('Inline.');
  // The notice of the comment above may still be on screen: wait for this one's.
  await noticeAfter(page, 'Comment added.', () => page.click('[data-testid="comment-submit"]'));
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="comment-thread"]', { hasText: 'Inline.' }).waitFor();
});
