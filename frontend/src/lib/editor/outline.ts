/**
 * The outline of a script: its scenes and sections as blocks of text, what
 * an index card shows for each, and the text changes that reorder scenes or
 * set a synopsis. Pure functions over the text and its line classification
 * (src/lib/fountain/classify.ts); the editor applies the changes as one
 * transaction (outline-commands.ts).
 *
 * A scene is its heading through the line before the next scene heading or
 * section; a section (`#`) likewise runs to the next heading or section and
 * never moves. Text before the first heading or section stays put.
 *
 * The blank lines after a block travel with it, except at the end of the
 * script: the script ends as it did (with or without a newline). The block
 * that was last gives its ending to the block that becomes last and takes
 * that block's separator, so moving a scene and moving it back restores the
 * text exactly. A separator without a blank line (possible before a
 * section) gets one where a heading or section would otherwise not be read
 * as one.
 */
import { classify, type LineKind } from '../fountain/classify';
import type { TextChange } from './text-change';

/** A scene or section as a block of lines. */
export interface Block {
  readonly kind: 'scene' | 'section';
  /** 0-based line of the heading or section. */
  readonly line: number;
  /** 0-based line of the last non-blank line of the block. */
  readonly lastLine: number;
  /** Offset where the block starts (its heading's first character). */
  readonly from: number;
  /** Offset where its text ends: the end of its last non-blank line. */
  readonly contentTo: number;
  /** Offset where the next block starts, or the length of the text. */
  readonly to: number;
}

/** What the script looks like as blocks. */
export interface Blocks {
  readonly blocks: readonly Block[];
  /** Offset where the first block starts: the text before it stays put. */
  readonly prefixTo: number;
}

/** A scene's index card. */
export interface SceneCard {
  readonly kind: 'scene';
  /** 0-based line of the heading. */
  readonly line: number;
  /** The heading as the scene list shows it, in capitals, without its number. */
  readonly heading: string;
  /** Its number: written as #12A#, or its position among the scenes (1-based). */
  readonly number: string;
  /** The synopsis (the `=` lines under the heading), one entry a line. */
  readonly synopsis: readonly string[];
  /** The first lines of action, at most previewLines. */
  readonly action: readonly string[];
}

/** A section (`#`, `##`, ...) heading a group of cards. */
export interface SectionHeader {
  readonly kind: 'section';
  readonly line: number;
  readonly title: string;
  /** 1 for `#`, 2 for `##`, ... */
  readonly depth: number;
  readonly synopsis: readonly string[];
}

export type OutlineItem = SceneCard | SectionHeader;

const sceneNumberRe = /\s*#([\w.-]+)#\s*$/;
const previewLines = 2;

/** Splits text into lines and the offset where each starts. */
function lineStarts(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += lines[i].length + 1;
  }
  return starts;
}

/** Finds the scene and section blocks of text, whose lines are classified as kinds. */
export function blocks(text: string, kinds: readonly LineKind[] = classify(text)): Blocks {
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  const heads: number[] = [];
  for (let i = 0; i < lines.length; i++) if (kinds[i] === 'scene' || kinds[i] === 'section') heads.push(i);
  const out: Block[] = heads.map((line, j) => {
    const next = j + 1 < heads.length ? heads[j + 1] : lines.length;
    let last = next - 1;
    while (last > line && lines[last].trim() === '') last--;
    return {
      kind: kinds[line] === 'scene' ? 'scene' : 'section',
      line,
      lastLine: last,
      from: starts[line],
      contentTo: starts[last] + lines[last].length,
      to: next < lines.length ? starts[next] : text.length,
    };
  });
  return { blocks: out, prefixTo: out.length > 0 ? out[0].from : text.length };
}

/** The synopsis lines right under the line at index head (blank lines between allowed), as [first, last], or null. */
function synopsisRun(lines: readonly string[], kinds: readonly LineKind[], head: number, end: number): [number, number] | null {
  let i = head + 1;
  while (i < end && lines[i].trim() === '') i++;
  if (i >= end || kinds[i] !== 'synopsis') return null;
  let last = i;
  while (last + 1 < end && kinds[last + 1] === 'synopsis') last++;
  return [i, last];
}

function synopsisText(line: string): string {
  return line.trim().replace(/^=/, '').trim();
}

/** The cards and section headers of text, in order. */
export function outline(text: string, kinds: readonly LineKind[] = classify(text)): OutlineItem[] {
  const lines = text.split('\n');
  const { blocks: bs } = blocks(text, kinds);
  let scene = 0;
  return bs.map((b): OutlineItem => {
    const run = synopsisRun(lines, kinds, b.line, b.lastLine + 1);
    const synopsis = run ? lines.slice(run[0], run[1] + 1).map(synopsisText) : [];
    const own = lines[b.line].trim();
    if (b.kind === 'section') {
      const depth = /^#+/.exec(own)?.[0].length ?? 1;
      return { kind: 'section', line: b.line, title: own.slice(depth).trim(), depth, synopsis };
    }
    scene++;
    let heading = own.startsWith('.') ? own.slice(1) : own;
    const m = sceneNumberRe.exec(heading);
    if (m) heading = heading.slice(0, m.index);
    const action: string[] = [];
    for (let i = b.line + 1; i <= b.lastLine && action.length < previewLines; i++) {
      if (kinds[i] === 'action' && lines[i].trim() !== '') action.push(lines[i].trim().replace(/^!/, ''));
      else if (action.length > 0) break; // the first paragraph of action only
    }
    return { kind: 'scene', line: b.line, heading: heading.trim().toUpperCase(), number: m ? m[1] : String(scene), synopsis, action };
  });
}

/** Whether a heading placed after text ending with sep (a block's separator or the prefix) is read as one. */
function endsBlank(sep: string, isPrefix: boolean): boolean {
  if (isPrefix && sep === '') return true; // the first line of the script
  return /\n[ \t]*\n$/.test(isPrefix ? '\n' + sep : sep);
}

/** Line kinds after which a line is read as part of the same element: a section there would be dialogue. */
const joining = new Set<LineKind>(['character', 'dialogue', 'parenthetical']);

/**
 * The changes that move block k (a scene) to slot: before block slot, or
 * after the last block when slot is the number of blocks. Returns [] when
 * nothing moves (slot k or k + 1) and null when block k is not a scene.
 */
export function moveBlock(text: string, k: number, slot: number, kinds: readonly LineKind[] = classify(text)): TextChange[] | null {
  const { blocks: bs, prefixTo } = blocks(text, kinds);
  const n = bs.length;
  if (k < 0 || k >= n || bs[k].kind !== 'scene' || slot < 0 || slot > n) return null;
  if (slot === k || slot === k + 1) return [];
  const body = (i: number) => text.slice(bs[i].from, bs[i].contentTo);
  const sepAfter = (i: number) => text.slice(bs[i].contentTo, bs[i].to);
  const lastKind = (i: number) => kinds[bs[i].lastLine];
  const sepBefore = (i: number) => (i === 0 ? text.slice(0, prefixTo) : sepAfter(i - 1));
  /** A separator that lets next (a block index) be read as what it is after block prev (-1: the prefix). */
  const mend = (sep: string, prev: number, next: number) => {
    const blank = endsBlank(sep, prev < 0);
    if (blank) return '';
    if (bs[next].kind === 'scene' || (prev >= 0 && joining.has(lastKind(prev)))) return '\n';
    return '';
  };
  const moved = body(k);
  const last = n - 1;
  const changes: TextChange[] = [];

  // Take the block out.
  if (k === last) {
    // The script's ending stays; the separator before the block goes with it.
    changes.push({ from: bs[k - 1].contentTo, to: bs[k].contentTo, insert: '' });
  } else {
    // The block before now meets the one after.
    const prev = k - 1;
    const fix = prev >= 0 ? mend(sepAfter(prev), prev, k + 1) : mend(sepBefore(0), -1, k + 1);
    changes.push({ from: bs[k].from, to: bs[k + 1].from, insert: fix });
  }

  // Put it in.
  if (slot === n) {
    // After the last block, whose text ends where the script's ending begins:
    // that block takes the moved block's separator.
    const sep = sepAfter(k);
    changes.push({ from: bs[last].contentTo, to: bs[last].contentTo, insert: sep + mend(sep, last, k) + moved });
  } else {
    // Before block slot, with the separator it had (the last block has the
    // script's ending instead and takes the separator that was before it).
    const sep = k === last ? sepAfter(k - 1) : sepAfter(k);
    const before = mend(sepBefore(slot), slot - 1, k);
    changes.push({ from: bs[slot].from, to: bs[slot].from, insert: before + moved + sep + mend(sep, k, slot) });
  }
  return changes.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Applies changes (in offsets of text, not overlapping) to text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const c of [...changes].sort((a, b) => a.from - b.from || a.to - b.to)) {
    out += text.slice(at, c.from) + c.insert;
    at = c.to;
  }
  return out + text.slice(at);
}

/**
 * The change that sets the synopsis of the scene or section whose heading is
 * at line (0-based) to the lines of value (blank lines dropped; none removes
 * it). Returns null when there is no heading there, [] when nothing changes.
 */
export function setSynopsis(text: string, line: number, value: string, kinds: readonly LineKind[] = classify(text)): TextChange[] | null {
  const { blocks: bs } = blocks(text, kinds);
  const b = bs.find((x) => x.line === line);
  if (!b) return null;
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  const want = value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => `= ${l}`);
  const run = synopsisRun(lines, kinds, b.line, b.lastLine + 1);
  const endOf = (i: number) => starts[i] + lines[i].length;
  if (run) {
    const [a, z] = run;
    const old = lines.slice(a, z + 1).join('\n');
    if (want.length > 0) return old === want.join('\n') ? [] : [{ from: starts[a], to: endOf(z), insert: want.join('\n') }];
    // Removed: the text closes up to the line before it that is not blank.
    let p = a - 1;
    while (p > b.line && lines[p].trim() === '') p--;
    return [{ from: endOf(p), to: endOf(z), insert: '' }];
  }
  if (want.length === 0) return [];
  const next = lines[b.line + 1];
  const gap = next === undefined || next.trim() === '' ? '' : '\n';
  return [{ from: endOf(b.line), to: endOf(b.line), insert: '\n\n' + want.join('\n') + gap }];
}
