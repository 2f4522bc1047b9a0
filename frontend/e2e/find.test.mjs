// Find and replace through the real app on the demo script: Ctrl+H opens the
// panel, the count says "n of 10", Enter and Shift+Enter move, an invalid
// pattern is a message in the panel, Replace all of a character's name says
// how many it replaced, the library's text has the new name, Escape gives the
// editor its focus back and one Ctrl+Z brings every old name back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, launchBrowser, openPage, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;
/** FIND_SHOTS=dir keeps a screenshot of the panel. */
const shots = process.env.FIND_SHOTS;

const status = '[data-testid="find-status"]';

/** The draft as the library has it, once the editor has saved. */
async function savedText(page) {
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 15_000 });
  return page.evaluate(async () => {
    const scripts = await window.go.app.Library.List();
    const doc = await window.go.app.Editor.Open(scripts.find((s) => s.title === 'The Night Ferry').id);
    return doc.text;
  });
}

const count = (text, re) => (text.match(re) ?? []).length;

async function statusIs(page, re) {
  await page.waitForFunction(
    ({ sel, src }) => new RegExp(src).test(document.querySelector(sel)?.textContent?.trim() ?? ''),
    { sel: status, src: re.source },
    { timeout: 10_000 },
  ).catch(async () => assert.fail(`find status is “${await page.textContent(status)}”, expected ${re}`));
}

test('find and replace a character name, then undo it', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });
  const before = await savedText(page);
  const cues = count(before, /\bNORA\b/g);
  assert.ok(cues >= 5, `the demo has ${cues} NORA`);
  await page.click('[data-testid="editor"] .cm-line >> nth=0');
  await page.keyboard.press('Control+Home');

  // Ctrl+H: the panel with its replace row, the cursor in the find field.
  await page.keyboard.press('Control+h');
  await page.locator('[data-testid="find-panel"]').waitFor();
  await page.locator('[data-testid="replace-input"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-find-field')), 'find');
  // No stock CodeMirror panel besides ours.
  assert.equal(await page.locator('.cm-search').count(), 0);

  // Typing finds as you type, from the cursor: the first NORA is selected.
  await page.keyboard.type('NORA');
  await page.keyboard.press('Alt+c'); // match case
  await page.keyboard.press('Alt+w'); // whole word
  await statusIs(page, new RegExp(`^1 of ${cues}$`));
  // The match find selected is not offered for a comment (the button is placed a frame later).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.locator('[data-testid="comment-add"]').count(), 0);
  assert.equal(await page.getAttribute('[data-testid="find-case"]', 'aria-pressed'), 'true');
  await page.keyboard.press('Enter');
  await statusIs(page, new RegExp(`^2 of ${cues}$`));
  await page.keyboard.press('F3');
  await statusIs(page, new RegExp(`^3 of ${cues}$`));
  await page.keyboard.press('Shift+Enter');
  await statusIs(page, new RegExp(`^2 of ${cues}$`));

  // An invalid pattern is said in plain words in the panel, no exception.
  await page.keyboard.press('Alt+r');
  await page.keyboard.type('(');
  await statusIs(page, /^Not a valid pattern: unterminated group\.$/);
  assert.equal(await page.getAttribute('[data-testid="find-input"]', 'aria-invalid'), 'true');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Alt+r');
  await statusIs(page, new RegExp(` of ${cues}$`));

  // Replace all, from the replace field with Ctrl+Alt+Enter.
  await page.click('[data-testid="replace-input"]');
  await page.keyboard.type('MARA');
  if (shots) await page.screenshot({ path: join(shots, 'find-panel.png') });
  await page.keyboard.press('Control+Alt+Enter');
  await statusIs(page, new RegExp(`^Replaced ${cues}$`));
  if (shots) await page.screenshot({ path: join(shots, 'find-replaced.png') });
  const after = await savedText(page);
  assert.equal(count(after, /\bNORA\b/g), 0);
  assert.equal(count(after, /\bMARA\b/g), cues + count(before, /\bMARA\b/g));
  assert.equal(after.replace(/\bMARA\b/g, 'NORA'), before);

  // Escape closes the panel and the editor has the focus again.
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="find-panel"]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'editor');

  // One Ctrl+Z undoes the whole replace.
  await page.keyboard.press('Control+z');
  assert.equal(await savedText(page), before);
  assert.deepEqual(errors, []);
});
