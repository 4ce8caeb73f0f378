// The events the viewer's own parts (panels, compare bar) send to the shell, with their details in
// one typed map. They neither bubble nor leave the shadow root: the shell listens on the element
// itself, and the host page only sees the events the shell chooses to fire (canvas-change, search…).

import type { Region } from './deep-link.ts';

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
  /** Reading view: the lines to outline on the scan (the one pointed at or focused, the one being read). */
  'line-outline': { lines: { page: number; region: Region; current: boolean }[] };
  /** Reading view: the current line changed; the scan keeps it in view. */
  'line-reveal': { page: number; region: Region } | { page: undefined; region: undefined };
  /** Reading aloud came to the end of the shown pages: the shell turns to the next. */
  'read-next-page': Record<string, never>;
  /** Phone layout of the reading view: the scan, the text, or both. */
  'reading-layout': { layout: ReadingLayout };
}

export type ReadingLayout = 'image' | 'text' | 'both';

export type ViewerPartEvent<K extends keyof ViewerPartEvents> = CustomEvent<ViewerPartEvents[K]>;

export function emit<K extends keyof ViewerPartEvents>(from: HTMLElement, type: K, detail: ViewerPartEvents[K]): void {
  from.dispatchEvent(new CustomEvent(type, { detail }));
}
