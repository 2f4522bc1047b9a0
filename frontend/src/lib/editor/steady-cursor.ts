/**
 * The cursor stays lit while the writer types or moves it, and blinks again
 * after a pause, as a native text field's does. CodeMirror's blink is a CSS
 * animation that it restarts at every key; an animation restarted at every
 * key costs each key a style pass and holds its frame back (the typing
 * bench: about 0.7 ms of style a key, and several ms of the median time
 * from a key to the frame that shows it).
 */
import type { Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';

/** The pause after the last key or cursor move, in ms, before the cursor blinks again. */
export const TYPING_PAUSE_MS = 500;

/** The attribute on the editor while the writer types. */
export const TYPING_ATTR = 'data-typing';

/** A steady cursor while typing (pauseMs: how long after the last key it blinks again). */
export function steadyCursorWhileTyping(pauseMs = TYPING_PAUSE_MS): Extension {
  return [
    ViewPlugin.fromClass(
      class {
        private last = 0;
        private timer: ReturnType<typeof setTimeout> | undefined;

        constructor(private readonly view: EditorView) {}

        update(u: ViewUpdate) {
          if (!u.docChanged && !u.selectionSet) return;
          this.last = Date.now();
          // One timer for a run of keys, not one per key: when it fires
          // before the pause is over it waits out the rest.
          if (this.timer !== undefined) return;
          this.view.dom.setAttribute(TYPING_ATTR, '');
          this.wait(pauseMs);
        }

        private wait(ms: number) {
          this.timer = setTimeout(() => {
            const left = this.last + pauseMs - Date.now();
            if (left > 0) return this.wait(left);
            this.timer = undefined;
            this.view.dom.removeAttribute(TYPING_ATTR);
          }, ms);
        }

        destroy() {
          clearTimeout(this.timer);
          this.view.dom.removeAttribute(TYPING_ATTR);
        }
      },
    ),
    // Over the animation CodeMirror sets on the layer's own style.
    EditorView.baseTheme({ [`&[${TYPING_ATTR}] > .cm-scroller > .cm-cursorLayer`]: { animationName: 'none !important' } }),
  ];
}
