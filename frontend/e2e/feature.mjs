// A feature-length script in the end-to-end tests: imported through the real
// backend in parts (no call from the page over the dev server's ~64 KB), the
// page count `scriptroom export` prints for a text, the editor's text, and a
// card dragged in the outline with the mouse. Not a test file itself
// (node --test runs only *.test.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve('..');

/** workspace.SumOf: length in UTF-16 units and their polynomial hash, h = (h * 1000003 + unit) mod (2^31 - 1). */
export function textSum(s) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 1000003 + s.charCodeAt(i)) % 2147483647;
  return { length: s.length, hash: h };
}

/**
 * Imports text as the file named name through Library.ImportUpload, sent in
 * parts of 16,000 characters (under 48 KB of JSON each), makes it the script
 * the app opens, reloads the page and waits for its title; returns its id.
 */
export async function importInParts(page, name, text, title) {
  const parts = [];
  for (let i = 0; i < text.length; i += 16_000) parts.push(text.slice(i, i + 16_000));
  const upload = `upload-${name}`;
  const id = await page.evaluate(
    async ({ name, upload, parts, sum }) => {
      const go = window.go.app;
      for (let i = 0; i < parts.length; i++) await go.Editor.SendPart(upload, i, parts[i]);
      const res = await go.Library.ImportUpload(name, upload, sum);
      await go.Settings.SetLastScript(res.script.id);
      return res.script.id;
    },
    { name, upload, parts, sum: textSum(text) },
  );
  assert.ok(id, `${name} was not imported`);
  await page.reload();
  await page.locator('[data-testid="script-title"]', { hasText: title }).waitFor({ timeout: 30_000 });
  await page.waitForFunction((n) => {
    const el = document.querySelector('[data-testid="editor"]');
    return (el?.cmTile?.root?.view ?? el?.cmView?.view)?.state.doc.length === n;
  }, text.length, { timeout: 30_000 });
  return id;
}

/**
 * What `scriptroom export` prints for text: the PDF's body pages (after the
 * title page, which the page numbering does not count) and each one's text.
 * Needs go, pdfinfo and pdftotext.
 */
export function exported(dir, text, ...flags) {
  const src = join(dir, 'script.fountain');
  const pdf = join(dir, 'script.pdf');
  writeFileSync(src, text);
  const r = spawnSync('go', ['run', './cmd/scriptroom', 'export', src, pdf, ...flags], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const total = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const pages = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f').slice(0, total);
  const title = /^\s*Title\s*:/i.test(text) ? 1 : 0;
  return { count: total - title, pages: pages.slice(title) };
}

/** The editor's text, from its EditorView (the page has no other handle on it). */
export function editorText(page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="editor"]');
    const view = el?.cmTile?.root?.view ?? el?.cmView?.view;
    if (!view) throw new Error('no EditorView on the editor element');
    return view.state.doc.toString();
  });
}

/** Waits until the editor's text is want. */
export function editorTextIs(page, want, timeout = 20_000) {
  return page.waitForFunction(
    (b) => {
      const el = document.querySelector('[data-testid="editor"]');
      return (el?.cmTile?.root?.view ?? el?.cmView?.view)?.state.doc.toString() === b;
    },
    want,
    { timeout },
  );
}

/** Drags an outline card onto the left edge of another, with the mouse, as a writer would; shot names a screenshot to keep. */
export async function dragCard(page, from, to, shot) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 - 20, a.y + a.height / 2 + 10, { steps: 4 });
  await page.mouse.move(b.x + 12, b.y + b.height / 2, { steps: 12 });
  await page.waitForSelector('.drop-before');
  if (shot) await page.screenshot({ path: shot });
  await page.mouse.up();
}
