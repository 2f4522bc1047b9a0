import { describe, expect, it } from 'vitest';
import { goStringConsts, goStructs, modelClasses } from './gosource';

describe('goStructs', () => {
  it('reads json names, omitempty, skips unexported and "-" fields', () => {
    const src = [
      'package app',
      '',
      '// A is a thing.',
      'type A struct {',
      '\t// ID is its id.',
      '\tID   string `json:"id"` // trailing comment',
      '\tNote string `json:"note,omitempty"`',
      '\tBare int',
      '\tX, Y float64 `json:"-"`',
      '\thidden bool',
      '\tSkip string `json:"-"`',
      '\tDash string `json:"-,"`',
      '\tList []*B `json:"list"`',
      '}',
      '',
      'type Empty struct{}',
    ].join('\n');
    const s = goStructs(src);
    expect(s.get('A')).toEqual([
      { json: 'id', type: 'string', omitempty: false },
      { json: 'note', type: 'string', omitempty: true },
      { json: 'Bare', type: 'int', omitempty: false },
      { json: '-', type: 'string', omitempty: false },
      { json: 'list', type: '[]*B', omitempty: false },
    ]);
    expect(s.get('Empty')).toEqual([]);
  });

  it('reports a struct it cannot read, and reads the next', () => {
    const s = goStructs('type A struct {\n\tIn struct {\n\t\tX int\n\t}\n}\n\ntype B struct {\n\tY int `json:"y"`\n}\n');
    expect(s.get('A')).toBeInstanceOf(Error);
    expect(String(s.get('A'))).toMatch(/struct A: cannot read field line "In struct \{"/);
    expect(s.get('B')).toEqual([{ json: 'y', type: 'int', omitempty: false }]);
  });
});

describe('goStringConsts', () => {
  it('reads constants with their doc', () => {
    const src = [
      'const (',
      '\t// EventA is emitted when a happens.',
      '\t// Payload: A.',
      '\tEventA = "a:happened"',
      '\tEventB string = "b"',
      ')',
      '// EventC has no payload.',
      'const EventC = "c"',
      'var x = 1',
    ].join('\n');
    expect(goStringConsts(src)).toEqual([
      { name: 'EventA', value: 'a:happened', doc: 'EventA is emitted when a happens. Payload: A.' },
      { name: 'EventB', value: 'b', doc: '' },
      { name: 'EventC', value: 'c', doc: 'EventC has no payload.' },
    ]);
  });
});

describe('modelClasses', () => {
  it('reads fields up to the methods, with Go type comments', () => {
    const src = [
      'export namespace app {',
      '\texport class A {',
      '\t    id: string;',
      '\t    // Go type: time',
      '\t    created: any;',
      '\t    inner?: diff.Result;',
      '\t    static createFrom(source: any = {}) {',
      '\t        return new A(source);',
      '\t    }',
      '\t    x: number;',
      '\t}',
      '}',
    ].join('\n');
    expect(modelClasses(src).get('app.A')).toEqual([
      { name: 'id', type: 'string', optional: false },
      { name: 'created', type: 'any', optional: false, goType: 'time' },
      { name: 'inner', type: 'diff.Result', optional: true },
    ]);
  });
});
