/**
 * A fast line classifier for Fountain, used for the editor's screenplay
 * layout and the scene navigator. It decides the element type of every
 * source line from the line and its neighbours, as the Fountain 1.1 spec
 * describes; the Go parser (internal/fountain) is the full reference.
 */

/** The kind of a source line. */
export type LineKind =
  | 'blank'
  | 'title-key'
  | 'title-value'
  | 'scene'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'transition'
  | 'centered'
  | 'lyrics'
  | 'section'
  | 'synopsis'
  | 'note'
  | 'page-break'
  | 'boneyard';

/** A scene heading found in the text. */
export interface Scene {
  readonly heading: string;
  /** 0-based line index of the heading. */
  readonly line: number;
  /** Scene number written as #12A#, if any. */
  readonly number: string;
}

// The openings internal/fountain's parser accepts (parse_classify.go): the spec's
// INT, EXT, EST, INT./EXT, INT/EXT, I/E and the common EXT./INT, EXT/INT, I./E.
const sceneRe = /^(?:\.(?=[\p{L}\p{N}])|(?:INT\.?\/EXT|EXT\.?\/INT|I\.?\/E|INT|EXT|EST)[.\s])/iu;
const sceneNumberRe = /\s*#([\w.-]+)#\s*$/;
const transitionRe = /^[^a-z]*TO:$/;
const titleKeyRe = /^[^\s:][^:]*:/;

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** Reports whether a line can be a character cue, ignoring its context. */
export function isCueText(line: string): boolean {
  const t = line.trim();
  if (t.startsWith('@')) return t.length > 1;
  if (t.startsWith('!') || transitionRe.test(t)) return false;
  const name = cueName(t);
  return /\p{L}/u.test(name) && name === name.toUpperCase();
}

/**
 * The name of a cue, as internal/fountain's parseCue reads it: without the
 * dual mark "^", and without an extension "(V.O.)" only when the extension
 * ends the line ("NORA (40s), a raincoat…" is all name, so action).
 */
function cueName(line: string): string {
  let cue = line.trim();
  if (cue.length > 1 && cue.endsWith('^')) cue = cue.slice(0, -1).trim();
  const i = cue.indexOf('(');
  if (i <= 0 || !cue.endsWith(')') || cue.slice(0, i).trim() === '' || cue.slice(i + 1, -1).trim() === '') return cue;
  return cue.slice(0, i).trim();
}

/** A line with its boneyard taken out, as internal/fountain reads it. */
export interface BoneyardSplit {
  /** The text outside the boneyard (from "/*" to the next star-slash, removed wherever on the line they start or end). */
  readonly visible: string;
  /** Whether any of the line is boneyard. */
  readonly touched: boolean;
  /** Whether the line ends inside a boneyard. */
  readonly open: boolean;
}

const untouched = (line: string): BoneyardSplit => ({ visible: line, touched: false, open: false });

/**
 * Takes the boneyard out of line, which starts inside one when inside is
 * true. Boneyards do not nest: the first "*\/" closes. Unlike the Go
 * parser, which keeps an unclosed "/*" as text, a "/*" not closed yet opens
 * a boneyard to the end of the text (or to the "*\/" about to be typed).
 */
export function splitBoneyard(line: string, inside: boolean): BoneyardSplit {
  if (!inside && !line.includes('/*')) return untouched(line);
  let visible = '';
  let i = 0;
  let open = inside;
  while (i < line.length) {
    if (open) {
      const close = line.indexOf('*/', i);
      if (close < 0) return { visible, touched: true, open: true };
      i = close + 2;
      open = false;
    } else {
      const start = line.indexOf('/*', i);
      if (start < 0) {
        visible += line.slice(i);
        break;
      }
      visible += line.slice(i, start);
      i = start + 2;
      open = true;
    }
  }
  return { visible, touched: true, open };
}

/** What the classifier carries from one line to the next. */
interface Carry {
  inBoneyard: boolean;
  inNote: boolean;
  inDialogue: boolean;
}

/**
 * The kind of line i of lines (lines(i) is its text, undefined past the
 * end), the kinds before it being in kinds; updates carry for the next line.
 * Not for the title page, which classify handles first.
 */
function classifyLine(lines: (i: number) => string | undefined, i: number, kinds: readonly LineKind[], carry: Carry): LineKind {
  // A line is read without its boneyard, which may start or end anywhere
  // on it; a line that is all boneyard is boneyard.
  const by = splitBoneyard(lines(i) ?? '', carry.inBoneyard);
  carry.inBoneyard = by.open;
  if (by.touched && by.visible.trim() === '') return 'boneyard';
  const line = by.visible;
  const t = line.trim();
  if (carry.inNote) {
    if (line.includes(']]')) carry.inNote = false;
    return 'note';
  }
  if (t === '') {
    // Two spaces keep a dialogue block going.
    if (carry.inDialogue && line === '  ') return 'dialogue';
    carry.inDialogue = false;
    return 'blank';
  }
  if (t.startsWith('[[') && (!t.includes(']]') || t.endsWith(']]'))) {
    carry.inNote = !t.includes(']]');
    return 'note';
  }
  const prev = kinds[i - 1];
  const prevBlank = i === 0 || isBlank(lines(i - 1)) || prev === 'boneyard' || prev === 'title-value' || prev === 'title-key';
  const nextBlank = isBlank(lines(i + 1));
  if (carry.inDialogue) return t.startsWith('(') ? 'parenthetical' : 'dialogue';
  if (/^={3,}$/.test(t)) return 'page-break';
  if (t.startsWith('#')) return 'section';
  if (t.startsWith('=')) return 'synopsis';
  if (t.startsWith('~')) return 'lyrics';
  if (t.startsWith('!')) return 'action';
  if (t.startsWith('>') && t.endsWith('<')) return 'centered';
  if (t.startsWith('>')) return 'transition';
  if (prevBlank && sceneRe.test(t)) return 'scene';
  if (prevBlank && nextBlank && transitionRe.test(t)) return 'transition';
  if (prevBlank && !nextBlank && isCueText(t)) {
    carry.inDialogue = true;
    return 'character';
  }
  return 'action';
}

/** Classifies every line of text. */
export function classify(text: string): LineKind[] {
  const lines = text.split('\n');
  const at = (i: number): string | undefined => lines[i];
  const kinds: LineKind[] = new Array(lines.length).fill('action');
  let i = 0;

  // A title page is the first block, when it starts with "Key:".
  // An all-capitals first line ("FADE IN:") is a transition, not a key.
  const firstKey = lines[0].split(':')[0];
  if (titleKeyRe.test(lines[0]) && !sceneRe.test(lines[0]) && firstKey !== firstKey.toUpperCase()) {
    for (; i < lines.length && !isBlank(lines[i]); i++) {
      kinds[i] = /^\s/.test(lines[i]) || !titleKeyRe.test(lines[i]) ? 'title-value' : 'title-key';
    }
  }

  const carry: Carry = { inBoneyard: false, inNote: false, inDialogue: false };
  for (; i < lines.length; i++) kinds[i] = classifyLine(at, i, kinds, carry);
  return kinds;
}

/** A classification redone after an edit, and the lines it redid. */
export interface Reclassified {
  readonly kinds: LineKind[];
  /** The lines classified again, from (inclusive) to (exclusive), 0-based in the new text. */
  readonly from: number;
  readonly to: number;
}

/**
 * Classifies a text again after an edit, from old (the kinds before it),
 * redoing only the lines from the last blank line above the edit to the
 * first blank line after it that was blank before too: a blank line ends
 * every block (dialogue, notes, boneyard are closed before it), so what
 * follows it depends on nothing above it. lines(i) is line i of the new text
 * (undefined past its end), count its number of lines, and first and last
 * the first and last lines (0-based, in the new text) the edit touched.
 * Null when there is no such blank line before the edit (the edit is in the
 * first block, which may be the title page): classify the whole text then.
 */
export function reclassify(
  old: readonly LineKind[],
  lines: (i: number) => string | undefined,
  count: number,
  first: number,
  last: number,
): Reclassified | null {
  // The blank line may be the one just above the edit: its kind depends on
  // nothing but the lines above it.
  let r = first - 1;
  while (r >= 0 && old[r] !== 'blank') r--;
  if (r < 0) return null;
  const delta = count - old.length;
  const kinds: LineKind[] = old.slice(0, r + 1);
  const carry: Carry = { inBoneyard: false, inNote: false, inDialogue: false };
  for (let j = r + 1; j < count; j++) {
    const k = classifyLine(lines, j, kinds, carry);
    kinds.push(k);
    if (j > last && k === 'blank' && old[j - delta] === 'blank') {
      for (let o = j - delta + 1; o < old.length; o++) kinds.push(old[o]);
      return { kinds, from: r + 1, to: j + 1 };
    }
  }
  return { kinds, from: r + 1, to: count };
}

/** Lists the scene headings of text, in order. */
export function scenes(text: string, kinds: readonly LineKind[] = classify(text)): Scene[] {
  const lines = text.split('\n');
  return scenesOf(kinds, (i) => lines[i]);
}

/** Lists the scene headings, in order, of the lines line(i) classified as kinds. */
export function scenesOf(kinds: readonly LineKind[], line: (i: number) => string): Scene[] {
  const out: Scene[] = [];
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== 'scene') continue;
    let heading = line(i).trim();
    if (heading.startsWith('.')) heading = heading.slice(1);
    const m = sceneNumberRe.exec(heading);
    const number = m ? m[1] : '';
    if (m) heading = heading.slice(0, m.index);
    out.push({ heading: heading.trim().toUpperCase(), line: i, number });
  }
  return out;
}

export function countWords(text: string): number {
  let n = 0;
  for (const tok of text.split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(tok)) n++;
  }
  return n;
}
