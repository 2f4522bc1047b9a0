// Fills in flow-golden.json's "go" fields: the elements the Go parser
// (internal/fountain, through `scriptroom parse --json`) finds in each case's
// text. Run from the repository root after changing a case:
//   node frontend/src/lib/editor/testdata/flow-golden.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = new URL('./flow-golden.json', import.meta.url);
const cases = JSON.parse(readFileSync(file, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'flow-golden-'));
const bin = join(dir, 'scriptroom');
execFileSync('go', ['build', '-o', bin, './cmd/scriptroom'], { stdio: 'inherit' });
for (const c of cases) {
  const src = join(dir, 'case.fountain');
  writeFileSync(src, c.text);
  const out = JSON.parse(execFileSync(bin, ['parse', src, '--json'], { encoding: 'utf8' }));
  c.go = out.elements.map((e) => ({ type: e.type, line: e.line, end: e.end_line }));
}
writeFileSync(file, JSON.stringify(cases, null, 2) + '\n');
console.log(`${cases.length} cases written`);
