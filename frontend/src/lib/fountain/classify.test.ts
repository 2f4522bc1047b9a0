import { describe, expect, it } from 'vitest';
import { classify, countWords, isCueText, reclassify, scenes } from './classify';

describe('classify', () => {
  it('recognises the elements of a short scene', () => {
    const text = [
      'Title: Night Ferry',
      'Author: Us',
      '',
      'EXT. PIER - NIGHT',
      '',
      'Fog rolls in.',
      '',
      'NORA',
      '(quietly)',
      'Of course.',
      '',
      'CUT TO:',
      '',
      '> THE END <',
    ].join('\n');
    expect(classify(text)).toEqual([
      'title-key', 'title-key', 'blank',
      'scene', 'blank',
      'action', 'blank',
      'character', 'parenthetical', 'dialogue', 'blank',
      'transition', 'blank',
      'centered',
    ]);
  });

  it('keeps dialogue going across a two-space line', () => {
    expect(classify('\nTEO\nOne.\n  \nTwo.')).toEqual(['blank', 'character', 'dialogue', 'dialogue', 'dialogue']);
  });

  it('does not take a capitalised action line before a blank line for a cue', () => {
    expect(classify('\nBANG!\n\nShe runs.')).toEqual(['blank', 'action', 'blank', 'action']);
  });

  it('honours forcing marks', () => {
    const kinds = classify('\n.FLASHBACK\n\n@McCLANE\nYippee.\n\n!INT. NOT A HEADING\n\n> FADE TO BLACK.\n\n~La la\n\n# Act\n\n= Synopsis\n\n===');
    expect(kinds.filter((k) => k !== 'blank')).toEqual([
      'scene', 'character', 'dialogue', 'action', 'transition', 'lyrics', 'section', 'synopsis', 'page-break',
    ]);
  });

  it('marks boneyard and multi-line notes', () => {
    expect(classify('/* cut\nthis */\n\n[[note\nmore]]\n\nAction.')).toEqual([
      'boneyard', 'boneyard', 'blank', 'note', 'note', 'blank', 'action',
    ]);
  });

  it('reads a line without the boneyard that starts or ends on it', () => {
    expect(classify('He waits. /* cut\nthis\n\nand this */\n\nAfter.')).toEqual(['action', 'boneyard', 'boneyard', 'boneyard', 'blank', 'action']);
    expect(classify('/* cut\nthis */ He leaves.\n\nAfter.')).toEqual(['boneyard', 'action', 'blank', 'action']);
    // A speech goes on past a boneyard that ends mid-line.
    expect(classify('\nBOB\nHello /* there\nmy friend */ and welcome.\n')).toEqual(['blank', 'character', 'dialogue', 'dialogue', 'blank']);
    // The first star-slash closes.
    expect(classify('/* a /* b */ c */ D.\n\nE.')).toEqual(['action', 'blank', 'action']);
  });

  it('does not take a transition on the first line for a title page', () => {
    expect(classify('FADE IN:\n\nINT. ROOM - DAY')[0]).not.toBe('title-key');
  });
});

describe('scenes', () => {
  it('lists headings with their numbers and lines', () => {
    const text = 'INT. HOUSE - DAY #1A#\n\nAction.\n\n.flashback\n\nEXT. ROAD - NIGHT\n\nEXT/INT. CAR - DAY\n\nI./E. PORCH - DUSK';
    expect(scenes(text)).toEqual([
      { heading: 'INT. HOUSE - DAY', line: 0, number: '1A' },
      { heading: 'FLASHBACK', line: 4, number: '' },
      { heading: 'EXT. ROAD - NIGHT', line: 6, number: '' },
      { heading: 'EXT/INT. CAR - DAY', line: 8, number: '' },
      { heading: 'I./E. PORCH - DUSK', line: 10, number: '' },
    ]);
  });
});

describe('helpers', () => {
  it('counts words that hold letters or digits', () => {
    expect(countWords('INT. HOUSE - DAY\n\nShe runs, 2 times.')).toBe(7);
    expect(countWords('')).toBe(0);
  });
  it('recognises cue text with extensions', () => {
    expect(isCueText("TEO (CONT'D)")).toBe(true);
    expect(isCueText('NORA ^')).toBe(true);
    expect(isCueText('Nora')).toBe(false);
    expect(isCueText('CUT TO:')).toBe(false);
    expect(isCueText('HANS (on the radio)')).toBe(true);
    expect(isCueText("TEO (CONT'D) ^")).toBe(true);
  });
  it('takes an extension off only where it ends the line, as the Go parser does', () => {
    // A name in capitals and a parenthesis, then the rest of an action line.
    expect(isCueText('NORA HALE (40s), a raincoat two sizes too large, drags a suitcase')).toBe(false);
    expect(isCueText('BOB (V.O.) hello')).toBe(false);
    expect(classify('\nNORA HALE (40s), a raincoat two sizes too large,\ndrags a suitcase.\n')[1]).toBe('action');
  });
});

describe('reclassify after an edit', () => {
  // Every kind of block, with the ones that carry across lines (dialogue,
  // notes, boneyard) and a title page.
  const script = [
    'Title: Night Ferry', 'Author: Us', '',
    'EXT. PIER - NIGHT', '', 'Fog rolls in.', '',
    'NORA', '(quietly)', 'Of course.', '  ', 'It always leaves.', '',
    '[[a note', 'over two lines]]', '',
    '/* cut:', '', 'TEO', 'Gone.', '*/', '',
    'CUT TO:', '', '===', '', '# ACT TWO', '', '= the ferry', '',
    'TEO ^', 'Hi.', '', '~la la', '', '> THE END <',
  ].join('\n');
  // Pieces an edit inserts: each can open or close a block.
  const pieces = ['\n', '\n\n', 'x', 'EDWARD', 'INT. ', '/*', '*/', '[[', ']]', '(', 'Title: X', '  ', 'CUT TO:', '@', '', '\n\nSANDRA\nHello.\n'];

  /** A seeded generator, so a failing case can be replayed. */
  function rng(seed: number) {
    return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  }

  function edit(text: string, from: number, to: number, insert: string) {
    const next = text.slice(0, from) + insert + text.slice(to);
    const lineOf = (s: string, pos: number) => s.slice(0, pos).split('\n').length - 1;
    const lines = next.split('\n');
    const r = reclassify(classify(text), (i) => lines[i], lines.length, lineOf(next, from), lineOf(next, from + insert.length));
    return { next, r };
  }

  it('gives what classifying the whole text gives, for random edits', () => {
    const rand = rng(12);
    let text = script;
    let partial = 0;
    for (let n = 0; n < 800; n++) {
      const from = Math.floor(rand() * (text.length + 1));
      const to = Math.min(text.length, from + (rand() < 0.5 ? 0 : Math.floor(rand() * 12)));
      const { next, r } = edit(text, from, to, pieces[Math.floor(rand() * pieces.length)]);
      const want = classify(next);
      if (r) {
        partial++;
        expect(r.kinds, `edit ${n} at ${from}-${to}`).toEqual(want);
        // Lines outside the redone range kept their kinds (shifted by the edit).
        expect(r.from).toBeGreaterThan(0);
      }
      text = next.length > 2000 ? script : next;
    }
    expect(partial).toBeGreaterThan(300);
  }, 60_000);

  it('redoes only the block around a word typed in the middle', () => {
    const lines = script.split('\n');
    const at = lines.indexOf('Fog rolls in.');
    lines[at] = 'Fog rolls in slowly.';
    const r = reclassify(classify(script), (i) => lines[i], lines.length, at, at)!;
    expect(r.kinds).toEqual(classify(lines.join('\n')));
    expect([r.from, r.to]).toEqual([at, at + 2]);
  });

  it('opening a boneyard reaches down to where the old text had a blank line again', () => {
    const lines = script.split('\n');
    const at = lines.indexOf('Fog rolls in.');
    lines[at] = '/* Fog rolls in.';
    const r = reclassify(classify(script), (i) => lines[i], lines.length, at, at)!;
    expect(r.kinds).toEqual(classify(lines.join('\n')));
    expect(r.kinds.slice(at, at + 3)).toEqual(['boneyard', 'boneyard', 'boneyard']);
  });

  it('opening a boneyard mid-line reaches down as far as a full classification', () => {
    const lines = script.split('\n');
    const at = lines.indexOf('Fog rolls in.');
    lines[at] = 'Fog rolls /* in.';
    const r = reclassify(classify(script), (i) => lines[i], lines.length, at, at)!;
    expect(r.kinds).toEqual(classify(lines.join('\n')));
    expect(r.kinds[at]).toBe('action');
    expect(r.kinds.slice(at + 1, at + 3)).toEqual(['boneyard', 'boneyard']);
  });

  it('is null for an edit in the first block (it may be the title page)', () => {
    const lines = script.split('\n');
    lines[0] = 'TITLE: NIGHT FERRY';
    expect(reclassify(classify(script), (i) => lines[i], lines.length, 0, 0)).toBeNull();
  });
});
