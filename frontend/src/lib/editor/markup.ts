/**
 * Live preview of Fountain in the editor: the file stays plain Fountain,
 * and its markup is rendered with decorations (./markup-inline for the
 * visible lines, ./markup-blocks for the title page and dual dialogue),
 * with a toggle back to the raw text (./markup-toggle).
 */
import type { EditorState, Extension } from '@codemirror/state';
import { markupBlockFields } from './markup-blocks';
import { markupInline } from './markup-inline';
import { markupTheme } from './markup-theme';
import { markupToggle } from './markup-toggle';
import { titlePageOf } from './title-page';

/** Options of the rendered markup. */
export interface MarkupOptions {
  /** Start with the raw Fountain shown. */
  readonly raw?: boolean;
  /** Told when the writer switches between rendered and raw. */
  readonly onchange?: (raw: boolean) => void;
}

/** Fountain's markup rendered in the editor, with Ctrl+Shift+R to show the raw text. */
export function renderedMarkup(opts: MarkupOptions = {}): Extension {
  return [markupToggle(opts.raw ?? false, opts.onchange), markupBlockFields, markupInline, markupTheme];
}

/**
 * Where the script itself starts: the first line of text after the title
 * page (0 without one). The editor opens there, so that the title page
 * shows as a title page.
 */
export function scriptStart(state: EditorState): number {
  const tp = titlePageOf(state);
  if (!tp) return 0;
  const doc = state.doc;
  for (let n = tp.lastLine + 1; n <= doc.lines; n++) if (doc.line(n).text.trim() !== '') return doc.line(n).from;
  return doc.length;
}
