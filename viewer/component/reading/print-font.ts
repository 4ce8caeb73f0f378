// The bundled face for early print (see print-letters.ts) made known to the page. A font declared in a
// shadow root's styles is ignored, so the face is added to the document's own font set, once. Adding
// it downloads nothing: the browser fetches the file the first time text set in the face is drawn,
// which the text view does only for printed text holding such letters. Vite makes the file a hashed
// asset of the site, and inlines it into the embeddable viewer, which has no place of its own to put
// a file next to (see docs/viewer.md).
import { PRINT_UNICODE_RANGE } from './print-letters.ts';

/** The family name the text view's styles ask for. */
export const PRINT_FAMILY = 'Leeszaal Print';

export function addPrintFont(): void {
  if (typeof FontFace === 'undefined' || [...document.fonts].some((f) => f.family === PRINT_FAMILY || f.family === `"${PRINT_FAMILY}"`)) return;
  const url = new URL('./fonts/print.woff2', import.meta.url).href;
  document.fonts.add(new FontFace(PRINT_FAMILY, `url("${url}") format("woff2")`, { unicodeRange: PRINT_UNICODE_RANGE, display: 'swap' }));
}
