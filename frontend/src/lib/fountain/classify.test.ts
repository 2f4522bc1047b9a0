import { describe, expect, it } from 'vitest';
import { classify, countWords, isCueText, scenes } from './classify';

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
  });
});
