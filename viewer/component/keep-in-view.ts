// How far to pan so a box (the line being read) is inside the view: the least move that brings it
// in, a little margin kept from the edges when the box fits with it, none when it is already inside.
// The deep-zoom stage asks after a zoom (toolbar, wheel, pinch or keyboard) ends and when the line
// moves, so the reader never loses the line to a zoom, and a pan the reader makes is left alone.
// Pure: world coordinates in, a shift out, so the cases are unit-tested.
import type { Region } from './deep-link.ts';

/** Share of the view's size kept free on each side of a box that fits with it. */
export const MARGIN = 0.04;

/** The shift of the view (add to its x and y) that brings `box` inside `view`; {0, 0} when it is. */
export function leastPan(view: Region, box: Region, margin = MARGIN): { dx: number; dy: number } {
  return { dx: along(view.x, view.w, box.x, box.w, margin), dy: along(view.y, view.h, box.y, box.h, margin) };
}

/**
 * One axis. A box already inside stays. A box that fits is brought just inside (with the margin when it fits with it); a box
 * longer than the view is made to fill it, the least move either way, so as much of it shows as can.
 */
function along(start: number, size: number, boxStart: number, boxSize: number, margin: number): number {
  if (boxStart >= start && boxStart + boxSize <= start + size) return 0;
  const m = boxSize + 2 * margin * size <= size ? margin * size : 0;
  const low = boxStart - m;
  const high = boxStart + boxSize + m;
  if (high - low <= size) {
    if (low < start) return low - start;
    if (high > start + size) return high - (start + size);
    return 0;
  }
  // Longer than the view: the view stays within the box.
  if (start < low) return low - start;
  if (start + size > high) return high - (start + size);
  return 0;
}
