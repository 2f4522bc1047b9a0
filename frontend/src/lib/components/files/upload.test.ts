import { describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import type { ImportResult, OpenedFile } from '../../api';

vi.mock('../../api', () => ({ library: {} }));

import { CHUNK_BYTES, sendFile, toBase64, type Droppable, type Uploader } from './upload';
import { batch, closeBatch, importFiles, showNewOpened, showOpened } from './importStore';

/** A fake Go side that keeps what it is sent, refusing .pdf files at the start as Library.ImportStart does. */
function fakeLibrary() {
  const received = new Map<string, { name: string; size: number; chunks: string[] }>();
  let n = 0;
  const api: Uploader & { received: typeof received } = {
    received,
    async importStart(name, size) {
      if (name.endsWith('.pdf')) throw new Error(`Could not import “${name}”: it is a .pdf file`);
      const id = `u${++n}`;
      received.set(id, { name, size, chunks: [] });
      return id;
    },
    async importChunk(id, chunk) {
      const u = received.get(id)!;
      u.chunks.push(chunk);
      return u.chunks.reduce((s, c) => s + atob(c).length, 0);
    },
    async importFinish(id) {
      const u = received.get(id)!;
      const title = u.name.replace(/\.[^.]+$/, '');
      return { script: { id: `script-${title}`, title }, notices: [], cancelled: false } as unknown as ImportResult;
    },
  };
  return api;
}

function file(name: string, bytes: Uint8Array): Droppable {
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

describe('sendFile', () => {
  it('sends a feature-length file in chunks under the dev server limit, bytes intact', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
    const api = fakeLibrary();
    const sent: number[] = [];
    const res = await sendFile(file('Big Fish.fdx', bytes), api, (s) => sent.push(s));
    expect(res.script.title).toBe('Big Fish');
    const up = [...api.received.values()][0];
    expect(up).toMatchObject({ name: 'Big Fish.fdx', size: 300_000 });
    expect(up.chunks.length).toBe(Math.ceil(300_000 / CHUNK_BYTES));
    for (const c of up.chunks) expect(c.length).toBeLessThanOrEqual(48 * 1024);
    const back = Uint8Array.from(up.chunks.map(atob).join(''), (ch) => ch.charCodeAt(0));
    expect(back.length).toBe(bytes.length);
    expect(back.every((v, i) => v === bytes[i])).toBe(true);
    expect(sent.at(-1)).toBe(300_000);
  });

  it('encodes like btoa, across its slices', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 5).map((_, i) => i % 251);
    expect(toBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes.slice(0, 0x8000))
      + String.fromCharCode(...bytes.slice(0x8000, 0x10000)) + String.fromCharCode(...bytes.slice(0x10000))));
  });

  it('says in words when the browser cannot read the file', async () => {
    const api = fakeLibrary();
    const gone: Droppable = { name: 'gone.fountain', size: 10, arrayBuffer: () => Promise.reject(new DOMException('x', 'NotReadableError')) };
    await expect(sendFile(gone, api)).rejects.toThrow(/Could not import “gone.fountain”: Scriptroom could not read the file/);
  });
});

describe('importFiles', () => {
  it('imports files one by one, each with its result, and opens the first imported', async () => {
    const api = fakeLibrary();
    const enc = new TextEncoder();
    const first = await importFiles(
      [file('notes.pdf', enc.encode('%PDF')), file('Diner.fdx', enc.encode('<FinalDraft/>')), file('Pier.fountain', enc.encode('FADE IN:'))],
      api,
    );
    expect(first).toBe('script-Diner');
    const b = get(batch)!;
    expect(b.done).toBe(true);
    expect(b.items.map((i) => [i.name, i.state])).toEqual([
      ['notes.pdf', 'failed'],
      ['Diner.fdx', 'imported'],
      ['Pier.fountain', 'imported'],
    ]);
    expect(b.items[0].error).toMatch(/it is a \.pdf file/);
    expect(b.items[1].title).toBe('Diner');
  });

  it('stays closed when closed while files are on their way', async () => {
    const api = fakeLibrary();
    const p = importFiles([file('a.fountain', new TextEncoder().encode('A'))], api);
    closeBatch();
    await p;
    expect(get(batch)).toBeNull();
  });
});

describe('showOpened', () => {
  it('shows files given to open and returns the first script to open', () => {
    const list = [
      { seq: 1, name: 'gone.fdx', scriptId: '', title: '', existing: false, notices: [], error: 'Could not import “gone.fdx”: the file is not there any more' },
      { seq: 2, name: 'diner.fdx', scriptId: 's1', title: 'Diner', existing: true, notices: [], error: '' },
    ] as OpenedFile[];
    expect(showOpened(list)).toBe('s1');
    expect(get(batch)!.items.map((i) => i.state)).toEqual(['failed', 'opened']);
    expect(showOpened([])).toBeNull();
  });
});

describe('showNewOpened', () => {
  it('asks only for the files after the last this page showed, across reloads', async () => {
    const store = new Map<string, string>();
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
    const all = [
      { seq: 1, name: 'a.fdx', scriptId: 'sa', title: 'A', existing: false, notices: [], error: '' },
      { seq: 2, name: 'b.fdx', scriptId: 'sb', title: 'B', existing: false, notices: [], error: '' },
    ] as OpenedFile[];
    const asked: number[] = [];
    const api = { opened: async (after: number) => (asked.push(after), all.filter((f) => f.seq > after)) };
    expect(await showNewOpened(api)).toBe('sa');
    expect(await showNewOpened(api)).toBeNull();
    expect(asked).toEqual([0, 2]);
    vi.unstubAllGlobals();
  });
});
