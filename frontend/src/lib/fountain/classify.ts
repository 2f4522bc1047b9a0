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
  // The name is what comes before an extension "(V.O.)" or the dual mark.
  const name = t.replace(/\s*\^$/, '').replace(/\(.*$/, '');
  return /\p{L}/u.test(name) && name === name.toUpperCase();
}

/** Classifies every line of text. */
export function classify(text: string): LineKind[] {
  const lines = text.split('\n');
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

  let inBoneyard = false;
  let inNote = false;
  let inDialogue = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (inBoneyard) {
      kinds[i] = 'boneyard';
      if (line.includes('*/')) inBoneyard = false;
      continue;
    }
    if (inNote) {
      kinds[i] = 'note';
      if (line.includes(']]')) inNote = false;
      continue;
    }
    if (t.startsWith('/*')) {
      kinds[i] = 'boneyard';
      inBoneyard = !t.includes('*/', 2);
      continue;
    }
    if (t === '') {
      // Two spaces keep a dialogue block going.
      kinds[i] = inDialogue && line === '  ' ? 'dialogue' : 'blank';
      if (kinds[i] === 'blank') inDialogue = false;
      continue;
    }
    if (t.startsWith('[[') && (!t.includes(']]') || t.endsWith(']]'))) {
      kinds[i] = 'note';
      inNote = !t.includes(']]');
      continue;
    }
    const prevBlank = i === 0 || isBlank(lines[i - 1]) || kinds[i - 1] === 'boneyard' || kinds[i - 1] === 'title-value' || kinds[i - 1] === 'title-key';
    const nextBlank = isBlank(lines[i + 1]);
    if (inDialogue) {
      kinds[i] = t.startsWith('(') ? 'parenthetical' : 'dialogue';
      continue;
    }
    if (/^={3,}$/.test(t)) kinds[i] = 'page-break';
    else if (t.startsWith('#')) kinds[i] = 'section';
    else if (t.startsWith('=')) kinds[i] = 'synopsis';
    else if (t.startsWith('~')) kinds[i] = 'lyrics';
    else if (t.startsWith('!')) kinds[i] = 'action';
    else if (t.startsWith('>') && t.endsWith('<')) kinds[i] = 'centered';
    else if (t.startsWith('>')) kinds[i] = 'transition';
    else if (prevBlank && sceneRe.test(t)) kinds[i] = 'scene';
    else if (prevBlank && nextBlank && transitionRe.test(t)) kinds[i] = 'transition';
    else if (prevBlank && !nextBlank && isCueText(t)) {
      kinds[i] = 'character';
      inDialogue = true;
    } else kinds[i] = 'action';
  }
  return kinds;
}

/** Lists the scene headings of text, in order. */
export function scenes(text: string, kinds: readonly LineKind[] = classify(text)): Scene[] {
  const lines = text.split('\n');
  const out: Scene[] = [];
  kinds.forEach((k, i) => {
    if (k !== 'scene') return;
    let heading = lines[i].trim();
    if (heading.startsWith('.')) heading = heading.slice(1);
    const m = sceneNumberRe.exec(heading);
    const number = m ? m[1] : '';
    if (m) heading = heading.slice(0, m.index);
    out.push({ heading: heading.trim().toUpperCase(), line: i, number });
  });
  return out;
}

/** Counts words: space-separated tokens that hold a letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const tok of text.split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(tok)) n++;
  }
  return n;
}
