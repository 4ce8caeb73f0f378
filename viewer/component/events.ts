// The events the viewer's own parts (panels, compare bar) send to the shell, with their details in
// one typed map. They neither bubble nor leave the shadow root: the shell listens on the element
// itself, and the host page only sees the events the shell chooses to fire (canvas-change, search…).

export interface ViewerPartEvents {
  /** A reader chose a page (in the contents; the thumbnail strip sends the same); the shell turns to it. */
  'page-select': { index: number };
  /** Something for the screen reader's live region, which belongs to the shell. */
  announce: { message: string };
  /** Compare mode: the page to show in the second view (of the compared item). */
  'compare-page': { index: number };
  /** Compare mode: whether the two views zoom and pan together. */
  'compare-sync': { sync: boolean };
  /** Compare mode: a manifest URL to compare with instead of this item. */
  'compare-open': { url: string };
}

export type ViewerPartEvent<K extends keyof ViewerPartEvents> = CustomEvent<ViewerPartEvents[K]>;

export function emit<K extends keyof ViewerPartEvents>(from: HTMLElement, type: K, detail: ViewerPartEvents[K]): void {
  from.dispatchEvent(new CustomEvent(type, { detail }));
}
