// Pages in the editor, through the real Go backend: the editor has as many
// pages as `scriptroom export` prints for the same text (the demo script, and
// a corpus feature when the corpus is there), page numbers and scene numbers
// are drawn in the margins, a forced page break typed in the editor adds a
// page once saved, and Ctrl+G to a page puts the cursor on the first line
// that page prints. A proposal being edited and a past revision previewed
// show their own pages: those of their own text's PDF. PAGES_SHOTS=dir keeps
// screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exported, importInParts } from './feature.mjs';
import { haveTools, hostRelay, launchBrowser, openPage, shareScript, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
for (const tool of ['go', 'pdfinfo', 'pdftotext']) if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool);
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;
const corpus = resolve(process.env.SCRIPTROOM_CORPUS ?? '../../shared/corpus');
const feature = join(corpus, 'fountain', 'samples', 'big-fish.fountain');
let skipFeature = skip || (existsSync(feature) ? false : `no corpus at ${corpus}`);
if (skipFeature && !skip && process.env.CI === 'true') skipFeature = false; // CI must have it: fail below instead
const shots = process.env.PAGES_SHOTS;

/** The first line a PDF page prints of the script (no page number, no repeated cue), words squeezed. */
function firstLine(pageText) {
  const lines = pageText.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter((l) => l && !/^\d+\.$/.test(l));
  return lines[0]?.endsWith("(CONT'D)") && lines[0] === lines[0].toUpperCase() ? lines[1] : lines[0];
}

const words = (s, n = 3) => s.replace(/[*_\\]/g, '').trim().toUpperCase().split(/\s+/).slice(0, n).join(' ');

/** The editor's page count once the pages are laid out. */
async function editorPages(page) {
  await page.waitForSelector('.cm-editor[data-pages]', { timeout: 20_000 });
  return Number(await page.getAttribute('.cm-editor', 'data-pages'));
}

/** Goes to target through Ctrl+G; returns the cursor's page and the text from the cursor to its line's end. */
async function goTo(page, target) {
  await page.keyboard.press('Control+g');
  await page.waitForSelector('[data-testid="goto-dialog"]');
  await page.fill('[data-testid="goto-input"]', target);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="goto-dialog"]', { state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')), 'the editor has the keyboard after go to');
  return page.evaluate(() => {
    const sel = getSelection();
    const node = sel.focusNode;
    const text = (node.nodeType === 3 ? node.textContent.slice(sel.focusOffset) : node.textContent) ?? '';
    const line = (node.nodeType === 3 ? node.parentElement : node).closest('.cm-line');
    let rest = text;
    for (let n = node.nodeType === 3 ? node : null; n && line; ) {
      // The rest of the line after the text node holding the cursor.
      let next = n.nextSibling ?? n.parentElement?.nextSibling;
      if (!next || !line.contains(next)) break;
      rest += next.textContent ?? '';
      n = next;
    }
    return { page: Number(document.querySelector('.cm-editor').getAttribute('data-cursor-page')), text: rest };
  });
}

test('the demo script: pages as exported, numbers in the margins, go to page', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });
  const text = await page.evaluate(async () => {
    const [s] = await window.go.app.Library.List();
    return (await window.go.app.Editor.Open(s.id)).text;
  });
  const pdf = exported(dir, text);
  assert.equal(await editorPages(page), pdf.count, 'the editor has the exported page count');
  assert.ok(pdf.count >= 2, `the demo prints ${pdf.count} pages`);
  // The status bar says the printed count, not the estimate from the words.
  await page.locator('[data-testid="page-count"][data-laid-out="true"]').waitFor();
  assert.equal(await page.locator('[data-testid="page-count"]').textContent(), `${pdf.count} pages`);
  if (shots) await page.screenshot({ path: join(shots, 'pages-top.png') });

  // Scene numbers in both margins beside each heading (drawn by CSS from data-scene).
  const heading = page.locator('.cm-line.cm-scene-numbered').first();
  await heading.waitFor();
  assert.equal(await heading.getAttribute('data-scene'), '1');
  const margins = await heading.evaluate((el) => [getComputedStyle(el, '::before').content, getComputedStyle(el, '::after').content]);
  assert.deepEqual(margins, ['"1"', '"1"']);
  // The scene list has each scene's page and length.
  assert.equal(await page.locator('[data-testid="scene-page"]').first().textContent(), 'p. 1');
  assert.match(await page.locator('[data-testid="scene-length"]').first().textContent(), /^(\d+ )?[1-7]\/8$|^\d+$/);

  // Go to page 2: the cursor is on the first line page 2 prints, and the
  // break above it shows the number.
  const to2 = await goTo(page, '2');
  assert.equal(to2.page, 2);
  assert.equal(words(to2.text), words(firstLine(pdf.pages[1])));
  const number = page.locator('.cm-page-break[data-page="2"] .cm-page-number');
  await number.waitFor();
  assert.equal(await number.textContent(), '2.');
  if (shots) await page.screenshot({ path: join(shots, 'pages-demo.png') });

  // A scene by its number; an unknown page is refused in words.
  assert.equal((await goTo(page, 's1')).page, 1);
  await page.keyboard.press('Control+g');
  await page.fill('[data-testid="goto-input"]', '99');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('[data-testid="goto-problem"]').textContent(), /There is no page 99: the script has \d+ pages\./);
  await page.keyboard.press('Escape');

  // A forced page break typed before scene 2 starts page 2 there once saved,
  // as the export does.
  await goTo(page, 's2');
  await page.keyboard.type('===', { delay: 10 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
  const saved = await page.evaluate(async () => {
    const [s] = await window.go.app.Library.List();
    return (await window.go.app.Editor.Open(s.id)).text;
  });
  const after = exported(dir, saved);
  assert.match(firstLine(after.pages[1]), /^INT\. FERRY - PASSENGER DECK/);
  await page.waitForFunction(
    (n) => {
      const ed = document.querySelector('.cm-editor');
      return Number(ed?.getAttribute('data-pages')) === n && ed?.querySelector('.cm-page-break[data-page="2"] + .cm-line')?.textContent?.startsWith('INT. FERRY');
    },
    after.count,
    { timeout: 10_000 },
  );
  assert.equal(words((await goTo(page, '2')).text), 'INT. FERRY -');
});

test('a feature from the corpus: pages as exported, go to page 12', { skip: skipFeature, timeout: 240_000 }, async (t) => {
  // The whole of Big Fish (about 146 KB, 126 pages), imported in parts.
  const text = readFileSync(feature, 'utf8');
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]').first().waitFor({ timeout: 15_000 });
  await importInParts(page, 'big-fish.fountain', text, 'Big Fish');
  const pdf = exported(dir, text);
  assert.ok(pdf.count > 110, `${pdf.count} pages`);
  assert.equal(await editorPages(page), pdf.count, 'the editor has the exported page count');
  await page.locator('[data-testid="page-count"]', { hasText: `${pdf.count} pages` }).waitFor();
  const to12 = await goTo(page, '12');
  assert.equal(to12.page, 12);
  assert.equal(words(to12.text), words(firstLine(pdf.pages[11])));
  await page.locator('.cm-page-break[data-page="12"] .cm-page-number').waitFor();
  if (shots) await page.screenshot({ path: join(shots, 'pages-feature.png') });

  // A page that starts inside a paragraph (a long action split at a
  // sentence end): the break is inside the line, and go-to lands after the
  // sentence the page before ends with.
  const split = await page.evaluate(async () => {
    const [s] = (await window.go.app.Library.List()).filter((x) => x.title === 'Big Fish');
    return (await window.go.app.Editor.Pages(s.id, 'letter')).pages.find((p) => p.offset > 0)?.number;
  });
  assert.ok(split, 'Big Fish has a page that starts inside a paragraph');
  const toSplit = await goTo(page, String(split));
  assert.equal(toSplit.page, split);
  assert.equal(words(toSplit.text), words(firstLine(pdf.pages[split - 1])));
  await page.locator(`.cm-page-break-inline[data-page="${split}"]`).waitFor();
  if (shots) await page.screenshot({ path: join(shots, 'pages-split.png') });

  // On A4 (Settings), the editor has the pages of `scriptroom export --paper a4`.
  const a4 = exported(dir, text, '--paper', 'a4');
  assert.ok(a4.count < pdf.count, `A4 ${a4.count} pages, Letter ${pdf.count}`);
  await page.click('[data-testid="back"]');
  await page.click('[data-testid="settings"]');
  // The library's count is the PDF's on the paper chosen: Letter, then A4.
  const card = page.locator('[data-testid="script-card"]', { hasText: 'Big Fish' });
  await card.locator(`[data-testid="script-figures"][data-pages="${pdf.count}"]`).waitFor({ timeout: 20_000 });
  assert.match(await card.locator('[data-testid="script-figures"]').textContent(), new RegExp(`^${pdf.count} pages · [\\d,]+ words`));
  await page.selectOption('[data-testid="paper-select"]', 'a4');
  await page.keyboard.press('Escape');
  await card.locator(`[data-testid="script-figures"][data-pages="${a4.count}"]`).waitFor({ timeout: 20_000 });
  await card.click();
  await page.waitForFunction((n) => Number(document.querySelector('.cm-editor')?.getAttribute('data-pages')) === n, a4.count, { timeout: 20_000 });
  const a4to12 = await goTo(page, '12');
  assert.equal(words(a4to12.text), words(firstLine(a4.pages[11])));
});

/** The page count of the editor whose content has testid, once laid out as n pages. */
async function pagesAre(page, testid, n) {
  await page.waitForFunction(
    ({ testid, n }) => Number(document.querySelector(`[data-testid="${testid}"]`)?.closest('.cm-editor')?.getAttribute('data-pages')) === n,
    { testid, n },
    { timeout: 20_000 },
  );
}

test('a proposal and a past revision show the pages of their own text', { skip, timeout: 240_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });
  const id = await page.evaluate(async () => (await window.go.app.Library.List())[0].id);
  const draft = () => page.evaluate(async (id) => (await window.go.app.Editor.Open(id)).text, id);
  const first = await draft();
  const before = exported(dir, first).count;
  await pagesAre(page, 'editor', before);

  // The demo comes as its first revision; the draft gains a page (a forced
  // break before scene 2) and becomes a second revision.
  const [demoRev] = await page.evaluate(async (id) => window.go.app.History.List(id), id);
  assert.ok(demoRev, 'the demo has a revision');
  await goTo(page, 's2');
  await page.keyboard.type('===', { delay: 10 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
  const second = await draft();
  const longer = exported(dir, second).count;
  assert.equal(longer, before + 1, 'the forced break adds a page');
  await pagesAre(page, 'editor', longer);
  await page.keyboard.press('Control+s');
  await page.fill('[data-testid="commit-message"]', 'A page more');
  await page.keyboard.press('Enter');
  await page.click('[data-testid="history-tab"]');
  await page.locator('[data-testid="revision"]', { hasText: 'A page more' }).waitFor({ timeout: 10_000 });

  // The history's counts are each revision's PDF's.
  const figures = (message) => page.locator('[data-testid="revision"]', { hasText: message }).locator('[data-testid="revision-figures"]');
  await figures('A page more').and(page.locator(`[data-pages="${longer}"]`)).waitFor({ timeout: 20_000 });
  await figures(demoRev.message).and(page.locator(`[data-pages="${before}"]`)).waitFor({ timeout: 20_000 });
  assert.match(await figures(demoRev.message).textContent(), new RegExp(`^${before} pages · [\\d,]+ words$`));

  // The demo's revision, previewed: its own pages, not the draft's.
  await page.locator('[data-testid="revision"]', { hasText: demoRev.message }).click();
  await page.locator('[data-testid="viewing-banner"]').waitFor();
  await pagesAre(page, 'preview', before);
  // Scene numbers in its margins too.
  const previewHeading = page.locator('.revision .cm-line.cm-scene-numbered').first();
  await previewHeading.waitFor();
  assert.equal(await previewHeading.getAttribute('data-scene'), '1');
  if (shots) await page.screenshot({ path: join(shots, 'pages-preview.png') });
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="viewing-banner"]').waitFor({ state: 'detached' });

  // A proposal (the script shared through a relay hosted here): it starts
  // as main's text; a break typed in it adds a page once it is saved, and
  // the editor's pages are those of the proposal's text.
  await page.click('[data-testid="back"]');
  await hostRelay(page);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="script-card"]', { hasText: 'The Night Ferry' }).click();
  await pagesAre(page, 'editor', longer);
  await shareScript(page, '');
  await page.click('[data-testid="proposals-tab"]');
  await page.click('[data-testid="proposal-new"]');
  await page.fill('[data-testid="proposal-title"]', 'Another break');
  await page.click('[data-testid="proposal-create"]');
  await page.locator('[data-testid="proposal-banner"][data-status="open"]', { hasText: 'Another break' }).waitFor();
  await pagesAre(page, 'editor', longer);
  // A scene after a forced break at the end: a page more.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="editor"]');
    const view = el?.cmTile?.root?.view ?? el?.cmView?.view;
    const end = view.state.doc.length;
    view.dispatch({ changes: { from: end, insert: '\n\n===\n\nEXT. OPEN SEA - DAY\n\nWaves to the horizon.\n' } });
  });
  // Saved as the proposal's text (its autosave waits a second between saves).
  let proposed = '';
  for (const deadline = Date.now() + 20_000; !proposed.includes('OPEN SEA') && Date.now() < deadline; ) {
    proposed = await page.evaluate(async (id) => {
      const [p] = await window.go.app.Review.Proposals(id);
      return (await window.go.app.Review.OpenProposal(id, p.name)).text;
    }, id);
  }
  assert.match(proposed, /OPEN SEA/, 'the proposal holds the scene added');
  const propPages = exported(dir, proposed).count;
  assert.equal(propPages, longer + 1, 'the break typed in the proposal adds a page');
  await pagesAre(page, 'editor', propPages);
  assert.equal(await page.locator('[data-testid="page-count"]').textContent(), `${propPages} pages`);
  if (shots) await page.screenshot({ path: join(shots, 'pages-proposal.png') });
  // Back on main: main's pages again.
  await page.click('[data-testid="proposal-back"]');
  await page.locator('[data-testid="proposal-banner"]').waitFor({ state: 'detached' });
  await pagesAre(page, 'editor', longer);
});
