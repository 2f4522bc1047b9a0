// @vitest-environment happy-dom
// Pages in the editor: positions read from the backend's lines, mapped
// through typing, drawn as breaks and margin numbers, and go-to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorState, Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { fountain } from './fountain-language';
import { afterTitlePage, goToPosition, mapPages, pageAt, pages, pagesIn, pagesOf, parseGoTo, positionIn, scenesByLine, setPages, showSceneNumbers, type PagesAt } from './pages';
import { PageFeed, type SavedPages } from './page-feed';
import { textSum } from './changes';

const script = ['INT. HOUSE - DAY', '', 'A room. It is long. Then it goes on.', '', 'EXT. YARD - NIGHT', '', 'Grass.', ''].join('\n');
// Page 2 starts inside line 3, after "A room. " (offset 8), page 3 at line 5.
const at: PagesAt = {
  pages: [
    { number: 1, line: 1, offset: 0 },
    { number: 2, line: 3, offset: 8 },
    { number: 3, line: 5, offset: 0 },
  ],
  scenes: [
    { number: '1', heading: 'INT. HOUSE - DAY', line: 1, page: 1, eighths: 12, length: '1 4/8' },
    { number: '2A', heading: 'EXT. YARD - NIGHT', line: 5, page: 3, eighths: 1, length: '1/8' },
  ],
};

function state(doc = script) {
  const s = EditorState.create({ doc, extensions: pages() });
  return s.update({ effects: setPages.of(pagesIn(s.doc, at)) }).state;
}

describe('positions', () => {
  it('reads lines and offsets, clamped to the document', () => {
    const doc = Text.of(['ab', 'cde']);
    expect(positionIn(doc, 1)).toBe(0);
    expect(positionIn(doc, 2, 1)).toBe(4);
    expect(positionIn(doc, 2, 99)).toBe(6);
    expect(positionIn(doc, 9)).toBe(6);
    expect(positionIn(doc, 0)).toBe(0);
  });

  it('puts a page that starts inside a paragraph where its text goes on', () => {
    const s = state();
    expect(s.sliceDoc(pagesOf(s).pages[1].pos).startsWith('It is long.')).toBe(true);
    expect(s.sliceDoc(pagesOf(s).scenes[1].pos).startsWith('EXT. YARD')).toBe(true);
  });
});

describe('mapping through edits', () => {
  it('keeps page starts and headings on their text while typing before, at and after them', () => {
    let s = state();
    const yard = s.doc.toString().indexOf('EXT.');
    s = s.update({ changes: { from: 0, insert: 'Cold open.\n\n' } }).state; // before everything
    s = s.update({ changes: { from: s.doc.toString().indexOf('EXT.'), insert: 'More. ' } }).state; // at a page start
    s = s.update({ changes: { from: s.doc.length, insert: 'The end.' } }).state; // after
    const p = pagesOf(s);
    expect(s.sliceDoc(p.pages[1].pos).startsWith('It is long.')).toBe(true);
    // Text typed at the start of a page's line is on that page.
    expect(s.sliceDoc(p.pages[2].pos).startsWith('More. EXT. YARD')).toBe(true);
    expect(p.scenes[1].pos).toBe(p.pages[2].pos);
    expect(p.pages[2].pos).toBe(yard + 'Cold open.\n\n'.length);
  });

  it('moves a mark inside deleted text to where the deletion was', () => {
    const s0 = state();
    const from = s0.doc.toString().indexOf('A room.');
    const s = s0.update({ changes: { from, to: s0.doc.toString().indexOf('EXT.') } }).state;
    expect(pagesOf(s).pages[1].pos).toBe(from);
    expect(pagesOf(s).pages[2].pos).toBe(from);
  });

  it('maps without building anything when nothing changed', () => {
    const p = pagesOf(state());
    expect(mapPages(p, EditorState.create({ doc: script }).changes([]))).toBe(p);
  });
});

describe('where the cursor is', () => {
  it('knows the page of a position and the scenes by line', () => {
    const s = state();
    expect(pageAt(s, 0)).toBe(1);
    expect(pageAt(s, s.doc.toString().indexOf('It is'))).toBe(2);
    expect(pageAt(s, s.doc.length)).toBe(3);
    const byLine = scenesByLine(s);
    expect(byLine.get(4)?.length).toBe('1/8');
    expect(byLine.get(0)?.number).toBe('1');
  });
});

describe('go to', () => {
  it('reads pages and scenes', () => {
    expect(parseGoTo('12')).toEqual({ kind: 'page', page: 12 });
    expect(parseGoTo(' p 3 ')).toEqual({ kind: 'page', page: 3 });
    expect(parseGoTo('page 7.')).toEqual({ kind: 'page', page: 7 });
    expect(parseGoTo('s12')).toEqual({ kind: 'scene', scene: '12' });
    expect(parseGoTo('Scene 4a')).toEqual({ kind: 'scene', scene: '4A' });
    expect(parseGoTo('#9')).toEqual({ kind: 'scene', scene: '9' });
    expect(parseGoTo('0')).toBeNull();
    expect(parseGoTo('kitchen')).toBeNull();
    expect(parseGoTo('')).toBeNull();
  });

  it('lands on the page or heading, or nowhere', () => {
    const s = state();
    expect(goToPosition(s, { kind: 'page', page: 1 })).toBe(0);
    expect(goToPosition(s, { kind: 'page', page: 3 })).toBe(s.doc.toString().indexOf('EXT.'));
    expect(goToPosition(s, { kind: 'page', page: 4 })).toBeNull();
    expect(goToPosition(s, { kind: 'scene', scene: '2A' })).toBe(s.doc.toString().indexOf('EXT.'));
    expect(goToPosition(s, { kind: 'scene', scene: '3' })).toBeNull();
  });
});

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function view(doc = script, sceneNumbers = true) {
  const feedRef: { feed?: PageFeed } = {};
  const v = new EditorView({ parent: document.body, state: EditorState.create({ doc, extensions: [pages({ sceneNumbers })] }) });
  views.push(v);
  return { v, feedRef };
}

describe('drawing', () => {
  it('draws a break with the page number, and scene numbers beside headings', () => {
    const { v } = view();
    v.dispatch({ effects: setPages.of(pagesIn(v.state.doc, at)) });
    const breaks = [...v.dom.querySelectorAll('.cm-page-break')];
    expect(breaks.map((b) => b.getAttribute('data-page'))).toEqual(['2', '3']);
    expect(breaks.map((b) => b.querySelector('.cm-page-number')?.textContent)).toEqual(['2.', '3.']);
    // Page 2 starts inside a paragraph: its break is inline, in the line.
    expect(breaks[0].classList.contains('cm-page-break-inline')).toBe(true);
    expect(breaks[1].classList.contains('cm-page-break-inline')).toBe(false);
    const numbered = [...v.dom.querySelectorAll('.cm-line.cm-scene-numbered')];
    expect(numbered.map((l) => l.getAttribute('data-scene'))).toEqual(['1', '2A']);
    v.dispatch({ effects: showSceneNumbers.of(false) });
    expect(v.dom.querySelectorAll('.cm-scene-numbered').length).toBe(0);
  });
});

describe('the feed', () => {
  function fed(fetch: () => Promise<SavedPages>) {
    const holder: { v?: EditorView } = {};
    const feed = new PageFeed({ fetch, view: () => holder.v, delayMs: 0 });
    holder.v = new EditorView({ parent: document.body, state: EditorState.create({ doc: script, extensions: [pages(), feed.extension] }) });
    views.push(holder.v);
    return { feed, v: holder.v };
  }

  it('maps pages of a save through what was typed while they were computed', () => {
    const { feed, v } = fed(async () => ({ saved: 't1', ...at }));
    const id = feed.begin(v.state.doc);
    feed.saved(id, 't1');
    // Typing goes on after the save, before the pages arrive.
    v.dispatch({ changes: { from: 0, insert: 'FADE IN:\n\n' } });
    v.dispatch({ changes: { from: v.state.doc.length, insert: 'More grass.' } });
    expect(feed.apply({ saved: 't1', ...at })).toBe(true);
    const p = pagesOf(v.state);
    expect(v.state.sliceDoc(p.pages[1].pos).startsWith('It is long.')).toBe(true);
    expect(v.state.sliceDoc(p.scenes[1].pos).startsWith('EXT. YARD')).toBe(true);
  });

  it('drops pages of a save it did not note, and older saves once a newer one is shown', () => {
    const { feed, v } = fed(async () => ({ saved: 'x', ...at }));
    const a = feed.begin();
    feed.saved(a, 't1');
    v.dispatch({ changes: { from: 0, insert: 'X' } });
    const b = feed.begin();
    feed.saved(b, 't2');
    expect(feed.apply({ saved: 'unknown', ...at })).toBe(false);
    expect(pagesOf(v.state).pages).toEqual([]);
    expect(feed.apply({ saved: 't2', ...at })).toBe(true);
    expect(feed.apply({ saved: 't1', ...at })).toBe(false);
  });

  it('dispatches nothing when the pages that come are those already shown', () => {
    const { feed, v } = fed(async () => ({ saved: 'x', ...at }));
    feed.saved(feed.begin(), 't1');
    expect(feed.apply({ saved: 't1', ...at })).toBe(true);
    const shown = pagesOf(v.state);
    // Typed inside a line: the next save's pages are the same, mapped.
    v.dispatch({ changes: { from: v.state.doc.length, insert: ' More grass.' } });
    const mapped = pagesOf(v.state);
    feed.saved(feed.begin(), 't2');
    let dispatched = 0;
    const dispatch = v.dispatch.bind(v);
    v.dispatch = ((...args: Parameters<EditorView['dispatch']>) => (dispatched++, dispatch(...args))) as EditorView['dispatch'];
    expect(feed.apply({ saved: 't2', ...at })).toBe(true);
    expect(dispatched).toBe(0);
    expect(pagesOf(v.state)).toBe(mapped);
    expect(pagesOf(v.state).pages.map((p) => p.pos)).toEqual(shown.pages.map((p) => p.pos));
    // Other pages (page 3 starts a line later) are shown.
    feed.saved(feed.begin(), 't3');
    expect(feed.apply({ saved: 't3', ...at, pages: [at.pages[0], at.pages[1], { number: 3, line: 6, offset: 0 }] })).toBe(true);
    expect(dispatched).toBe(1);
    expect(pagesOf(v.state).pages[2].pos).toBe(v.state.doc.line(6).from);
  });

  it('does not note a document other than the one being saved', () => {
    const { feed, v } = fed(async () => ({ saved: 'x', ...at }));
    expect(feed.begin(Text.of(['another text']))).toBe(0);
    expect(feed.begin(v.state.doc)).toBeGreaterThan(0);
  });

  it('forgets saves of a document replaced outright', () => {
    const { feed, v } = fed(async () => ({ saved: 'x', ...at }));
    feed.saved(feed.begin(), 't1');
    v.setState(EditorState.create({ doc: 'Another script.', extensions: [pages(), feed.extension] }));
    v.dispatch({ changes: { from: 0, insert: 'Y' } });
    expect(feed.apply({ saved: 't1', ...at })).toBe(false);
  });

  it('shows pages of a draft saved again with the same text elsewhere (a stamp it did not note)', async () => {
    // Opened at t1; then the draft follows a shared script's room to the
    // revision it already holds: the same text, stamped t2 by the backend.
    const { feed, v } = fed(async () => ({ saved: 't2', sum: textSum(script), ...at }));
    feed.loaded('t1');
    await vi.waitFor(() => expect(pagesOf(v.state).pages.length).toBe(3));
    // Another text under an unknown stamp is still dropped.
    v.dispatch({ changes: { from: 0, insert: 'FADE IN:\n\n' } });
    feed.saved(feed.begin(), 't3');
    expect(feed.apply({ saved: 't4', sum: textSum('another text'), ...at })).toBe(false);
    feed.dispose();
  });

  it('asks the backend after a save and shows what it answers', async () => {
    let asked = 0;
    const { feed, v } = fed(async () => (asked++, { saved: 't1', ...at }));
    feed.saved(feed.begin(), 't1');
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toBe(1);
    expect(pagesOf(v.state).pages.length).toBe(3);
    feed.dispose();
  });
});

describe('the feed, while typing goes on', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once typing pauses, and at most every few seconds while it goes on', async () => {
    let asked = 0;
    const holder: { v?: EditorView } = {};
    const feed = new PageFeed({ fetch: async () => (asked++, { saved: 'x', ...at }), view: () => holder.v, delayMs: 300, maxWaitMs: 3000 });
    holder.v = new EditorView({ parent: document.body, state: EditorState.create({ doc: script, extensions: [pages(), feed.extension] }) });
    views.push(holder.v);
    const v = holder.v;
    // A key every 80 ms and a save every second, for five seconds.
    for (let ms = 80; ms <= 5000; ms += 80) {
      await vi.advanceTimersByTimeAsync(80);
      v.dispatch({ changes: { from: v.state.doc.length, insert: 'x' } });
      if (ms % 1040 === 0) feed.saved(feed.begin(), `t${ms}`);
    }
    // The first save at 1.04 s waited its 3 s (to 4.04 s); the saves since, not yet.
    expect(asked).toBe(1);
    // The keys stop: asked the delay after the last one, not before.
    await vi.advanceTimersByTimeAsync(299);
    expect(asked).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toBe(2);
    // Nothing more to ask about.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toBe(2);
    feed.dispose();
  });
});

describe('the feed, matching by sum (a proposal)', () => {
  it('shows the pages of the noted text whose sum they carry, mapped through typing since', async () => {
    const holder: { v?: EditorView } = {};
    let answer: SavedPages | undefined;
    const feed = new PageFeed({ fetch: async () => ({ saved: 'draft', ...at }), view: () => holder.v, delayMs: 0 });
    holder.v = new EditorView({ parent: document.body, state: EditorState.create({ doc: script, extensions: [pages(), feed.extension] }) });
    views.push(holder.v);
    const v = holder.v;
    feed.use({ fetch: async () => answer!, match: 'sum' });
    const first = feed.begin(v.state.doc);
    const sum = textSum(v.state.doc);
    feed.saved(first, 'head-1');
    v.dispatch({ changes: { from: 0, insert: 'FADE IN:\n\n' } });
    const second = feed.begin(v.state.doc);
    feed.saved(second, 'head-1'); // a save still waiting to be published: the head has not moved
    // Pages of some other text, or with no sum: dropped.
    expect(feed.apply({ saved: '', sum: { length: sum.length, hash: sum.hash ^ 1 }, ...at })).toBe(false);
    expect(feed.apply({ saved: '', ...at })).toBe(false);
    // Pages of the first save land mapped through the typing since.
    expect(feed.apply({ saved: '', sum, ...at })).toBe(true);
    const p = pagesOf(v.state);
    expect(v.state.sliceDoc(p.scenes[1].pos).startsWith('EXT. YARD')).toBe(true);
    // The answer to the newest save, fetched after it.
    answer = { saved: '', sum: textSum(v.state.doc), ...at };
    feed.refresh();
    // (laid out on the text as it is now, its line 5 is the action line)
    await vi.waitFor(() => expect(v.state.sliceDoc(pagesOf(v.state).scenes[1].pos).startsWith('A room.')).toBe(true));
    feed.dispose();
  });

  it('forgets the saves of the source it leaves', () => {
    const holder: { v?: EditorView } = {};
    const feed = new PageFeed({ fetch: async () => ({ saved: 't1', ...at }), view: () => holder.v, delayMs: 0 });
    holder.v = new EditorView({ parent: document.body, state: EditorState.create({ doc: script, extensions: [pages(), feed.extension] }) });
    views.push(holder.v);
    feed.saved(feed.begin(), 't1');
    feed.use({ fetch: async () => ({ saved: '', ...at }), match: 'sum' });
    expect(feed.apply({ saved: 't1', sum: textSum(holder.v.state.doc), ...at })).toBe(false);
    feed.dispose();
  });
});

describe('the title page', () => {
  it('is a page of its own: a break after it, before what page 1 holds, with no number', () => {
    const doc = 'Title: Pages\nAuthor: Me\n\n# ACT ONE\n\n' + script;
    const v = new EditorView({ parent: document.body, state: EditorState.create({ doc, extensions: [fountain(), pages()] }) });
    views.push(v);
    v.dispatch({ effects: setPages.of(pagesIn(v.state.doc, { pages: [{ number: 1, line: 6, offset: 0 }], scenes: [] })) });
    const first = v.dom.querySelector('.cm-page-break[data-page="1"]');
    expect(first).not.toBeNull();
    expect(first?.querySelector('.cm-page-number')).toBeNull();
    expect(first?.nextElementSibling?.textContent).toBe('# ACT ONE');
    expect(afterTitlePage(v.state)).toBe(doc.indexOf('# ACT ONE'));
    expect(afterTitlePage(EditorState.create({ doc: script, extensions: [fountain()] }))).toBeNull();
  });
});

describe('figures on the editor', () => {
  it('shows the page count and the cursor page as attributes', () => {
    const { v } = view();
    expect(v.dom.hasAttribute('data-pages')).toBe(false);
    v.dispatch({ effects: setPages.of(pagesIn(v.state.doc, at)) });
    expect(v.dom.getAttribute('data-pages')).toBe('3');
    expect(v.dom.getAttribute('data-cursor-page')).toBe('1');
    v.dispatch({ selection: { anchor: v.state.doc.length } });
    expect(v.dom.getAttribute('data-cursor-page')).toBe('3');
  });
});

describe('the feed, asked again', () => {
  it('lays the last save out again when asked (another paper)', async () => {
    let calls = 0;
    const holder: { v?: EditorView } = {};
    const feed = new PageFeed({ fetch: async () => (calls++, { saved: 't1', ...at }), view: () => holder.v, delayMs: 0 });
    holder.v = new EditorView({ parent: document.body, state: EditorState.create({ doc: script, extensions: [pages(), feed.extension] }) });
    views.push(holder.v);
    feed.loaded('t1');
    await new Promise((r) => setTimeout(r, 20));
    holder.v.dispatch({ changes: { from: 0, insert: 'Typed since. ' } });
    feed.refresh();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(2);
    // The save's document is still known: the answer lands, mapped.
    const p = pagesOf(holder.v.state);
    expect(holder.v.state.sliceDoc(p.scenes[1].pos).startsWith('EXT. YARD')).toBe(true);
    feed.dispose();
  });
});

describe('production drafts', () => {
  const locked: PagesAt = {
    pages: [
      { number: 1, line: 1, offset: 0, label: '1' },
      { number: 2, line: 5, offset: 0, label: '1A' },
    ],
    scenes: [
      { number: '1', heading: 'INT. HOUSE - DAY', line: 1, page: 1, eighths: 12, length: '1 4/8' },
      { number: '2', heading: 'OMITTED', line: 5, page: 2, eighths: 0, length: '', omitted: true },
      { number: '2A', heading: 'EXT. YARD - NIGHT', line: 5, page: 2, eighths: 1, length: '1/8' },
    ],
    marks: [5, 7],
    set: { name: 'Pink', color: 'Pink', date: '2026-12-09' },
    locked: true,
  };

  it('draws locked page labels, OMITTED, asterisks and the set', () => {
    const parent = document.createElement('div');
    document.body.append(parent);
    const view = new EditorView({ parent, state: EditorState.create({ doc: script, extensions: pages() }) });
    try {
      view.dispatch({ effects: setPages.of(pagesIn(view.state.doc, locked)) });
      const el = view.dom;
      expect(el.getAttribute('data-locked')).toBe('true');
      expect(el.getAttribute('data-revision-set')).toBe('Pink');
      expect(el.getAttribute('style')).toContain('--revision-tint: rgba(253, 204, 212');
      expect(el.querySelector('.cm-page-break[data-page-label="1A"] .cm-page-number')?.textContent).toBe('1A.');
      expect(el.querySelector('.cm-omitted')?.getAttribute('data-omitted')).toBe('2');
      const revised = [...el.querySelectorAll('.cm-line.cm-revised')].map((l) => l.textContent);
      expect(revised).toEqual(['*EXT. YARD - NIGHT', '*Grass.']);
      expect(el.querySelector('.cm-line[data-scene="2A"]')?.textContent).toContain('EXT. YARD');
    } finally {
      view.destroy();
      parent.remove();
    }
  });

  it('keeps the set and the lock while typing', () => {
    let s = EditorState.create({ doc: script, extensions: pages() });
    s = s.update({ effects: setPages.of(pagesIn(s.doc, locked)) }).state;
    s = s.update({ changes: { from: 0, insert: 'Cold open.\n\n' } }).state;
    expect(pagesOf(s).locked).toBe(true);
    expect(pagesOf(s).set?.name).toBe('Pink');
  });

  it('keeps the marks on their lines while typing above them', () => {
    let s = EditorState.create({ doc: script, extensions: pages() });
    s = s.update({ effects: setPages.of(pagesIn(s.doc, locked)) }).state;
    s = s.update({ changes: { from: 0, insert: 'Cold open.\n\n' } }).state;
    const marks = pagesOf(s).marks ?? [];
    expect(marks.map((m) => s.doc.lineAt(m).text)).toEqual(['EXT. YARD - NIGHT', 'Grass.']);
  });
});
