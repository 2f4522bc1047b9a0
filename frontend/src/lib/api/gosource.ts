/**
 * A small reader of Go source and of the generated models, for the tests that
 * check the frontend against the Go side (events.test.ts, models.test.ts). It
 * knows the subset of Go the app's wire structs use and refuses the rest with
 * an error, so that a struct it cannot read is never taken as matching.
 */

/** A constant `Name = "value"`, with its doc comment. */
export interface GoConst {
  readonly name: string;
  readonly value: string;
  readonly doc: string;
}

/** A field of a struct as it crosses to JSON. */
export interface GoField {
  /** The JSON name: the json tag's name, or the Go name without one. */
  readonly json: string;
  readonly type: string;
  readonly omitempty: boolean;
}

/** The string constants of a Go file, in order. */
export function goStringConsts(src: string): GoConst[] {
  const out: GoConst[] = [];
  let doc: string[] = [];
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('//')) {
      doc.push(line.replace(/^\/\/\s?/, ''));
      continue;
    }
    const m = /^(?:const\s+)?([A-Za-z_]\w*)\s*(?:string\s*)?=\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (m) out.push({ name: m[1], value: m[2], doc: doc.join(' ') });
    doc = [];
  }
  return out;
}

/**
 * The exported structs of a Go file: name → fields in order, as encoding/json
 * sees them, or why the struct could not be read (an embedded or anonymous
 * struct field): an error only for the callers that need that struct.
 */
export function goStructs(src: string): Map<string, GoField[] | Error> {
  const out = new Map<string, GoField[] | Error>();
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^type\s+([A-Z]\w*)\s+struct\s*\{\s*(\})?/.exec(lines[i]);
    if (!head) continue;
    const fields: GoField[] = [];
    out.set(head[1], fields);
    if (head[2]) continue;
    for (i++; i < lines.length && !/^\}/.test(lines[i]); i++) {
      const line = lines[i].replace(/\s*\/\/.*$/, '').trim();
      if (line === '' || out.get(head[1]) instanceof Error) continue;
      const f = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+([^`]+?)\s*(?:`([^`]*)`)?$/.exec(line);
      if (!f || /^struct\s*\{/.test(f[2])) {
        out.set(head[1], new Error(`struct ${head[1]}: cannot read field line ${JSON.stringify(lines[i].trim())}`));
        continue;
      }
      const tag = /json:"([^"]*)"/.exec(f[3] ?? '');
      const [tagName, ...opts] = (tag?.[1] ?? '').split(',');
      if (tagName === '-' && opts.length === 0) continue;
      for (const name of f[1].split(',').map((s) => s.trim())) {
        if (!/^[A-Z]/.test(name)) continue;
        fields.push({ json: tagName || name, type: f[2], omitempty: opts.includes('omitempty') });
      }
    }
  }
  return out;
}

/** A field of a generated model class. */
export interface ModelField {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  /** The `// Go type:` comment Wails writes above a field it types as any. */
  readonly goType?: string;
}

/** The classes of wailsjs/go/models.ts: "namespace.Class" → fields in order. */
export function modelClasses(src: string): Map<string, ModelField[]> {
  const out = new Map<string, ModelField[]>();
  let ns = '';
  let fields: ModelField[] | undefined;
  let goType: string | undefined;
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    const n = /^export namespace (\w+)/.exec(line);
    if (n) {
      ns = n[1];
      continue;
    }
    const c = /^export class (\w+)/.exec(line);
    if (c) {
      fields = [];
      out.set(`${ns}.${c[1]}`, fields);
      continue;
    }
    if (!fields) continue;
    const g = /^\/\/ Go type: (.+)$/.exec(line);
    if (g) {
      goType = g[1];
      continue;
    }
    const f = /^(\w+)(\??):\s*(.+);$/.exec(line);
    if (f) {
      fields.push({ name: f[1], optional: f[2] === '?', type: f[3], ...(goType ? { goType } : {}) });
    } else if (line !== '') {
      fields = undefined; // the class's fields end where its methods begin
    }
    goType = undefined;
  }
  return out;
}

/** The package name of a Go file. */
export function goPackage(src: string): string {
  const m = /^package\s+(\w+)/m.exec(src);
  if (!m) throw new Error('no package clause');
  return m[1];
}
