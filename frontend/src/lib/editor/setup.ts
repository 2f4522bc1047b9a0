/**
 * The editor's extensions: the writing editor (history, search, element flow,
 * autocomplete, the Fountain language and page theme) and the read-only
 * preview of a past revision.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, type Panel, type ViewUpdate } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { highlightSelectionMatches } from '@codemirror/search';
import { findReplace } from './find';
import { fountain } from './fountain-language';
import { screenplayTheme } from './screenplay-theme';
import { elementFlow } from './element-flow';
import { scriptAutocomplete } from './autocomplete';
import { renderedMarkup, type MarkupOptions } from './markup';

/** What the writing editor tells its owner, and what it adds. */
export interface WritingSetup {
  /** Holds EditorState.readOnly, so it can be switched without a new state. */
  readonly readOnly: Compartment;
  /** Whether the text starts read-only. */
  readonly readOnlyAtStart: boolean;
  /** Ctrl/Cmd+S: save a revision. */
  readonly onSaveShortcut: () => void;
  /** Every view update (text, selection, viewport). */
  readonly onUpdate: (u: ViewUpdate) => void;
  /** The find and replace panel (components/editor/FindPanel); CodeMirror's own without it. */
  readonly findPanel?: (view: EditorView) => Panel;
  /** The rendered markup: whether it starts raw, and who hears of a switch. */
  readonly markup?: MarkupOptions;
  /** More extensions, after the built-in ones (comment marks). */
  readonly extra?: readonly Extension[];
}

/** The extensions of the editor the writer types in. */
export function writingExtensions(s: WritingSetup): Extension[] {
  return [
    history(),
    // The browser's own caret and selection, not CodeMirror's drawn ones
    // (drawSelection): drawn, the cursor is measured and moved at every key
    // and blinks by a CSS animation, which WebKitGTK ran frame after frame
    // in an idle window until a plugin stopped it. In the typing benchmark
    // the native caret took 2–3 ms less of the main thread per key (p50
    // 10.5–11.9 ms against 12.9–13.7, interleaved runs); an idle window with
    // it costs WebKitGTK what the stopped drawn cursor did (6% of a core).
    highlightActiveLine(),
    findReplace(s.findPanel),
    highlightSelectionMatches(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': 'Screenplay', spellcheck: 'true', 'data-testid': 'editor' }),
    scriptAutocomplete(),
    keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (s.onSaveShortcut(), true) }]),
    // Enter, Tab and Ctrl+1..6 move between screenplay elements before the defaults apply.
    elementFlow(),
    // Tab still indents on lines that are no element (the title page, notes).
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    fountain(),
    renderedMarkup(s.markup),
    screenplayTheme,
    EditorView.updateListener.of(s.onUpdate),
    s.readOnly.of(EditorState.readOnly.of(s.readOnlyAtStart)),
    ...(s.extra ?? []),
  ];
}

/** The extensions of the read-only view of a past revision, its markup rendered unless raw. */
export function previewExtensions(raw = false): Extension[] {
  return [
    EditorState.readOnly.of(true),
    EditorView.lineWrapping,
    fountain(),
    renderedMarkup({ raw }),
    screenplayTheme,
    EditorView.contentAttributes.of({ 'data-testid': 'preview' }),
  ];
}
