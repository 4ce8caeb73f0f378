// The catalogue search API for the site and other clients: GET /api/search (query, facet filters,
// date range, sort, paging; hits with highlighted snippets and the matching page; facet counts) and
// GET /api/suggest (completions for every keystroke). Bad parameters answer 400 naming the
// parameter; an unavailable engine answers 503 while images and manifests keep being served.
import { Router, type NextFunction, type Response } from 'express';
import { HttpError } from '../errors.ts';
import { SearchUnavailableError, type SearchBackend } from '../search/backend.ts';
import { ParameterError, parseSearchParams, parseSuggestParams } from '../search/query.ts';

/** Answers a search failure: 400 naming the parameter, 503 when the engine is down, else passes it on. */
export function sendSearchError(err: unknown, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  if (err instanceof ParameterError) {
    res.status(400).json({ error: 'Bad Request', status: 400, parameter: err.parameter, message: err.message });
    return;
  }
  if (err instanceof SearchUnavailableError) {
    next(new HttpError(503, `search is unavailable: ${err.message}`, 30));
    return;
  }
  next(err);
}

export function createSearchRouter(backend: SearchBackend): Router {
  const router = Router();
  router.get('/api/search', async (req, res, next) => {
    try {
      const query = parseSearchParams(req.query as Record<string, unknown>);
      const result = await backend.search(query);
      res.setHeader('Cache-Control', 'no-cache');
      res.json({ query, ...result });
    } catch (err) {
      sendSearchError(err, res, next);
    }
  });
  router.get('/api/suggest', async (req, res, next) => {
    try {
      const { q, size } = parseSuggestParams(req.query as Record<string, unknown>);
      const suggestions = await backend.suggest(q, size);
      res.setHeader('Cache-Control', 'public, max-age=60');
      res.json({ q, suggestions });
    } catch (err) {
      sendSearchError(err, res, next);
    }
  });
  return router;
}
