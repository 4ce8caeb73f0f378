// IIIF Image API 3.0 at level 2 under /iiif/image/: base URI redirect, info.json (the published one,
// raised to level 2 with this server's limits and extras), and image requests. A request whose
// canonical form names a pre-made tile or size is answered from that file; anything else is rendered
// with sharp under the render queue and kept in the render cache.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../../config.ts';
import { IMAGE_CONTEXT, parseImageInfo, type PublishedImageInfo } from '../../manifests/image/info.ts';
import { levelSizesOnly, type Size, type SizeLimits } from '../../manifests/image/levels.ts';
import { openSource, render, renderBytes, type ImageSource } from '../../manifests/image/render.ts';
import { CONTENT_TYPES, FORMATS } from '../../manifests/image/request.ts';
import { dataPaths, isSafeImageId, publicUrls } from '../../manifests/layout.ts';
import { HttpError, notFound, vanished } from '../errors.ts';
import { CACHE_DOCUMENT, CACHE_IMAGE, IMAGE_LEVEL2_PROFILE, MEDIA, jsonLdType, setCache } from '../headers.ts';
import { RenderCache, type CachedImage } from '../image/cache.ts';
import { parseImageRequest, type ImageRequest } from '../image/parse-request.ts';
import { premadeCandidates } from '../image/premade.ts';
import { RenderQueue, type RenderQueueOptions } from '../image/render-queue.ts';
import { existingFileInside } from '../../manifests/data-file.ts';
import { requireSegment } from '../safe-path.ts';
import { sendFound } from '../send-data-file.ts';

/** Features beyond plain level 0 that this server offers, for `extraFeatures`. */
export const EXTRA_FEATURES = [
  'baseUriRedirect',
  'canonicalLinkHeader',
  'cors',
  'jsonldMediaType',
  'mirroring',
  'profileLinkHeader',
  'regionByPct',
  'regionByPx',
  'regionSquare',
  'rotationArbitrary',
  'rotationBy90s',
  'sizeByConfinedWh',
  'sizeByH',
  'sizeByPct',
  'sizeByW',
  'sizeByWh',
  'sizeUpscaling',
];

/** How long a loaded info.json is used before its file is checked again. */
const INFO_TTL_MS = 2000;
/** How long a cached tile file is served before its file is checked again. */
const FILE_TTL_MS = 2000;
/** Tiles and sizes up to this many bytes are kept in the image cache. */
const MAX_CACHED_FILE = 1024 * 1024;

export interface ImageRouterOptions {
  config: Config;
  cache?: RenderCache;
  queue?: RenderQueue;
}

export function imageRouter({ config, cache, queue }: ImageRouterOptions): Router {
  const paths = dataPaths(config.DATA_DIR);
  const urls = publicUrls(config.PUBLIC_BASE_URL);
  const limits: SizeLimits = { maxWidth: config.IIIF_MAX_WIDTH, maxHeight: config.IIIF_MAX_HEIGHT, maxArea: config.IIIF_MAX_AREA };
  // An eighth of the cache at most for one image: a full-size JPEG download fits, a full-size PNG does not.
  const renderCache = cache ?? new RenderCache(config.RENDER_CACHE_MB * 1024 * 1024, (config.RENDER_CACHE_MB * 1024 * 1024) / 8);
  const renderQueue = queue ?? new RenderQueue(renderQueueOptions(config));
  const renderOptions = { jpegQuality: config.JPEG_QUALITY, timeoutSeconds: Math.max(1, Math.ceil(config.RENDER_TIMEOUT_MS / 1000)) };
  const infos = new Map<string, { version: string; info: PublishedImageInfo; until: number }>();
  const inflight = new Map<string, Promise<Buffer>>();
  /** Keys of in-flight renders that a second request is waiting for too. */
  const joined = new Set<string>();

  /** The published info.json, re-checked on disk at most every INFO_TTL_MS. */
  async function loadInfo(id: string): Promise<PublishedImageInfo> {
    const known = infos.get(id);
    if (known !== undefined && known.until > Date.now()) return known.info;
    const file = path.join(paths.imageDir(id), 'info.json');
    const real = await existingFileInside(paths.root, file);
    if (real === undefined) {
      infos.delete(id);
      throw notFound(`no image with identifier ${JSON.stringify(id)}`);
    }
    const s = await stat(real);
    const version = `${s.size}-${s.mtimeMs}`;
    const until = Date.now() + INFO_TTL_MS;
    if (known?.version === version) {
      known.until = until;
      return known.info;
    }
    const info = parseImageInfo(await readFile(real, 'utf8'), `published info.json of ${id}`);
    if (infos.size > 10_000) infos.clear();
    infos.set(id, { version, info, until });
    return info;
  }

  /**
   * A small published file from the image cache, read (again) when its validators are older than
   * FILE_TTL_MS; undefined for files too large to keep, which are streamed instead.
   */
  async function cachedFile(real: string): Promise<CachedImage | undefined> {
    const key = `file:${real}`;
    const hit = renderCache.get(key);
    if (hit?.file !== undefined && hit.file.checkedUntil > Date.now()) return hit;
    const s = await stat(real).catch(() => undefined);
    if (s === undefined || !s.isFile() || s.size > MAX_CACHED_FILE) return undefined;
    // Same validators as `send` gives the file when it streams it.
    const etag = `W/"${s.size.toString(16)}-${s.mtime.getTime().toString(16)}"`;
    if (hit?.file?.etag === etag) {
      hit.file.checkedUntil = Date.now() + FILE_TTL_MS;
      return hit;
    }
    const body = await readFile(real);
    const entry: CachedImage = {
      body,
      contentType: 'image/jpeg',
      file: { etag, lastModified: s.mtime.toUTCString(), checkedUntil: Date.now() + FILE_TTL_MS },
    };
    renderCache.set(key, entry);
    return entry;
  }

  function imageId(req: Request): string {
    return requireSegment('image identifier', String(req.params.id), isSafeImageId);
  }

  const router = Router();

  router.get('/iiif/image/:id', async (req, res) => {
    const id = imageId(req);
    await loadInfo(id);
    res.setHeader('Cache-Control', CACHE_DOCUMENT);
    res.redirect(303, `${urls.imageService(id)}/info.json`);
  });

  router.get('/iiif/image/:id/info.json', async (req, res) => {
    const id = imageId(req);
    const info = await loadInfo(id);
    const { '@context': _context, id: _id, ...rest } = info;
    const within = (s: { width: number; height: number }) =>
      s.width <= limits.maxWidth && s.height <= limits.maxHeight && s.width * s.height <= limits.maxArea;
    const body = {
      '@context': IMAGE_CONTEXT,
      ...rest,
      id: urls.imageService(id),
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level2',
      ...(info.sizes === undefined ? {} : { sizes: servedSizes(info, within) }),
      maxWidth: limits.maxWidth,
      maxHeight: limits.maxHeight,
      maxArea: limits.maxArea,
      extraFormats: FORMATS.filter((f) => f !== 'jpg'),
      extraQualities: ['color', 'gray', 'bitonal'],
      extraFeatures: EXTRA_FEATURES,
    };
    setCache(res, CACHE_DOCUMENT);
    res.vary('Accept');
    res.setHeader(
      'Content-Type',
      jsonLdType((t) => req.accepts(t), MEDIA.image),
    );
    res.send(Buffer.from(JSON.stringify(body)));
  });

  router.get('/iiif/image/:id/:region/:size/:rotation/:qf', async (req: Request, res: Response, next: NextFunction) => {
    const id = imageId(req);
    const info = await loadInfo(id);
    const full: Size = { width: info.width, height: info.height };
    const ir = parseImageRequest(
      {
        region: String(req.params.region),
        size: String(req.params.size),
        rotation: String(req.params.rotation),
        qualityFormat: String(req.params.qf),
      },
      full,
      limits,
    );
    res.setHeader('Link', `<${IMAGE_LEVEL2_PROFILE}>;rel="profile", <${urls.imageService(id)}/${ir.canonical.path}>;rel="canonical"`);

    const premade = await premadeFile(paths.root, paths.imageDir(id), info, ir);
    if (premade !== undefined) {
      const tile = await cachedFile(premade);
      if (tile === undefined) {
        sendFound(res, next, premade, { cacheControl: CACHE_IMAGE });
        return;
      }
      setCache(res, CACHE_IMAGE);
      res.setHeader('ETag', tile.file?.etag ?? '');
      res.setHeader('Last-Modified', tile.file?.lastModified ?? '');
      res.type(tile.contentType);
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      res.send(tile.body);
      return;
    }

    const source = await sourceFor(paths.root, paths.derivative(id), paths.imageDir(id));
    if (source === undefined) throw notFound(`no pixels published for image ${JSON.stringify(id)}`);
    const key = `${id}/${ir.canonical.path}@${source.version}/q${renderOptions.jpegQuality}`;
    res.setHeader('ETag', `"${createHash('sha1').update(key).digest('base64url')}"`);
    setCache(res, CACHE_IMAGE);
    res.type(CONTENT_TYPES[ir.format]);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    let body = renderCache.get(key)?.body;
    if (body === undefined) {
      let pending = inflight.get(key);
      if (pending !== undefined) joined.add(key);
      if (pending === undefined) {
        // A render waiting for its turn is dropped if its client hangs up (one that others joined is kept).
        const hungUp = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished && inflight.get(key) === pending && !joined.has(key)) hungUp.abort();
        });
        pending = renderQueue.run(() => render(ir, full, source, renderOptions), renderBytes(ir, full, source), hungUp.signal);
        inflight.set(key, pending);
        pending
          .then(
            (b) => renderCache.set(key, { body: b, contentType: CONTENT_TYPES[ir.format] }),
            () => undefined,
          )
          .finally(() => {
            inflight.delete(key);
            joined.delete(key);
          });
      }
      body = await pending.catch((err: unknown) => {
        throw err instanceof HttpError ? err : renderFailure(err, id);
      });
    }
    res.send(body);
  });

  return router;
}

/**
 * The published sizes a level-2 client is told of: those within the limits that are pyramid levels.
 * Images published before ingest listed only levels also list a thumbnail beside the level of nearly
 * its size, which OpenSeadragon 5 (in Mirador 4) takes for a level, smearing the page (see
 * `listedSizes`); that file is still served when asked for, it just is not listed.
 */
function servedSizes(info: PublishedImageInfo, within: (s: Size) => boolean): Size[] {
  const scaleFactors = (info.tiles ?? []).flatMap((t) => t.scaleFactors);
  return levelSizesOnly(info, info.sizes ?? [], scaleFactors).filter(within);
}

/** The published tile or size file that shows exactly what `ir` asks for, if there is one. */
async function premadeFile(root: string, imageDir: string, info: PublishedImageInfo, ir: ImageRequest): Promise<string | undefined> {
  for (const candidate of premadeCandidates(info, ir)) {
    const found = await existingFileInside(root, path.join(imageDir, candidate));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The render queue as the configuration sizes it. */
export function renderQueueOptions(config: Config): RenderQueueOptions {
  return {
    concurrency: config.RENDER_CONCURRENCY,
    maxQueued: config.RENDER_QUEUE,
    timeoutMs: config.RENDER_TIMEOUT_MS,
    budgetBytes: config.RENDER_MEMORY_MB * 1024 * 1024,
  };
}

/**
 * The pyramidal derivative, or the published full-size image when the derivative is missing; none
 * when both are gone, also when one vanished between being found and being opened (a re-publish).
 */
async function sourceFor(root: string, derivative: string, imageDir: string): Promise<ImageSource | undefined> {
  const candidates = [
    { file: derivative, allow: 'derivatives' as const },
    { file: path.join(imageDir, 'full', 'max', '0', 'default.jpg'), allow: undefined },
  ];
  for (const { file, allow } of candidates) {
    const real = await existingFileInside(root, file, allow);
    if (real === undefined) continue;
    try {
      return await openSource(real);
    } catch (err) {
      if (!vanished(err) && !missingInput(err)) throw err;
    }
  }
  return undefined;
}

/** libvips' words for a file that is not there (any more). */
const missingInput = (err: unknown) => err instanceof Error && /input file is missing|no such file|does not exist/i.test(err.message);

function renderFailure(err: unknown, id: string): HttpError | Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/timeout/i.test(message)) return new HttpError(503, 'rendering took too long', 5);
  // The source went away while the render waited or ran: the image is no longer published.
  if (vanished(err) || missingInput(err)) return notFound(`image ${JSON.stringify(id)} is no longer published`);
  return err instanceof Error ? err : new Error(message);
}
