/**
 * CodeMirror side of comments: a mark in the page's left margin on each line
 * where a thread starts (a dot for unread ones), clicking it opens the
 * thread; and Ctrl/Cmd+Alt+M to comment on the selection.
 */
import { StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, keymap, type DecorationSet } from '@codemirror/view';
import type { LineMark } from './anchor';

/** Replaces the comment marks (lines of the current document). */
export const setCommentMarks = StateEffect.define<readonly LineMark[]>();

export interface CommentMarkerOptions {
  /** A mark was clicked: the threads starting on its line. */
  onopen: (threads: readonly string[]) => void;
  /** The shortcut was pressed; return false when there is nothing to comment on. */
  oncompose: () => boolean;
  /** The title of a mark, e.g. "2 comments". */
  title: (threads: number, unread: boolean) => string;
}

class MarkWidget extends WidgetType {
  constructor(
    readonly mark: LineMark,
    readonly opts: CommentMarkerOptions,
  ) {
    super();
  }

  eq(other: MarkWidget): boolean {
    const a = this.mark;
    const b = other.mark;
    return a.unread === b.unread && a.resolved === b.resolved && a.threads.join() === b.threads.join();
  }

  toDOM(): HTMLElement {
    const el = document.createElement('button');
    el.className = 'cm-comment-mark';
    el.classList.toggle('unread', this.mark.unread);
    el.classList.toggle('resolved', this.mark.resolved);
    el.dataset.testid = 'comment-marker';
    el.dataset.line = String(this.mark.line);
    el.tabIndex = -1;
    el.title = this.opts.title(this.mark.threads.length, this.mark.unread);
    el.setAttribute('aria-label', el.title);
    el.textContent = this.mark.threads.length > 1 ? String(this.mark.threads.length) : '';
    el.addEventListener('mousedown', (e) => {
      e.preventDefault();
      e.stopPropagation();
      this.opts.onopen(this.mark.threads);
    });
    return el;
  }

  ignoreEvent(): boolean {
    return true;
  }
}

const hostLine = Decoration.line({ class: 'cm-comment-line' });

function build(marks: readonly LineMark[], opts: CommentMarkerOptions, doc: EditorView['state']['doc']): DecorationSet {
  const out: Range<Decoration>[] = [];
  for (const m of marks) {
    if (m.line < 1 || m.line > doc.lines) continue;
    const from = doc.line(m.line).from;
    out.push(hostLine.range(from));
    out.push(Decoration.widget({ widget: new MarkWidget(m, opts), side: -1 }).range(from));
  }
  return Decoration.set(out, true);
}

/** The comment marks and shortcut; update the marks with setCommentMarks. */
export function commentMarkers(opts: CommentMarkerOptions): Extension {
  const field = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(set, tr) {
      set = set.map(tr.changes);
      for (const e of tr.effects) if (e.is(setCommentMarks)) set = build(e.value, opts, tr.state.doc);
      return set;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return [
    field,
    keymap.of([{ key: 'Mod-Alt-m', preventDefault: true, run: () => opts.oncompose() }]),
    EditorView.baseTheme({
      '.cm-comment-line': { position: 'relative' },
      '.cm-comment-mark': {
        position: 'absolute',
        left: '-11ch',
        top: '0.2em',
        width: '2.4ch',
        height: '1.1em',
        minWidth: '18px',
        padding: '0',
        border: 'none',
        borderRadius: '4px 4px 4px 0',
        background: '#e0b33a',
        color: '#1d1d1f',
        font: '600 10px/1.1em system-ui, sans-serif',
        textAlign: 'center',
        cursor: 'pointer',
        opacity: '0.85',
      },
      '.cm-comment-mark:hover': { opacity: '1' },
      '.cm-comment-mark.resolved': { background: '#b9b7b0', opacity: '0.6' },
      '.cm-comment-mark.unread::after': {
        content: '""',
        position: 'absolute',
        right: '-4px',
        top: '-4px',
        width: '8px',
        height: '8px',
        borderRadius: '50%',
        background: '#d93025',
      },
    }),
  ];
}
