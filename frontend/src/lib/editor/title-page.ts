/**
 * The title page at the top of a script (`Key: value` lines, values going on
 * in indented lines), read from the layout's line kinds, and drawn as the
 * PDF export prints it (internal/pdf/pdf_title.go): the title centered (in
 * capitals when it is one line), credit, author and source under it, contact and copyright at
 * the bottom left, draft date and notes at the bottom right.
 */
import type { EditorState } from '@codemirror/state';
import { EditorView, WidgetType } from '@codemirror/view';
import { lineKinds } from './fountain-language';
import { appendInline } from './inline-dom';

/** Where a field goes on the printed title page ('other' fields are not printed). */
export type TitlePlace = 'title' | 'center' | 'left' | 'right' | 'other';

/** One field of the title page. */
export interface TitleField {
  readonly key: string;
  /** Offset of the value in the key's line (after "Key:" and spaces). */
  readonly valueAt: number;
  /** The value's lines, trimmed, the first one from the key's line ('' when the key stands alone). */
  readonly lines: readonly string[];
  /** 1-based number of the key's line. */
  readonly line: number;
  /** Whether the value starts on the key's line (else on the next). */
  readonly onKeyLine: boolean;
  readonly place: TitlePlace;
}

/** The title page: its fields, and [from, to] of its lines in the document. */
export interface TitlePage {
  readonly from: number;
  readonly to: number;
  /** 1-based number of the last line of the title page. */
  readonly lastLine: number;
  readonly fields: readonly TitleField[];
}

const places: Readonly<Record<string, TitlePlace>> = {
  title: 'title',
  credit: 'center',
  author: 'center',
  authors: 'center',
  source: 'center',
  contact: 'left',
  copyright: 'left',
  'draft date': 'right',
  draft_date: 'right',
  date: 'right',
  notes: 'right',
};

/** The place on the printed page of a field called key. */
export function placeOf(key: string): TitlePlace {
  return places[key.trim().toLowerCase()] ?? 'other';
}

/** The title page of state's document, or null when it has none. Looks at the title page's lines only. */
export function titlePageOf(state: EditorState): TitlePage | null {
  const kinds = state.field(lineKinds, false);
  if (!kinds || kinds[0] !== 'title-key') return null;
  const doc = state.doc;
  const fields: { key: string; valueAt: number; lines: string[]; line: number; onKeyLine: boolean; place: TitlePlace }[] = [];
  let n = 1;
  for (; n <= doc.lines && (kinds[n - 1] === 'title-key' || kinds[n - 1] === 'title-value'); n++) {
    const text = doc.line(n).text;
    const colon = text.indexOf(':');
    if (kinds[n - 1] === 'title-key' && colon > 0) {
      let valueAt = colon + 1;
      while (valueAt < text.length && /\s/.test(text[valueAt])) valueAt++;
      const key = text.slice(0, colon).trim();
      const value = text.slice(valueAt).trim();
      fields.push({ key, valueAt, lines: value ? [value] : [], line: n, onKeyLine: value !== '', place: placeOf(key) });
    } else if (fields.length > 0) {
      fields[fields.length - 1].lines.push(text.trim());
    }
  }
  const lastLine = n - 1;
  return { from: 0, to: doc.line(lastLine).to, lastLine, fields };
}

/** The field that line n (1-based) belongs to, on title page tp. */
export function fieldAt(tp: TitlePage, n: number): TitleField | null {
  let f: TitleField | null = null;
  for (const x of tp.fields) if (x.line <= n) f = x;
  return f;
}

/** The title page drawn as printed; a click on a line puts the cursor at its end, which shows the text. */
export class TitlePageWidget extends WidgetType {
  private readonly key: string;

  constructor(readonly fields: readonly TitleField[]) {
    super();
    this.key = JSON.stringify(fields);
  }

  eq(other: TitlePageWidget): boolean {
    return other.key === this.key;
  }

  toDOM(view: EditorView): HTMLElement {
    const d = view.dom.ownerDocument;
    const block = (cls: string) => {
      const b = d.createElement('div');
      b.className = cls;
      return b;
    };
    // The space under the sheet is padding: the editor measures blocks
    // without their margins.
    const page = block('cm-md-title-page');
    page.setAttribute('data-testid', 'title-page');
    const sheet = block('cm-md-tp-sheet');
    page.appendChild(sheet);
    const top = block('cm-md-tp-top');
    const bottom = block('cm-md-tp-bottom');
    const left = block('cm-md-tp-left');
    const right = block('cm-md-tp-right');
    bottom.append(left, right);
    sheet.append(top, bottom);
    const first = this.fields[0]?.line ?? 1;
    for (const f of this.fields) {
      if (f.place === 'other' || f.lines.length === 0) continue;
      const parent = f.place === 'left' ? left : f.place === 'right' ? right : top;
      const part = block(`cm-md-tp-part cm-md-tp-${f.place === 'title' ? 'title' : f.key.trim().toLowerCase().replace(/[^a-z]+/g, '-')}`);
      // The value's lines: on the key's line when it has one, else from the next.
      const offset = f.onKeyLine ? 0 : 1;
      f.lines.forEach((text, i) => {
        const l = block('cm-md-tp-line');
        l.dataset.line = String(f.line - first + i + offset);
        // A one-line title prints in capitals; one of several lines as typed.
        appendInline(l, f.place === 'title' && f.lines.length === 1 ? text.toUpperCase() : text);
        if (text === '') l.append('\u00a0');
        part.appendChild(l);
      });
      parent.appendChild(part);
    }
    page.addEventListener('mousedown', (e) => {
      const target = (e.target as HTMLElement).closest<HTMLElement>('[data-line]');
      e.preventDefault();
      const from = view.posAtDOM(page);
      const doc = view.state.doc;
      const n = Math.min(doc.lineAt(from).number + Number(target?.dataset.line ?? 0), doc.lines);
      view.dispatch({ selection: { anchor: doc.line(n).to } });
      view.focus();
    });
    return page;
  }

  ignoreEvent(): boolean {
    return true;
  }

  get estimatedHeight(): number {
    return 560;
  }
}
