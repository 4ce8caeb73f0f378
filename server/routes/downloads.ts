// Taking an item away: its text (a page or the whole book, as printed or in modern spelling), its
// PDF (built on demand, streamed, cached on disk, under a concurrency limit), its citation for
// reference managers (RIS, BibTeX, CSL-JSON), and each page's source ALTO as published. Everything
// comes from the published record and text pages and names the item's rights and attribution (in
// the file, and as `Link: <rights>; rel="license"`). Only a Leeszaal server has these routes; a
// static host of the data folder has the ALTO files alone.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../../config.ts';
import { toBibtex, toCslJson, toRis, type CitationLinks } from '../../manifests/citation-formats.ts';
import type { ItemRecord, PageRecord } from '../../manifests/item.ts';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import { pickString, toBcp47, UI_LANGUAGES, type UiLanguage } from '../../manifests/language-map.ts';
import { dataPaths, isSafeId, publicUrls } from '../../manifests/layout.ts';
import { pageBlock, parseTextPage, textHeader, type PageLine, type Spelling } from '../../manifests/page-text.ts';
import { pdfExtent, writeBookPdf, type BookPdfInfo, type BookPdfPage } from '../downloads/book-pdf.ts';
import { pageJpeg } from '../downloads/page-image.ts';
import { PdfCache } from '../downloads/pdf-cache.ts';
import { parsePdfRequest, type PdfRequest } from '../downloads/pdf-request.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { CACHE_DOCUMENT } from '../headers.ts';
import type { Logger } from '../logger.ts';
import { existingFileInside } from '../../manifests/data-file.ts';
import { requireSegment } from '../safe-path.ts';
import { sendDataFile, sendFound } from '../send-data-file.ts';

/** Bumped when the PDF's layout changes, so cached PDFs of the old layout are not served again. */
const PDF_LAYOUT = 3; // 2: the text layer holds each line once (block annotations left out); 3: drop caps joined to their line
const CITATIONS = {
  ris: { type: 'application/x-research-info-systems; charset=utf-8', make: (r: ItemRecord, l: CitationLinks) => toRis(r, l) },
  bib: { type: 'application/x-bibtex; charset=utf-8', make: (r: ItemRecord, l: CitationLinks) => toBibtex(r, l) },
  json: {
    type: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    make: (r: ItemRecord, l: CitationLinks) => `${JSON.stringify([toCslJson(r, l)], null, 2)}\n`,
  },
} as const;

export interface DownloadsOptions {
  config: Config;
  logger?: Logger;
}

export function downloadsRouter({ config, logger: log }: DownloadsOptions): Router {
  const paths = dataPaths(config.DATA_DIR);
  const urls = publicUrls(config.PUBLIC_BASE_URL);
  const cache = new PdfCache(paths.pdfCache, config.PDF_CACHE_MB * 1024 * 1024);
  const imageOptions = { jpegQuality: config.JPEG_QUALITY, timeoutSeconds: Math.max(1, Math.ceil(config.RENDER_TIMEOUT_MS / 1000)) };
  let building = 0;

  async function loadRecord(req: Request): Promise<{ record: ItemRecord; text: string }> {
    const id = requireSegment('item id', String(req.params.item), isSafeId);
    const real = await existingFileInside(paths.root, paths.record(id));
    if (real === undefined) throw notFound(`no item ${JSON.stringify(id)}`);
    const text = await readFile(real, 'utf8');
    return { record: parseItemRecord(text, `record of ${id}`, id), text };
  }

  /** The lines of a page's published text; none when the page has no text. */
  async function pageLines(itemId: string, key: string): Promise<PageLine[]> {
    const real = await existingFileInside(paths.root, paths.textPage(itemId, key));
    if (real === undefined) return [];
    return parseTextPage(await readFile(real, 'utf8'), `full text of ${key}`);
  }

  const links = (record: ItemRecord): CitationLinks => ({ url: urls.itemPage(record.id), pdf: urls.pdf(record.id) });

  /** Headers every download has: its licence, a file name, and caching like the documents it is made from. */
  function downloadHeaders(res: Response, record: ItemRecord, fileName: string, type: string): void {
    res.setHeader('Link', `<${record.rights}>; rel="license"`);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', CACHE_DOCUMENT);
  }

  const router = Router();

  router.get('/records/:item/alto/:file', async (req, res, next) => {
    const match = /^(.+)\.xml$/.exec(String(req.params.file));
    const key = requireSegment('page key', match?.[1] ?? String(req.params.file), isSafeId);
    const { record } = await loadRecord(req);
    // Licence and file name as every download has them; the type stays XML (the page's seeAlso says so).
    downloadHeaders(res, record, `${record.id}-${key}.xml`, 'application/xml; charset=utf-8');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return sendDataFile(res, next, paths.alto(record.id, key), {
      root: paths.root,
      contentType: 'application/xml; charset=utf-8',
      cacheControl: CACHE_DOCUMENT,
      what: `ALTO of page ${key} of ${record.id}`,
    });
  });

  router.get('/downloads/:item/citation.:format', async (req, res) => {
    const format = String(req.params.format);
    if (!Object.hasOwn(CITATIONS, format)) throw notFound(`no citation format ${JSON.stringify(format.slice(0, 20))}; use ris, bib or json`);
    const { record } = await loadRecord(req);
    const citation = CITATIONS[format as keyof typeof CITATIONS];
    downloadHeaders(res, record, `${record.id}.${format}`, citation.type);
    res.send(citation.make(record, links(record)));
  });

  router.get('/downloads/:item/pages/:file', async (req, res) => {
    const spelling = spellingOf(req.query);
    const lang = textLangOf(req.query);
    const { record } = await loadRecord(req);
    const match = /^(.+)\.txt$/.exec(String(req.params.file));
    const key = requireSegment('page key', match?.[1] ?? String(req.params.file), isSafeId);
    const index = record.pages.findIndex((p) => p.key === key);
    const page = record.pages[index];
    if (page === undefined) throw notFound(`item ${record.id} has no page ${JSON.stringify(key)}`);
    downloadHeaders(res, record, `${record.id}-${key}.txt`, 'text/plain; charset=utf-8');
    const lines = await pageLines(record.id, key);
    res.send(
      header(record, lang) +
        pageBlock(
          labelOf(page, index),
          lines.map((l) => l.text),
          spelling,
        ),
    );
  });

  router.get('/downloads/:item/book.txt', async (req, res) => {
    const spelling = spellingOf(req.query);
    const lang = textLangOf(req.query);
    const { record } = await loadRecord(req);
    downloadHeaders(res, record, `${record.id}.txt`, 'text/plain; charset=utf-8');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Page by page, waiting for the client, so a long book's text is never all in memory.
    await write(res, header(record, lang));
    for (const [i, page] of record.pages.entries()) {
      if (res.destroyed) return;
      const lines = await pageLines(record.id, page.key);
      await write(
        res,
        pageBlock(
          labelOf(page, i),
          lines.map((l) => l.text),
          spelling,
        ),
      );
    }
    res.end();
  });

  router.get('/downloads/:item/book.pdf', async (req: Request, res: Response, next: NextFunction) => {
    const { record, text } = await loadRecord(req);
    const options = parsePdfRequest(req.query, record.pages.length, config.PDF_MAX_SIZE);
    const pages = record.pages.slice(options.first - 1, options.last);
    const key = await pdfKey(record, text, options, pages);
    const whole = options.first === 1 && options.last === record.pages.length;
    downloadHeaders(res, record, `${record.id}${whole ? '' : `-p${options.first}-${options.last}`}.pdf`, 'application/pdf');
    // Built again, a PDF has another creation date, so the tag is weak: the same content, not the same bytes.
    res.setHeader('ETag', `W/"${key.slice(0, 32)}"`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const cached = await cache.lookup(key);
    if (cached !== undefined) {
      res.setHeader('X-Cache', 'hit');
      sendFound(res, next, cached, { contentType: 'application/pdf', cacheControl: CACHE_DOCUMENT });
      return;
    }
    if (building >= config.PDF_CONCURRENCY) {
      throw new HttpError(503, `${building} PDFs are being made; retry in a moment`, 10);
    }
    res.setHeader('X-Cache', 'miss');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    building++;
    try {
      await buildPdf(res, record, options, pages, key);
    } finally {
      building--;
    }
  });

  async function buildPdf(res: Response, record: ItemRecord, options: PdfRequest, pages: PageRecord[], key: string): Promise<void> {
    const writer = await cache.writer(key);
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new Error('the client went away'));
    });
    res.status(200);
    const sink = {
      write: (chunk: Buffer) => {
        res.write(chunk);
        writer?.stream.write(chunk);
      },
      ready: () => Promise.all([drained(res), writer ? drained(writer.stream) : undefined]).then(() => undefined),
    };
    const offset = options.first - 1;
    async function* bookPages(): AsyncGenerator<BookPdfPage> {
      for (const [i, page] of pages.entries()) {
        yield {
          label: labelOf(page, offset + i),
          width: page.width,
          height: page.height,
          image: () => pageJpeg(paths, page.imageId, options.size, imageOptions),
          lines: () => pageLines(record.id, page.key),
        };
      }
    }
    try {
      await writeBookPdf(pdfInfo(record, options), bookPages(), config.PDF_FONT, sink, abort.signal);
      res.end();
      await writer?.commit();
    } catch (err) {
      await writer?.abort();
      if (!abort.signal.aborted) log?.error({ err, item: record.id }, 'PDF failed');
      // The status line is gone; a cut-off body is how the client learns.
      res.destroy();
    }
  }

  function pdfInfo(record: ItemRecord, options: PdfRequest): BookPdfInfo {
    const info: BookPdfInfo = {
      title: titleOf(record),
      authors: record.agents.filter((a) => a.role === undefined || ['aut', 'cre', 'art', 'cmp', 'egr'].includes(a.role)).map((a) => a.name),
      subjects: record.subjects,
      rights: record.rights,
      attribution: record.attribution,
      url: urls.itemPage(record.id),
      extent: pdfExtent(options.lang, options.first, options.last, record.pages.length, options.size),
      lang: options.lang,
    };
    const language = record.languages.map(toBcp47).find((l) => l !== undefined);
    if (language) info.language = language;
    for (const k of ['date', 'publisher', 'place', 'shelfmark'] as const) if (record[k]) info[k] = record[k];
    if (record.holdingInstitution) info.institution = record.holdingInstitution;
    return info;
  }

  /** What the PDF is made from: the record (image ids carry their content hash), each page's text file, the options and the font. */
  async function pdfKey(record: ItemRecord, text: string, options: PdfRequest, pages: PageRecord[]): Promise<string> {
    const hash = createHash('sha256').update(
      `${PDF_LAYOUT}\n${config.PDF_FONT}\n${options.size},${options.first},${options.last},${options.lang}\n${text}`,
    );
    for (const page of pages) {
      const s = await stat(paths.textPage(record.id, page.key)).catch(() => undefined);
      hash.update(`${page.key}:${s ? `${s.size}-${s.mtimeMs}` : '-'}\n`);
    }
    return hash.digest('hex');
  }

  const header = (record: ItemRecord, lang: UiLanguage) =>
    textHeader({ title: titleOf(record), url: urls.itemPage(record.id), rights: record.rights, attribution: record.attribution }, lang);

  return router;
}

const titleOf = (record: ItemRecord) => pickString(record.label, ['none', ...UI_LANGUAGES]) ?? record.id;
const labelOf = (page: PageRecord, index: number) => page.label ?? `[${index + 1}]`;

function spellingOf(query: Record<string, unknown>): Spelling {
  const s = query.spelling ?? 'printed';
  if (s !== 'printed' && s !== 'modern') throw badRequest('spelling: must be printed or modern');
  return s;
}

/** The language of a text download's header labels (`?lang=nl|fr|en`), English by default as the PDF's. */
function textLangOf(query: Record<string, unknown>): UiLanguage {
  const lang = query.lang ?? 'en';
  if (!(UI_LANGUAGES as readonly unknown[]).includes(lang)) throw badRequest('lang: must be nl, fr or en');
  return lang as UiLanguage;
}

/** Resolves once `stream` can take more (at once when it can). */
function drained(stream: NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean }): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) await drained(res);
}
