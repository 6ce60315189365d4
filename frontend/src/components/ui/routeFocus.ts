// Moves focus to the new page's h1 after a client-side navigation, so that
// screen reader and keyboard users start at the top of the new content. A
// loading placeholder heading keeps the request open until the real page's
// heading mounts.

let pending = false;

function mainHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('main h1');
}

/** Called by the layout when the path changes (not on the first load). */
export function requestHeadingFocus() {
  pending = true;
  const h = mainHeading();
  if (h) focusHeading(h);
}

/** Called by every page heading when it mounts. */
export function headingMounted(el: HTMLElement) {
  if (pending) focusHeading(el);
}

function focusHeading(el: HTMLElement) {
  el.focus({ preventScroll: false });
  pending = el.dataset.placeholder === 'true';
}

/** For tests. */
export function resetHeadingFocus() {
  pending = false;
}
