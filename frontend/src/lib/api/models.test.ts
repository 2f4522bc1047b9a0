/**
 * The generated models (wailsjs/go/models.ts) must be those of today's Go
 * structs: a json tag renamed, a field added or removed in Go without `make
 * generate` afterwards fails here, naming the struct and the command to run.
 */
import { describe, expect, it } from 'vitest';
import models from '../../../wailsjs/go/models.ts?raw';
import { goPackage, goStructs, modelClasses, type GoField } from './gosource';

const goFiles = import.meta.glob(['../../../../{app,internal,sync}/**/*.go', '!**/*_test.go'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Go structs by "package.Struct" (one per directory that declares it), from non-test files. */
function structsByPackage(): Map<string, { dir: string; fields: GoField[] | Error }[]> {
  const out = new Map<string, { dir: string; fields: GoField[] | Error }[]>();
  for (const [path, src] of Object.entries(goFiles)) {
    const dir = path.replace(/^(\.\.\/)+/, '').replace(/\/[^/]+$/, '');
    for (const [name, fields] of goStructs(src)) {
      const key = `${goPackage(src)}.${name}`;
      out.set(key, [...(out.get(key) ?? []), { dir, fields }]);
    }
  }
  return out;
}

const stale = 'wailsjs/go/models.ts is stale: run `make generate`';

describe('generated models', () => {
  const classes = modelClasses(models);
  const structs = structsByPackage();

  it('were read', () => {
    expect(classes.size).toBeGreaterThan(20);
    expect(classes.get('app.ScriptInfo')?.map((f) => f.name)).toContain('title');
  });

  it('have the fields of the Go structs, in order', () => {
    const problems: string[] = [];
    for (const [name, fields] of classes) {
      const found = structs.get(name) ?? [];
      if (found.length !== 1) {
        problems.push(`${name}: ${found.length ? `in several packages (${found.map((s) => s.dir).join(', ')})` : 'no such Go struct'}`);
        continue;
      }
      const st = found[0];
      if (st.fields instanceof Error) {
        problems.push(`${name} (${st.dir}): ${st.fields.message}`);
        continue;
      }
      const want = st.fields.map((f) => f.json).join(', ');
      const got = fields.map((f) => f.name).join(', ');
      if (want !== got) problems.push(`${name} (${st.dir}): Go has [${want}], the model [${got}]`);
    }
    expect(problems, stale).toEqual([]);
  });

  // derive.ts's Data<T> types an `any` field as a string: only right for times.
  it('type as any only Go times', () => {
    const anys = [...classes].flatMap(([name, fields]) =>
      fields.filter((f) => f.type === 'any' && f.goType !== 'time').map((f) => `${name}.${f.name}`),
    );
    expect(anys).toEqual([]);
  });
});
