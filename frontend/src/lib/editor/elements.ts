/**
 * Screenplay elements as a writer chooses them (Final Draft's Scene Heading,
 * Action, Character, Parenthetical, Dialogue, Transition), and how a line of
 * Fountain is written so that it parses back as the element chosen: capitals
 * where screenplays use them, and a force mark (`. ! @ >`) only where the
 * Fountain rules (internal/fountain, mirrored by ../fountain/classify) need
 * one. Every function here looks at one line and its neighbours: O(line).
 */
import type { EditorState } from '@codemirror/state';
import { isCueText } from '../fountain/classify';
import { lineKinds } from './fountain-language';

/** An element the writer can choose for a line. */
export type Element = 'scene' | 'action' | 'character' | 'parenthetical' | 'dialogue' | 'transition';

/** The elements in Final Draft's order: Ctrl+1 is the first, Ctrl+6 the last. */
export const ELEMENTS: readonly Element[] = ['scene', 'action', 'character', 'parenthetical', 'dialogue', 'transition'];

/** Elements written in capitals in the text itself. */
export function isCapsElement(e: Element): boolean {
  return e === 'scene' || e === 'character' || e === 'transition';
}

// The same openings as ../fountain/classify and internal/fountain's isHeadingPrefix.
const headingPrefixRe = /^(?:INT\.?\/EXT|EXT\.?\/INT|I\.?\/E|INT|EXT|EST)[.\s]/i;
const forcedHeadingRe = /^\.[\p{L}\p{N}]/u;
const transitionRe = /^[^a-z]*TO:$/;

/** Reports whether text opens like an unforced scene heading (INT. EXT. I/E ...), in any case. */
export function looksLikeHeading(text: string): boolean {
  return headingPrefixRe.test(text.trim());
}

/** Reports whether a line is blank (or does not exist). */
export function blank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/**
 * Upper-cases text letter by letter, keeping its length, so that positions
 * (the cursor, a completion's range) stay where they were. A letter whose
 * capital is longer (German ß) is kept as typed.
 */
export function upper(text: string): string {
  let out = '';
  for (const ch of text) {
    const u = ch.toUpperCase();
    out += u.length === ch.length ? u : ch;
  }
  return out;
}

/** Takes off a leading force mark, and the parentheses of a parenthetical. */
function bare(text: string): string {
  let t = text.trim();
  if (/^[!@>]/.test(t) || forcedHeadingRe.test(t)) t = t.slice(1).trimStart();
  if (t.endsWith('<') && text.trim().startsWith('>')) t = t.slice(0, -1).trimEnd();
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}

/**
 * The context a line is written in: whether the lines above and below it are
 * blank. A cue, a heading and a transition need a blank line above; a heading
 * and a transition also one below; a cue needs a line of dialogue below.
 */
export interface LineContext {
  readonly prevBlank: boolean;
  readonly nextBlank: boolean;
}

/**
 * Writes text as the element e: capitals for headings, cues and transitions,
 * parentheses for a parenthetical, and a force mark only when the Fountain
 * rules would otherwise read the line as something else in ctx. An empty line
 * stays empty (a parenthetical becomes "()").
 */
export function shapeLine(text: string, e: Element, ctx: LineContext): string {
  const t = bare(text);
  if (t === '') return e === 'parenthetical' ? '()' : '';
  switch (e) {
    case 'scene': {
      const u = upper(t);
      // An unforced heading needs a blank line on both sides.
      return headingPrefixRe.test(u) && ctx.prevBlank && ctx.nextBlank ? u : `.${u}`;
    }
    case 'transition': {
      const u = upper(t);
      return transitionRe.test(u) && ctx.prevBlank && ctx.nextBlank ? u : `> ${u}`;
    }
    case 'character': {
      const u = upper(t);
      return isCueText(u) && !headingPrefixRe.test(u) && !transitionRe.test(u) ? u : `@${u}`;
    }
    case 'parenthetical':
      return `(${t})`;
    case 'dialogue':
      // Inside a dialogue block only "(" would make it a parenthetical.
      return t;
    case 'action': {
      const first = text.trim();
      // Keep what the writer typed, unless it would read as another element.
      const plain = /^[!@>.=#~]/.test(first) && first !== '...' ? t : first;
      const needs =
        /^[!@>=#~]|^\[\[|^\/\*/.test(plain) ||
        forcedHeadingRe.test(plain) ||
        (ctx.prevBlank && headingPrefixRe.test(plain)) ||
        (ctx.prevBlank && ctx.nextBlank && transitionRe.test(plain)) ||
        (ctx.prevBlank && !ctx.nextBlank && isCueText(plain));
      return needs ? `!${plain}` : plain;
    }
  }
}

/** The context of line n (1-based) of the document. */
export function contextOf(state: EditorState, n: number): LineContext {
  const doc = state.doc;
  return {
    prevBlank: n <= 1 || blank(doc.line(n - 1).text),
    nextBlank: n >= doc.lines || blank(doc.line(n + 1).text),
  };
}

/** A cue as it is typed: cue text, or a name in capitals whose extension is still open ("EDWARD (co"). */
function cueBeingTyped(t: string): boolean {
  if (isCueText(t)) return true;
  const i = t.indexOf('(');
  return i > 0 && !t.includes(')') && isCueText(t.slice(0, i));
}

/**
 * The element of line n (1-based) as the writer sees it, from the layout's
 * classification, and for the cursor's line from what it looks like so far:
 * a line in capitals after a blank line is a cue being typed. An empty line
 * is dialogue inside a dialogue block, action elsewhere.
 */
export function elementAt(state: EditorState, n: number): Element | null {
  const doc = state.doc;
  const text = doc.line(n).text;
  const kinds = state.field(lineKinds, false);
  const kind = kinds?.[n - 1];
  const ctx = contextOf(state, n);
  if (blank(text)) {
    if (ctx.prevBlank) return 'action';
    const above = elementAt(state, n - 1);
    return above === 'character' || above === 'parenthetical' || above === 'dialogue' ? 'dialogue' : 'action';
  }
  switch (kind) {
    case 'scene':
    case 'character':
    case 'parenthetical':
    case 'dialogue':
    case 'transition':
      return kind;
    case 'action': {
      const t = text.trim();
      // A cue being typed: no dialogue below it yet. Only on the cursor's
      // line: elsewhere a line in capitals on its own is action.
      const typing = doc.lineAt(state.selection.main.head).number === n;
      if (typing && ctx.prevBlank && ctx.nextBlank && !t.startsWith('!') && !t.endsWith(':') && cueBeingTyped(t)) return 'character';
      return 'action';
    }
    default:
      return null;
  }
}
