// IIIF Content Search inside one item, as the manifests advertise it: 2.0 at /iiif/search/2/<item>
// and /iiif/autocomplete/2/<item>, 1.0 (for Mirador) at /iiif/search/1/<item> and
// /iiif/autocomplete/1/<item>, all answered from the search index. Parameters the specs define but we
// do not filter on (motivation, date, user, min) are listed in `ignored`, as the specs ask.
import { Router, type Request } from 'express';
import type { Config } from '../../config.ts';
import { isSafeId, publicUrls } from '../../manifests/layout.ts';
import { HttpError } from '../errors.ts';
import type { IndexPage, SearchBackend } from '../search/backend.ts';
import {
  autocompleteResponse1,
  autocompleteResponse2,
  completeTerms,
  findWordHits,
  searchResponse1,
  searchResponse2,
} from '../search/content-search.ts';
import { ParameterError } from '../search/query.ts';
import { makeMatcher } from '../search/snippet.ts';
import { sendSearchError } from './search.ts';

const MAX_Q = 200;
const MAX_PAGE = 1000;
const TERMS = 20;
const CACHE_ITEMS = 8;
const CACHE_MS = 30_000;

interface Params {
  q: string;
  page: number;
  ignored: string[];
}

function parseParams(req: Request): Params {
  const raw = req.query as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ParameterError(name, 'may be given only once, as plain text');
    return v;
  };
  const q = text('q')?.trim() ?? '';
  if (q === '') throw new ParameterError('q', 'is required');
  if (q.length > MAX_Q) throw new ParameterError('q', `must be at most ${MAX_Q} characters`);
  const pageText = text('page');
  let page = 1;
  if (pageText !== undefined) {
    if (!/^\d{1,4}$/.test(pageText) || Number(pageText) < 1 || Number(pageText) > MAX_PAGE)
      throw new ParameterError('page', `must be a whole number from 1 to ${MAX_PAGE}`);
    page = Number(pageText);
  }
  const ignored = Object.keys(raw)
    .filter((k) => k !== 'q' && k !== 'page')
    .slice(0, 20)
    .map((k) => k.slice(0, 50));
  return { q, page, ignored };
}

function itemId(req: Request): string {
  const id = String(req.params.item);
  if (!isSafeId(id)) throw new HttpError(404, 'no such item');
  return id;
}

function sendJsonLd(res: import('express').Response, body: unknown, profile: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.type(`application/ld+json;profile="${profile}"`).send(JSON.stringify(body));
}

export function createContentSearchRouter(backend: SearchBackend, config: Pick<Config, 'PUBLIC_BASE_URL'>): Router {
  const urls = publicUrls(config.PUBLIC_BASE_URL);
  const router = Router();
  // Autocomplete reads all of an item's text on each keystroke; keep the last few items for a while.
  const pageCache = new Map<string, { at: number; pages: IndexPage[] }>();

  async function allPages(id: string): Promise<IndexPage[]> {
    const cached = pageCache.get(id);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.pages;
    const pages = await backend.itemPages(id);
    if (pages === undefined) throw new HttpError(404, `no item ${id} in the search index`);
    pageCache.delete(id);
    pageCache.set(id, { at: Date.now(), pages });
    while (pageCache.size > CACHE_ITEMS) pageCache.delete(pageCache.keys().next().value!);
    return pages;
  }

  async function hits(id: string, q: string) {
    const matches = await backend.pagesMatching(id, q);
    if (matches === undefined) throw new HttpError(404, `no item ${id} in the search index`);
    return findWordHits(matches.pages, makeMatcher(matches.terms, matches.prefixes));
  }

  router.get('/iiif/search/2/:item', async (req, res, next) => {
    try {
      const id = itemId(req);
      const p = parseParams(req);
      const found = await hits(id, p.q);
      sendJsonLd(res, searchResponse2(found, { service: urls.search2(id), ...p }), 'http://iiif.io/api/search/2/context.json');
    } catch (err) {
      sendSearchError(err, res, next);
    }
  });

  router.get('/iiif/search/1/:item', async (req, res, next) => {
    try {
      const id = itemId(req);
      const p = parseParams(req);
      const found = await hits(id, p.q);
      sendJsonLd(res, searchResponse1(found, { service: urls.search1(id), ...p }), 'http://iiif.io/api/search/1/context.json');
    } catch (err) {
      sendSearchError(err, res, next);
    }
  });

  router.get('/iiif/autocomplete/2/:item', async (req, res, next) => {
    try {
      const id = itemId(req);
      const p = parseParams(req);
      const terms = completeTerms(await allPages(id), p.q, TERMS);
      const self = `${urls.autocomplete2(id)}?${new URLSearchParams({ q: p.q }).toString()}`;
      sendJsonLd(
        res,
        autocompleteResponse2(terms, { id: self, searchService: urls.search2(id), ignored: p.ignored }),
        'http://iiif.io/api/search/2/context.json',
      );
    } catch (err) {
      sendSearchError(err, res, next);
    }
  });

  router.get('/iiif/autocomplete/1/:item', async (req, res, next) => {
    try {
      const id = itemId(req);
      const p = parseParams(req);
      const terms = completeTerms(await allPages(id), p.q, TERMS);
      const self = `${urls.autocomplete1(id)}?${new URLSearchParams({ q: p.q }).toString()}`;
      sendJsonLd(
        res,
        autocompleteResponse1(terms, { id: self, searchService: urls.search1(id), ignored: p.ignored }),
        'http://iiif.io/api/search/1/context.json',
      );
    } catch (err) {
      sendSearchError(err, res, next);
    }
  });

  return router;
}
