// Writing as a screenwriter does, through the real Go backend: Enter and Tab
// move between elements, the cue comes from the completion list, and the
// saved text parses (Go parser) into exactly those elements, in capitals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { haveTools, launchBrowser, openPage, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
if (spawnSync('sh', ['-c', 'command -v go']).status !== 0) missing.push('go');
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;
/** WRITING_SHOTS=dir keeps a screenshot of the completion list and the element picker. */
const shots = process.env.WRITING_SHOTS;
const repoRoot = resolve('..');

/** The elements the Go parser finds in text, via `scriptroom parse --json`. */
function goElements(dir, text) {
  const file = join(dir, 'draft.fountain');
  writeFileSync(file, text);
  const r = spawnSync('go', ['run', './cmd/scriptroom', 'parse', file, '--json'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).elements.map((e) => ({ type: e.type, text: e.text }));
}

async function element(page) {
  return page.getAttribute('[data-testid="element-picker"]', 'data-element');
}

test('write a scene with Enter, Tab and the completion list', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);

  // The demo script is open; write a new scene at its end.
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });
  await page.click('[data-testid="editor"] .cm-line >> nth=-1');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('int. waffle house - night', { delay: 20 });
  assert.equal(await element(page), 'scene');
  await page.keyboard.press('Enter');
  assert.equal(await element(page), 'action');
  await page.keyboard.type('Nora pours two coffees.', { delay: 10 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await element(page), 'character');
  // The list takes Enter once it has stood still for longer than its
  // interaction delay (75 ms), as for a writer who reads it: before that,
  // Enter is a line break. Watch when it last changed.
  await page.evaluate(() => {
    window.listChanged = 0;
    new MutationObserver(() => (window.listChanged = performance.now())).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.keyboard.type('no', { delay: 20 });
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'NORA' });
  await option.waitFor();
  await page.waitForFunction(() => document.querySelector('.cm-tooltip-autocomplete') && performance.now() - window.listChanged > 200);
  if (shots) await page.screenshot({ path: join(shots, 'writing-completion.png') });
  await page.keyboard.press('Enter'); // takes NORA
  await page.locator('.cm-tooltip-autocomplete').waitFor({ state: 'detached' });
  await page.keyboard.press('Enter');
  assert.equal(await element(page), 'dialogue');
  await page.keyboard.type('One is for you.', { delay: 10 });
  await page.keyboard.press('Tab');
  assert.equal(await element(page), 'parenthetical');
  await page.keyboard.type('beat', { delay: 10 });
  if (shots) await page.screenshot({ path: join(shots, 'writing-elements.png') });

  // After autosave the library's text parses into exactly those elements.
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
  const text = await page.evaluate(async () => {
    const scripts = await window.go.app.Library.List();
    const doc = await window.go.app.Editor.Open(scripts.find((s) => s.title === 'The Night Ferry').id);
    return doc.text;
  });
  assert.match(text, /\n\nINT\. WAFFLE HOUSE - NIGHT\n\nNora pours two coffees\.\n\nNORA\nOne is for you\.\n\(beat\)$/);
  const els = goElements(dir, text);
  assert.deepEqual(els.slice(-5), [
    { type: 'scene_heading', text: 'INT. WAFFLE HOUSE - NIGHT' },
    { type: 'action', text: 'Nora pours two coffees.' },
    { type: 'character', text: 'NORA' },
    { type: 'dialogue', text: 'One is for you.' },
    { type: 'parenthetical', text: '(beat)' },
  ]);

  // Each Enter and Tab is one undo step: undo takes back the parenthetical.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  const lines = await page.locator('[data-testid="editor"] .cm-line').allTextContents();
  assert.equal(lines.at(-1), 'One is for you.');
});
