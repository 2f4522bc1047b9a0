/**
 * What the script already uses, for autocomplete: character names by how
 * often they speak, locations and times of day from the scene headings, and
 * transitions. Built from the layout's line classification, leaving out the
 * line being typed, and kept while the typing stays on that line, so that
 * completing costs O(line) per keystroke and O(script) only when another
 * line changed.
 */
import { StateField, type EditorState, type Text } from '@codemirror/state';
import type { LineKind } from '../fountain/classify';
import { lineKinds } from './fountain-language';

/** A character name and how many cues it has. */
export interface NameCount {
  readonly name: string;
  readonly count: number;
}

/** The names, places and transitions a script uses. */
export interface ScriptIndex {
  /** Character names, most frequent first. */
  readonly characters: readonly NameCount[];
  /** Locations of the scene headings ("DINER", "HOUSE - KITCHEN"), most used first. */
  readonly locations: readonly string[];
  /** Times of day of the scene headings ("NIGHT"), most used first. */
  readonly times: readonly string[];
  /** Transitions ("CUT TO:"), most used first. */
  readonly transitions: readonly string[];
}

/** The opening of a scene heading and what follows it: "INT. " + "DINER - NIGHT". */
export const headingOpenRe = /^(\.?)((?:INT\.?\/EXT|EXT\.?\/INT|I\.?\/E|INT|EXT|EST)\.?\s+)/i;

/** Splits a heading's text after its opening into location and time ("DINER - NIGHT"). */
export function splitHeading(rest: string): { location: string; time: string } {
  const t = rest.replace(/\s*#[\w.-]+#\s*$/, '').trim();
  const i = t.lastIndexOf(' - ');
  return i < 0 ? { location: t, time: '' } : { location: t.slice(0, i).trim(), time: t.slice(i + 3).trim() };
}

/** The name of a cue without its force mark, extension or dual mark: "@McCLANE (V.O.) ^" → "McCLANE". */
export function cueName(line: string): string {
  return line.trim().replace(/^@/, '').replace(/\s*\^$/, '').replace(/\(.*$/, '').trim();
}

function ranked(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

function bump(m: Map<string, number>, k: string) {
  if (k) m.set(k, (m.get(k) ?? 0) + 1);
}

/** Indexes doc, whose lines are classified as kinds, leaving out line skip (1-based; 0 for none). */
export function indexScript(doc: Text, kinds: readonly LineKind[], skip = 0): ScriptIndex {
  const names = new Map<string, number>();
  const locations = new Map<string, number>();
  const times = new Map<string, number>();
  const transitions = new Map<string, number>();
  for (let i = 0; i < kinds.length && i < doc.lines; i++) {
    const k = kinds[i];
    if ((k !== 'scene' && k !== 'character' && k !== 'transition') || i + 1 === skip) continue;
    const text = doc.line(i + 1).text.trim();
    if (k === 'character') bump(names, cueName(text).toUpperCase());
    else if (k === 'transition') bump(transitions, text.replace(/^>\s*/, '').toUpperCase());
    else {
      const m = headingOpenRe.exec(text);
      if (!m) continue;
      const { location, time } = splitHeading(text.slice(m[0].length).toUpperCase());
      bump(locations, location);
      bump(times, time);
    }
  }
  return {
    characters: ranked(names).map((name) => ({ name, count: names.get(name) ?? 0 })),
    locations: ranked(locations),
    times: ranked(times),
    transitions: ranked(transitions),
  };
}

/** A memo of the index built without one line; valid while only that line changes. */
class Memo {
  index: ScriptIndex | null = null;
  line = 0;
}

const memo = StateField.define<Memo>({
  create: () => new Memo(),
  update(m, tr) {
    if (!tr.docChanged || m.line === 0 || tr.newDoc.lines !== tr.startState.doc.lines) return tr.docChanged ? new Memo() : m;
    const old = tr.startState.doc;
    let same = true;
    tr.changes.iterChangedRanges((fromA, toA) => {
      if (old.lineAt(fromA).number !== m.line || old.lineAt(toA).number !== m.line) same = false;
    });
    return same ? m : new Memo();
  },
});

/** The script's index, leaving out the cursor's line (the one being typed). */
export function scriptIndex(state: EditorState): ScriptIndex {
  const line = state.doc.lineAt(state.selection.main.head).number;
  const m = state.field(memo, false);
  if (m?.index && m.line === line) return m.index;
  const index = indexScript(state.doc, state.field(lineKinds), line);
  if (m) {
    m.index = index;
    m.line = line;
  }
  return index;
}

/** The state the index needs: the layout's classification and the memo. */
export const scriptIndexField = [lineKinds, memo];
