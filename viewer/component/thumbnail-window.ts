// Which thumbnails of a long strip to put in the DOM: only those in view plus a margin, so a book
// of a thousand pages costs as much as one of twenty. Pure arithmetic for the thumbnail strip.
export interface Window {
  first: number;
  /** One past the last index to render. */
  end: number;
}

export function visibleWindow(scrollStart: number, viewportSize: number, itemSize: number, count: number, overscan = 4): Window {
  if (count <= 0 || itemSize <= 0) return { first: 0, end: 0 };
  const firstVisible = Math.floor(Math.max(0, scrollStart) / itemSize);
  const lastVisible = Math.ceil((Math.max(0, scrollStart) + Math.max(0, viewportSize)) / itemSize);
  return { first: Math.max(0, firstVisible - overscan), end: Math.min(count, lastVisible + overscan) };
}

/** Scroll offset that brings an item fully into view, or undefined when it already is. */
export function scrollToReveal(index: number, scrollStart: number, viewportSize: number, itemSize: number): number | undefined {
  const start = index * itemSize;
  if (start < scrollStart) return start;
  if (start + itemSize > scrollStart + viewportSize) return start + itemSize - viewportSize;
  return undefined;
}
