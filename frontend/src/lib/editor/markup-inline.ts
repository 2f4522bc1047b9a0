/**
 * Fountain's markup rendered inside lines, for the visible lines only:
 * emphasis styled, centered text, notes, lyrics, sections, synopses and
 * the title page's lines (while the cursor is on the title page) styled,
 * `===` drawn as a page-break rule, and the marks (`**`, `> <`, `[[ ]]`,
 * the force marks `! @ . > ~`, title keys) hidden except on the cursor's
 * line, the line holding the main selection's head. The text is unchanged.
 */
import type { EditorState, Line, Range } from '@codemirror/state';
import { Decoration, ViewPlugin, WidgetType, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import type { LineKind } from '../fountain/classify';
import { emphasis } from './emphasis';
import { lineKinds } from './fountain-language';
import { emphasisClass } from './inline-dom';
import { isRaw, setRawMarkup } from './markup-toggle';
import { fieldAt, titlePageOf, type TitlePage } from './title-page';
import { OUTSIDE, lineSpans, stateAt, type Span } from './inline-spans';

const hide = Decoration.replace({});
const marks = new Map<string, Decoration>();
function mark(cls: string): Decoration {
  let d = marks.get(cls);
  if (!d) marks.set(cls, (d = Decoration.mark({ class: cls })));
  return d;
}
const lines = new Map<string, Decoration>();
function lineClass(cls: string): Decoration {
  let d = lines.get(cls);
  if (!d) lines.set(cls, (d = Decoration.line({ class: cls })));
  return d;
}

/** `===`, drawn as a rule across the page. */
class PageBreakWidget extends WidgetType {
  eq(): boolean {
    return true;
  }
  toDOM(view: EditorView): HTMLElement {
    const el = view.dom.ownerDocument.createElement('span');
    el.className = 'cm-md-page-break';
    el.setAttribute('data-testid', 'page-break');
    return el;
  }
}
const pageBreak = Decoration.replace({ widget: new PageBreakWidget() });

/** What one line adds: marks, hidden ranges (absolute positions) and line classes. */
class LineDecos {
  readonly hidden: [number, number][] = [];
  constructor(
    readonly line: Line,
    readonly out: Range<Decoration>[],
    readonly onCursor: boolean,
    /** The line's boneyard and note parts (inline-spans.ts), which may run on from lines above or below. */
    readonly spans: readonly Span[] = [],
  ) {}

  /** Hides [from, to) of the line's text, except on the cursor's line. */
  hide(from: number, to: number) {
    if (!this.onCursor && to > from) this.hidden.push([this.line.from + from, this.line.from + to]);
  }
  mark(from: number, to: number, cls: string) {
    if (to > from) this.out.push(mark(cls).range(this.line.from + from, this.line.from + to));
  }
  lineClass(cls: string) {
    this.out.push(lineClass(cls).range(this.line.from));
  }
  /** Hides a leading mark matched by re (with the spaces after it). */
  hideLead(re: RegExp): number {
    const m = re.exec(this.line.text);
    if (!m) return 0;
    this.hide(m.index, m.index + m[0].length);
    return m.index + m[0].length;
  }
  /** Styles emphasis, inline notes and inline boneyard in text[from, to). */
  inline(from = 0, to = this.line.text.length) {
    // Notes and boneyard first (they may start or end on other lines): emphasis is read between them.
    const skips: [number, number][] = [];
    for (const sp of this.spans) {
      const a = Math.max(sp.from, from);
      const b = Math.min(sp.to, to);
      if (b <= a) continue;
      if (sp.kind === 'bracket') this.hide(a, b);
      else this.mark(a, b, sp.kind === 'note' ? 'cm-md-inline-note' : 'cm-md-inline-boneyard');
      skips.push([a, b]);
    }
    let at = from;
    for (const [a, b] of [...skips, [to, to] as [number, number]]) {
      this.emphasis(at, a);
      at = b;
    }
  }
  private emphasis(from: number, to: number) {
    const e = emphasis(this.line.text, from, to);
    for (const r of e.runs) this.mark(r.from, r.to, emphasisClass(r));
    for (const [a, b] of e.marks) this.hide(a, b);
  }
  finish() {
    // Hidden ranges may not overlap.
    this.hidden.sort((a, b) => a[0] - b[0]);
    let end = -1;
    for (const [a, b] of this.hidden) {
      if (a < end) continue;
      this.out.push(hide.range(a, b));
      end = b;
    }
  }
}

/** The decorations of one line of kind kind. */
function decorateLine(d: LineDecos, kind: LineKind | undefined, tp: TitlePage | null) {
  const text = d.line.text;
  switch (kind) {
    case 'scene':
      d.inline(d.hideLead(/^\s*\.(?=[\p{L}\p{N}])/u));
      return;
    case 'action':
      d.inline(d.hideLead(/^\s*!/));
      return;
    case 'character': {
      const at = d.hideLead(/^\s*@/);
      const dual = /\s*\^\s*$/.exec(text);
      if (dual) d.hide(dual.index, text.length);
      d.inline(at, dual ? dual.index : text.length);
      return;
    }
    case 'transition':
      d.inline(d.hideLead(/^\s*>\s*/));
      return;
    case 'centered': {
      const at = d.hideLead(/^\s*>\s*/);
      const close = /\s*<\s*$/.exec(text);
      const end = close ? close.index : text.length;
      if (close) d.hide(close.index, text.length);
      d.inline(at, end);
      return;
    }
    case 'lyrics':
      d.lineClass('cm-md-lyrics');
      d.inline(d.hideLead(/^\s*~/));
      return;
    case 'dialogue':
      // A lyric sung in a speech.
      if (/^\s*~/.test(text)) {
        d.lineClass('cm-md-lyrics');
        d.inline(d.hideLead(/^\s*~/));
      } else d.inline();
      return;
    case 'parenthetical':
      d.inline();
      return;
    case 'section': {
      const m = /^\s*(#+)\s*/.exec(text);
      d.lineClass(`cm-md-section cm-md-section-${Math.min(m ? m[1].length : 1, 3)}`);
      d.inline(d.hideLead(/^\s*#+\s*/));
      return;
    }
    case 'synopsis':
      d.lineClass('cm-md-synopsis');
      d.inline(d.hideLead(/^\s*=\s*/));
      return;
    case 'note': {
      d.lineClass('cm-md-note');
      d.hideLead(/^\s*\[\[\s*/);
      const close = /\s*\]\]\s*$/.exec(text);
      if (close) d.hide(close.index, text.length);
      return;
    }
    case 'page-break':
      d.lineClass('cm-md-page-break-line');
      if (!d.onCursor && text.length > 0) d.out.push(pageBreak.range(d.line.from, d.line.to));
      return;
    case 'title-key':
    case 'title-value': {
      const f = tp && fieldAt(tp, d.line.number);
      d.lineClass(`cm-md-titleline-${f?.place ?? 'other'}`);
      if (kind === 'title-key' && f?.line === d.line.number) d.hide(0, f.valueAt);
      else d.hideLead(/^\s+/);
      d.inline();
      return;
    }
    default:
      return;
  }
}

function build(view: EditorView): DecorationSet {
  const state = view.state;
  if (isRaw(state)) return Decoration.none;
  const kinds = state.field(lineKinds);
  const cursor = state.doc.lineAt(state.selection.main.head).number;
  const tp = kinds[0] === 'title-key' ? titlePageOf(state) : null;
  const out: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    // Whether the first line starts inside a boneyard or a note opened above it.
    let st = stateAt(state.doc, kinds, state.doc.lineAt(from).number);
    for (let pos = from; pos <= to; ) {
      const line = state.doc.lineAt(pos);
      const kind = kinds[line.number - 1];
      const parts = lineSpans(line.text, st);
      st = kind === 'blank' ? OUTSIDE : parts.end;
      const d = new LineDecos(line, out, line.number === cursor, parts.spans);
      decorateLine(d, kind, tp);
      d.finish();
      pos = line.to + 1;
    }
  }
  return Decoration.set(out, true);
}

function cursorLine(state: EditorState): number {
  return state.doc.lineAt(state.selection.main.head).number;
}

/** Markup rendered in the visible lines. */
export const markupInline = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(u: ViewUpdate) {
      if (
        u.docChanged ||
        u.viewportChanged ||
        cursorLine(u.startState) !== cursorLine(u.state) ||
        u.transactions.some((tr) => tr.effects.some((e) => e.is(setRawMarkup)))
      ) {
        this.decorations = build(u.view);
      }
    }
  },
  { decorations: (v) => v.decorations },
);
