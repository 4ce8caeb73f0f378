// What an item offers to take away, read from the manifest the server sent, and the URLs that ask for
// it. A Leeszaal server names its downloads in `rendering` (the book's PDF and text; each canvas's
// text) and `seeAlso` (each canvas's ALTO); a static host of the same data folder names none, so
// nothing here is offered there and no link leads nowhere. Only the Leeszaal PDF (found by its
// `/downloads/<item>/book.pdf` path) takes a page range, size and language, and only where it is do
// the citation files beside it exist. Pure: no DOM, no fetch.
import type { Download, ManifestModel, Page } from './manifest-model.ts';
import type { Lang } from './i18n.ts';

/** Long sides a reader can choose for the PDF's page images: for the screen, for print, the largest the server gives. */
export const PDF_SIZES = [1000, 2000, 'max'] as const;
export type PdfSize = (typeof PDF_SIZES)[number];
export const DEFAULT_PDF_SIZE: PdfSize = 1000;

export const CITATION_FORMATS = ['ris', 'bib', 'json'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export interface BookDownloads {
  /** The Leeszaal book PDF, which takes `size`, `pages` and `lang` (pdfUrl). */
  pdf?: string;
  /** The book's text as printed; `?spelling=modern` gives it in modern spelling. */
  text?: string;
  /** The citation files beside a Leeszaal PDF. */
  citations?: Record<CitationFormat, string>;
  /** What else the manifest offers, linked as it is. */
  other: Download[];
}

export interface PageDownloads {
  /** The page's text as printed; `?spelling=modern` gives it in modern spelling. */
  text?: string;
  alto?: string;
  other: Download[];
}

const LEESZAAL_PDF = /^(https?:\/\/[^?#]+\/downloads\/[a-z0-9][a-z0-9_-]*)\/book\.pdf$/;
const LEESZAAL_BOOK_TEXT = /^https?:\/\/[^?#]+\/downloads\/[a-z0-9][a-z0-9_-]*\/book\.txt$/;
const LEESZAAL_PAGE_TEXT = /^https?:\/\/[^?#]+\/downloads\/[a-z0-9][a-z0-9_-]*\/pages\/[a-z0-9][a-z0-9_-]*\.txt$/;

/** Sorts the manifest's `rendering` into what a Leeszaal server makes and anything else. */
export function bookDownloads(rendering: readonly Download[]): BookDownloads {
  const out: BookDownloads = { other: [] };
  for (const r of rendering) {
    const pdf = LEESZAAL_PDF.exec(r.id);
    if (pdf && out.pdf === undefined && r.format === 'application/pdf') {
      out.pdf = r.id;
      const folder = pdf[1]!;
      out.citations = { ris: `${folder}/citation.ris`, bib: `${folder}/citation.bib`, json: `${folder}/citation.json` };
    } else if (out.text === undefined && r.format === 'text/plain' && LEESZAAL_BOOK_TEXT.test(r.id)) out.text = r.id;
    else out.other.push(r);
  }
  return out;
}

/** The same for one canvas: its text (`rendering`) and its source ALTO (`seeAlso`). */
export function pageDownloads(page: Pick<Page, 'rendering' | 'alto'>): PageDownloads {
  const out: PageDownloads = { other: [] };
  for (const r of page.rendering ?? []) {
    if (out.text === undefined && r.format === 'text/plain' && LEESZAAL_PAGE_TEXT.test(r.id)) out.text = r.id;
    else out.other.push(r);
  }
  if (page.alto) out.alto = page.alto.id;
  return out;
}

/** A text download as printed or in modern spelling, its header labelled in the reader's language (`lang`). */
export const textUrl = (url: string, lang: Lang, spelling: 'printed' | 'modern' = 'printed'): string =>
  withParams(url, { ...(spelling === 'modern' ? { spelling } : {}), lang });

export interface PdfChoice {
  /** First and last page, 0-based indices into the manifest's pages; in either order. */
  from: number;
  to: number;
  size: PdfSize;
  lang: Lang;
}

/** The first and last page (0-based, first ≤ last, within the book) a choice stands for. */
export function pdfRange(choice: Pick<PdfChoice, 'from' | 'to'>, pageCount: number): [number, number] {
  const clamp = (i: number) => Math.min(Math.max(0, Math.trunc(Number.isFinite(i) ? i : 0)), Math.max(0, pageCount - 1));
  const a = clamp(choice.from);
  const b = clamp(choice.to);
  return a <= b ? [a, b] : [b, a];
}

/**
 * `book.pdf?size=…&pages=…&lang=…`: pages as 1-based positions in the manifest's order, which is
 * what the server counts (server/downloads/pdf-request.ts); left out for the whole book, which is
 * then named as the book itself.
 */
export function pdfUrl(pdf: string, choice: PdfChoice, pageCount: number): string {
  const [first, last] = pdfRange(choice, pageCount);
  const whole = first === 0 && last === pageCount - 1;
  return withParams(pdf, { size: String(choice.size), ...(whole ? {} : { pages: `${first + 1}-${last + 1}` }), lang: choice.lang });
}

/** Whether the manifest offers anything at all for the book, beyond its images. */
export const offersBookDownloads = (model: Pick<ManifestModel, 'rendering'>): boolean => model.rendering.length > 0;

function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}
