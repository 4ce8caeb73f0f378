// The letters of early print that the reading view's own font, a subset of Noto Serif, is there
// for: the superscript e (U+0364, "Aufklaͤrung"), long s, r rotunda and the ligatures of
// manifests/modern-spelling.ts. Few devices have a face that draws the superscript e, so a page whose
// printed text holds one of these is set in the bundled face; any other page keeps the system's
// serif and never downloads it. The face holds the whole Latin alphabet too, not only these letters:
// a browser draws a letter and its combining mark from one font, so "a" + U+0364 needs both in it.
// Pure, shared by the view (text-view.ts, print-font.ts) and the script that makes the subset.
import { MODERN_LETTERS } from '../../../manifests/modern-spelling.ts';

/** Code point ranges (inclusive) kept in the subset and named in its unicode-range. */
export const PRINT_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0x17f], // Latin-1 and Latin Extended-A, ending with long s (ſ)
  [0x300, 0x36f], // combining marks, with the superscript vowels of early print (U+0363–U+036F)
  [0x1dc0, 0x1dff], // combining marks supplement (more superscript letters of early print)
  [0x2010, 0x205e], // dashes, quotation marks („ ‚), daggers and other punctuation
  [0x2e17, 0x2e17], // the double oblique hyphen of Fraktur (⸗)
  [0xa720, 0xa7ff], // Latin Extended-D, with r rotunda (ꝛ)
  [0xfb00, 0xfb06], // Latin ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ)
];

const hex = (n: number) => n.toString(16).toUpperCase();

/** The ranges as a CSS unicode-range value. */
export const PRINT_UNICODE_RANGE = PRINT_RANGES.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(', ');

/** Letters that ask for the bundled face: the historical letterforms modern spelling replaces, and the superscript vowels. */
const HISTORICAL = new RegExp(`[${Object.keys(MODERN_LETTERS).join('')}\\u0363-\\u036f\\u1dd3-\\u1df4]`, 'u');

/** Whether any of these texts (a page's lines as shown) holds a letter only the bundled face is sure to draw. */
export function needsPrintFont(texts: readonly string[]): boolean {
  return texts.some((t) => HISTORICAL.test(t));
}
