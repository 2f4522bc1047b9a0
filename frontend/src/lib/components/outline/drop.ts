/**
 * Where a dragged card drops: pure geometry over the boxes of the outline's
 * items, so it can be tested without a browser.
 */

/** An item's box on screen. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Where a card drops: next to item index, before or after it; slot is the outline slot (0..items). */
export interface Drop {
  readonly index: number;
  readonly after: boolean;
  readonly slot: number;
}

/**
 * The drop for the point (x, y) among boxes (in outline order): the item
 * the point is over or nearest to (its row first, then across); a card's
 * left half drops before it and its right half after; an item that spans
 * the row (a section header) splits into top and bottom halves instead.
 * Returns null when there are no items.
 */
export function dropAt(boxes: readonly Box[], x: number, y: number): Drop | null {
  let best = -1;
  let bestDy = Infinity;
  let bestDx = Infinity;
  boxes.forEach((b, i) => {
    const dy = y < b.top ? b.top - y : y > b.bottom ? y - b.bottom : 0;
    const dx = x < b.left ? b.left - x : x > b.right ? x - b.right : 0;
    if (dy < bestDy || (dy === bestDy && dx < bestDx)) {
      best = i;
      bestDy = dy;
      bestDx = dx;
    }
  });
  if (best < 0) return null;
  const b = boxes[best];
  const wide = b.right - b.left > 2.5 * (b.bottom - b.top);
  const after = wide ? y > (b.top + b.bottom) / 2 : x > (b.left + b.right) / 2;
  return { index: best, after, slot: best + (after ? 1 : 0) };
}

/** How far (px) the pointer moves before a press becomes a drag. */
export const DRAG_THRESHOLD = 5;
