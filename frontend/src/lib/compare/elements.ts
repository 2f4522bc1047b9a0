/**
 * The screenplay layout of the compare view: each row already carries the
 * Fountain element type of its lines, as internal/fountain's parser found
 * them, so the view styles lines without classifying the texts again.
 */

/** Go's element types (internal/fountain ElementType) and the class suffix (fn-…) each is styled with. */
const classes: Readonly<Record<string, string>> = {
  scene_heading: 'scene',
  action: 'action',
  centered: 'centered',
  character: 'character',
  dialogue: 'dialogue',
  parenthetical: 'parenthetical',
  transition: 'transition',
  lyrics: 'lyrics',
  section: 'section',
  synopsis: 'synopsis',
  note: 'note',
  page_break: 'page-break',
};

/** The fn-… class suffix of an element type; '' for none (blank lines, the title page). */
export function elementClass(type: string | undefined): string {
  return (type && classes[type]) || '';
}
