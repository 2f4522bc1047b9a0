// The lines the element flow writes parse back as the element chosen, by the
// Go parser (the reference: testdata/flow-golden.json's "go" fields come from
// `scriptroom parse --json`, see testdata/flow-golden.mjs) and by the
// editor's own classifier, which must agree with it.
import { describe, expect, it } from 'vitest';
import golden from './testdata/flow-golden.json';
import { classify, type LineKind } from '../fountain/classify';
import { shapeLine, type Element } from './elements';

interface GoElement {
  readonly type: string;
  readonly line: number;
  readonly end: number;
}
interface Case {
  readonly element: Element;
  readonly before: string;
  readonly raw: string;
  readonly after: string;
  readonly text: string;
  readonly go: readonly GoElement[];
}

const cases = golden as readonly Case[];

/** The Go parser's element type names, as the editor's element names. */
const goType: Readonly<Record<string, Element>> = {
  scene_heading: 'scene',
  action: 'action',
  character: 'character',
  parenthetical: 'parenthetical',
  dialogue: 'dialogue',
  transition: 'transition',
};

describe('flow output parses back as the element chosen (Go parser golden)', () => {
  for (const c of cases) {
    it(`${JSON.stringify(c.raw)} as ${c.element}`, () => {
      const lineNo = c.before.split('\n').length;
      const shaped = shapeLine(c.raw, c.element, { prevBlank: c.before === '' || c.before.endsWith('\n\n'), nextBlank: c.after === '' || c.after.startsWith('\n\n') });
      expect(c.before + shaped + c.after).toBe(c.text);
      // The Go parser reads the shaped line as the element.
      const at = c.go.find((e) => e.line <= lineNo && lineNo <= e.end);
      const dialogueLine = c.element === 'dialogue' && at?.type === 'character';
      expect(dialogueLine ? 'dialogue' : goType[at?.type ?? '']).toBe(c.element);
      // And the editor's classifier agrees with the Go parser on every line
      // the Go parser reports as one element starting there.
      const kinds = classify(c.text);
      for (const e of c.go) {
        const want = goType[e.type] as LineKind | undefined;
        if (want) expect(kinds[e.line - 1], `line ${e.line} of ${JSON.stringify(c.text)}`).toBe(want);
      }
    });
  }
});
