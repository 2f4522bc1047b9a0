// UI benchmark (make bench; not a test: `node --test e2e/` does not pick up
// *.bench.mjs): a feature-length script from the corpus (Big Fish, about 126
// pages) imported through the app's own Import (the native open dialog,
// answered with xdotool), then
//   - open to editable: from the click on its card in the library to the
//     first frame where the editor shows it, has the focus and takes input
//     (goal ≤ 300 ms);
//   - typing: 500 characters typed one by one at a fast typist's pace into an
//     action paragraph in the middle of the script; for each key, from the
//     keydown event's time stamp to just after the next frame that shows it
//     (a rAF callback registered at keydown, then a message posted from it,
//     which runs once that frame is painted); p50, p99 and max (goal p99 ≤ 16 ms).
// Then two floors: the same keys at the same pace into a bare CodeMirror 6
// editor (e2e/floor/main.js: line wrapping only, none of the app's
// extensions) with the same text, laid over the page in the same browser:
// what CodeMirror itself costs on this machine before anything of ours;
// and into a plain contenteditable with the lines around the cursor: what
// the browser's own editing costs before any editor library. The two and
// the app's editor take turns, 50 keys each, so the three are measured
// over the same minutes: this machine's speed drifts by a third from one
// run to the next (TYPING_FLOOR=0 leaves the floors and the turns out). The dev binary's own window (WebKitGTK,
// a second renderer a writer never has) is unmapped while the benchmark
// runs; TYPING_APP_WINDOW=1 keeps it.
// After the 500 keys, a Chrome trace over a further TRACE_CHARS keys (40;
// TYPING_TRACE_CHARS=n for more) breaks
// the main thread's time per key into script, style, layout, paint
// (recording), composite (layerize, commit) and the raster threads' time.
// The figures are printed, not asserted. TYPING_PROFILE=1 adds the functions
// and source files with the most self time while typing (CPU profile over
// CDP, sampled every 0.1 ms; named by source with a source map in
// dist/assets), TYPING_PROFILE_OUT=file keeps that profile; TYPING_TRACE=file
// writes the trace (open it in Chromium's performance panel; the floors'
// go beside it, as file.floor.json and file.plain.json); TYPING_CHARS=n
// types n characters instead of 500; TYPING_EVAL=code runs code in the page
// before typing (to try a stylesheet before changing the source).
// TYPING_TIMELINE=1 prints, for each slow key (over 16 ms), what ran with it:
// the backend calls in flight or ended just before (autosave's SaveChanges,
// the pages' Pages, …), and the main thread's time in that key's window by
// function (a CPU profile over the typing, sampled every 0.25 ms; named from
// the source map as with TYPING_PROFILE); the profiler's own cost makes the
// latencies of such a run a little higher; with a Chrome trace over the same
// keys, the main thread's tasks over 8 ms in each window (start from the
// keydown, length, CPU time, and their biggest events). TYPING_TIMELINE_OUT=file keeps
// the keys, the calls and the profile's clock offset (as JSON) to study.
//
// Run: cd frontend && SCRIPTROOM_APP=../build/bin/scriptroom-dev node --test e2e/typing.bench.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { haveTools, launchBrowser, openPage, sleep, startApp, startXvfb, tempDir } from './harness.mjs';

const execFileP = promisify(execFile);
const corpus = resolve(process.env.SCRIPTROOM_CORPUS ?? '../../shared/corpus');
const script = join(corpus, 'fountain', 'samples', 'big-fish.fountain');
const missing = haveTools();
if (spawnSync('sh', ['-c', 'command -v xdotool']).status !== 0) missing.push('xdotool');
let skip = missing.length > 0 ? `missing ${missing.join(', ')} (make deps installs them)` : false;
if (!skip && !existsSync(script)) skip = `no corpus at ${corpus}: the typing benchmark needs ${script}`;
if (skip && process.env.CI === 'true') skip = false; // CI must have both: fail below instead

/** Characters typed; keys between them at this pace (a fast typist: about 12 a second). */
const CHARS = Number(process.env.TYPING_CHARS ?? 500);
const KEY_GAP_MS = 80;
const OPENS = 3;
const TRACE_CHARS = Number(process.env.TYPING_TRACE_CHARS ?? 40);
/** Keys in each turn of the interleaved run (the app, bare CodeMirror, the plain contenteditable). */
const BLOCK_CHARS = 50;

/** Trace event names, grouped as Chromium's performance panel groups them. */
const PHASES = {
  script: ['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.callFunction', 'RunMicrotasks', 'v8.run'],
  style: ['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet'],
  layout: ['Layout'],
  prepaint: ['PrePaint'],
  paint: ['Paint'],
  composite: ['Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit', 'UpdateLayerTree'],
  raster: ['RasterTask', 'ImageDecodeTask'],
  gc: ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase'],
};

/**
 * Records a trace while act() runs and sums, per phase, the self time of
 * its events: an event's duration less its children's on the same thread
 * (so a Layout inside a FunctionCall counts as layout, not script). keys is
 * how many keys act() types. Returns printable lines.
 */
async function traceBreakdown(cdp, keys, act, file = process.env.TYPING_TRACE) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  const done = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
        'blink', 'cc', 'viz', 'v8',
        ...(file ? ['disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.stack'] : []),
      ],
    },
  });
  await act();
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  if (file) writeFileSync(file, JSON.stringify({ traceEvents: events }));

  const threadName = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = [...threadName].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  const phaseOf = new Map(Object.entries(PHASES).flatMap(([p, names]) => names.map((n) => [n, p])));
  // Complete events (X) and begin/end pairs (B/E) as [start, end, name, thread].
  const spans = [];
  const open = new Map();
  for (const e of events) {
    const th = `${e.pid}:${e.tid}`;
    // [start, end, name, thread, event, thread (CPU) time or undefined]
    if (e.ph === 'X' && e.dur !== undefined) spans.push([e.ts, e.ts + e.dur, e.name, th, e, e.tdur]);
    else if (e.ph === 'B') (open.get(th) ?? open.set(th, []).get(th)).push(e);
    else if (e.ph === 'E') {
      const b = open.get(th)?.pop();
      if (b) spans.push([b.ts, e.ts, b.name, th, b, b.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : undefined]);
    }
  }
  const sums = {};
  const cpuSums = {};
  let task = 0;
  let taskCpu = 0;
  const byThread = new Map();
  for (const s of spans) (byThread.get(s[3]) ?? byThread.set(s[3], []).get(s[3])).push(s);
  for (const [th, list] of byThread) {
    const onMain = main.includes(th);
    list.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    // Self time of the phase events: nested spans of another phase are taken off their parent's.
    const stack = [];
    const self = new Map();
    const selfCpu = new Map();
    for (const s of list) {
      while (stack.length && stack[stack.length - 1][1] <= s[0]) stack.pop();
      const p = phaseOf.get(s[2]);
      if (onMain && s[2] === 'RunTask' && stack.length === 0) {
        task += s[1] - s[0];
        taskCpu += s[5] ?? 0;
      }
      if (!p) continue;
      if (!onMain && p !== 'raster') continue;
      const parent = [...stack].reverse().find((x) => phaseOf.has(x[2]));
      if (parent && parent[3] === th) {
        self.set(parent, (self.get(parent) ?? 0) - (Math.min(s[1], parent[1]) - s[0]));
        selfCpu.set(parent, (selfCpu.get(parent) ?? 0) - (s[5] ?? 0));
      }
      self.set(s, (self.get(s) ?? 0) + (s[1] - s[0]));
      selfCpu.set(s, (selfCpu.get(s) ?? 0) + (s[5] ?? 0));
      stack.push(s);
    }
    for (const [s, us] of self) {
      const k = phaseOf.get(s[2]);
      sums[k] = (sums[k] ?? 0) + us;
      cpuSums[k] = (cpuSums[k] ?? 0) + Math.max(0, selfCpu.get(s) ?? 0);
    }
  }
  const ms = (us) => (us / 1000 / keys).toFixed(2);
  const phases = (m) => Object.keys(PHASES).map((p) => `${p} ${ms(m[p] ?? 0)}`).join(' ');
  return [
    `typing-trace-ms-per-key task ${ms(task)} ${phases(sums)} (main thread self time; raster on its threads; ${keys} keys)`,
    // Thread (CPU) time leaves out the time the renderer waited for a core:
    // on a loaded machine it moves far less than the wall-clock figures.
    `typing-trace-cpu-ms-per-key task ${ms(taskCpu)} ${phases(cpuSums)} (the same in thread time)`,
  ];
}

/** Waits in the page, one frame at a time, until cond() holds; returns the ms from start to that frame. */
const untilInPage = (page, cond, start) =>
  page.evaluate(
    ({ cond, start }) =>
      new Promise((res, rej) => {
        const f = new Function(`return (${cond})()`);
        const deadline = performance.now() + 60_000; // a safety net only
        const step = () => {
          if (f()) return res(performance.now() - start);
          if (performance.now() > deadline) return rej(new Error(`timed out waiting for ${cond}`));
          requestAnimationFrame(step);
        };
        step();
      }),
    { cond, start },
  );

/**
 * Answers the app's native (GTK) open dialog titled title on display with
 * path: Ctrl+L opens its location field. xdotool waits (--sync) until the
 * dialog is mapped; Xvfb runs no window manager, so it has the focus.
 */
async function nativeOpenDialog(display, title, path) {
  const env = { ...process.env, DISPLAY: display };
  const xdo = async (...args) => (await execFileP('xdotool', args, { env, timeout: 60_000 })).stdout.trim();
  const [win] = (await xdo('search', '--sync', '--onlyvisible', '--name', `^${title}$`)).split('\n');
  await xdo('windowfocus', '--sync', win);
  await xdo('key', '--clearmodifiers', 'ctrl+l');
  await sleep(200);
  await xdo('type', '--clearmodifiers', '--delay', '10', path);
  // The location field may take the first Return for its completion: press
  // it until the dialog is gone (xdotool search exits 1 when none matches).
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    try {
      await xdo('search', '--onlyvisible', '--name', `^${title}$`);
    } catch {
      return;
    }
    await xdo('key', '--clearmodifiers', 'Return');
  }
  throw new Error(`the open dialog "${title}" did not close`);
}

/** Unmaps the app's own window on display (see the test below). */
async function hideAppWindow(display) {
  const env = { ...process.env, DISPLAY: display };
  // A window can go away while xdotool walks the tree (an X BadWindow
  // error): try again.
  for (let attempt = 1; ; attempt++) {
    try {
      const ids = (await execFileP('xdotool', ['search', '--sync', '--onlyvisible', '--name', '^Scriptroom'], { env, timeout: 60_000 })).stdout.trim().split('\n');
      for (const id of ids) await execFileP('xdotool', ['windowunmap', '--sync', id], { env, timeout: 60_000 });
      return;
    } catch (e) {
      if (attempt === 5 || !/BadWindow/.test(String(e.stderr ?? e))) throw e;
      await sleep(200);
    }
  }
}

/**
 * The floor: a bare CodeMirror 6 editor (e2e/floor/main.js, bundled here
 * with Vite) over the app's page, with text and the cursor at the end of
 * the first line that reads line; returns the line it put the cursor on.
 */
async function openFloorEditor(page, text, line) {
  const { build } = await import('vite');
  const out = await build({
    configFile: false,
    logLevel: 'error',
    root: resolve('e2e/floor'),
    build: { write: false, minify: true, rollupOptions: { input: resolve('e2e/floor/main.js') } },
  });
  const chunk = [out].flat()[0].output.find((o) => o.type === 'chunk' && o.isEntry);
  await page.addScriptTag({ content: chunk.code, type: 'module' });
  await page.waitForFunction(() => typeof window.__floorEditor === 'function');
  const i = text.indexOf(line);
  const at = i >= 0 ? i + line.length : Math.floor(text.length / 2);
  return page.evaluate(([doc, at]) => window.__floorEditor(doc, at), [text, at]);
}

/**
 * CPU time (user + system, ms) a process and its threads have used so far,
 * from /proc; NaN where there is no /proc.
 */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the name and state), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Lines of the script the plain floor holds, around the cursor's (about what an editor draws around the screen it shows). */
const PLAIN_LINES = 120;

/**
 * The second floor: the browser's own editing, a plain contenteditable
 * (no editor library) over the page (and over the CodeMirror floor), with
 * the PLAIN_LINES lines of text around the first line that reads line (a
 * whole feature laid out at once would cost it what CodeMirror's drawing
 * only the screen saves), the cursor at that line's end. Returns that line.
 */
async function openPlainEditor(page, text, line) {
  return page.evaluate(
    ([text, line, n]) => {
      const lines = text.split('\n');
      const found = line ? lines.findIndex((l) => l.includes(line)) : -1;
      const at = found >= 0 ? found : Math.floor(lines.length / 2);
      const from = Math.max(0, at - n / 2);
      const host = document.createElement('div');
      host.id = 'plain-editor';
      host.contentEditable = 'true';
      host.spellcheck = false;
      host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;white-space:pre-wrap;outline:none;font:12pt "Courier Prime",monospace';
      for (const l of lines.slice(from, from + n)) {
        const d = document.createElement('div');
        d.className = 'plain-line';
        d.textContent = l;
        if (!l) d.append(document.createElement('br'));
        host.append(d);
      }
      document.body.append(host);
      const target = host.children[at - from];
      window.__plainLine = target;
      target.scrollIntoView({ block: 'center' });
      host.focus();
      const r = document.createRange();
      r.selectNodeContents(target);
      r.collapse(false);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(r);
      return target.textContent;
    },
    [text, line, PLAIN_LINES],
  );
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A source map's mappings as, per generated line, [column, source, line]
 * triples sorted by column (version 3, base64 VLQ): enough to name the
 * source file of a position in the bundle.
 */
function decodeMappings(map) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const text of map.mappings.split(';')) {
    const segs = [];
    let col = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const v = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) {
          shift += 5;
          continue;
        }
        v.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      col += v[0];
      if (v.length >= 4) {
        src += v[1];
        srcLine += v[2];
        srcCol += v[3];
        segs.push([col, src, srcLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

/**
 * Names a frame of the bundle by its source (file:line) when the bundle has
 * a source map beside it in dist/assets (build one with `npx vite build
 * --sourcemap`, add --minify false to keep function names); otherwise by
 * the bundle's own file and line.
 */
function sourceNamer() {
  const maps = new Map();
  const mapOf = (url) => {
    const file = url.split('/').pop();
    if (!maps.has(file)) {
      const path = join('dist', 'assets', `${file}.map`);
      let m = null;
      if (file.endsWith('.js') && existsSync(path)) {
        const raw = JSON.parse(readFileSync(path, 'utf8'));
        m = { sources: raw.sources, lines: decodeMappings(raw) };
      }
      maps.set(file, m);
    }
    return maps.get(file);
  };
  return (f) => {
    const bundle = f.url.split('/').pop() || '';
    const m = f.url ? mapOf(f.url) : null;
    const segs = m?.lines[f.lineNumber];
    if (segs?.length) {
      let hit = segs[0];
      for (const sg of segs) if (sg[0] <= f.columnNumber) hit = sg;
      // Packages by their path in node_modules, the app's own files from src/.
      const source = m.sources[hit[1]].replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '').replace(/^.*?\/?(src\/lib\/)/, '$1');
      return { file: source, where: `${source}:${hit[2] + 1}` };
    }
    return { file: bundle || '(native)', where: `${bundle}:${f.lineNumber + 1}` };
  };
}

/** A CDP CPU profile's nodes by id, and each node's parent's id. */
function profileTree(profile) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  return { byId, parent };
}

/**
 * The functions with the most self time and with the most time on the stack
 * (total), and the source files with the most self time, in a CDP CPU
 * profile; perKey divides by the keys typed. A sample counts for the time
 * to the next one, at most 0.3 ms: on a loaded machine the page's process
 * is often descheduled, and the gap is no function's time.
 */
function hotSpots(profile, keys, n = Number(process.env.TYPING_PROFILE_TOP ?? 15)) {
  const { byId, parent } = profileTree(profile);
  const where = sourceNamer();
  const named = new Map();
  const info = (id) => {
    if (!named.has(id)) {
      const f = byId.get(id).callFrame;
      const w = where(f);
      named.set(id, { name: `${f.functionName || '(anonymous)'} ${w.where}`, file: f.url ? w.file : '', special: /^\(/.test(f.functionName) });
    }
    return named.get(id);
  };
  const self = new Map();
  const total = new Map();
  const files = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  const dts = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const dt = Math.min(dts[i + 1] ?? 0, 300) / 1000;
    const me = info(id);
    add(self, me.name, dt);
    // A native function's time goes to the file of the script that called it.
    let file = id;
    while (file !== undefined && !info(file).file && !info(file).special) file = parent.get(file);
    add(files, file === undefined ? '(native)' : info(file).file || info(file).name, dt);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = info(cur).name;
      if (seen.has(k)) continue;
      seen.add(k);
      add(total, k, dt);
    }
  });
  const top = (m, label) =>
    [...m.entries()]
      .filter(([k]) => !/^\((idle|root|program|garbage collector)\)/.test(k) || label !== 'total')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${label} ${(ms / keys).toFixed(keys > 1 ? 3 : 1).padStart(7)} ms${keys > 1 ? '/key' : ''}  ${k}`);
  return [...top(self, 'self'), ...top(files, 'file'), ...top(total, 'total')];
}

/** A key slower than this is a slow key in the timeline (the goal's frame). */
const SLOW_MS = 16;

/**
 * The table of slow keys: for each key over SLOW_MS, when it was typed (ms
 * from the first key), its latency, the backend calls that ran in its
 * window or ended within 50 ms before it, and the main thread's busy time in
 * the window [keydown - 16 ms, its frame] by what it was doing: the deepest
 * frame of the app's own code (src/lib, src/App…) on the sample's stack, or
 * else the outermost named function (a package's timer, an event), or the
 * garbage collector, or the browser's own work ((program): style, layout,
 * paint). offset turns the profile's clock (µs) into the page's (ms).
 */
function slowKeyTable(keys, calls, profile, offset, trace = []) {
  const t0 = keys[0]?.[0] ?? 0;
  const rows = [];
  // The renderer's main thread's tasks over 8 ms, each with its thread (CPU)
  // time (far less than its length when the renderer waited for a core) and
  // the events that took most of it (by self time).
  const threadName = new Map();
  for (const e of trace) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  const mainEvents = trace.filter((e) => e.ph === 'X' && e.dur !== undefined && threadName.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  mainEvents.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  {
    let task;
    const stack = [];
    for (const e of mainEvents) {
      if (e.name === 'RunTask' && (!task || e.ts >= task.end)) {
        task = { start: e.ts / 1000 - offset, end: e.ts + e.dur, dur: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000, self: new Map() };
        stack.length = 0;
        if (e.dur >= 8000) tasks.push(task);
        continue;
      }
      if (!task || e.ts >= task.end || task.dur < 8) continue;
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const d = e.args?.data ?? {};
      const name = e.name === 'FunctionCall' ? `js ${d.functionName || ''}@${(d.url || '').split('/').pop()}` : e.name === 'EventDispatch' ? `event ${d.type}` : e.name === 'TimerFire' ? 'timer' : e.name;
      const parentE = stack[stack.length - 1];
      if (parentE) task.self.set(parentE.__n, (task.self.get(parentE.__n) ?? 0) - e.dur / 1000);
      e.__n = name;
      task.self.set(name, (task.self.get(name) ?? 0) + e.dur / 1000);
      stack.push(e);
    }
  }
  let samples = [];
  if (profile) {
    const { byId, parent } = profileTree(profile);
    const where = sourceNamer();
    const labelOf = new Map();
    const label = (id) => {
      if (labelOf.has(id)) return labelOf.get(id);
      const top = byId.get(id).callFrame.functionName;
      let l;
      if (/^\((garbage collector|program|idle)\)$/.test(top)) l = top;
      else {
        let app;
        let outer;
        for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
          const f = byId.get(cur).callFrame;
          if (!f.url && /^\(/.test(f.functionName)) continue;
          const w = where(f);
          const name = `${f.functionName || '(anonymous)'} ${w.where}`;
          if (!app && /^src\//.test(w.file)) app = name;
          if (f.functionName) outer = name;
        }
        l = app ?? outer ?? '(anonymous)';
      }
      labelOf.set(id, l);
      return l;
    };
    let ts = profile.startTime;
    samples = profile.samples.map((id, i) => {
      ts += profile.timeDeltas[i] ?? 0;
      const dt = Math.min(profile.timeDeltas[i + 1] ?? 0, 1000) / 1000;
      return [ts / 1000 - offset, dt, label(id)];
    });
  }
  for (const [at, lat] of keys) {
    if (lat <= SLOW_MS) continue;
    const from = at - SLOW_MS;
    const to = at + lat;
    const near = calls
      .filter(([, s, e]) => s < to && (e ?? Infinity) > from - 50)
      .map(([name, s, e]) => `${name} ${(s - at).toFixed(0)}..${e === undefined ? '?' : (e - at).toFixed(0)}`);
    const by = new Map();
    let busy = 0;
    for (const [ts, dt, l] of samples) {
      if (ts < from || ts > to || l === '(idle)') continue;
      busy += dt;
      by.set(l, (by.get(l) ?? 0) + dt);
    }
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([l, ms]) => `${ms.toFixed(1)} ${l}`);
    const long = tasks
      .filter((k) => k.start < to && k.start + k.dur > from)
      .map((k) => `${(k.start - at).toFixed(0)}+${k.dur.toFixed(0)} (cpu ${k.cpu.toFixed(0)}) [${[...k.self].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}]`);
    rows.push(
      `  key at ${(at - t0).toFixed(0).padStart(6)} ms: ${lat.toFixed(1).padStart(5)} ms | calls: ${near.join(', ') || '-'}` +
        (profile ? ` | busy ${busy.toFixed(1)} ms: ${top.join('; ')}` : '') +
        (trace.length ? ` | tasks over 8 ms: ${long.join(' ') || '-'}` : ''),
    );
  }
  return rows;
}

test('typing in a feature-length script, and opening it', { skip, timeout: 600_000 }, async (t) => {
  assert.ok(existsSync(script), `no corpus at ${corpus}`);
  const text = readFileSync(script, 'utf8');
  const dir = tempDir(t);
  const display = await startXvfb(t);
  const app = await startApp(t, { display, libraryPath: join(dir, 'library.db') });
  // The dev binary opens a window of its own (WebKitGTK, showing the
  // library) beside the page the benchmark types in: a second renderer a
  // writer never has (the production app is one window), which repaints on
  // every save it hears of and takes its share of the two cores. It is
  // unmapped, so it paints nothing; TYPING_APP_WINDOW=1 keeps it.
  if (process.env.TYPING_APP_WINDOW !== '1') await hideAppWindow(display);
  const browser = await launchBrowser(t);
  const page = await openPage(browser, app);
  await page.locator('[data-testid="script-title"]').first().waitFor({ timeout: 15_000 });

  // Import through the backend, as a writer does: Import… and the open dialog.
  const imported = page.evaluate(() => window.go.app.Library.Import());
  await nativeOpenDialog(display, 'Import a screenplay', script);
  const result = await imported;
  assert.ok(result.script?.id, `nothing imported: ${JSON.stringify(result)}`);
  const title = result.script.title;

  const profile = process.env.TYPING_PROFILE === '1';
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const startProfile = async () => {
    if (!profile) return;
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  };
  const stopProfile = async (keys, file) => {
    if (!profile) return [];
    const p = (await cdp.send('Profiler.stop')).profile;
    if (file) writeFileSync(file, JSON.stringify(p));
    return hotSpots(p, keys);
  };

  // Open to editable: library → the card → the editor on the first page, focused.
  const opens = [];
  for (let i = 0; i < OPENS; i++) {
    if (i === OPENS - 1) await startProfile();
    await page.click('[data-testid="back"]');
    const card = page.locator('[data-testid="script-card"]', { hasText: title });
    await card.waitFor();
    await sleep(300);
    const start = await page.evaluate((title) => {
      const t0 = performance.now();
      [...document.querySelectorAll('[data-testid="script-card"]')].find((c) => c.textContent.includes(title)).click();
      return t0;
    }, title);
    opens.push(
      await untilInPage(
        page,
        `() => {
          const ed = document.querySelector('[data-testid="editor"]');
          return !!ed && ed.isContentEditable && document.activeElement === ed &&
            ed.querySelectorAll('.cm-line').length >= 20 &&
            document.querySelector('[data-testid="script-title"]')?.textContent.includes(${JSON.stringify(title)});
        }`,
        start,
      ),
    );
  }
  const openSpots = await stopProfile(1);
  // How much of opening is the backend's Open call (the text and its stats over the bindings).
  const calls = await page.evaluate(async (id) => {
    const out = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await window.go.app.Editor.Open(id);
      out.push(performance.now() - t0);
    }
    return out;
  }, result.script.id);
  const lines = await page.evaluate(() => document.querySelectorAll('[data-testid="scene-link"]').length);
  assert.ok(lines > 50, `only ${lines} scenes in the list`);

  // The cursor at the end of the action after the middle scene's heading.
  const scenes = page.locator('[data-testid="scene-link"]');
  const middle = Math.floor((await scenes.count()) / 2);
  await scenes.nth(middle).click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  const where = await page.evaluate(() => {
    const line = document.querySelector('.cm-activeLine');
    return line?.textContent ?? '';
  });
  // Experiments: TYPING_EVAL runs this code in the page before typing (a
  // stylesheet to try, an attribute to drop), so a change can be measured
  // before it is made in the source.
  if (process.env.TYPING_EVAL) await page.evaluate(process.env.TYPING_EVAL);
  await sleep(1000); // let the jump's scrolling and saves settle

  await page.evaluate(() => {
    window.__lat = [];
    window.__keys = [];
    // The backend calls, as [name, start, end] in the page's clock.
    window.__calls = [];
    for (const [ns, obj] of Object.entries(window.go ?? {}))
      for (const [cls, methods] of Object.entries(obj))
        for (const [m, f] of Object.entries(methods)) {
          if (typeof f !== 'function') continue;
          methods[m] = function (...args) {
            const rec = [`${cls}.${m}`, performance.now(), undefined];
            window.__calls.push(rec);
            const end = () => (rec[2] = performance.now());
            const r = f.apply(this, args);
            Promise.resolve(r).then(end, end);
            return r;
          };
        }
    const after = [];
    const mc = new MessageChannel();
    mc.port1.onmessage = () => {
      const now = performance.now();
      for (const t0 of after.splice(0)) {
        window.__lat.push(now - t0);
        window.__keys.push([t0, now - t0]);
      }
    };
    document.addEventListener(
      'keydown',
      (e) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => {
          after.push(t0);
          mc.port2.postMessage(0);
        });
      },
      true,
    );
  });
  const words = 'The rain keeps falling on the tin roof while Edward counts the coins again ';
  const typed = words.repeat(Math.ceil(CHARS / words.length)).slice(0, CHARS);
  /** Types chars one by one, at the typist's pace. */
  const typeKeys = async (chars) => {
    for (const ch of chars) {
      await page.keyboard.type(ch);
      await sleep(KEY_GAP_MS);
    }
  };
  // The text of the cursor's line (the closest sel around the selection's
  // focus, so an experiment that drops the active-line highlight still checks it).
  const cursorLine = (sel) =>
    page.evaluate((sel) => {
      const n = document.getSelection()?.focusNode;
      return (n?.nodeType === 1 ? n : n?.parentElement)?.closest(sel)?.textContent ?? '';
    }, sel);
  // Where a key's time goes: a Chrome trace over TRACE_CHARS more keys at the same pace.
  const traceKeys = (file) =>
    traceBreakdown(
      cdp,
      TRACE_CHARS,
      async () => {
        await typeKeys(words.repeat(Math.ceil(TRACE_CHARS / words.length)).slice(0, TRACE_CHARS));
        await sleep(200);
      },
      file,
    );
  const timeline = process.env.TYPING_TIMELINE === '1';
  let calib = 0;
  if (timeline && !profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  } else await startProfile();
  let traceEvents;
  let traceDone;
  const onTrace = (e) => traceEvents.push(...e.value);
  if (timeline) {
    traceEvents = [];
    cdp.on('Tracing.dataCollected', onTrace);
    traceDone = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] },
    });
  }
  if (timeline || profile) {
    // A marker the profile can be aligned by: this function's first sample is at the page time it returns.
    calib = await page.evaluate(() => {
      const srTimelineMark = () => {
        const t = performance.now();
        while (performance.now() < t + 5);
        return t;
      };
      return srTimelineMark();
    });
  }
  const m0 = await metrics();
  const appCpu0 = cpuMs(app.proc.pid);
  const load = loadavg()[0];
  await typeKeys(typed);
  await page.waitForFunction((n) => window.__lat.length >= n, CHARS);
  const lat = await page.evaluate(() => window.__lat);
  const m1 = await metrics();
  const appCpu = (cpuMs(app.proc.pid) - appCpu0) / CHARS;
  if (timeline) {
    await cdp.send('Tracing.end');
    await traceDone;
    cdp.off('Tracing.dataCollected', onTrace);
  }
  const keyTimes = await page.evaluate(() => window.__keys);
  const backendCalls = await page.evaluate(() => window.__calls);
  let slowRows;
  let spots = [];
  if (timeline || profile) {
    const p = (await cdp.send('Profiler.stop')).profile;
    if (process.env.TYPING_PROFILE_OUT) writeFileSync(process.env.TYPING_PROFILE_OUT, JSON.stringify(p));
    if (profile) spots = hotSpots(p, CHARS);
    // The profile's clock: the marker's first sample is at calib in the page's.
    const { byId, parent } = profileTree(p);
    const inMark = (id) => {
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur).callFrame.functionName === 'srTimelineMark') return true;
      return false;
    };
    let ts = p.startTime;
    let offset;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.timeDeltas[i];
      if (inMark(p.samples[i])) {
        offset = ts / 1000 - calib;
        break;
      }
    }
    if (process.env.TYPING_TIMELINE_OUT) writeFileSync(process.env.TYPING_TIMELINE_OUT, JSON.stringify({ keys: keyTimes, calls: backendCalls, offset }));
    if (timeline) slowRows = offset === undefined ? ['  (the profile has no sample of the marker: no times)'] : slowKeyTable(keyTimes, backendCalls, p, offset, traceEvents);
  }
  if (!slowRows) slowRows = slowKeyTable(keyTimes, backendCalls, null, 0);
  // Main-thread time per key (Chromium's own counters, in ms): less
  // sensitive to a loaded machine than the latencies.
  const perKey = (name) => ((1000 * (m1[name] - m0[name])) / CHARS).toFixed(2);
  const after = await cursorLine('.cm-line');
  assert.ok(after.includes(typed.trim().slice(-40)), `the typed text is not on the line: ${after.slice(-80)}`);

  // What each key's frame has to deal with: the editor's DOM and the page's.
  const dom = await page.evaluate(() => {
    const ed = document.querySelector('.cm-editor');
    return {
      page: document.getElementsByTagName('*').length,
      editor: ed?.getElementsByTagName('*').length ?? 0,
      lines: ed?.querySelectorAll('.cm-line').length ?? 0,
      widgets: ed?.querySelectorAll('.cm-content [contenteditable=false]').length ?? 0,
      height: Math.round(ed?.querySelector('.cm-content')?.getBoundingClientRect().height ?? 0),
    };
  });
  await sleep(1000);
  const traced = await traceKeys(process.env.TYPING_TRACE);

  // The floors, and the app again, interleaved: the same keys at the same
  // pace, over this page, in this browser, into a bare CodeMirror editor
  // with the same text and into the browser's own editing (a plain
  // contenteditable with the lines around the cursor), in blocks of
  // BLOCK_CHARS keys taking turns with the app's editor, so that a machine
  // whose speed drifts during the run drifts for all three alike. Each
  // types the same 500 characters; the app's go on its line after those
  // typed above.
  let floor = null;
  let plain = null;
  let turns = null;
  if (process.env.TYPING_FLOOR !== '0') {
    const floorLine = await openFloorEditor(page, text, where);
    const plainLine = await openPlainEditor(page, text, where);
    const show = (kind) =>
      page.evaluate((kind) => {
        document.getElementById('floor-editor').style.display = kind === 'floor' ? '' : 'none';
        document.getElementById('plain-editor').style.display = kind === 'plain' ? '' : 'none';
        if (kind === 'app') {
          const el = document.querySelector('[data-testid="editor"]');
          (el?.cmTile?.root?.view ?? el?.cmView?.view).focus();
        } else if (kind === 'floor') window.__floorView.focus();
        else {
          document.getElementById('plain-editor').focus();
          const r = document.createRange();
          r.selectNodeContents(window.__plainLine);
          r.collapse(false);
          document.getSelection().removeAllRanges();
          document.getSelection().addRange(r);
        }
      }, kind);
    const kinds = ['app', 'floor', 'plain'];
    turns = Object.fromEntries(kinds.map((k) => [k, []]));
    for (let from = 0; from < typed.length; from += BLOCK_CHARS) {
      for (const kind of kinds) {
        await show(kind);
        await sleep(500);
        await page.evaluate(() => (window.__lat = []));
        const block = typed.slice(from, from + BLOCK_CHARS);
        await typeKeys(block);
        await page.waitForFunction((n) => window.__lat.length >= n, block.length);
        turns[kind].push(...(await page.evaluate(() => window.__lat)));
      }
    }
    const load = loadavg()[0];
    // Each has the typed text on its cursor's line; the floors get the
    // same breakdown as the app's, over the same number of keys.
    const check = async (kind, lineSelector) => {
      await show(kind);
      const there = await cursorLine(lineSelector);
      assert.ok(there.includes(typed.trim().slice(-40)), `the ${kind} editor's line lacks the typed text: ${there.slice(-80)}`);
    };
    const floorTrace = async (kind, lineSelector) => {
      await check(kind, lineSelector);
      await sleep(1000);
      return traceKeys(process.env.TYPING_TRACE && process.env.TYPING_TRACE.replace(/(\.json)?$/, `.${kind}.json`));
    };
    await check('app', '.cm-line');
    floor = { lat: turns.floor, line: floorLine, load, traced: await floorTrace('floor', '.cm-line') };
    plain = { lat: turns.plain, line: plainLine, load, traced: await floorTrace('plain', '.plain-line') };
  }

  const report = [
    `typing-latency-ms p50 ${percentile(lat, 50).toFixed(1)} p99 ${percentile(lat, 99).toFixed(1)} max ${Math.max(...lat).toFixed(1)} (goal p99 16; ${lat.length} keys into ${JSON.stringify(where.slice(0, 40))}…, ${text.length} chars, load ${load.toFixed(1)})`,
    ...(turns
      ? [
          `typing-interleaved-app-ms p50 ${percentile(turns.app, 50).toFixed(1)} p99 ${percentile(turns.app, 99).toFixed(1)} max ${Math.max(...turns.app).toFixed(1)} (the app again, ${turns.app.length} keys in blocks of ${BLOCK_CHARS} taking turns with the two floors below)`,
        ]
      : []),
    ...(floor
      ? [
          `typing-floor-ms p50 ${percentile(floor.lat, 50).toFixed(1)} p99 ${percentile(floor.lat, 99).toFixed(1)} max ${Math.max(...floor.lat).toFixed(1)} (bare CodeMirror 6, line wrapping only, over this page: the same ${floor.lat.length} keys taking turns with the app, into ${JSON.stringify(floor.line.slice(0, 40))}…, the same text, load ${floor.load.toFixed(1)})`,
          `typing-plain-ms p50 ${percentile(plain.lat, 50).toFixed(1)} p99 ${percentile(plain.lat, 99).toFixed(1)} max ${Math.max(...plain.lat).toFixed(1)} (the browser's own editing: a plain contenteditable, no editor library, with the ${PLAIN_LINES} lines around the cursor's, over this page: the same ${plain.lat.length} keys taking turns with the app, into ${JSON.stringify(plain.line.slice(0, 40))}…)`,
        ]
      : []),
    `typing-main-thread-ms-per-key task ${perKey('TaskDuration')} script ${perKey('ScriptDuration')} layout ${perKey('LayoutDuration')} style ${perKey('RecalcStyleDuration')}`,
    // The backend shares the machine's cores with the browser: its saves and layouts while the keys came.
    `typing-backend-cpu-ms-per-key ${appCpu.toFixed(2)} (the app's process: autosave, pages, all its threads)`,
    ...traced,
    ...(floor ? floor.traced.map((l) => l.replace(/^typing-/, 'typing-floor-')) : []),
    ...(plain ? plain.traced.map((l) => l.replace(/^typing-/, 'typing-plain-')) : []),
    `typing-dom elements ${dom.page} (editor ${dom.editor}: ${dom.lines} lines, ${dom.widgets} widgets; content ${dom.height} px tall)`,
    `open-to-editable-ms ${opens.map((x) => x.toFixed(0)).join(', ')} (median ${percentile(opens, 50).toFixed(0)}; goal 300; of which the Editor.Open call alone ${calls.map((x) => x.toFixed(0)).join(', ')})`,
    `slow keys (over ${SLOW_MS} ms; times from keydown, ms): ${slowRows.length} of ${keyTimes.length}`,
    ...slowRows,
    ...(profile ? ['profile while typing:', ...spots.map((s) => `  ${s}`), 'profile of the last open:', ...openSpots.map((s) => `  ${s}`)] : []),
  ];
  for (const line of report) {
    t.diagnostic(line);
    console.log(line);
  }
});
