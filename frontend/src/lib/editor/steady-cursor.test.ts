// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection } from '@codemirror/view';
import { BLINK_TIMEOUT_MS, STILL_ATTR, TYPING_PAUSE_MS, steadyCursorWhileTyping } from './steady-cursor';

const views: EditorView[] = [];
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  views.splice(0).forEach((v) => v.destroy());
  vi.useRealTimers();
});

function editor() {
  const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: 'Rain.', extensions: [drawSelection(), steadyCursorWhileTyping()] }) });
  views.push(view);
  return view;
}

/** The cursor layer, and whether its blink animation is stopped. */
const layer = (v: EditorView) => v.scrollDOM.querySelector(':scope > .cm-cursorLayer') as HTMLElement;
const still = (v: EditorView) => layer(v).hasAttribute(STILL_ATTR);

const key = (v: EditorView) => v.dispatch({ changes: { from: v.state.doc.length, insert: 'x' }, selection: { anchor: v.state.doc.length + 1 }, userEvent: 'input.type' });

describe('the cursor while typing', () => {
  it('is steady from the first key until a pause after the last, then blinks again', async () => {
    const v = editor();
    expect(still(v)).toBe(false);
    key(v);
    expect(still(v)).toBe(true);
    // Keys keep coming faster than the pause: it stays steady.
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS / 2);
      key(v);
      expect(still(v)).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS - 1);
    expect(still(v)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(still(v)).toBe(false);
  });
  it('is steady while the cursor moves, not when nothing changes', async () => {
    const v = editor();
    v.dispatch({});
    expect(still(v)).toBe(false);
    v.dispatch({ selection: { anchor: 2 } });
    expect(still(v)).toBe(true);
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(still(v)).toBe(false);
  });
  it('keeps one timer for a run of keys', () => {
    const v = editor();
    const set = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 20; i++) key(v);
    expect(set.mock.calls.filter(([, ms]) => ms === TYPING_PAUSE_MS).length).toBe(1);
  });
});

describe('the cursor blink', () => {
  it("is CodeMirror's until a while without a key or move, then stops, shown", async () => {
    const v = editor();
    expect(still(v)).toBe(false);
    await vi.advanceTimersByTimeAsync(BLINK_TIMEOUT_MS - 1);
    expect(still(v)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(still(v)).toBe(true);
    // Stopped, the animation is off (an idle WebKitGTK would run it frame after frame).
    expect(getComputedStyle(layer(v)).animationName).toBe('none');
    // A move makes it steady, then blinking again after the pause, for another while.
    v.dispatch({ selection: { anchor: 1 } });
    expect(still(v)).toBe(true);
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(still(v)).toBe(false);
    await vi.advanceTimersByTimeAsync(BLINK_TIMEOUT_MS - TYPING_PAUSE_MS - 1);
    expect(still(v)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(still(v)).toBe(true);
  });

  it('is still while typing', async () => {
    const v = editor();
    key(v);
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS / 2);
      key(v);
      expect(still(v)).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(still(v)).toBe(false);
  });
});
