// What a manifest served by a Leeszaal server offers to take away, as IIIF `rendering` (alternative
// representations other viewers offer as downloads) and `seeAlso`: the book as PDF and as plain text,
// each page's text, and each page's ALTO (as received, or written from its PAGE XML or hOCR). The
// PDF and text are made on demand by the server, so a static host of the same data folder has no
// such URLs; the published manifest therefore leaves them out and the server adds them as it sends
// the manifest (withDownloads).
// Pure: works on the manifest's JSON.
import { trilingual } from './language-map.ts';
import type { PublicUrls } from './layout.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const LABELS = {
  pdf: { nl: 'Het hele boek als PDF (doorzoekbaar)', fr: 'Le livre entier en PDF (avec texte)', en: 'The whole book as PDF (searchable)' },
  bookText: { nl: 'De tekst van het boek (platte tekst)', fr: 'Le texte du livre (texte brut)', en: 'The text of the book (plain text)' },
  pageText: { nl: 'De tekst van deze pagina (platte tekst)', fr: 'Le texte de cette page (texte brut)', en: 'The text of this page (plain text)' },
  // Not "the source": for a page whose text came as PAGE XML or hOCR, the ALTO was written from it.
  alto: {
    nl: 'De tekst met zijn plaats op de pagina (ALTO)',
    fr: 'Le texte et sa place sur la page (ALTO)',
    en: 'The text and its place on the page (ALTO)',
  },
} as const;

export const ALTO_PROFILE = 'http://www.loc.gov/standards/alto/';

const text = (id: string, label: keyof typeof LABELS, format: string): JsonObject => ({
  id,
  type: 'Text',
  label: trilingual(LABELS[label]) as JsonObject,
  format,
});

const canvasKey = (id: unknown): string | undefined => (typeof id === 'string' ? /\/canvas\/([a-z0-9][a-z0-9_-]*)$/.exec(id)?.[1] : undefined);

/**
 * A copy of the manifest of `itemId` with the server's downloads: `rendering` of the book's PDF (and
 * its text when a page has text), and on each canvas with text its page text (`rendering`) and ALTO
 * (`seeAlso`). Entries already there under the same id are not repeated.
 */
export function withDownloads(manifest: JsonObject, itemId: string, urls: PublicUrls): JsonObject {
  const canvases = Array.isArray(manifest.items) ? manifest.items : [];
  let anyText = false;
  const items = canvases.map((c) => {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) return c;
    const key = canvasKey(c.id);
    if (key === undefined || !Array.isArray(c.annotations) || c.annotations.length === 0) return c;
    anyText = true;
    return {
      ...c,
      rendering: merged(c.rendering, [text(urls.pageText(itemId, key), 'pageText', 'text/plain')]),
      seeAlso: merged(c.seeAlso, [{ ...text(urls.alto(itemId, key), 'alto', 'application/xml'), type: 'Dataset', profile: ALTO_PROFILE }]),
    };
  });
  const book = [text(urls.pdf(itemId), 'pdf', 'application/pdf'), ...(anyText ? [text(urls.bookText(itemId), 'bookText', 'text/plain')] : [])];
  return { ...manifest, rendering: merged(manifest.rendering, book), items };
}

function merged(existing: Json | undefined, add: JsonObject[]): Json[] {
  const list = Array.isArray(existing) ? existing : [];
  const ids = new Set(list.map((e) => (e !== null && typeof e === 'object' && !Array.isArray(e) ? e.id : undefined)));
  return [...list, ...add.filter((a) => !ids.has(a.id))];
}
