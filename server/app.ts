// The Express application: request limits, security headers, CORS and compression, then the IIIF
// routes (Image, Presentation, Change Discovery), records, health, and the routers other parts pass
// in (search, site). `createApp` does no I/O itself, so tests build it around any data folder.
import compression from 'compression';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.ts';
import { HttpError, errorHandler, notFoundHandler } from './errors.ts';
import type { RenderCache } from './image/cache.ts';
import type { RenderQueue } from './image/render-queue.ts';
import { createLogger, type Logger } from './logger.ts';
import { discoveryRouter } from './routes/discovery.ts';
import { downloadsRouter } from './routes/downloads.ts';
import { healthRouter, type HealthContributor } from './routes/health.ts';
import { imageRouter } from './routes/image.ts';
import { presentationRouter } from './routes/presentation.ts';
import { recordsRouter } from './routes/records.ts';

export type { HealthContributor, HealthReport } from './routes/health.ts';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** Routers of the other parts (search API, Content Search, site pages), mounted after the IIIF routes in this order. */
  routers?: Router[];
  /** Reports shown under their names in GET /healthz (e.g. the search backend). */
  health?: HealthContributor[];
  /**
   * The curators' workspace (server/admin/admin.ts), mounted at /admin before the public site's
   * read-only limits, headers and CORS: it takes forms and uploads, and sets its own headers.
   */
  admin?: Router;
  /** Shared or test-sized render cache and queue; by default sized from config. */
  renderCache?: RenderCache;
  renderQueue?: RenderQueue;
}

/**
 * The public pages' content security policy (over helmet's defaults); the curators' preview of an
 * item page (server/admin/items) sends the same, since it shows that page as the public will see it.
 */
export const PUBLIC_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // The viewer opens manifests, image services and tiles from any IIIF server a reader
  // names (compare mode, ?manifest=): fetching and showing them is its job, while scripts
  // stay limited to this site.
  imgSrc: ["'self'", 'blob:', 'data:', 'https:', 'http:'],
  connectSrc: ["'self'", 'https:', 'http:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'self'"],
};

/** Longest request target accepted; IIIF URLs are short, a long one is an attack or a mistake. */
export const MAX_URL_LENGTH = 2048;
/** The methods every route outside /admin answers; only the curators' workspace takes changes. */
const PUBLIC_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
const METHODS = new Set<string>(PUBLIC_METHODS);

export function createApp(options: AppOptions): Express {
  const { config } = options;
  const log = options.logger ?? createLogger(config);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  // Only the workspace's sign-in limits use the client's address (req.ip).
  if (config.ADMIN_TRUSTED_PROXIES) app.set('trust proxy', config.ADMIN_TRUSTED_PROXIES);

  if (log.isLevelEnabled('debug')) app.use(requestLog(log));
  app.use(urlLimit);
  if (options.admin) app.use('/admin', options.admin);
  app.use(readOnly);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: PUBLIC_CSP_DIRECTIVES },
      // IIIF resources are meant to be used from other sites (viewers, aggregators).
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(cors);
  app.use(compression());

  app.use(healthRouter({ config, contributors: options.health ?? [] }));
  app.use(
    imageRouter({
      config,
      ...(options.renderCache ? { cache: options.renderCache } : {}),
      ...(options.renderQueue ? { queue: options.renderQueue } : {}),
    }),
  );
  app.use(presentationRouter({ config }));
  app.use(discoveryRouter({ config }));
  app.use(recordsRouter({ config }));
  app.use(downloadsRouter({ config, logger: log }));
  for (const router of options.routers ?? []) app.use(router);

  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}

/** One debug line per request, for operators chasing a slow or failing URL. */
function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug({ method: req.method, url: req.originalUrl.slice(0, 300), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** No overlong URLs, anywhere. */
const urlLimit: RequestHandler = (req, _res, next) => {
  if (req.originalUrl.length > MAX_URL_LENGTH) {
    next(new HttpError(414, `request target longer than ${MAX_URL_LENGTH} characters`));
    return;
  }
  next();
};

const shortPath = (p: string) => (p.length > 200 ? `${p.slice(0, 200)}…` : p);

/** Outside /admin: no request bodies, no methods beyond reading. */
const readOnly: RequestHandler = (req, res, next) => {
  if (!METHODS.has(req.method)) {
    res.setHeader('Allow', PUBLIC_METHODS.join(', '));
    next(new HttpError(405, `${req.method} is not allowed on ${shortPath(req.path)}: it answers ${PUBLIC_METHODS.join(', ')} only`));
    return;
  }
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > 0 || req.headers['transfer-encoding'] !== undefined) {
    next(new HttpError(413, 'requests must not have a body'));
    return;
  }
  next();
};

/** Everything here is public and read-only, so any origin may read it (Image API §4, Presentation §6). */
const cors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Link, ETag, Retry-After');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', PUBLIC_METHODS.join(', '));
    res.setHeader('Access-Control-Allow-Headers', 'Accept, Accept-Language, If-None-Match, If-Modified-Since, Range');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};
