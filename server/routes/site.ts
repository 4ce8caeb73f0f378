// The public site: the built pages (home `/`, search `/search`, item `/items/<id>`) and their
// assets from viewer/dist (`npm run build`), plus the embeddable viewer at /embed/leeszaal-viewer.js.
// The build writes every page once per language; the server sends the one the reader asked for
// (site-language.ts), so text and `<html lang>` are right before any script runs.
// Item ids are checked against the layout's safe-id rule and the published manifest, so a mistyped
// or hostile URL gets the friendly not-found page with status 404. Mounted by server/leeszaal.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, Router, type Response } from 'express';
import type { Config } from '../../config.ts';
import { highwireTags } from '../../manifests/citation-formats.ts';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import { dataPaths, isSafeId, publicUrls, type DataPaths, type PublicUrls } from '../../manifests/layout.ts';
import { PresentationReadError, parseManifest, type PublishedManifest } from '../../manifests/presentation-reader.ts';
import { existingFileInside } from '../../manifests/data-file.ts';
import { chooseSiteLang, type SiteLang } from './site-language.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DIST = path.resolve(here, '../../viewer/dist');

/** Paths other routers own; a miss there keeps the server's own JSON 404. */
const NOT_SITE = /^\/(iiif|api|records|downloads|healthz|assets|embed|favicon\.(svg|ico))(\/|$)/;

type PageName = 'index' | 'search' | 'item' | 'not-found';

export interface SiteOptions {
  /** Folder of the built site; viewer/dist by default. */
  distDir?: string;
}

export function createSiteRouter(config: Config, options: SiteOptions = {}): Router {
  const dist = options.distDir ?? DEFAULT_DIST;
  const paths = dataPaths(config.DATA_DIR);
  const urls = publicUrls(config.PUBLIC_BASE_URL);
  const pages = new Map<string, Promise<string>>();
  const router = Router();

  const page = (name: PageName, lang: SiteLang): Promise<string> => {
    const file = `${name}.${lang}.html`;
    let html = pages.get(file);
    if (!html) {
      html = readFile(path.join(dist, file), 'utf8');
      // A failed read is not cached: the site may be built after the server started.
      html.catch(() => pages.delete(file));
      pages.set(file, html);
    }
    return html;
  };

  const send = async (req: Request, res: Response, name: PageName, status = 200, item?: ItemHead): Promise<void> => {
    const lang = chooseSiteLang({ query: req.query.lang, cookie: req.headers.cookie, acceptLanguage: req.headers['accept-language'] });
    let body: string;
    try {
      body = await page(name, lang);
    } catch {
      res.status(503).type('text/plain').send('The site is not built yet: run `npm run build`.');
      return;
    }
    if (item) {
      const title = item.title(lang);
      body = body
        // Replacer functions, so that `$&` or `$'` in a title is text, not a replacement pattern.
        .replace(/<title>[^<]*<\/title>/, () => `<title>${text(title)} — Leeszaal</title>${item.preloads}${item.citation ?? ''}`)
        .replace('<h1 id="title">…</h1>', () => `<h1 id="title">${text(title)}</h1>`);
    }
    // Without ?lang= the page depends on the saved choice and the browser's languages.
    res.vary('Cookie').vary('Accept-Language').setHeader('Content-Language', lang);
    res.status(status).setHeader('Cache-Control', 'no-cache').type('html').send(body);
  };

  router.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true, redirect: false }),
  );
  router.use('/embed', express.static(path.join(dist, 'embed'), { maxAge: '1h', index: false, redirect: false }));
  router.get('/favicon.svg', (_req, res, next) => {
    res.sendFile(path.join(dist, 'favicon.svg'), { maxAge: '1d' }, (err) => err && next());
  });
  // Clients that ask for the traditional name without reading the page's <link rel=icon>.
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));

  router.get('/', (req, res) => send(req, res, 'index'));
  router.get('/search', (req, res) => send(req, res, 'search'));
  router.get('/items/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!isSafeId(id)) return send(req, res, 'not-found', 404);
    let text: string;
    try {
      // The same checked resolution as the IIIF routes: a planted link must not become an item page.
      const real = await existingFileInside(paths.root, paths.manifest(id));
      if (real === undefined) return send(req, res, 'not-found', 404);
      text = await readFile(real, 'utf8');
    } catch {
      return send(req, res, 'not-found', 404);
    }
    const manifest = readManifest(text, id);
    const head = { ...itemHead(id, manifest, req.query.page), citation: await citationMeta(paths, urls, id) };
    return send(req, res, 'item', 200, head);
  });
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_SITE.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    void send(req, res, 'not-found', 404);
  });
  return router;
}

const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => text(s).replace(/"/g, '&quot;');

/** What the server writes into an item page before any script runs: its title, preloads and citation meta tags. */
interface ItemHead {
  title: (lang: string) => string;
  preloads: string;
  citation?: string;
}

/** Highwire Press `citation_*` meta tags from the item's record, for Zotero's connector and Google Scholar; none if the record is unreadable. */
async function citationMeta(paths: DataPaths, urls: PublicUrls, id: string): Promise<string> {
  try {
    // The same checked resolution as the manifest: a records folder linked in from outside gives no citation.
    const real = await existingFileInside(paths.root, paths.record(id));
    if (real === undefined) return '';
    const record = parseItemRecord(await readFile(real, 'utf8'), `record of ${id}`, id);
    return highwireTags(record, { url: urls.itemPage(id), pdf: urls.pdf(id) })
      .map(([name, content]) => `<meta name="${attr(name)}" content="${attr(content)}">`)
      .join('');
  } catch {
    return '';
  }
}

/** The published manifest, or undefined when it is damaged: the page still opens, and the viewer tells the reader what is wrong. */
function readManifest(text: string, id: string): PublishedManifest | undefined {
  try {
    return parseManifest(text, `manifest of ${id}`);
  } catch (err) {
    if (err instanceof PresentationReadError) return undefined;
    throw err;
  }
}

function itemHead(id: string, manifest: PublishedManifest | undefined, page: unknown): ItemHead {
  return {
    // The first title in the asked language, then `none`, then English, then any language.
    title: (lang) => {
      const label = manifest?.label ?? {};
      for (const key of [lang, 'none', 'en', ...Object.keys(label)]) {
        const title = label[key]?.[0];
        if (title) return title;
      }
      return id;
    },
    preloads: preloads(id, manifest, page),
  };
}

/**
 * `<link rel=preload>` for what the viewer fetches first: the manifest and the info.json of the
 * page the link opens, so both are on their way before the page's script has even run.
 */
export function preloads(id: string, manifest: PublishedManifest | undefined, page: unknown): string {
  const links = [`/iiif/presentation/${id}/manifest.json`];
  const canvases = manifest?.canvases ?? [];
  const key = typeof page === 'string' ? page : undefined;
  const canvas = (key && canvases.find((c) => c.id.endsWith(`/canvas/${key}`))) || canvases[0];
  const service = canvas?.imageService;
  if (service !== undefined && /^https?:\/\//.test(service)) links.push(`${service}/info.json`);
  return links.map((href) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${attr(href)}">`).join('');
}
