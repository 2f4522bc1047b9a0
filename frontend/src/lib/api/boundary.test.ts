/**
 * Only src/lib/api/ imports the generated bindings, and only api/events.ts
 * subscribes to backend events (the Wails runtime's Events* functions).
 */
import { expect, it } from 'vitest';

const sources = import.meta.glob(['/src/**/*.{ts,svelte}', '!/src/**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

it('reads the sources', () => {
  expect(Object.keys(sources)).toContain('/src/lib/api/index.ts');
  expect(Object.keys(sources)).toContain('/src/App.svelte');
});

it('keeps the generated bindings inside src/lib/api/', () => {
  const outside = Object.entries(sources)
    .filter(([path, src]) => !path.startsWith('/src/lib/api/') && /wailsjs/.test(src))
    .map(([path]) => path);
  expect(outside).toEqual([]);
});

it('subscribes to backend events only in api/events.ts', () => {
  const others = Object.entries(sources)
    .filter(([path, src]) => path !== '/src/lib/api/events.ts' && /\bEvents(On|Once|OnMultiple|Off)\b|wailsjs\/runtime/.test(src))
    .map(([path]) => path);
  expect(others).toEqual([]);
});

// Bound methods the page must not call (they take paths or run the app's
// lifecycle); the Go side is removing them from the bindings.
it('calls none of the methods that are being unbound', () => {
  const api = Object.entries(sources)
    .filter(([path]) => path.startsWith('/src/lib/api/'))
    .map(([, src]) => src)
    .join('\n');
  const used = ['Library.ImportFile', 'Library.ExportFile', 'Library.ExportFileAs', 'Sync.Start', 'Sync.Stop', 'Lifecycle.BeforeClose'].filter(
    (m) => new RegExp(`\\b${m.replace('.', '\\.')}\\(`).test(api),
  );
  expect(used).toEqual([]);
});
