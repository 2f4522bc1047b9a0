/**
 * Rendered or raw: whether the editor shows Fountain's markup rendered
 * (marks hidden off the cursor's line, the title page and dual dialogue laid
 * out) or the plain text as it is saved. The text is the same either way.
 */
import { StateEffect, StateField, type EditorState, type Extension, type StateCommand } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

/** Shows the raw Fountain (true) or the rendered markup (false). */
export const setRawMarkup = StateEffect.define<boolean>();

/** Whether the editor shows the raw Fountain. */
export const rawMarkup = StateField.define<boolean>({
  create: () => false,
  update(raw, tr) {
    for (const e of tr.effects) if (e.is(setRawMarkup)) raw = e.value;
    return raw;
  },
  // The rendered styles apply under this class only.
  provide: (f) => EditorView.editorAttributes.from(f, (raw) => (raw ? { class: 'cm-markup-raw' } : { class: 'cm-markup' })),
});

/** Switches between the rendered markup and the raw Fountain. */
export const toggleRawMarkup: StateCommand = ({ state, dispatch }) => {
  dispatch(state.update({ effects: setRawMarkup.of(!state.field(rawMarkup, false)) }));
  return true;
};

/** Whether state shows the raw Fountain (false without the markup extension). */
export function isRaw(state: EditorState): boolean {
  return state.field(rawMarkup, false) ?? true;
}

/** The toggle's state starting raw or rendered, Ctrl+Shift+R to switch, and onchange told of every switch. */
export function markupToggle(raw: boolean, onchange?: (raw: boolean) => void): Extension {
  return [
    rawMarkup.init(() => raw),
    keymap.of([{ key: 'Mod-Shift-r', preventDefault: true, run: toggleRawMarkup }]),
    onchange
      ? EditorView.updateListener.of((u) => {
          const was = u.startState.field(rawMarkup, false);
          const now = u.state.field(rawMarkup, false);
          if (was !== now && now !== undefined) onchange(now);
        })
      : [],
  ];
}
