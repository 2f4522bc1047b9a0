// @vitest-environment happy-dom
// Rendered markup in a real EditorView: for each construct, what is hidden,
// styled or replaced by a widget with the cursor off its line and on it,
// and that the text itself never changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, keymap, runScopeHandlers, type DecorationSet } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { dualPairs, fountain, isRaw, renderedMarkup, scriptStart, toggleRawMarkup } from '.';
import { markupBlocks } from './markup-blocks';
import { markupInline } from './markup-inline';
import { pairsIn } from './dual-dialogue';

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function editor(doc: string, at = doc.length, opts: Parameters<typeof renderedMarkup>[0] = {}): EditorView {
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({ doc, selection: { anchor: at }, extensions: [fountain(), renderedMarkup(opts), keymap.of(defaultKeymap)] }),
  });
  views.push(view);
  return view;
}

interface Deco {
  from: number;
  to: number;
  /** 'hide' for hidden text, 'widget:<class>' for a widget, else the mark or line class. */
  what: string;
}

function list(set: DecorationSet): Deco[] {
  const out: Deco[] = [];
  for (let c = set.iter(); c.value; c.next()) {
    const spec = c.value.spec;
    const what = spec.widget ? `widget:${spec.widget.constructor.name}` : spec.class ? spec.class : 'hide';
    out.push({ from: c.from, to: c.to, what });
  }
  return out;
}

/** Every markup decoration of the view, inline and block. */
function decos(view: EditorView): Deco[] {
  return [...list(view.plugin(markupInline)!.decorations), ...list(view.state.field(markupBlocks))];
}

/** The text of line n (1-based) as shown: without its hidden ranges. */
function shown(view: EditorView, n: number): string {
  const line = view.state.doc.line(n);
  const hidden = decos(view).filter((d) => d.what === 'hide' && d.from >= line.from && d.to <= line.to);
  let out = '';
  for (let i = line.from; i < line.to; i++) if (!hidden.some((d) => d.from <= i && i < d.to)) out += view.state.doc.sliceString(i, i + 1);
  return out;
}

/** The classes marked on text in line n, by the text they cover. */
function marked(view: EditorView, n: number): Record<string, string> {
  const line = view.state.doc.line(n);
  const out: Record<string, string> = {};
  for (const d of decos(view)) {
    if (d.what === 'hide' || d.what.startsWith('widget:') || d.from < line.from || d.to > line.to || d.from === d.to) continue;
    out[view.state.doc.sliceString(d.from, d.to)] = d.what;
  }
  return out;
}

function lineClasses(view: EditorView, n: number): string[] {
  const from = view.state.doc.line(n).from;
  return decos(view)
    .filter((d) => d.from === from && d.to === from && !d.what.startsWith('widget:') && d.what !== 'hide')
    .map((d) => d.what);
}

/** Moves the cursor to the start of line n. */
function cursorTo(view: EditorView, n: number) {
  view.dispatch({ selection: { anchor: view.state.doc.line(n).from } });
}

describe('emphasis', () => {
  const doc = 'Some **bold**, *italic*, ***both*** and _under_ text.\n\nNext line.';
  it('is styled, and its marks hidden off the cursor line', () => {
    const view = editor(doc);
    expect(shown(view, 1)).toBe('Some bold, italic, both and under text.');
    expect(marked(view, 1)).toEqual({
      bold: 'cm-md-bold',
      italic: 'cm-md-italic',
      both: 'cm-md-bold cm-md-italic',
      under: 'cm-md-underline',
    });
  });
  it('shows its marks on the cursor line, still styled', () => {
    const view = editor(doc, 3);
    expect(shown(view, 1)).toBe(doc.split('\n')[0]);
    expect(marked(view, 1).bold).toBe('cm-md-bold');
    cursorTo(view, 3);
    expect(shown(view, 1)).toBe('Some bold, italic, both and under text.');
  });
  it('leaves escaped marks as text, without the backslash off the cursor line', () => {
    const view = editor('Dial \\*69 now.\n\n');
    expect(shown(view, 1)).toBe('Dial *69 now.');
    expect(marked(view, 1)).toEqual({});
  });
});

describe('force marks and centered text', () => {
  const doc = ['!SHOUTED ACTION.', '', '@McCLANE', 'Yippee.', '', '.inside the van', '', '> FADE TO BLACK.', '', '> _**THE END**_ <', '', 'x'].join('\n');
  it('are hidden off the cursor line', () => {
    const view = editor(doc);
    expect([1, 3, 6, 8, 10].map((n) => shown(view, n))).toEqual(['SHOUTED ACTION.', 'McCLANE', 'inside the van', 'FADE TO BLACK.', 'THE END']);
    expect(marked(view, 10)).toEqual({ 'THE END': 'cm-md-bold cm-md-underline' });
  });
  it('are shown on the cursor line', () => {
    const view = editor(doc);
    for (const n of [1, 3, 6, 8, 10]) {
      cursorTo(view, n);
      expect(shown(view, n)).toBe(view.state.doc.line(n).text);
    }
  });
  it('keep the centered line centered', () => {
    const view = editor(doc);
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    const line = view.contentDOM.querySelectorAll('.cm-line')[9];
    expect(line.classList.contains('cm-fn-centered')).toBe(true);
    expect(line.textContent).toBe('THE END');
  });
});

describe('page breaks, notes and boneyard', () => {
  const doc = ['Before.', '', '===', '', '[[A note to self.]]', '', 'He runs. [[fix this]] Fast.', '', '/* cut', 'this scene', '*/', '', 'After.'].join('\n');
  it('draw === as a rule off the cursor line', () => {
    const view = editor(doc);
    expect(decos(view)).toContainEqual({ from: 9, to: 12, what: 'widget:PageBreakWidget' });
    expect(view.contentDOM.querySelector('[data-testid="page-break"]')).not.toBeNull();
    cursorTo(view, 3);
    expect(decos(view).some((d) => d.what === 'widget:PageBreakWidget')).toBe(false);
  });
  it('show notes as notes, brackets hidden off the cursor line', () => {
    const view = editor(doc);
    expect(lineClasses(view, 5)).toContain('cm-md-note');
    expect(shown(view, 5)).toBe('A note to self.');
    expect(shown(view, 7)).toBe('He runs. fix this Fast.');
    expect(marked(view, 7)).toEqual({ 'fix this': 'cm-md-inline-note' });
    cursorTo(view, 5);
    expect(shown(view, 5)).toBe('[[A note to self.]]');
  });
  it('dim the boneyard over all its lines', () => {
    const view = editor(doc);
    expect(view.dom.classList.contains('cm-markup')).toBe(true);
    const lines = view.contentDOM.querySelectorAll('.cm-line');
    expect([8, 9, 10].map((i) => lines[i].classList.contains('cm-fn-boneyard'))).toEqual([true, true, true]);
  });
});

describe('boneyard and notes that start or end mid-line, over several lines', () => {
  /** Whether line n (1-based) is dimmed as a whole (all boneyard). */
  const dimmedLine = (view: EditorView, n: number) => view.contentDOM.querySelectorAll('.cm-line')[n - 1].classList.contains('cm-fn-boneyard');

  it('dims a boneyard that starts mid-line: the rest of that line and the lines down to its end', () => {
    const view = editor(['He waits. /* cut', 'this line', 'and this */', '', 'After.'].join('\n'));
    expect(marked(view, 1)).toEqual({ '/* cut': 'cm-md-inline-boneyard' });
    expect(dimmedLine(view, 1)).toBe(false);
    expect([2, 3].map((n) => dimmedLine(view, n))).toEqual([true, true]);
    expect(marked(view, 5)).toEqual({});
  });

  it('dims a boneyard that ends mid-line up to its end, and not the text after it', () => {
    const view = editor(['Before.', '', '/* cut', 'this', 'gone */ He leaves.', '', 'After.'].join('\n'));
    expect([3, 4].map((n) => dimmedLine(view, n))).toEqual([true, true]);
    expect(dimmedLine(view, 5)).toBe(false);
    expect(marked(view, 5)).toEqual({ 'gone */': 'cm-md-inline-boneyard' });
  });

  it('dims one that starts and ends mid-line', () => {
    const view = editor(['Keep /* gone', 'all gone', '', 'still gone */ keep **too**.', '', 'After.'].join('\n'));
    expect(marked(view, 1)).toEqual({ '/* gone': 'cm-md-inline-boneyard' });
    expect([2, 3].map((n) => dimmedLine(view, n))).toEqual([true, true]);
    // After it, the line is read as usual: emphasis and all.
    expect(marked(view, 4)).toEqual({ 'still gone */': 'cm-md-inline-boneyard', too: 'cm-md-bold' });
    expect(marked(view, 6)).toEqual({});
  });

  it('closes at the first star-slash: boneyards do not nest, as in the Go parser', () => {
    const view = editor(['A /* one /* two */ three */ B.', '', 'C /* one', '/* two */ three */ D.', '', 'End.'].join('\n'));
    expect(marked(view, 1)).toEqual({ '/* one /* two */': 'cm-md-inline-boneyard' });
    expect(marked(view, 3)).toEqual({ '/* one': 'cm-md-inline-boneyard' });
    expect(marked(view, 4)).toEqual({ '/* two */': 'cm-md-inline-boneyard' });
  });

  it('knows a boneyard opened far above the lines drawn', () => {
    const filler = Array.from({ length: 400 }, (_, i) => `Line ${i} of the cut scene.`);
    const doc = ['Kept. /* cut from here', ...filler, 'to here */ Kept again.', '', 'After.'].join('\n');
    const view = editor(doc, doc.length);
    view.dispatch({ effects: EditorView.scrollIntoView(doc.length) });
    view.requestMeasure();
    const n = filler.length + 2;
    expect(marked(view, n)).toEqual({ 'to here */': 'cm-md-inline-boneyard' });
  });

  it('shows a note that spans lines as a note, from mid-line too', () => {
    const view = editor(['[[A note', 'over two lines.]]', '', 'He runs. [[fix', 'this later]] Fast.', '', 'End.'].join('\n'));
    expect(lineClasses(view, 1)).toContain('cm-md-note');
    expect(lineClasses(view, 2)).toContain('cm-md-note');
    expect(shown(view, 1)).toBe('A note');
    expect(shown(view, 2)).toBe('over two lines.');
    expect(marked(view, 4)).toEqual({ fix: 'cm-md-inline-note' });
    expect(marked(view, 5)).toEqual({ 'this later': 'cm-md-inline-note' });
    expect(shown(view, 4)).toBe('He runs. fix');
    expect(shown(view, 5)).toBe('this later Fast.');
    // The brackets show on the cursor's line.
    cursorTo(view, 5);
    expect(shown(view, 5)).toBe('this later]] Fast.');
  });
});

describe('lyrics, sections and synopses', () => {
  const doc = ['# ACT ONE', '', '## The pier', '', '= Two strangers meet.', '', '~Row, row,', '~the night is long.', '', 'x'].join('\n');
  it('are styled, their marks hidden off the cursor line', () => {
    const view = editor(doc);
    expect(lineClasses(view, 1)).toContain('cm-md-section cm-md-section-1');
    expect(lineClasses(view, 3)).toContain('cm-md-section cm-md-section-2');
    expect(lineClasses(view, 5)).toContain('cm-md-synopsis');
    expect(lineClasses(view, 7)).toContain('cm-md-lyrics');
    expect([1, 3, 5, 7, 8].map((n) => shown(view, n))).toEqual(['ACT ONE', 'The pier', 'Two strangers meet.', 'Row, row,', 'the night is long.']);
    cursorTo(view, 7);
    expect(shown(view, 7)).toBe('~Row, row,');
  });
});

describe('the title page', () => {
  const doc = [
    'Title: **The Night Ferry**',
    'Credit: written by',
    'Author: Ana Lee',
    'Draft date: May 2026',
    'Contact:',
    '    ana@example.com',
    '    555 0100',
    '',
    'EXT. PIER - NIGHT',
    '',
    'Fog.',
  ].join('\n');

  it('is drawn as printed while the cursor is outside it', () => {
    const view = editor(doc);
    const tpEnd = view.state.doc.line(7).to;
    expect(decos(view)).toContainEqual({ from: 0, to: tpEnd, what: 'widget:TitlePageWidget' });
    const page = view.dom.querySelector('[data-testid="title-page"]')!;
    expect(page).not.toBeNull();
    expect(page.querySelector('.cm-md-tp-title')!.textContent).toBe('THE NIGHT FERRY');
    expect(page.querySelector('.cm-md-tp-title .cm-md-bold')).not.toBeNull();
    expect(page.querySelector('.cm-md-tp-top')!.textContent).toContain('written by');
    expect(page.querySelector('.cm-md-tp-top')!.textContent).toContain('Ana Lee');
    expect(page.querySelector('.cm-md-tp-left')!.textContent).toBe('ana@example.com555 0100');
    expect(page.querySelector('.cm-md-tp-right')!.textContent).toBe('May 2026');
    expect(page.textContent).not.toContain('Title:');
  });

  it('shows its lines, placed and with keys hidden off the cursor line, while the cursor is on it', () => {
    const view = editor(doc, doc.indexOf('Credit') + 3);
    expect(decos(view).some((d) => d.what === 'widget:TitlePageWidget')).toBe(false);
    expect(lineClasses(view, 1)).toContain('cm-md-titleline-title');
    expect(lineClasses(view, 2)).toContain('cm-md-titleline-center');
    expect(lineClasses(view, 4)).toContain('cm-md-titleline-right');
    expect(lineClasses(view, 6)).toContain('cm-md-titleline-left');
    expect(shown(view, 1)).toBe('The Night Ferry');
    expect(shown(view, 1 + 1)).toBe('Credit: written by'); // the cursor's line
    expect(shown(view, 6)).toBe('ana@example.com');
  });

  it('keeps a title of several lines as typed', () => {
    const view = editor('Title:\n    The Night\n    _Ferry_\nAuthor: Ana\n\nFog.');
    const title = view.dom.querySelector('[data-testid="title-page"] .cm-md-tp-title')!;
    expect([...title.querySelectorAll('.cm-md-tp-line')].map((l) => l.textContent)).toEqual(['The Night', 'Ferry']);
    expect(title.querySelector('.cm-md-underline')!.textContent).toBe('Ferry');
  });

  it('is where a click on it puts the cursor, on the line clicked', () => {
    const view = editor(doc);
    const line = view.dom.querySelectorAll('[data-testid="title-page"] .cm-md-tp-line')[1]; // "written by"
    line.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    expect(view.state.selection.main.head).toBe(view.state.doc.line(2).to);
    expect(view.dom.querySelector('[data-testid="title-page"]')).toBeNull();
  });

  it('is skipped when the script opens', () => {
    const state = EditorState.create({ doc, extensions: [fountain()] });
    expect(scriptStart(state)).toBe(state.doc.line(9).from);
    expect(scriptStart(EditorState.create({ doc: 'INT. A - DAY', extensions: [fountain()] }))).toBe(0);
  });
});

describe('dual dialogue', () => {
  const doc = ['Wind.', '', 'TEO', 'Which one are you?', '', 'NORA ^', '(quietly)', "I haven't *decided*.", '', 'The engine dies.'].join('\n');
  const pairEnd = doc.indexOf('.\n\nThe engine') + 1;

  it('is drawn in two columns while the cursor is outside it', () => {
    const view = editor(doc);
    expect(decos(view)).toContainEqual({ from: 7, to: pairEnd, what: 'widget:DualDialogueWidget' });
    const box = view.dom.querySelector('[data-testid="dual-dialogue"]')!;
    const cols = [...box.querySelectorAll('.cm-md-dual-column')].map((c) => [...c.children].map((l) => `${l.className}:${l.textContent}`));
    expect(cols).toEqual([
      ['cm-md-dual-character:TEO', 'cm-md-dual-dialogue:Which one are you?'],
      ['cm-md-dual-character:NORA', 'cm-md-dual-parenthetical:(quietly)', "cm-md-dual-dialogue:I haven't decided."],
    ]);
    expect(box.querySelector('.cm-md-italic')!.textContent).toBe('decided');
  });

  it('shows the raw lines while the cursor is inside it', () => {
    const view = editor(doc);
    for (const n of [3, 5, 8]) {
      cursorTo(view, n);
      expect(decos(view).some((d) => d.what === 'widget:DualDialogueWidget'), `line ${n}`).toBe(false);
    }
    cursorTo(view, 10);
    expect(decos(view).some((d) => d.what === 'widget:DualDialogueWidget')).toBe(true);
  });

  it('follows edits: a ^ typed makes a pair, deleted undoes it', () => {
    const view = editor(doc.replace('NORA ^', 'NORA'), 0);
    expect(view.state.field(dualPairs)).toEqual([]);
    const at = view.state.doc.line(6).to;
    view.dispatch({ changes: { from: at, insert: ' ^' } });
    expect(view.state.field(dualPairs)).toEqual([{ from: 7, to: pairEnd }]);
    view.dispatch({ changes: { from: at, to: at + 2 } });
    expect(view.state.field(dualPairs)).toEqual([]);
  });

  it('a click on a line puts the cursor on it', () => {
    const view = editor(doc);
    const lines = view.dom.querySelectorAll('[data-testid="dual-dialogue"] [data-line]');
    lines[3].dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true })); // (quietly)
    expect(view.state.selection.main.head).toBe(view.state.doc.line(7).to);
  });

  it('keeps the pairs as a full scan finds them, over random edits', () => {
    // Seeded, so a failure can be replayed: SEED=n npx vitest run markup.test.ts
    const given = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.SEED;
    const start = Number(given ?? 12);
    let seed = start;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = ['\n', '\n\n', ' ^', 'BOB', 'ANN ^', 'Hi.', '(beat)', '/*', '*/', '[[', ']]', 'x', '\n\nEVE\nYo.\n\nDAN ^\nNo.\n'];
    // The state alone: the pairs are state, and a view would only slow this down.
    let state = EditorState.create({ doc: [doc, doc, doc].join('\n\n'), extensions: [fountain(), renderedMarkup()] });
    for (let i = 0; i < 400; i++) {
      const len = state.doc.length;
      const from = rand(len + 1);
      const to = rand(4) === 0 ? Math.min(len, from + rand(12)) : from;
      state = state.update({ changes: { from, to, insert: pieces[rand(pieces.length)] } }).state;
      const full = pairsIn(state, 1, state.doc.lines);
      expect(state.field(dualPairs), `edit ${i} (seed ${start})`).toEqual(full);
    }
  });
});

describe('the raw toggle', () => {
  const doc = 'Title: Ferry\n\n**Bold** line.\n\nTEO\nHi.\n\nNORA ^\nHo.\n\n===\n\nEnd.';
  it('shows the raw Fountain and back, and the text never changes', () => {
    const onchange = vi.fn();
    const view = editor(doc, doc.length, { onchange });
    expect(decos(view).length).toBeGreaterThan(0);
    toggleRawMarkup(view);
    expect(isRaw(view.state)).toBe(true);
    expect(decos(view)).toEqual([]);
    expect(view.dom.classList.contains('cm-markup-raw')).toBe(true);
    expect(view.contentDOM.querySelector('[data-testid="title-page"]')).toBeNull();
    expect(onchange).toHaveBeenLastCalledWith(true);
    toggleRawMarkup(view);
    expect(isRaw(view.state)).toBe(false);
    expect(onchange).toHaveBeenLastCalledWith(false);
    expect(view.state.doc.toString()).toBe(doc);
  });
  it('is Ctrl+Shift+R, and starts raw when asked', () => {
    const view = editor(doc, doc.length, { raw: true });
    expect(decos(view)).toEqual([]);
    runScopeHandlers(view, new KeyboardEvent('keydown', { key: 'R', code: 'KeyR', keyCode: 82, ctrlKey: true, shiftKey: true }), 'editor');
    expect(isRaw(view.state)).toBe(false);
    expect(view.contentDOM.querySelector('[data-testid="title-page"]')).not.toBeNull();
  });
  it('keeps the cursor where it was', () => {
    const view = editor(doc, 5);
    view.dispatch({ selection: EditorSelection.single(16) });
    toggleRawMarkup(view);
    expect(view.state.selection.main.head).toBe(16);
  });
});
