// The editor's emphasis reader against the Go parser's cases
// (internal/fountain/emphasis_test.go): the text left once the marks are
// hidden, split into runs of one style, must be the same.
import { describe, expect, it } from 'vitest';
import { emphasis } from './emphasis';

interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Spans as the Go parser returns them: the text without marks, merged by style. */
function spans(line: string): Span[] {
  const e = emphasis(line);
  const hidden = new Set<number>();
  for (const [a, b] of e.marks) for (let i = a; i < b; i++) hidden.add(i);
  const out: Span[] = [];
  for (let i = 0; i < line.length; i++) {
    if (hidden.has(i)) continue;
    const r = e.runs.find((x) => x.from <= i && i < x.to);
    const s: Span = { text: line[i] };
    if (r?.bold) s.bold = true;
    if (r?.italic) s.italic = true;
    if (r?.underline) s.underline = true;
    const last = out[out.length - 1];
    if (last && !!last.bold === !!s.bold && !!last.italic === !!s.italic && !!last.underline === !!s.underline) last.text += s.text;
    else out.push(s);
  }
  return out;
}

describe('emphasis, as the Go parser reads it', () => {
  const cases: [string, Span[]][] = [
    // Single styles.
    ['plain', [{ text: 'plain' }]],
    ['*it*', [{ text: 'it', italic: true }]],
    ['**bold**', [{ text: 'bold', bold: true }]],
    ['***both***', [{ text: 'both', bold: true, italic: true }]],
    ['_under_', [{ text: 'under', underline: true }]],
    ['a *b* c', [{ text: 'a ' }, { text: 'b', italic: true }, { text: ' c' }]],
    // Nesting.
    ['_**BRICK**_', [{ text: 'BRICK', bold: true, underline: true }]],
    ['**bold *both***', [{ text: 'bold ', bold: true }, { text: 'both', bold: true, italic: true }]],
    ["_Steel's *Leupold* scope_", [{ text: "Steel's ", underline: true }, { text: 'Leupold', italic: true, underline: true }, { text: ' scope', underline: true }]],
    // Escapes and unmatched marks stay literal.
    ['\\*69 and \\*23', [{ text: '*69 and *23' }]],
    ['*not \\* closed*', [{ text: 'not * closed', italic: true }]],
    ['_\\_a_', [{ text: '_a', underline: true }]],
    ['*\\*starred\\**', [{ text: '*starred*', italic: true }]],
    ['**\\\\**', [{ text: '\\', bold: true }]],
    ['dialed *69 and then *23', [{ text: 'dialed *69 and then *23' }]],
    ['a * b * c', [{ text: 'a * b * c' }]],
    ['back\\\\slash', [{ text: 'back\\slash' }]],
  ];
  for (const [line, want] of cases) {
    it(JSON.stringify(line), () => expect(spans(line)).toEqual(want));
  }

  it('reads a part of a line only', () => {
    const e = emphasis('> **END** <', 2, 9);
    expect(e.marks).toEqual([[2, 4], [7, 9]]);
    expect(e.runs).toEqual([{ from: 4, to: 7, bold: true, italic: false, underline: false }]);
  });
});
