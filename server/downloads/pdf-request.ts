// The options of a book PDF as a reader asks for them (`?size=2000&pages=3-40&lang=nl`), parsed once:
// the long side of the page images in pixels, within PDF_MAX_SIZE (`max` for PDF_MAX_SIZE itself, so
// a client need not know the server's limit to ask for the best it gives), a range of pages counted
// from 1 in reading order, within the book, and the language of the first page's labels. Anything
// else is a 400 that names the parameter.
import { badRequest } from '../errors.ts';

export interface PdfRequest {
  /** Longest side of each page image, in pixels. */
  size: number;
  /** First and last page, 1-based and inclusive. */
  first: number;
  last: number;
  /** Language of the first page's labels. */
  lang: PdfLang;
}

export const PDF_LANGS = ['nl', 'fr', 'en'] as const;
export type PdfLang = (typeof PDF_LANGS)[number];
/** English, as before `lang` existed, so links made then still give the same file. */
const DEFAULT_PDF_LANG: PdfLang = 'en';

export const DEFAULT_PDF_SIZE = 1500;
const MIN_PDF_SIZE = 200;
const KNOWN = new Set(['size', 'pages', 'lang']);

/** Reads `query` for a book of `pageCount` pages; throws a 400 HttpError naming the bad parameter. */
export function parsePdfRequest(query: Record<string, unknown>, pageCount: number, maxSize: number): PdfRequest {
  for (const name of Object.keys(query)) {
    if (!KNOWN.has(name)) throw badRequest(`${name.slice(0, 50)}: unknown parameter; use size, pages and lang`);
  }
  const size = query.size === undefined ? Math.min(DEFAULT_PDF_SIZE, maxSize) : query.size === 'max' ? maxSize : whole('size', query.size);
  if (size < MIN_PDF_SIZE || size > maxSize) throw badRequest(`size: must be between ${MIN_PDF_SIZE} and ${maxSize} pixels (got ${size})`);
  const lang = query.lang ?? DEFAULT_PDF_LANG;
  if (!(PDF_LANGS as readonly unknown[]).includes(lang)) throw badRequest('lang: must be nl, fr or en');
  const common = { size, lang: lang as PdfLang };
  if (query.pages === undefined) return { ...common, first: 1, last: pageCount };
  if (typeof query.pages !== 'string') throw badRequest('pages: give one range, such as 3-40');
  const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(query.pages.trim());
  if (!m) throw badRequest(`pages: ${JSON.stringify(query.pages.slice(0, 50))} is not a page or a range such as 3-40`);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || last > pageCount || first > last) {
    throw badRequest(`pages: ${first}-${last} is not a range within the book's ${pageCount} page${pageCount === 1 ? '' : 's'}`);
  }
  return { ...common, first, last };
}

function whole(name: string, value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value.trim())) throw badRequest(`${name}: must be a whole number of pixels or max`);
  return Number(value);
}
