// The editor's layout at a laptop size (1280×800) and a small one (1024×700):
// the status bar stays on one line, Scenes and History are one control each,
// the side tabs fit, the page fits without sideways scrolling, notices never
// cover the page's text, the side tabs move with the arrow keys, and a dialog
// keeps keyboard focus and gives it back to its opener on Escape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { haveTools, launchBrowser, noticeAfter, openPage, startApp, startXvfb, tempDir } from './harness.mjs';

const missing = haveTools();
const skip = missing.length > 0 && process.env.CI !== 'true' ? `missing ${missing.join(', ')} (make deps installs them)` : false;
/** LAYOUT_SHOTS=dir keeps a screenshot of the editor at each size. */
const shots = process.env.LAYOUT_SHOTS;

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

/** The layout facts the test checks, measured in the page. */
function measure() {
  const box = (el) => el.getBoundingClientRect();
  const visible = (el) => el.offsetParent !== null && box(el).width > 0;
  const controls = [...document.querySelectorAll('button, [role="tab"], [role="button"], a[href], select')].filter(visible);
  const named = (re) => controls.filter((el) => re.test((el.textContent ?? '').trim())).length;
  const bar = document.querySelector('[data-testid="status-bar"]');
  const lineHeight = parseFloat(getComputedStyle(bar).lineHeight);
  const items = [...bar.children].filter(visible);
  const tabs = [...document.querySelectorAll('[role="tablist"] [role="tab"]')];
  const tablist = document.querySelector('[role="tablist"]');
  const right = tablist.parentElement;
  const toolbar = document.querySelector('.toolbar');
  const scroller = document.querySelector('[data-testid="editor"]').closest('.cm-scroller');
  return {
    statusHeight: box(bar).height,
    lineHeight,
    tallestItem: Math.max(...items.map((el) => box(el).height)),
    itemTops: [...new Set(items.map((el) => Math.round(box(el).top)))].length,
    statusOverflow: bar.scrollWidth - bar.clientWidth,
    scenes: named(/^scenes\b/i),
    history: named(/^history\b/i),
    tabTops: [...new Set(tabs.map((el) => Math.round(box(el).top)))].length,
    tabsOverflow: tablist.scrollWidth - tablist.clientWidth,
    tabsPastPanel: Math.max(...tabs.map((el) => box(el).right)) - box(right).right,
    clippedTabs: tabs.filter((el) => el.scrollWidth > el.clientWidth).length,
    toolbarOverflow: toolbar.scrollWidth - toolbar.clientWidth,
    pageOverflow: scroller.scrollWidth - scroller.clientWidth,
  };
}

/** Whether a notice overlaps the page's text column where it shows (inside the scroller). */
function noticeOverText() {
  const content = document.querySelector('[data-testid="editor"]');
  const c = content.getBoundingClientRect();
  const s = content.closest('.cm-scroller').getBoundingClientRect();
  const text = { left: Math.max(c.left, s.left), right: Math.min(c.right, s.right), top: Math.max(c.top, s.top), bottom: Math.min(c.bottom, s.bottom) };
  if (document.querySelectorAll('.notice').length === 0) throw new Error('no notice on screen');
  return [...document.querySelectorAll('.notice')].some((n) => {
    const r = n.getBoundingClientRect();
    return r.left < text.right && r.right > text.left && r.top < text.bottom && r.bottom > text.top;
  });
}

async function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
}

test('the editor lays out at 1280×800 and 1024×700', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]', { hasText: 'The Night Ferry' }).waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="scene-link"]').first().waitFor();

  for (const size of SIZES) {
    const at = `${size.width}×${size.height}`;
    await page.setViewportSize(size);
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));

    // Unsaved text: the status bar says so and never "Matches last revision" with it.
    await page.click('[data-testid="editor"] .cm-line >> nth=-1');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' And again.');
    if ((await page.getAttribute('[data-testid="save-state"]', 'data-state')) === 'pending') {
      assert.notEqual(await page.textContent('[data-testid="revision-state"]'), 'Matches last revision', at);
    }
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();

    const m = await page.evaluate(measure);
    assert.equal(m.itemTops, 1, `${at}: status bar items on one row`);
    assert.ok(m.tallestItem <= m.lineHeight * 1.2, `${at}: a status bar item wraps (${m.tallestItem}px, line ${m.lineHeight}px)`);
    assert.ok(m.statusHeight <= m.lineHeight * 2, `${at}: status bar is ${m.statusHeight}px tall`);
    assert.equal(m.scenes, 1, `${at}: one Scenes control`);
    assert.equal(m.history, 1, `${at}: one History control`);
    assert.equal(m.tabTops, 1, `${at}: side tabs on one row`);
    assert.ok(m.tabsOverflow <= 0 && m.tabsPastPanel <= 0, `${at}: side tabs fit (${m.tabsOverflow}, ${m.tabsPastPanel})`);
    assert.equal(m.clippedTabs, 0, `${at}: no side tab label cut short`);
    assert.ok(m.toolbarOverflow <= 0, `${at}: toolbar fits (${m.toolbarOverflow}px over)`);
    assert.ok(m.pageOverflow <= 0, `${at}: the page fits without sideways scrolling (${m.pageOverflow}px over)`);

    // A notice (a revision saved) takes its own room: it never covers the text.
    await page.keyboard.press('Control+s');
    await page.fill('[data-testid="commit-message"]', `at ${at}`);
    await noticeAfter(page, `at ${at}`, () => page.keyboard.press('Enter'));
    assert.equal(await page.evaluate(noticeOverText), false, `${at}: a notice covers the page`);
    if (shots) await page.screenshot({ path: join(shots, `layout-${size.width}x${size.height}.png`) });
  }

  // The side tabs move with the arrow keys, Home and End.
  await page.click('[data-testid="history-tab"]');
  const steps = [
    ['ArrowRight', 'proposals-tab'],
    ['ArrowRight', 'comments-tab'],
    ['End', 'activity-tab'],
    ['ArrowRight', 'history-tab'],
    ['ArrowLeft', 'activity-tab'],
    ['Home', 'history-tab'],
  ];
  for (const [key, want] of steps) {
    await page.keyboard.press(key);
    assert.equal(await focusedTestId(page), want, `${key} focuses ${want}`);
    assert.equal(await page.getAttribute(`[data-testid="${want}"]`, 'aria-selected'), 'true', `${key} selects ${want}`);
  }

  // A dialog keeps focus inside while tabbing, and Escape gives it back to the opener.
  await page.click('[data-testid="open-export"]');
  await page.locator('[role="dialog"]').waitFor();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), `focus left the dialog after ${i + 1} presses`);
  }
  await page.keyboard.press('Escape');
  await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  assert.equal(await focusedTestId(page), 'open-export', 'Escape returns focus to the Export button');

  // Opened from the text with Ctrl+S, the commit dialog gives focus back to the text.
  await page.click('[data-testid="editor"] .cm-line >> nth=0');
  await page.keyboard.press('Control+s');
  await page.locator('[data-testid="commit-message"]').waitFor();
  assert.equal(await focusedTestId(page), 'commit-message');
  await page.keyboard.press('Escape');
  await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  assert.equal(await focusedTestId(page), 'editor', 'Escape returns focus to the text');
});
