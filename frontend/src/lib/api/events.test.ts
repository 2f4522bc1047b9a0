/**
 * api/events.ts against the Go side: every Event* constant in app/ is there
 * with the same name, and each payload is the struct the constant's doc names
 * (generated, or with the same fields as the list in events.ts).
 */
import { describe, expect, it } from 'vitest';
import models from '../../../wailsjs/go/models.ts?raw';
import { goEventNames, payloadFields, payloadTypes } from './events';
import { goStringConsts, goStructs, modelClasses, type GoConst, type GoField } from './gosource';

const appFiles = import.meta.glob(['../../../../app/*.go', '!../../../../app/*_test.go'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const goEvents: GoConst[] = Object.values(appFiles)
  .flatMap(goStringConsts)
  .filter((c) => /^Event[A-Z]/.test(c.name));
const goTypes = new Map<string, GoField[] | Error>(Object.values(appFiles).flatMap((src) => [...goStructs(src)]));

/** The payload type a constant's doc names ("Payload: X."), or null for "No payload". */
function docPayload(c: GoConst): string | null {
  const m = /Payload: (\w+)/.exec(c.doc);
  if (m) return m[1];
  if (/No payload/.test(c.doc)) return null;
  throw new Error(`${c.name}: its doc says neither "Payload: <Type>." nor "No payload."`);
}

const goKinds: Record<string, string> = { string: 'string', bool: 'boolean', int: 'number', int64: 'number', float64: 'number' };

describe('backend events', () => {
  it('are the Event* constants of app/', () => {
    expect(goEvents.length).toBeGreaterThan(0);
    expect(Object.fromEntries(goEvents.map((c) => [c.name, c.value]))).toEqual(goEventNames);
  });

  it('carry the payload types the Go docs name', () => {
    expect(Object.fromEntries(goEvents.map((c) => [c.value, docPayload(c)]))).toEqual(payloadTypes);
  });

  it('have payloads that are generated models or match the Go structs', () => {
    const classes = modelClasses(models);
    for (const type of Object.values(payloadTypes)) {
      if (type === null) continue;
      const fields = goTypes.get(type);
      expect(fields, `no struct ${type} in app/`).toBeDefined();
      if (fields instanceof Error) throw fields;
      if (type in payloadFields) {
        const want = Object.fromEntries(fields!.map((f) => [f.json, goKinds[f.type] ?? `unsupported Go type ${f.type}`]));
        expect(payloadFields[type as keyof typeof payloadFields], `payloadFields.${type} in events.ts`).toEqual(want);
      } else {
        expect(classes.has(`app.${type}`), `app.${type} is not generated: list its fields in payloadFields`).toBe(true);
      }
    }
  });
});
