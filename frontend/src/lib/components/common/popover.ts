/**
 * A menu that opens under a button in a toolbar: toolbars clip what
 * overflows them (so that they never wrap), which would clip the menu too.
 * The action moves the menu to the end of the page's body and places it
 * fixed under its anchor, on the anchor's left edge or, when it would run
 * off the window, its right edge; again when the window is resized or
 * anything scrolls.
 */
export function popover(node: HTMLElement, anchor: HTMLElement | undefined) {
  let at = anchor;
  const place = () => {
    if (!at) return;
    const r = at.getBoundingClientRect();
    node.style.position = 'fixed';
    node.style.top = `${Math.round(r.bottom + 2)}px`;
    const width = node.offsetWidth;
    const left = r.left + width > window.innerWidth - 8 ? Math.max(8, r.right - width) : r.left;
    node.style.left = `${Math.round(left)}px`;
  };
  document.body.appendChild(node);
  place();
  window.addEventListener('resize', place);
  window.addEventListener('scroll', place, true);
  return {
    update(next: HTMLElement | undefined) {
      at = next;
      place();
    },
    destroy() {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
      node.remove();
    },
  };
}
