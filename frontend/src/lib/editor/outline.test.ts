/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classify, scenes } from '../fountain/classify';
import { applyChanges, blocks, moveBlock, outline, setSynopsis, type SceneCard, type SectionHeader } from './outline';

const demo = [
  'Title: Night Ferry',
  'Author: Us',
  '',
  '# ACT ONE',
  '',
  '= Two strangers.',
  '',
  'FADE IN:',
  '',
  'EXT. PIER - NIGHT',
  '',
  '= Nora misses the ferry.',
  '',
  'Fog rolls in.',
  'A lamp buzzes.',
  '',
  'NORA',
  'Of course.',
  '',
  'INT. FERRY - NIGHT #2A#',
  '',
  'Empty seats.',
  '',
  '# ACT TWO',
  '',
  'EXT. DECK - LATER',
  '',
  'Wind.',
  '',
  'FADE OUT.',
  '',
].join('\n');

/** Moves block k to slot and returns the new text, checking the changes apply to text. */
function move(text: string, k: number, slot: number): string {
  const ch = moveBlock(text, k, slot);
  if (ch === null) throw new Error(`block ${k} cannot move`);
  return applyChanges(text, ch);
}

/** The text of each block, without its trailing blank lines, in order. */
function bodies(text: string): string[] {
  return blocks(text).blocks.map((b) => text.slice(b.from, b.contentTo));
}

/** The kinds of each block's lines, in order. */
function blockKinds(text: string): string[][] {
  const k = classify(text);
  return blocks(text, k).blocks.map((b) => k.slice(b.line, b.lastLine + 1));
}

/** Whether every block is followed by a blank line (the last: or by nothing). */
function separated(text: string): boolean {
  const bs = blocks(text).blocks;
  return bs.every((b, i) => i === bs.length - 1 || /\n[ \t]*\n$/.test(text.slice(b.contentTo, b.to)));
}

/** The slot a block lands in when it should end up at index to. */
const slotFor = (k: number, to: number) => (to > k ? to + 1 : to);

describe('blocks', () => {
  it('runs a scene from its heading to the line before the next heading or section', () => {
    const { blocks: bs, prefixTo } = blocks(demo);
    expect(demo.slice(0, prefixTo)).toBe('Title: Night Ferry\nAuthor: Us\n\n');
    expect(bs.map((b) => [b.kind, b.line, b.lastLine])).toEqual([
      ['section', 3, 7],
      ['scene', 9, 17],
      ['scene', 19, 21],
      ['section', 23, 23],
      ['scene', 25, 29],
    ]);
    expect(demo.slice(bs[1].from, bs[1].contentTo)).toBe('EXT. PIER - NIGHT\n\n= Nora misses the ferry.\n\nFog rolls in.\nA lamp buzzes.\n\nNORA\nOf course.');
    expect(demo.slice(bs[1].contentTo, bs[1].to)).toBe('\n\n');
    expect(bs[4].to).toBe(demo.length);
  });

  it('takes no heading inside a boneyard or a note for a block', () => {
    const text = 'INT. A - DAY\n\n/*\n\nINT. B - DAY\n\n*/\n\nWalks.\n';
    expect(blocks(text).blocks.map((b) => b.line)).toEqual([0]);
  });

  it('has no blocks in a script without headings; all of it stays put', () => {
    const { blocks: bs, prefixTo } = blocks('Just action.\n\nMore.');
    expect(bs).toEqual([]);
    expect(prefixTo).toBe('Just action.\n\nMore.'.length);
  });
});

describe('outline', () => {
  it('gives a card per scene and a header per section', () => {
    const items = outline(demo);
    expect(items.map((i) => i.kind)).toEqual(['section', 'scene', 'scene', 'section', 'scene']);
    const act = items[0] as SectionHeader;
    expect(act).toMatchObject({ title: 'ACT ONE', depth: 1, synopsis: ['Two strangers.'] });
    const pier = items[1] as SceneCard;
    expect(pier).toMatchObject({ heading: 'EXT. PIER - NIGHT', number: '1', synopsis: ['Nora misses the ferry.'], action: ['Fog rolls in.', 'A lamp buzzes.'] });
    const ferry = items[2] as SceneCard;
    expect(ferry).toMatchObject({ heading: 'INT. FERRY - NIGHT', number: '2A', synopsis: [], action: ['Empty seats.'] });
    expect((items[4] as SceneCard).number).toBe('3');
  });

  it('shows the first paragraph of action only, after dialogue if need be', () => {
    const card = outline('.flashback\n\nNORA\nHi.\n\nShe waves.\n\nHe waves.')[0] as SceneCard;
    expect(card).toMatchObject({ heading: 'FLASHBACK', action: ['She waves.'] });
  });

  it('counts sections by their marks', () => {
    const items = outline('Title: T\n\n## Sequence: the pier\n\nINT. A - DAY\n');
    expect(items[0]).toMatchObject({ kind: 'section', depth: 2, title: 'Sequence: the pier' });
  });
});

describe('moveBlock', () => {
  it('moves scene 2 before scene 1 in one pair of changes', () => {
    const ch = moveBlock(demo, 2, 1)!;
    expect(ch).toHaveLength(2);
    const out = applyChanges(demo, ch);
    expect(scenes(out).map((s) => s.heading)).toEqual(['INT. FERRY - NIGHT', 'EXT. PIER - NIGHT', 'EXT. DECK - LATER']);
    expect(out).toBe(demo.replace('EXT. PIER - NIGHT\n\n= Nora misses the ferry.\n\nFog rolls in.\nA lamp buzzes.\n\nNORA\nOf course.\n\nINT. FERRY - NIGHT #2A#\n\nEmpty seats.\n\n',
      'INT. FERRY - NIGHT #2A#\n\nEmpty seats.\n\nEXT. PIER - NIGHT\n\n= Nora misses the ferry.\n\nFog rolls in.\nA lamp buzzes.\n\nNORA\nOf course.\n\n'));
  });

  it('moves a scene into the next section, below its header', () => {
    const out = move(demo, 2, 4);
    expect(outline(out).map((i) => (i.kind === 'scene' ? i.heading : i.title))).toEqual(['ACT ONE', 'EXT. PIER - NIGHT', 'ACT TWO', 'INT. FERRY - NIGHT', 'EXT. DECK - LATER']);
    expect(move(out, 3, 2)).toBe(demo);
  });

  it('moves the last scene up; the script ends as it did', () => {
    for (const ending of ['', '\n', '\n\n\n']) {
      const text = demo.trimEnd() + ending;
      const out = move(text, 4, 1);
      expect(out.endsWith('Empty seats.\n\n# ACT TWO' + ending)).toBe(true);
      expect(out).toContain('EXT. DECK - LATER\n\nWind.\n\nFADE OUT.\n\nEXT. PIER - NIGHT');
      expect(move(out, 1, 5)).toBe(text);
    }
  });

  it('moves a scene to the end; it takes the script ending', () => {
    const text = 'INT. A - DAY\n\nOne.\n\nINT. B - DAY\n\nTwo.';
    expect(move(text, 0, 2)).toBe('INT. B - DAY\n\nTwo.\n\nINT. A - DAY\n\nOne.');
    expect(move(move(text, 0, 2), 1, 0)).toBe(text);
  });

  it('does nothing when the slot is where the scene is', () => {
    expect(moveBlock(demo, 1, 1)).toEqual([]);
    expect(moveBlock(demo, 1, 2)).toEqual([]);
  });

  it('refuses to move a section or a block that is not there', () => {
    expect(moveBlock(demo, 0, 3)).toBeNull();
    expect(moveBlock(demo, 9, 0)).toBeNull();
    expect(moveBlock(demo, 1, 9)).toBeNull();
  });

  it('keeps the text before the first heading in place', () => {
    const text = 'Title: T\n\nFADE IN:\n\nINT. A - DAY\n\nOne.\n\nINT. B - DAY\n\nTwo.\n';
    expect(move(text, 1, 0)).toBe('Title: T\n\nFADE IN:\n\nINT. B - DAY\n\nTwo.\n\nINT. A - DAY\n\nOne.\n');
  });

  it('adds a blank line where a heading would be glued to the line before it', () => {
    // A section may follow a line directly; a heading may not.
    const text = 'INT. A - DAY\n\nOne.\n# TWO\n\nINT. B - DAY\n\nTwo.\n';
    const out = move(text, 2, 1);
    expect(out).toBe('INT. A - DAY\n\nOne.\n\nINT. B - DAY\n\nTwo.\n\n# TWO\n');
    expect(scenes(out).map((s) => s.heading)).toEqual(['INT. A - DAY', 'INT. B - DAY']);
  });

  it('keeps a section a section after dialogue', () => {
    const text = 'INT. A - DAY\n\nOne.\n# TWO\n\nINT. B - DAY\n\nBOB\nHi.\n\nINT. C - DAY\n\nThree.\n';
    // B (ending in dialogue) goes before C… then back above # TWO, whose
    // line must not become B's dialogue.
    const out = move(text, 2, 0);
    expect(blockKinds(out).flat().filter((k) => k === 'section')).toHaveLength(1);
    expect(bodies(out)).toEqual(['INT. B - DAY\n\nBOB\nHi.', 'INT. A - DAY\n\nOne.', '# TWO', 'INT. C - DAY\n\nThree.']);
  });

  // Properties over generated scripts: every move keeps each block's text
  // and line kinds, the scenes parse back as the same set in the new order,
  // and moving back restores the text exactly.
  const pieces = [
    'Fog rolls in.', 'NORA\nOf course.', 'TEO\n(calm)\nShe does this.', 'CUT TO:', '= A synopsis.', '[[A note.]]',
    '/* cut\n\nINT. GONE - DAY\n*/', '> THE END <', 'Two lines\nof action.', 'BOB ^\nMe too.', '~Row, row,', '===',
  ];
  function script(seed: number): string {
    let s = seed;
    const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), (s >>> 16) % n);
    let text = '';
    /** Adds a piece after a separator: a blank line or two, or (before a section) maybe none. */
    const add = (piece: string, glued: boolean) => (text += (text === '' ? '' : glued ? '\n' : '\n\n' + '\n'.repeat(rnd(4) === 0 ? 1 : 0)) + piece);
    if (rnd(2)) add('Title: T\nAuthor: A', false);
    if (rnd(2)) add('FADE IN:', false);
    const n = 1 + rnd(7);
    for (let i = 0; i < n; i++) {
      if (rnd(4) === 0) add(`${'#'.repeat(1 + rnd(2))} PART ${i}` + (rnd(3) === 0 ? '\n\n= Section synopsis.' : ''), rnd(2) === 0);
      const body = Array.from({ length: rnd(4) }, () => pieces[rnd(pieces.length)]);
      add([`${rnd(2) ? 'INT' : 'EXT'}. PLACE ${i} - ${rnd(2) ? 'DAY' : 'NIGHT'}`, ...body].join('\n\n'), false);
    }
    return text + ['', '\n', '\n\n'][rnd(3)];
  }

  it('keeps every block and its line kinds, and moving back restores the text', { timeout: 60_000 }, () => {
    let moves = 0;
    let glued = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const text = script(seed);
      const bs = blocks(text).blocks;
      const before = bodies(text);
      const kinds = blockKinds(text);
      const sep = separated(text);
      const prefix = text.slice(0, blocks(text).prefixTo);
      const headingAt = new Map(scenes(text).map((s) => [s.line, s.heading]));
      for (let k = 0; k < bs.length; k++) {
        if (bs[k].kind !== 'scene') continue;
        for (let to = 0; to < bs.length; to++) {
          if (to === k) continue;
          const out = move(text, k, slotFor(k, to));
          const order = before.map((_, i) => i).filter((i) => i !== k);
          order.splice(to, 0, k);
          const ctx = `seed ${seed}, block ${k} to ${to}:\n${text}\n---\n${out}`;
          expect(bodies(out), ctx).toEqual(order.map((i) => before[i]));
          // (A line glued to a section may read differently once a blank
          // line follows it: "CUT TO:" becomes the transition it meant.)
          if (sep) expect(blockKinds(out), ctx).toEqual(order.map((i) => kinds[i]));
          expect(scenes(out).map((s) => s.heading), ctx).toEqual(order.filter((i) => bs[i].kind === 'scene').map((i) => headingAt.get(bs[i].line)));
          expect(out.slice(0, blocks(out).prefixTo), ctx).toBe(prefix);
          const back = move(out, to, slotFor(to, k));
          if (sep) expect(back, ctx).toBe(text);
          else {
            // A blank line added where a heading would have been glued to
            // the line before it stays; nothing else differs.
            expect(bodies(back), ctx).toEqual(before);
            expect(back.replace(/\n+/g, '\n'), ctx).toBe(text.replace(/\n+/g, '\n'));
            glued++;
          }
          moves++;
        }
      }
    }
    expect(moves).toBeGreaterThan(300);
    expect(glued).toBeGreaterThan(10);
  });

  it('keeps scenes separated by one blank line when they were', { timeout: 60_000 }, () => {
    for (let seed = 1; seed <= 60; seed++) {
      const text = script(seed).replace(/\n{3,}/g, '\n\n');
      const n = blocks(text).blocks.length;
      for (let k = 0; k < n; k++) {
        for (let slot = 0; slot <= n; slot++) {
          const ch = moveBlock(text, k, slot);
          if (!ch) continue;
          expect(applyChanges(text, ch)).not.toMatch(/\n\n\n/);
        }
      }
    }
  });
});

describe('setSynopsis', () => {
  const set = (text: string, line: number, value: string) => applyChanges(text, setSynopsis(text, line, value)!);

  it('replaces the synopsis of a scene', () => {
    const out = set(demo, 9, 'Nora runs.');
    expect(out).toContain('EXT. PIER - NIGHT\n\n= Nora runs.\n\nFog rolls in.');
    expect((outline(out)[1] as SceneCard).synopsis).toEqual(['Nora runs.']);
  });

  it('writes one = line per line, dropping blank ones', () => {
    const out = set(demo, 9, 'Nora runs.\n\n  Teo waits.  ');
    expect(out).toContain('EXT. PIER - NIGHT\n\n= Nora runs.\n= Teo waits.\n\nFog rolls in.');
  });

  it('adds a synopsis under a heading that has none', () => {
    expect(set(demo, 19, 'The deck.')).toContain('INT. FERRY - NIGHT #2A#\n\n= The deck.\n\nEmpty seats.');
    expect(set('INT. A - DAY\nWalks.', 0, 'S.')).toBe('INT. A - DAY\n\n= S.\n\nWalks.');
    expect(set('INT. A - DAY', 0, 'S.')).toBe('INT. A - DAY\n\n= S.');
    expect(set('INT. A - DAY\n', 0, 'S.')).toBe('INT. A - DAY\n\n= S.\n');
  });

  it('removes a synopsis set to nothing, and the blank line it had', () => {
    const out = set(demo, 9, '  ');
    expect(out).toContain('EXT. PIER - NIGHT\n\nFog rolls in.');
    expect(set(set(demo, 9, ''), 9, 'Nora misses the ferry.')).toBe(demo);
  });

  it('sets a section synopsis too', () => {
    expect(set(demo, 3, 'Strangers meet.')).toContain('# ACT ONE\n\n= Strangers meet.\n\nFADE IN:');
  });

  it('changes nothing when the synopsis is the same, and nothing without a heading', () => {
    expect(setSynopsis(demo, 9, 'Nora misses the ferry.')).toEqual([]);
    expect(setSynopsis(demo, 19, '')).toEqual([]);
    expect(setSynopsis(demo, 10, 'x')).toBeNull();
  });

  it('parses back as a synopsis of that scene', () => {
    const out = set(demo, 25, 'Wind.');
    const k = classify(out);
    const line = out.split('\n').indexOf('= Wind.');
    expect(k[line]).toBe('synopsis');
    expect(scenes(out).map((s) => s.heading)).toEqual(scenes(demo).map((s) => s.heading));
  });
});

// On real scripts from the corpus (the samples, and others with sections
// and synopses): scenes moved to the front and to the back keep every
// block and the scenes, and moving back restores the text.
const corpus = resolve(process.env.SCRIPTROOM_CORPUS ?? '../../shared/corpus');
const dirs = ['samples', 'other'].map((d) => join(corpus, 'fountain', d));
const haveCorpus = dirs.every((d) => existsSync(d));
if (!haveCorpus && process.env.CI === 'true') {
  it('has the corpus under CI', () => {
    throw new Error(`no corpus at ${corpus}: CI needs it`);
  });
}
describe.skipIf(!haveCorpus)(`moveBlock on the corpus (${haveCorpus ? corpus : 'no corpus at ' + corpus})`, () => {
  const files = haveCorpus ? dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.fountain')).map((f) => join(d, f))) : [];
  it.each(files)('%s', { timeout: 60_000 }, (file: string) => {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const bs = blocks(text).blocks;
    const before = bodies(text);
    const heads = scenes(text).map((s) => s.heading);
    expect(bs.length).toBeGreaterThan(0); // a scene or a section at least (an outline may have no scenes)
    const step = Math.max(1, Math.floor(bs.length / 10));
    for (let k = 0; k < bs.length; k += step) {
      if (bs[k].kind !== 'scene') continue;
      for (const to of [0, bs.length - 1]) {
        if (to === k) continue;
        const out = move(text, k, slotFor(k, to));
        const order = before.map((_, i) => i).filter((i) => i !== k);
        order.splice(to, 0, k);
        expect(bodies(out)).toEqual(order.map((i) => before[i]));
        expect([...scenes(out).map((s) => s.heading)].sort()).toEqual([...heads].sort());
        const back = move(out, to, slotFor(to, k));
        if (separated(text)) expect(back).toBe(text);
        else expect(bodies(back)).toEqual(before);
      }
    }
  });
});
