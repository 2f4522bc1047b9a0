/**
 * Dual dialogue: a cue marked `^` and the speech just before it are spoken
 * at once, and printed side by side. As in the Go parser (markDualFirst in
 * internal/fountain/parse.go), the partner is the speech right before the
 * `^` speech, when its own cue has no `^`. Found from the layout's line
 * kinds, over a range of lines, so that an edit rescans only its own
 * neighbourhood.
 */
import type { EditorState, Text } from '@codemirror/state';
import { EditorView, WidgetType } from '@codemirror/view';
import { lineKinds } from './fountain-language';
import { appendInline } from './inline-dom';

/** Two speeches side by side: [from, to] covers both, from the first cue's start to the second speech's end. */
export interface DualPair {
  readonly from: number;
  readonly to: number;
}

/** A speech's lines, for the widget. */
interface Speech {
  readonly lines: readonly { readonly kind: 'character' | 'parenthetical' | 'dialogue'; readonly text: string }[];
}

function isSpeechLine(kind: string | undefined): boolean {
  return kind === 'dialogue' || kind === 'parenthetical';
}

/** Whether line text is a cue marked `^`. */
function isDualCue(text: string): boolean {
  const t = text.trim();
  return t.length > 1 && t.endsWith('^');
}

/** The pair whose `^` cue is line n (1-based), or null. */
export function pairAt(state: EditorState, n: number): DualPair | null {
  const kinds = state.field(lineKinds);
  const doc = state.doc;
  if (kinds[n - 1] !== 'character' || !isDualCue(doc.line(n).text)) return null;
  let last = n;
  while (last < doc.lines && isSpeechLine(kinds[last])) last++;
  // Up over blank lines to the end of the speech before.
  let m = n - 1;
  while (m >= 1 && kinds[m - 1] === 'blank') m--;
  if (m < 1 || m === n - 1 || !isSpeechLine(kinds[m - 1])) return null;
  while (m >= 1 && isSpeechLine(kinds[m - 1])) m--;
  if (m < 1 || kinds[m - 1] !== 'character' || isDualCue(doc.line(m).text)) return null;
  return { from: doc.line(m).from, to: doc.line(last).to };
}

/** The pairs whose `^` cue lies in lines [first, last] (1-based), in order. */
export function pairsIn(state: EditorState, first: number, last: number): DualPair[] {
  const kinds = state.field(lineKinds);
  const out: DualPair[] = [];
  for (let n = Math.max(1, first); n <= last && n <= kinds.length; n++) {
    if (kinds[n - 1] !== 'character') continue;
    const p = pairAt(state, n);
    if (p) out.push(p);
  }
  return out;
}

/** The first line of the block (lines between blank lines) that holds line n, going up at most limit lines. */
function blockStart(doc: Text, n: number, limit = 200): number {
  while (n > 1 && limit-- > 0 && doc.line(n - 1).text.trim() !== '') n--;
  return n;
}

/** The last line of the block that holds line n. */
function blockEnd(doc: Text, n: number, limit = 200): number {
  while (n < doc.lines && limit-- > 0 && doc.line(n + 1).text.trim() !== '') n++;
  return n;
}

/**
 * The lines an edit of lines [first, last] can change the pairs of: those
 * lines and the block before and after (a pair is two neighbouring blocks).
 */
export function neighbourhood(doc: Text, first: number, last: number): [number, number] {
  let a = blockStart(doc, first);
  while (a > 1 && doc.line(a - 1).text.trim() === '') a--;
  a = blockStart(doc, Math.max(1, a - 1));
  let b = blockEnd(doc, last);
  while (b < doc.lines && doc.line(b + 1).text.trim() === '') b++;
  b = blockEnd(doc, Math.min(doc.lines, b + 1));
  return [a, b];
}

/** The speeches of pair p. */
function speeches(state: EditorState, p: DualPair): [Speech, Speech] {
  const kinds = state.field(lineKinds);
  const doc = state.doc;
  const out: { kind: 'character' | 'parenthetical' | 'dialogue'; text: string }[][] = [];
  for (let n = doc.lineAt(p.from).number; n <= doc.lineAt(p.to).number; n++) {
    const k = kinds[n - 1];
    if (k !== 'character' && k !== 'parenthetical' && k !== 'dialogue') continue;
    if (k === 'character') out.push([]);
    let text = doc.line(n).text.trim();
    if (k === 'character') text = text.replace(/^@/, '').replace(/\s*\^$/, '');
    out[out.length - 1]?.push({ kind: k, text });
  }
  return [{ lines: out[0] ?? [] }, { lines: out[1] ?? [] }];
}

/** Both speeches of a pair in two columns; a click on a line puts the cursor at its end, which shows the text. */
export class DualDialogueWidget extends WidgetType {
  private readonly key: string;

  constructor(readonly speeches: readonly [Speech, Speech]) {
    super();
    this.key = JSON.stringify(speeches);
  }

  static of(state: EditorState, p: DualPair): DualDialogueWidget {
    return new DualDialogueWidget(speeches(state, p));
  }

  eq(other: DualDialogueWidget): boolean {
    return other.key === this.key;
  }

  toDOM(view: EditorView): HTMLElement {
    const d = view.dom.ownerDocument;
    const box = d.createElement('div');
    box.className = 'cm-md-dual';
    box.setAttribute('data-testid', 'dual-dialogue');
    // Each line's place among the pair's text lines, for clicks.
    let offset = 0;
    for (const s of this.speeches) {
      const col = d.createElement('div');
      col.className = 'cm-md-dual-column';
      for (const l of s.lines) {
        const el = d.createElement('div');
        el.className = `cm-md-dual-${l.kind}`;
        el.dataset.line = String(offset++);
        appendInline(el, l.text);
        col.appendChild(el);
      }
      box.appendChild(col);
    }
    box.addEventListener('mousedown', (e) => {
      e.preventDefault();
      const target = (e.target as HTMLElement).closest<HTMLElement>('[data-line]');
      const doc = view.state.doc;
      const first = doc.lineAt(view.posAtDOM(box)).number;
      // Count text lines from the first cue, skipping the blank lines between the speeches.
      let n = first;
      for (let want = Number(target?.dataset.line ?? 0); n < doc.lines; n++) {
        if (doc.line(n).text.trim() === '') continue;
        if (want-- === 0) break;
      }
      view.dispatch({ selection: { anchor: doc.line(n).to } });
      view.focus();
    });
    return box;
  }

  ignoreEvent(): boolean {
    return true;
  }
}
