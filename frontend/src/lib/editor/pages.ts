/**
 * Printed pages in the editor: a break between pages with the new page's
 * number in the right margin, and scene numbers in both margins beside the
 * headings. The pages come from the backend's pagination of the saved draft
 * (the PDF export's, so page N here is page N of the PDF), as line/offset
 * positions in the text that was saved; they are turned into positions in
 * the document as it was then and mapped through everything typed since
 * (page-feed.ts), and every edit maps them again, so the marks stay with
 * their text until fresh pages arrive. Nothing here blocks typing: an edit
 * maps a few hundred positions.
 */
import { Facet, StateEffect, StateField, type ChangeDesc, type EditorState, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { lineKinds } from './fountain-language';

/** The start of a printed page, as a position in the document. */
export interface PageMark {
  readonly number: number;
  readonly pos: number;
  /** The locked number of a production draft's page ("12A", "13-14"); '' otherwise. */
  readonly label?: string;
}

/** A scene heading with its number, page and length, at a position in the document. */
export interface SceneMark {
  readonly number: string;
  readonly heading: string;
  readonly pos: number;
  readonly page: number;
  /** Length in eighths of a page, and the same written as Final Draft does ("1 4/8"). */
  readonly eighths: number;
  readonly length: string;
  /** A scene a production draft cut: "12 OMITTED" shown before the line at pos. */
  readonly omitted?: boolean;
  /** The locked label of its page in a production draft ("12A"); '' otherwise. */
  readonly pageLabel?: string;
}

/** The current revision set of a production draft. */
export interface RevisionSetMark {
  readonly name: string;
  readonly color: string;
  readonly date: string;
}

/** The pages and scenes the editor shows. */
export interface Pages {
  readonly pages: readonly PageMark[];
  readonly scenes: readonly SceneMark[];
  /** Production drafts: the line starts with a revision mark (an asterisk in the right margin). */
  readonly marks?: readonly number[];
  /** Production drafts: the current revision set, null before one. */
  readonly set?: RevisionSetMark | null;
  readonly locked?: boolean;
}

/** Pages as the backend sends them: 1-based lines and UTF-16 offsets into them. */
export interface PagesAt {
  readonly pages: readonly { readonly number: number; readonly line: number; readonly offset: number; readonly label?: string }[];
  readonly scenes: readonly {
    readonly number: string;
    readonly heading: string;
    readonly line: number;
    readonly page: number;
    readonly eighths: number;
    readonly length: string;
    readonly omitted?: boolean;
    readonly pageLabel?: string;
  }[];
  readonly marks?: readonly number[] | null;
  readonly set?: RevisionSetMark | null;
  readonly locked?: boolean;
}

export const noPages: Pages = { pages: [], scenes: [] };

/** The position of a 1-based line and offset in doc, clamped to it. */
export function positionIn(doc: Text, line: number, offset = 0): number {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  return l.from + Math.min(Math.max(offset, 0), l.length);
}

/** Turns the backend's lines and offsets into positions in doc, the text they were computed from. */
export function pagesIn(doc: Text, at: PagesAt): Pages {
  return {
    pages: at.pages.map((p) => ({ number: p.number, pos: positionIn(doc, p.line, p.offset), label: p.label ?? '' })),
    scenes: at.scenes.map((s) => ({
      number: s.number,
      heading: s.heading,
      pos: positionIn(doc, s.line),
      page: s.page,
      eighths: s.eighths,
      length: s.length,
      omitted: s.omitted ?? false,
      pageLabel: s.pageLabel ?? '',
    })),
    marks: (at.marks ?? []).filter((l) => l >= 1 && l <= doc.lines).map((l) => doc.line(l).from),
    set: at.set ?? null,
    locked: at.locked ?? false,
  };
}

/**
 * Maps pages through changes. A mark stays before text typed at its
 * position: what is typed at the start of a page's first line is on that
 * page, what is typed at the start of a heading's line is in that scene.
 */
export function mapPages(p: Pages, changes: ChangeDesc): Pages {
  if (changes.empty) return p;
  return {
    ...p,
    pages: p.pages.map((m) => ({ ...m, pos: changes.mapPos(m.pos, -1) })),
    scenes: p.scenes.map((s) => ({ ...s, pos: changes.mapPos(s.pos, -1) })),
    marks: p.marks?.map((m) => changes.mapPos(m, -1)),
  };
}

/**
 * Whether a and b show the same: the same breaks, numbers and labels at the
 * same positions, the same scenes with the same figures, marks, set and lock.
 */
export function samePages(a: Pages, b: Pages): boolean {
  if (a === b) return true;
  if (a.pages.length !== b.pages.length || a.scenes.length !== b.scenes.length) return false;
  if ((a.locked ?? false) !== (b.locked ?? false)) return false;
  const sa = a.set ?? null;
  const sb = b.set ?? null;
  if (sa !== sb && (!sa || !sb || sa.name !== sb.name || sa.color !== sb.color || sa.date !== sb.date)) return false;
  const ma = a.marks ?? [];
  const mb = b.marks ?? [];
  if (ma.length !== mb.length || ma.some((m, i) => m !== mb[i])) return false;
  for (let i = 0; i < a.pages.length; i++) {
    const x = a.pages[i];
    const y = b.pages[i];
    if (x.number !== y.number || x.pos !== y.pos || (x.label ?? '') !== (y.label ?? '')) return false;
  }
  for (let i = 0; i < a.scenes.length; i++) {
    const x = a.scenes[i];
    const y = b.scenes[i];
    if (
      x.number !== y.number ||
      x.heading !== y.heading ||
      x.pos !== y.pos ||
      x.page !== y.page ||
      x.eighths !== y.eighths ||
      x.length !== y.length ||
      (x.omitted ?? false) !== (y.omitted ?? false) ||
      (x.pageLabel ?? '') !== (y.pageLabel ?? '')
    )
      return false;
  }
  return true;
}

/** Replaces the pages (positions in the document of the transaction's new state). */
export const setPages = StateEffect.define<Pages>();
/** Shows or hides the scene numbers in the margins. */
export const showSceneNumbers = StateEffect.define<boolean>();

/** The pages the editor shows, kept in place through edits. */
export const pagesField = StateField.define<Pages>({
  create: () => noPages,
  update(value, tr) {
    let v = tr.docChanged ? mapPages(value, tr.changes) : value;
    for (const e of tr.effects) if (e.is(setPages)) v = e.value;
    return v;
  },
});

/** How a page break is named for screen readers ("Page 12"); the app passes its wording. */
const pageLabel = Facet.define<(n: number) => string, (n: number) => string>({
  combine: (fs) => fs[0] ?? ((n: number) => `Page ${n}`),
});

const sceneNumbersOn = StateField.define<boolean>({
  create: () => true,
  update(on, tr) {
    for (const e of tr.effects) if (e.is(showSceneNumbers)) on = e.value;
    return on;
  },
});

/** The pages of state (none before the first pages arrive). */
export function pagesOf(state: EditorState): Pages {
  return state.field(pagesField, false) ?? noPages;
}

/** The page the position is on (1 before any pages arrive). */
export function pageAt(state: EditorState, pos: number): number {
  let n = 1;
  for (const p of pagesOf(state).pages) {
    if (p.pos > pos) break;
    n = p.number;
  }
  return n;
}

/** Scenes by the 0-based line of their heading in the current document. */
export function scenesByLine(state: EditorState): Map<number, SceneMark> {
  const out = new Map<number, SceneMark>();
  for (const s of pagesOf(state).scenes) out.set(state.doc.lineAt(Math.min(s.pos, state.doc.length)).number - 1, s);
  return out;
}

/** What "go to" was asked for: a page, or a scene by its number. */
export type GoTo = { readonly kind: 'page'; readonly page: number } | { readonly kind: 'scene'; readonly scene: string };

/**
 * Reads what the writer typed in the go-to box: `12` or `p12` is page 12;
 * `s12`, `sc 12A`, `#12` or `scene 12` is scene 12 (scene numbers may carry
 * letters, as revised scripts number inserted scenes). null when it is neither.
 */
export function parseGoTo(input: string): GoTo | null {
  const s = input.trim().toLowerCase().replace(/\.$/, '');
  let m = /^(?:p|pg|page)?\s*(\d+)$/.exec(s);
  if (m) return Number(m[1]) >= 1 ? { kind: 'page', page: Number(m[1]) } : null;
  m = /^(?:s|sc|scene|#)\s*([0-9][0-9a-z.-]*)$/.exec(s);
  if (m) return { kind: 'scene', scene: m[1].toUpperCase() };
  return null;
}

/** Where go-to lands in state: a position, or null when the script has no such page or scene. */
export function goToPosition(state: EditorState, to: GoTo): number | null {
  const p = pagesOf(state);
  if (to.kind === 'page') {
    // Page 1 starts after the title page; before any pages arrive, at the top.
    return p.pages.find((m) => m.number === to.page)?.pos ?? (to.page === 1 ? 0 : null);
  }
  return p.scenes.find((s) => s.number.toUpperCase() === to.scene)?.pos ?? null;
}

/** The break before a page: the foot of the page before, a gap, and the new page's number in the right margin. */
class PageBreak extends WidgetType {
  constructor(
    readonly number: number,
    readonly inline: boolean,
    readonly label: string,
    /** The locked number printed instead of the page's ('' for none). */
    readonly locked = '',
  ) {
    super();
  }
  eq(other: PageBreak) {
    return other.number === this.number && other.inline === this.inline && other.label === this.label && other.locked === this.locked;
  }
  toDOM() {
    const el = document.createElement(this.inline ? 'span' : 'div');
    el.className = this.inline ? 'cm-page-break cm-page-break-inline' : 'cm-page-break';
    el.setAttribute('data-page', String(this.number));
    el.setAttribute('aria-label', this.label);
    const gap = document.createElement('span');
    gap.className = 'cm-page-gap';
    el.append(gap);
    if (this.locked) el.setAttribute('data-page-label', this.locked);
    // Page 1's number is not printed, as on paper.
    if (this.number > 1 || (this.locked && this.locked !== '1')) {
      const num = document.createElement('span');
      num.className = 'cm-page-number';
      num.textContent = `${this.locked || this.number}.`;
      el.append(num);
    }
    return el;
  }
  ignoreEvent() {
    return false;
  }
}

/** A scene a production draft cut, where it was: "12 OMITTED 12" across the page. */
class Omitted extends WidgetType {
  constructor(readonly number: string) {
    super();
  }
  eq(other: Omitted) {
    return other.number === this.number;
  }
  toDOM() {
    const el = document.createElement('div');
    el.className = 'cm-omitted';
    el.setAttribute('data-omitted', this.number);
    el.textContent = 'OMITTED';
    return el;
  }
}

/** The asterisk in the right margin beside a line with a revision mark. */
class RevisionMark extends WidgetType {
  eq() {
    return true;
  }
  toDOM() {
    const el = document.createElement('span');
    el.className = 'cm-revision-mark';
    el.setAttribute('aria-label', 'revised');
    el.textContent = '*';
    return el;
  }
}
const revisedLine = Decoration.line({ class: 'cm-revised' });
const revisionMark = Decoration.widget({ widget: new RevisionMark(), side: -1 });

const sceneLine = new Map<string, Decoration>();
function sceneDeco(number: string): Decoration {
  let d = sceneLine.get(number);
  if (!d) {
    d = Decoration.line({ class: 'cm-scene-numbered', attributes: { 'data-scene': number } });
    sceneLine.set(number, d);
  }
  return d;
}

/**
 * Where the script starts after a title page: its first line that is not
 * the title page or blank (sections and synopses before the first printed
 * line belong to page 1). null when the script has no title page.
 */
export function afterTitlePage(state: EditorState): number | null {
  const kinds = state.field(lineKinds, false);
  if (!kinds || kinds[0] !== 'title-key') return null;
  let i = 0;
  while (i < kinds.length && (kinds[i] === 'title-key' || kinds[i] === 'title-value')) i++;
  while (i < kinds.length && kinds[i] === 'blank') i++;
  return i < state.doc.lines ? state.doc.line(i + 1).from : null;
}

function build(state: EditorState): DecorationSet {
  const p = pagesOf(state);
  const doc = state.doc;
  const ranges = [];
  const label = state.facet(pageLabel);
  // The title page is a page of its own, before page 1.
  const start = p.pages.length > 0 ? afterTitlePage(state) : null;
  if (start !== null) ranges.push(Decoration.widget({ widget: new PageBreak(1, false, label(1)), block: true, side: -1 }).range(start));
  for (const m of p.pages) {
    if (m.number <= 1 || m.pos > doc.length) continue;
    const line = doc.lineAt(m.pos);
    // A page that starts inside a paragraph gets its break where the text goes on.
    const inline = m.pos > line.from;
    ranges.push(Decoration.widget({ widget: new PageBreak(m.number, inline, label(m.number), m.label ?? ''), block: !inline, side: -1 }).range(m.pos));
  }
  for (const s of p.scenes) {
    if (s.pos > doc.length || !s.number) continue;
    if (s.omitted) {
      ranges.push(Decoration.widget({ widget: new Omitted(s.number), block: true, side: -2 }).range(doc.lineAt(s.pos).from));
    } else if (state.field(sceneNumbersOn)) {
      ranges.push(sceneDeco(s.number).range(doc.lineAt(s.pos).from));
    }
  }
  for (const m of p.marks ?? []) {
    if (m > doc.length) continue;
    const from = doc.lineAt(m).from;
    ranges.push(revisedLine.range(from), revisionMark.range(from));
  }
  return Decoration.set(ranges, true);
}

const decorations = StateField.define<DecorationSet>({
  create: build,
  update(deco, tr) {
    if (tr.effects.some((e) => e.is(setPages) || e.is(showSceneNumbers))) return build(tr.state);
    return tr.docChanged ? deco.map(tr.changes) : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.baseTheme({
  // Between pages: the desk shows through, and the new page's number sits
  // at its top right as printed (Final Draft: "12." at the right margin).
  '.cm-page-break': {
    display: 'block',
    position: 'relative',
    margin: '0 -10ch 0 -15ch',
    height: '4.5em',
    pointerEvents: 'none',
    userSelect: 'none',
  },
  '.cm-page-break .cm-page-gap': {
    position: 'absolute',
    left: '0',
    right: '0',
    top: '1em',
    height: '1.5em',
    backgroundColor: 'var(--desk-bg)',
    boxShadow: 'inset 0 7px 6px -6px rgba(0,0,0,0.22), inset 0 -7px 6px -6px rgba(0,0,0,0.22)',
  },
  '.cm-page-break .cm-page-number': {
    position: 'absolute',
    right: '10ch',
    top: '3em',
    lineHeight: '1.5',
    color: 'var(--page-fg)',
  },
  // Inside a paragraph the break is a line of its own in the text's flow.
  '.cm-page-break.cm-page-break-inline': {
    display: 'inline-block',
    width: 'calc(100% + 25ch)',
    verticalAlign: 'top',
  },
  '.cm-line.cm-scene-numbered': { position: 'relative' },
  // Production drafts: an asterisk in the right margin beside revised lines,
  // a tint of the current set's colour behind them, cut scenes as OMITTED.
  '.cm-line.cm-revised': { position: 'relative', backgroundColor: 'var(--revision-tint, rgba(198, 237, 254, 0.35))' },
  '.cm-revision-mark': {
    position: 'absolute',
    left: 'calc(100% + 7ch)',
    top: '0',
    fontWeight: 'bold',
    color: 'var(--page-fg)',
    pointerEvents: 'none',
    userSelect: 'none',
  },
  '.cm-omitted': { position: 'relative', fontWeight: 'bold', color: 'var(--page-fg)', userSelect: 'none', paddingBottom: '1.5em' },
  '.cm-omitted::before, .cm-omitted::after': { content: 'attr(data-omitted)', position: 'absolute', top: '0' },
  '.cm-omitted::before': { right: 'calc(100% + 5ch)' },
  '.cm-omitted::after': { left: 'calc(100% + 4ch)' },
  '.cm-line.cm-scene-numbered::before, .cm-line.cm-scene-numbered::after': {
    content: 'attr(data-scene)',
    position: 'absolute',
    top: '0',
    fontWeight: 'bold',
    whiteSpace: 'nowrap',
    color: 'var(--page-fg)',
    pointerEvents: 'none',
  },
  '.cm-line.cm-scene-numbered::before': { right: 'calc(100% + 5ch)', textAlign: 'right' },
  '.cm-line.cm-scene-numbered::after': { left: 'calc(100% + 4ch)' },
  // Narrow windows: the page's margins shrink to 5ch and 3ch (screenplay-theme.ts);
  // the break follows them, and the scene number stays in the left margin only.
  '@media (max-width: 1180px)': {
    '.cm-page-break': { margin: '0 -3ch 0 -5ch' },
    '.cm-page-break .cm-page-number': { right: '3ch' },
    '.cm-page-break.cm-page-break-inline': { width: 'calc(100% + 8ch)' },
    '.cm-line.cm-scene-numbered::before': { right: 'calc(100% + 1ch)' },
    '.cm-line.cm-scene-numbered::after': { display: 'none' },
    '.cm-revision-mark': { left: 'calc(100% + 1ch)' },
  },
});

/**
 * The page count and the cursor's page on the editor's element
 * (data-pages, data-cursor-page): the editor draws only what is in view, so
 * this is where the whole script's figures can be read.
 */
const pageAttributes = EditorView.editorAttributes.compute([pagesField, 'selection'], (state): Record<string, string> => {
  const p = pagesOf(state);
  const n = p.pages.length;
  if (n === 0) return {};
  const out: Record<string, string> = { 'data-pages': String(n), 'data-cursor-page': String(pageAt(state, state.selection.main.head)) };
  if (p.locked) out['data-locked'] = 'true';
  if (p.set) {
    out['data-revision-set'] = p.set.name;
    out['style'] = `--revision-tint: ${tintOf(p.set.color)}`;
  }
  return out;
});

/** The page colours Final Draft gives its revision sets (PageColor), a little transparent. */
const tints: Record<string, string> = {
  white: 'rgba(255, 255, 255, 0)',
  blue: 'rgba(198, 237, 254, 0.45)',
  pink: 'rgba(253, 204, 212, 0.45)',
  yellow: 'rgba(253, 255, 171, 0.5)',
  green: 'rgba(209, 254, 208, 0.5)',
  goldenrod: 'rgba(250, 205, 57, 0.35)',
  buff: 'rgba(252, 237, 157, 0.45)',
  salmon: 'rgba(248, 174, 142, 0.4)',
  cherry: 'rgba(251, 164, 180, 0.4)',
};
function tintOf(color: string): string {
  const base = color.toLowerCase().replace(/^(double|triple|quadruple)\s+/, '');
  return tints[base] ?? tints.blue;
}

/**
 * Page breaks, page numbers and scene numbers; sceneNumbers says whether the
 * margins show scene numbers at first, label names a page for screen readers.
 */
export function pages(opts: { sceneNumbers?: boolean; label?: (n: number) => string } = {}): Extension {
  return [
    pagesField,
    sceneNumbersOn.init(() => opts.sceneNumbers ?? true),
    opts.label ? pageLabel.of(opts.label) : [],
    decorations,
    pageAttributes,
    theme,
  ];
}
