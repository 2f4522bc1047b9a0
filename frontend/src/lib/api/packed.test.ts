import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unpackComparison, unpackPreview, unpackResult, unpackRows } from './packed';
import type { PackedComparison, PackedMergePreview, PackedResult, Row } from './types';

/**
 * Comparisons Go packed, with the rows they stand for (written by
 * `go test ./internal/diff -run TestViewExamples -update`).
 */
const examples: { name: string; view: PackedResult; rows: Row[] }[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../../internal/diff/testdata/view-examples.json', import.meta.url)), 'utf8'),
);

describe('unpackRows', () => {
  it('has examples of every kind of row and of texts that differ on an equal row', () => {
    const kinds = new Set(examples.flatMap((e) => (e.view.runs ?? []).map((r) => r.kind)));
    expect([...kinds].sort()).toEqual(['change', 'delete', 'equal', 'insert']);
    expect(examples.some((e) => e.view.runs?.some((r) => r.ownRight))).toBe(true);
    expect(examples.some((e) => e.view.runs?.some((r) => r.kind === 'equal' && r.count > 1))).toBe(true);
  });

  for (const e of examples) {
    it(`gives back Go's rows: ${e.name}`, () => {
      expect(unpackRows(e.view)).toEqual(e.rows);
    });
  }

  it('gives no rows for an empty comparison', () => {
    const empty: PackedResult = {
      left: [], right: [], elements: [''], leftElements: [], rightElements: [], runs: [], changes: [],
      stats: { equal: 0, inserted: 0, deleted: 0, changed: 0, ignored: 0 }, degraded: false,
    };
    expect(unpackRows(empty)).toEqual([]);
    expect(unpackRows({ ...empty, left: null, right: null, runs: null })).toEqual([]);
  });
});

describe('unpackComparison and unpackPreview', () => {
  const view = examples[0].view;
  const version = { id: 'r1', label: 'one', message: 'one' };
  const packed: PackedComparison = { left: version, right: { ...version, id: 'r2' }, result: view };

  it('keep everything but the packing, and add the rows', () => {
    const c = unpackComparison(packed);
    expect(c.left).toEqual(packed.left);
    expect(c.result.rows).toEqual(examples[0].rows);
    expect(c.result.changes).toEqual(view.changes);
    expect(c.result.summary).toEqual(view.summary);
    expect(c.result.stats).toEqual(view.stats);
    expect(Object.keys(c.result)).not.toContain('runs');
    expect(unpackResult(view).rows).toEqual(examples[0].rows);
  });

  it('unpack both comparisons of a review, and keep a missing one missing', () => {
    const pv = {
      proposal: {} as PackedMergePreview['proposal'],
      withBase: packed,
      withMain: packed,
      clean: true,
      conflicts: [],
      sceneCount: 0,
      changedScenes: [],
    } as PackedMergePreview;
    const both = unpackPreview(pv);
    expect(both.withBase.result.rows).toEqual(examples[0].rows);
    expect(both.withMain?.result.rows).toEqual(examples[0].rows);
    expect(unpackPreview({ ...pv, withMain: null }).withMain).toBeNull();
  });
});
