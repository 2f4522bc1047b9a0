import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView, type DecorationSet } from '@codemirror/view';
import { commentMarkers, setCommentMarks } from './markers';

const opts = { onopen: () => {}, oncompose: () => true, title: (n: number) => `${n}` };

/** Lines (1-based) that carry a comment mark widget. */
function markedLines(state: EditorState): number[] {
  const lines: number[] = [];
  for (const d of state.facet(EditorView.decorations)) {
    const set = (typeof d === 'function' ? null : d) as DecorationSet | null;
    if (!set) continue;
    set.between(0, state.doc.length, (from, _to, deco) => {
      if (deco.spec.widget) lines.push(state.doc.lineAt(from).number);
    });
  }
  return lines;
}

describe('commentMarkers', () => {
  const doc = 'INT. PIER\n\nBen waits.\n\nShe is late.';
  const mark = (line: number) => ({ line, threads: ['t' + line], unread: false, resolved: false });

  it('marks the lines it is given, skipping lines past the end', () => {
    let state = EditorState.create({ doc, extensions: commentMarkers(opts) });
    state = state.update({ effects: setCommentMarks.of([mark(3), mark(5), mark(99)]) }).state;
    expect(markedLines(state)).toEqual([3, 5]);
  });

  it('moves the marks with the text when lines are typed above', () => {
    let state = EditorState.create({ doc, extensions: commentMarkers(opts) });
    state = state.update({ effects: setCommentMarks.of([mark(3)]) }).state;
    state = state.update({ changes: { from: 0, insert: 'FADE IN:\n\n' } }).state;
    expect(markedLines(state)).toEqual([5]);
  });

  it('replaces the marks on each update', () => {
    let state = EditorState.create({ doc, extensions: commentMarkers(opts) });
    state = state.update({ effects: setCommentMarks.of([mark(1), mark(3)]) }).state;
    state = state.update({ effects: setCommentMarks.of([mark(5)]) }).state;
    expect(markedLines(state)).toEqual([5]);
  });
});
