/**
 * The editor's screenplay look: Courier on a page-wide column, with the
 * indents Final Draft uses (in character widths of 12 pt Courier: the text
 * column is 61 characters, cues start at 20, parentheticals at 15, dialogue
 * at 10 and is 35 wide), transitions to the right. Colours come from CSS
 * variables set in app.css for the light and dark themes.
 */
import { EditorView } from '@codemirror/view';

export const screenplayTheme = EditorView.theme({
  '&': {
    height: '100%',
    backgroundColor: 'var(--desk-bg)',
    color: 'var(--page-fg)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: "'Courier Prime', 'Courier New', Courier, 'Liberation Mono', monospace",
    fontSize: '15px',
    lineHeight: '1.5',
  },
  // The page: 61 characters of text between a 1.5" left and 1" right margin.
  '.cm-content': {
    flexGrow: '0',
    boxSizing: 'content-box',
    width: '61ch',
    margin: '24px auto 40vh',
    padding: '72px 10ch 96px 15ch',
    backgroundColor: 'var(--page-bg)',
    boxShadow: 'var(--page-shadow)',
    caretColor: 'var(--accent)',
  },
  // Narrow windows (1024 px): the same 61-character text column in a
  // smaller type, with narrower margins, so the page fits beside the panels.
  '@media (max-width: 1180px)': {
    '.cm-scroller': { fontSize: '13.5px' },
    '.cm-content': { padding: '48px 3ch 72px 5ch', margin: '16px auto 40vh' },
  },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-line': { padding: '0' },
  // The browser's own selection (setup.ts), in the app's colour.
  '.cm-content ::selection, .cm-content::selection': { backgroundColor: 'var(--selection)' },
  '.cm-gutters': { display: 'none' },
  '.cm-fn-scene': { fontWeight: 'bold', textTransform: 'uppercase' },
  '.cm-fn-character': { paddingLeft: '20ch', textTransform: 'uppercase' },
  '.cm-fn-parenthetical': { paddingLeft: '15ch', paddingRight: '21ch' },
  '.cm-fn-dialogue': { paddingLeft: '10ch', paddingRight: '16ch' },
  '.cm-fn-transition': { textAlign: 'right', textTransform: 'uppercase' },
  '.cm-fn-centered': { textAlign: 'center' },
  '.cm-fn-lyrics': { fontStyle: 'italic', paddingLeft: '10ch' },
  '.cm-fn-section': { color: 'var(--muted)', fontWeight: 'bold' },
  '.cm-fn-synopsis': { color: 'var(--muted)', fontStyle: 'italic' },
  '.cm-fn-note, .cm-fn-boneyard': { color: 'var(--muted)' },
  '.cm-fn-note': { backgroundColor: 'var(--note-bg)' },
  '.cm-fn-boneyard': { textDecoration: 'line-through' },
  '.cm-fn-title-key': { color: 'var(--muted)' },
  '.cm-fn-title-value': { color: 'var(--muted)' },
  '.cm-fn-page-break': { color: 'var(--muted)', textAlign: 'center' },
  '.cm-searchMatch': { backgroundColor: 'var(--search)' },
  '.cm-panels': { backgroundColor: 'var(--panel-bg)', color: 'var(--fg)' },
  // The completion list, in the page's type.
  '.cm-tooltip.cm-script-completions': {
    backgroundColor: 'var(--bg)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    boxShadow: 'var(--shadow)',
    overflow: 'hidden',
  },
  '.cm-script-completions > ul': { fontFamily: "'Courier Prime', 'Courier New', Courier, monospace", fontSize: '14px', maxHeight: '14em' },
  '.cm-script-completions > ul > li': { padding: '2px 10px !important' },
  '.cm-script-completions > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-script-completions .cm-completionDetail': { marginLeft: '1.5em', fontStyle: 'normal', opacity: '0.7', fontSize: '12px' },
});
