/**
 * The look of rendered markup: emphasis, notes as margin notes in their own
 * colour, boneyard dimmed, sections and synopses as outline text, `===` as a
 * rule, the title page laid out as printed and dual dialogue in two
 * columns. Rules that restyle the layout's line classes apply only while the
 * markup is rendered (`.cm-markup` on the editor).
 */
import { EditorView } from '@codemirror/view';

const noteColour = '#b7791f';

export const markupTheme = EditorView.theme({
  '.cm-md-bold': { fontWeight: 'bold' },
  '.cm-md-italic': { fontStyle: 'italic' },
  '.cm-md-underline': { textDecoration: 'underline', textUnderlineOffset: '2px' },

  // Notes: a margin note, in the note colour, smaller and in the UI's type.
  '&.cm-markup .cm-md-note': {
    backgroundColor: 'var(--note-bg)',
    borderLeft: `3px solid ${noteColour}`,
    color: 'var(--page-fg)',
    fontFamily: 'system-ui, sans-serif',
    fontSize: '13px',
    paddingLeft: '8px !important',
    marginLeft: '30ch',
  },
  '.cm-md-inline-note': {
    backgroundColor: 'var(--note-bg)',
    borderBottom: `2px solid ${noteColour}`,
    fontFamily: 'system-ui, sans-serif',
    fontSize: '13px',
    padding: '0 3px',
  },
  // Boneyard: dimmed, not struck through, over as many lines as it spans.
  '&.cm-markup .cm-fn-boneyard, .cm-md-inline-boneyard': { opacity: '0.4', textDecoration: 'none' },

  '&.cm-markup .cm-md-section': { color: 'var(--accent)', fontFamily: 'system-ui, sans-serif', fontWeight: '600' },
  '&.cm-markup .cm-md-section-1': { fontSize: '1.25em', textTransform: 'uppercase', letterSpacing: '0.05em' },
  '&.cm-markup .cm-md-section-2': { fontSize: '1.1em' },
  '&.cm-markup .cm-md-synopsis': {
    color: 'var(--muted)',
    fontFamily: 'system-ui, sans-serif',
    fontStyle: 'italic',
    borderLeft: '2px solid var(--border)',
    paddingLeft: '8px !important',
  },
  '&.cm-markup .cm-md-lyrics': { fontStyle: 'italic' },

  // ===: a dashed rule across the text column.
  '.cm-md-page-break': {
    display: 'inline-block',
    width: '100%',
    verticalAlign: 'middle',
    borderTop: '2px dashed var(--muted)',
    opacity: '0.6',
  },

  // The title page while the cursor is on it: its lines placed as printed.
  '&.cm-markup .cm-md-titleline-title': { textAlign: 'center', fontSize: '1.5em', fontWeight: 'bold', color: 'var(--page-fg)' },
  '&.cm-markup .cm-md-titleline-center': { textAlign: 'center', color: 'var(--page-fg)' },
  '&.cm-markup .cm-md-titleline-left': { textAlign: 'left', color: 'var(--page-fg)' },
  '&.cm-markup .cm-md-titleline-right': { textAlign: 'right', color: 'var(--page-fg)' },

  // The title page, drawn: a page of its own, title a third of the way down,
  // contact bottom left, draft date bottom right.
  // (No margins on blocks: the editor measures their height without them.)
  '.cm-md-title-page': { paddingBottom: '2em', cursor: 'text' },
  '.cm-md-tp-sheet': {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'space-between',
    minHeight: '34em',
    padding: '7em 0 2em',
    borderBottom: '1px dashed var(--border)',
  },
  '.cm-md-tp-top': { textAlign: 'center' },
  '.cm-md-tp-top .cm-md-tp-title': { fontSize: '1.6em', fontWeight: 'bold', lineHeight: '1.3', paddingBottom: '1.5em' },
  '.cm-md-tp-top .cm-md-tp-part + .cm-md-tp-part': { marginTop: '1.5em' },
  '.cm-md-tp-bottom': { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: '4ch', paddingTop: '4em' },
  '.cm-md-tp-left': { maxWidth: '62%' },
  '.cm-md-tp-right': { maxWidth: '45%' },
  '.cm-md-tp-bottom .cm-md-tp-part + .cm-md-tp-part': { marginTop: '1.5em' },

  // Dual dialogue: two speeches side by side, each in a half-width column.
  '.cm-md-dual': { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '3ch', paddingLeft: '2ch', cursor: 'text' },
  '.cm-md-dual-character': { textAlign: 'center', textTransform: 'uppercase' },
  '.cm-md-dual-parenthetical': { paddingLeft: '4ch', paddingRight: '2ch' },
});
