// Boneyard and notes inside lines: the parts of each line, and the state a
// line starts in, read from the paragraph above it.
import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { classify } from '../fountain/classify';
import { OUTSIDE, lineSpans, stateAt } from './inline-spans';

describe('lineSpans', () => {
  it('finds boneyard and notes that open or close on the line', () => {
    expect(lineSpans('Plain text.', OUTSIDE)).toEqual({ spans: [], end: OUTSIDE });
    expect(lineSpans('A /* b', OUTSIDE)).toEqual({ spans: [{ from: 2, to: 6, kind: 'boneyard' }], end: { boneyard: true, note: false } });
    expect(lineSpans('b */ C', { boneyard: true, note: false })).toEqual({ spans: [{ from: 0, to: 4, kind: 'boneyard' }], end: OUTSIDE });
    expect(lineSpans('A [[b', OUTSIDE).spans).toEqual([
      { from: 2, to: 4, kind: 'bracket' },
      { from: 4, to: 5, kind: 'note' },
    ]);
    expect(lineSpans('b]] C', { boneyard: false, note: true })).toEqual({
      spans: [
        { from: 0, to: 1, kind: 'note' },
        { from: 1, to: 3, kind: 'bracket' },
      ],
      end: OUTSIDE,
    });
  });

  it('closes a boneyard at the first star-slash', () => {
    expect(lineSpans('/* a /* b */ c */', OUTSIDE)).toEqual({ spans: [{ from: 0, to: 12, kind: 'boneyard' }], end: OUTSIDE });
  });
});

describe('stateAt', () => {
  it('carries a boneyard or a note opened above, and nothing across a blank line', () => {
    const text = ['Kept /* cut', 'one', '', 'two */ kept.', '', 'He [[note', 'goes on]] here.', '', 'After.'].join('\n');
    const doc = Text.of(text.split('\n'));
    const kinds = classify(text);
    expect(stateAt(doc, kinds, 2)).toEqual({ boneyard: true, note: false });
    expect(stateAt(doc, kinds, 4)).toEqual({ boneyard: true, note: false });
    expect(stateAt(doc, kinds, 5)).toEqual(OUTSIDE);
    expect(stateAt(doc, kinds, 7)).toEqual({ boneyard: false, note: true });
    expect(stateAt(doc, kinds, 9)).toEqual(OUTSIDE);
  });
});
