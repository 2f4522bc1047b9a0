// Files and first run, against the real Go backend: the welcome asks the
// writer's name, which signs revisions (not the login name); a .fdx dropped
// on the window is imported and opened (one we write here, and Big Fish from
// the corpus when it is there); files that cannot be imported are refused in
// plain words, each with its own result; a file named on the command line
// opens at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dropFiles, haveTools, launchBrowser, openPage, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;
const corpus = resolve(process.env.SCRIPTROOM_CORPUS ?? '../../shared/corpus');
const bigFish = join(corpus, 'fdx', 'jumpcut', 'big-fish.fd11.fdx');

// A small Final Draft file of our own.
const dinerFDX = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Type="Scene Heading"><Text>INT. ALL-NIGHT DINER - NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>Rain on the glass. EDWARD counts his change twice.</Text></Paragraph>
    <Paragraph Type="Character"><Text>EDWARD</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(to the waitress)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Just the coffee. And the pie, if it's still warm.</Text></Paragraph>
  </Content>
  <TitlePage>
    <Content>
      <Paragraph Type="Text"><Text>Night Diner</Text></Paragraph>
    </Content>
  </TitlePage>
</FinalDraft>
`;

async function editorText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="editor"] .cm-line')].map((l) => l.textContent).join('\n'),
  );
}

/** Waits until the import panel has every file's result; returns [name, state, status] per file. */
async function importResults(page, n) {
  await page.locator('[data-testid="import-panel"][data-done="true"]').waitFor({ timeout: 60_000 });
  const items = page.locator('[data-testid="import-item"]');
  assert.equal(await items.count(), n);
  const out = [];
  for (let i = 0; i < n; i++) {
    const it = items.nth(i);
    out.push([await it.locator('.name').textContent(), await it.getAttribute('data-state'), await it.locator('.status').textContent()]);
  }
  return out;
}

async function closePanel(page) {
  await page.click('[data-testid="import-panel-close"]');
  await page.locator('[data-testid="import-panel"]').waitFor({ state: 'detached' });
}

test('first run asks the name; dropped files are imported and opened, or refused in words', { skip, timeout: 240_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db'), name: null });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);

  // The welcome asks the writer's name before anything else.
  const welcome = page.locator('[data-testid="welcome"]');
  await welcome.waitFor();
  assert.match(await welcome.textContent(), /What is your name\?/);
  // The demo opens behind it without taking the focus: the name is typed
  // straight away, and Enter starts.
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });
  await page.locator('.cm-line', { hasText: 'EXT. HARBOUR PIER - NIGHT' }).waitFor();
  await page.keyboard.type('Nora Hale');
  assert.equal(await page.inputValue('[data-testid="welcome-name"]'), 'Nora Hale');
  await page.keyboard.press('Enter');
  await welcome.waitFor({ state: 'detached' });
  // The history open behind it shows the demo's revision under that name at once.
  await page.locator('[data-testid="revision"]', { hasText: /Demo script[\s\S]*by Nora Hale/ }).waitFor({ timeout: 10_000 });

  // A revision saved now is signed with that name, and so is the demo's own
  // (made before the name was known): none says root.
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n\nTHE END', { delay: 5 });
  await page.keyboard.press('Control+s');
  await page.fill('[data-testid="commit-message"]', 'Named draft');
  await page.keyboard.press('Enter');
  const revision = page.locator('[data-testid="revision"]', { hasText: 'Named draft' });
  await revision.waitFor({ timeout: 10_000 });
  assert.match(await revision.textContent(), /by Nora Hale/);
  for (const r of await page.locator('[data-testid="revision"]').allTextContents()) {
    assert.match(r, /by Nora Hale/);
    assert.doesNotMatch(r, /root|Writer/);
  }
  // Settings shows it, and the welcome does not come back.
  assert.equal(await page.evaluate(async () => (await window.go.app.Settings.Profile()).named), true);

  // A .fdx dropped on the editor is imported and opened, never pasted in.
  await dropFiles(page, '.cm-content', [{ name: 'Night Diner.fdx', bytes: Buffer.from(dinerFDX) }]);
  const [[name, state, status]] = await importResults(page, 1);
  assert.deepEqual([name, state], ['Night Diner.fdx', 'imported']);
  assert.match(status, /imported as “Night Diner”/);
  await page.locator('[data-testid="script-title"]', { hasText: 'Night Diner' }).waitFor({ timeout: 15_000 });
  await page.locator('.cm-line', { hasText: 'INT. ALL-NIGHT DINER - NIGHT' }).waitFor();
  const text = await editorText(page);
  assert.match(text, /EDWARD\n\(to the waitress\)\nJust the coffee/);
  assert.doesNotMatch(text, /<Paragraph|FinalDraft/);
  await closePanel(page);

  // Files that cannot be imported, dropped together on the library: each
  // refused in plain words, naming the file; nothing opens, nothing is added.
  await page.click('[data-testid="back"]');
  await page.locator('[data-testid="script-card"]', { hasText: 'Night Diner' }).waitFor();
  const before = await page.locator('[data-testid="script-card"]').count();
  await dropFiles(page, '.library', [
    { name: 'Budget.pdf', bytes: Buffer.from('%PDF-1.4\n') },
    { name: 'Empty.fountain', bytes: Buffer.alloc(0) },
    { name: 'Broken.fdx', bytes: Buffer.from('<FinalDraft>\n<Content>\n<Paragraph Type="Action"><Text>cut off') },
    { name: 'Song.txt', bytes: Buffer.from('ID3\x00\x00\x01binary') },
  ]);
  const refused = await importResults(page, 4);
  assert.deepEqual(refused.map(([n, s]) => [n, s]), [
    ['Budget.pdf', 'failed'],
    ['Empty.fountain', 'failed'],
    ['Broken.fdx', 'failed'],
    ['Song.txt', 'failed'],
  ]);
  assert.match(refused[0][2], /Could not import “Budget.pdf”: it is a \.pdf file; Scriptroom imports Fountain \(\.fountain, \.spmd, \.txt\) and Final Draft \(\.fdx\) files/);
  assert.match(refused[1][2], /Could not import “Empty.fountain”: the file is empty/);
  assert.match(refused[2][2], /Could not import “Broken.fdx”: the Final Draft file is damaged \(its XML breaks off at line \d+\)/);
  assert.match(refused[3][2], /Could not import “Song.txt”: it is not a text file/);
  for (const [, , s] of refused) assert.doesNotMatch(s, /stat |no such file|fdx:|EOF|syntax error/);
  await page.locator('[data-testid="import-panel"] header', { hasText: '0 of 4 files imported' }).waitFor();
  assert.equal(await page.locator('[data-testid="script-card"]').count(), before);
  assert.equal(await page.locator('[data-testid="script-title"]').count(), 0, 'nothing opened');
  await closePanel(page);

  // A feature from the corpus (about 370 KB: several chunks) and a second
  // file at once: both imported, the first opened.
  await t.test('Big Fish from the corpus', { skip: existsSync(bigFish) ? false : `no corpus at ${corpus}` }, async () => {
    await dropFiles(page, 'body', [
      { name: 'big-fish.fd11.fdx', bytes: readFileSync(bigFish) },
      { name: 'Pier.fountain', bytes: Buffer.from('EXT. PIER - DAWN\n\nGulls.\n') },
    ]);
    const got = await importResults(page, 2);
    assert.deepEqual(got.map(([n, s]) => [n, s]), [
      ['big-fish.fd11.fdx', 'imported'],
      ['Pier.fountain', 'imported'],
    ]);
    await page.locator('[data-testid="script-title"]', { hasText: /big fish/i }).waitFor({ timeout: 30_000 });
    await page.locator('.cm-line', { hasText: 'A RIVER.' }).waitFor({ timeout: 30_000 });
    await page.click('[data-testid="back"]');
    await page.locator('[data-testid="script-card"]', { hasText: 'Pier' }).waitFor();
  });
});

test('a script named on the command line opens at start', { skip, timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'Night Diner.fdx');
  writeFileSync(file, dinerFDX);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db'), args: [file, join(dir, 'gone.fountain')] });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]', { hasText: 'Night Diner' }).waitFor({ timeout: 15_000 });
  await page.locator('.cm-line', { hasText: 'INT. ALL-NIGHT DINER - NIGHT' }).waitFor();
  const got = await importResults(page, 2);
  assert.deepEqual(got.map(([n, s]) => [n, s]), [
    ['Night Diner.fdx', 'opened'],
    ['gone.fountain', 'failed'],
  ]);
  assert.match(got[1][2], /Could not import “gone.fountain”: the file is not there any more/);
});
