// Which canvases another IIIF viewer shows when it opens a manifest at one canvas, left to right,
// for the checks that compare what it painted with the scans: a `paged` book opens at a spread (its
// first canvas, the cover, alone, then pairs, the last one alone when it has no partner), as Mirador
// 4's book view and Universal Viewer 4's two-up view do; any other manifest shows the canvas alone.

export interface Book {
  behavior: readonly string[];
  viewingDirection: string;
  canvases: number;
}

/** Indexes of the canvases shown beside one another when `book` is opened at canvas `index`, left first. */
export function shownTogether(book: Book, index: number): number[] {
  if (!Number.isInteger(index) || index < 0 || index >= book.canvases) throw new RangeError(`canvas ${index} of ${book.canvases}`);
  if (!book.behavior.includes('paged') || index === 0) return [index];
  const first = index % 2 === 1 ? index : index - 1;
  const pair = first + 1 < book.canvases ? [first, first + 1] : [first];
  return book.viewingDirection === 'right-to-left' ? pair.reverse() : pair;
}
