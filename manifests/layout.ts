// Where everything lives: the data folder's paths and the public URLs that name them.
// The data folder is laid out exactly as its URLs (`<data>/iiif/...` is `<base>/iiif/...`), so any
// static web server can serve it as IIIF level 0; ingest, server and search all go through here so
// the two never drift apart.
import path from 'node:path';

/** Item ids and page keys: safe as one path segment and one URL segment, no encoding needed. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,127}$/;
/** Image ids add `.` (hash suffixes) but still never `..`, `/` or `\`. */
export const IMAGE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$/;

export function isSafeId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function isSafeImageId(id: string): boolean {
  return IMAGE_ID_PATTERN.test(id) && !id.includes('..');
}

function assertId(kind: string, id: string, safe: (s: string) => boolean): string {
  if (!safe(id)) throw new Error(`unsafe ${kind} ${JSON.stringify(id)}`);
  return id;
}

/** Paths inside one data folder. Every argument is checked, so no call can leave the folder. */
export function dataPaths(dataDir: string) {
  const root = path.resolve(dataDir);
  const item = (id: string) => assertId('item id', id, isSafeId);
  const image = (id: string) => assertId('image id', id, isSafeImageId);
  return {
    root,
    iiif: path.join(root, 'iiif'),
    /** Tiles, sizes and info.json of one image: `iiif/image/<imageId>/`. */
    imageDir: (imageId: string) => path.join(root, 'iiif', 'image', image(imageId)),
    /** Pyramidal tiled TIFF the server renders arbitrary level-2 requests from. */
    derivative: (imageId: string) => path.join(root, 'derivatives', `${image(imageId)}.tif`),
    presentation: path.join(root, 'iiif', 'presentation'),
    collection: path.join(root, 'iiif', 'presentation', 'collection.json'),
    itemDir: (itemId: string) => path.join(root, 'iiif', 'presentation', item(itemId)),
    manifest: (itemId: string) => path.join(root, 'iiif', 'presentation', item(itemId), 'manifest.json'),
    /** Full-text AnnotationPage of one page (`supplementing` lines). */
    textPage: (itemId: string, pageKey: string) => path.join(root, 'iiif', 'presentation', item(itemId), 'annotations', `${item(pageKey)}.json`),
    /** IIIF Change Discovery 1.0 OrderedCollection and its pages. */
    discovery: path.join(root, 'iiif', 'discovery'),
    /** Source metadata copy and the normalised `record.json` of one item. */
    recordDir: (itemId: string) => path.join(root, 'records', item(itemId)),
    record: (itemId: string) => path.join(root, 'records', item(itemId), 'record.json'),
    /** The ALTO file a page's full text was read from, published as received. */
    alto: (itemId: string, pageKey: string) => path.join(root, 'records', item(itemId), 'alto', `${item(pageKey)}.xml`),
    /** Search index files (the embedded engine's SQLite database). */
    search: path.join(root, 'search'),
    /** Private state: ingest bookkeeping, activity log, staging area. Never served. */
    state: path.join(root, '.leeszaal'),
    /** A withdrawn item's published files, moved aside whole so that restoring it puts them back. */
    withdrawn: (itemId: string) => path.join(root, '.leeszaal', 'withdrawn', item(itemId)),
    /** Every published version of an item's record, and its unpublished draft, kept by the item editor. */
    history: (itemId: string) => path.join(root, '.leeszaal', 'history', item(itemId)),
    draft: (itemId: string) => path.join(root, '.leeszaal', 'drafts', `${item(itemId)}.json`),
    /** PDFs the server built on demand, kept for the next reader; private like the rest of `.leeszaal/`. */
    pdfCache: path.join(root, '.leeszaal', 'cache', 'pdf'),
  };
}

export type DataPaths = ReturnType<typeof dataPaths>;

/** Public URLs under one base (`PUBLIC_BASE_URL`, no trailing slash). */
export function publicUrls(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');
  const pres = `${base}/iiif/presentation`;
  return {
    base,
    collection: `${pres}/collection.json`,
    manifest: (itemId: string) => `${pres}/${itemId}/manifest.json`,
    canvas: (itemId: string, pageKey: string) => `${pres}/${itemId}/canvas/${pageKey}`,
    paintingPage: (itemId: string, pageKey: string) => `${pres}/${itemId}/page/${pageKey}`,
    paintingAnnotation: (itemId: string, pageKey: string) => `${pres}/${itemId}/annotation/${pageKey}-image`,
    textPage: (itemId: string, pageKey: string) => `${pres}/${itemId}/annotations/${pageKey}.json`,
    /** One full-text line annotation; the line id (from ALTO) is percent-encoded. */
    textAnnotation: (itemId: string, pageKey: string, lineId: string) => `${pres}/${itemId}/annotation/${pageKey}-line-${encodeURIComponent(lineId)}`,
    /** One full-text block (paragraph) annotation; the block id (from ALTO) is percent-encoded. */
    textBlockAnnotation: (itemId: string, pageKey: string, blockId: string) =>
      `${pres}/${itemId}/annotation/${pageKey}-block-${encodeURIComponent(blockId)}`,
    range: (itemId: string, rangeKey: string) => `${pres}/${itemId}/range/${rangeKey}`,
    imageService: (imageId: string) => `${base}/iiif/image/${imageId}`,
    discovery: `${base}/iiif/discovery/collection.json`,
    discoveryPage: (n: number) => `${base}/iiif/discovery/page-${n}.json`,
    record: (itemId: string, file: string) => `${base}/records/${itemId}/${file}`,
    alto: (itemId: string, pageKey: string) => `${base}/records/${itemId}/alto/${pageKey}.xml`,
    /** Downloads only a Leeszaal server makes (not a static host): the book as PDF and as text, a page's text, citations. */
    pdf: (itemId: string) => `${base}/downloads/${itemId}/book.pdf`,
    bookText: (itemId: string) => `${base}/downloads/${itemId}/book.txt`,
    pageText: (itemId: string, pageKey: string) => `${base}/downloads/${itemId}/pages/${pageKey}.txt`,
    citation: (itemId: string, format: 'ris' | 'bib' | 'json') => `${base}/downloads/${itemId}/citation.${format}`,
    /** Content Search 2.0 and its autocomplete; 1.0 beside them for Mirador. */
    search2: (itemId: string) => `${base}/iiif/search/2/${itemId}`,
    autocomplete2: (itemId: string) => `${base}/iiif/autocomplete/2/${itemId}`,
    search1: (itemId: string) => `${base}/iiif/search/1/${itemId}`,
    autocomplete1: (itemId: string) => `${base}/iiif/autocomplete/1/${itemId}`,
    /** The item's page on the site (the manifest's `homepage`). */
    itemPage: (itemId: string) => `${base}/items/${itemId}`,
    searchPage: `${base}/search`,
  };
}

export type PublicUrls = ReturnType<typeof publicUrls>;
