/**
 * The cursor as a native text field's: steady while the writer types or
 * moves it, blinking again after a pause, and steady for good after a while
 * without a key (as GTK's cursor stops blinking after ten seconds).
 *
 * CodeMirror blinks the cursor with an infinite CSS animation, restarted at
 * every key: the restart costs each key a style pass, and WebKitGTK, the
 * desktop app's engine, keeps running the animation for as long as the
 * cursor is in the editor (an idle window with the cursor in a script took
 * 10–23% of a core; the library page, or the editor without the focus,
 * about 0%). Here the animation is stopped while typing and once the
 * blinking has timed out. (Blinking by a timer instead, changing the cursor
 * layer's visibility, cost WebKitGTK more: every change repaints.)
 */
import type { Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';

/** The pause after the last key or cursor move, in ms, before the cursor blinks again. */
export const TYPING_PAUSE_MS = 500;
/** After this long without a key or cursor move the cursor stops blinking, shown. */
export const BLINK_TIMEOUT_MS = 10_000;

/** The attribute on the cursor layer while its blink animation is stopped. */
export const STILL_ATTR = 'data-still';

/** A steady cursor while typing and after a while idle (pauseMs: how long after the last key it blinks again). */
export function steadyCursorWhileTyping(pauseMs = TYPING_PAUSE_MS): Extension {
  return [
    ViewPlugin.fromClass(
      class {
        private last = Date.now();
        private typing: ReturnType<typeof setTimeout> | undefined;
        private timeout: ReturnType<typeof setTimeout> | undefined;

        constructor(private readonly view: EditorView) {
          this.blinkAgain();
        }

        update(u: ViewUpdate) {
          if (u.focusChanged) {
            this.last = Date.now();
            this.blinkAgain();
          }
          if (!u.docChanged && !u.selectionSet) return;
          this.last = Date.now();
          // One timer for a run of keys, not one per key: when it fires
          // before the pause is over it waits out the rest.
          if (this.typing !== undefined) return;
          this.still(true);
          this.waitTyping(pauseMs);
        }

        private waitTyping(ms: number) {
          this.typing = setTimeout(() => {
            const left = this.last + pauseMs - Date.now();
            if (left > 0) return this.waitTyping(left);
            this.typing = undefined;
            this.blinkAgain();
          }, ms);
        }

        /** The cursor blinks (CodeMirror's animation) until BLINK_TIMEOUT_MS after the last key or move. */
        private blinkAgain() {
          if (this.timeout !== undefined) clearTimeout(this.timeout);
          this.timeout = undefined;
          if (this.typing !== undefined) return;
          this.still(false);
          this.waitTimeout(Math.max(0, this.last + BLINK_TIMEOUT_MS - Date.now()));
        }

        private waitTimeout(ms: number) {
          this.timeout = setTimeout(() => {
            this.timeout = undefined;
            const left = this.last + BLINK_TIMEOUT_MS - Date.now();
            if (left > 0) return this.waitTimeout(left);
            this.still(true);
          }, ms);
        }

        /** Stops or lets go CodeMirror's blink animation, on the cursor layer alone (a change on the editor would restyle all of it). */
        private still(on: boolean) {
          const layer = this.view.scrollDOM.querySelector(':scope > .cm-cursorLayer');
          if (!layer || layer.hasAttribute(STILL_ATTR) === on) return;
          layer.toggleAttribute(STILL_ATTR, on);
        }

        destroy() {
          clearTimeout(this.typing);
          clearTimeout(this.timeout);
        }
      },
    ),
    // Over the animation CodeMirror sets on the layer's own style.
    EditorView.baseTheme({ [`& > .cm-scroller > .cm-cursorLayer[${STILL_ATTR}]`]: { animationName: 'none !important' } }),
  ];
}
