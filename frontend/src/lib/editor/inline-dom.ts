/**
 * A line of Fountain as rendered DOM, for the widgets that replace lines
 * (the title page, dual dialogue): emphasis as styled spans without its
 * marks, inline notes as notes without their brackets.
 */
import { emphasis } from './emphasis';

/** The classes of an emphasis run. */
export function emphasisClass(r: { bold: boolean; italic: boolean; underline: boolean }): string {
  return [r.bold && 'cm-md-bold', r.italic && 'cm-md-italic', r.underline && 'cm-md-underline'].filter(Boolean).join(' ');
}

/** Appends text, rendered, to parent. */
export function appendInline(parent: HTMLElement, text: string): void {
  const doc = parent.ownerDocument;
  const notes = [...text.matchAll(/\[\[([\s\S]*?)\]\]/g)];
  let at = 0;
  const plain = (from: number, to: number) => {
    if (to <= from) return;
    const e = emphasis(text, from, to);
    // Every position either starts a hidden mark, a run, or plain text.
    let i = from;
    let m = 0;
    let r = 0;
    while (i < to) {
      while (r < e.runs.length && e.runs[r].to <= i) r++;
      if (m < e.marks.length && e.marks[m][0] === i) {
        i = e.marks[m++][1];
        continue;
      }
      const run = r < e.runs.length && e.runs[r].from <= i && i < e.runs[r].to ? e.runs[r] : null;
      let end = run ? run.to : to;
      if (!run && r < e.runs.length) end = Math.min(end, e.runs[r].from);
      if (m < e.marks.length) end = Math.min(end, e.marks[m][0]);
      const s = text.slice(i, end);
      if (run) {
        const span = doc.createElement('span');
        span.className = emphasisClass(run);
        span.textContent = s;
        parent.appendChild(span);
      } else parent.appendChild(doc.createTextNode(s));
      i = end;
    }
  };
  for (const n of notes) {
    plain(at, n.index);
    const span = doc.createElement('span');
    span.className = 'cm-md-inline-note';
    span.textContent = n[1];
    parent.appendChild(span);
    at = n.index + n[0].length;
  }
  plain(at, text.length);
}
