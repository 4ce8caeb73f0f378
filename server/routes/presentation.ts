// IIIF Presentation 3 over HTTP: the collection, manifests and full-text annotation pages as
// published, and the parts a manifest embeds (canvas, painting annotation page, painting annotation,
// range) at the URLs their ids name, so every id in a manifest dereferences.
import { readFile, stat } from 'node:fs/promises';
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config.ts';
import { withDownloads } from '../../manifests/downloads.ts';
import { dataPaths, isSafeId, publicUrls } from '../../manifests/layout.ts';
import { type Json, type JsonObject, parseManifest } from '../../manifests/presentation-reader.ts';
import { HttpError, notFound } from '../errors.ts';
import { CACHE_DOCUMENT, MEDIA, PRESENTATION_CONTEXT, jsonLdType, setCache } from '../headers.ts';
import { existingFileInside } from '../../manifests/data-file.ts';
import { requireSegment } from '../safe-path.ts';
import { sendDataFile } from '../send-data-file.ts';

/** Embedded parts by URL segment: which resource type the id names. */
const PARTS = { canvas: 'Canvas', page: 'AnnotationPage', annotation: 'Annotation', range: 'Range' } as const;

export function presentationRouter({ config }: { config: Config }): Router {
  const paths = dataPaths(config.DATA_DIR);
  const manifests = new Map<string, { version: string; json: JsonObject }>();
  const urls = publicUrls(config.PUBLIC_BASE_URL);
  const served = new WeakMap<JsonObject, Buffer>();

  async function loadManifest(item: string): Promise<JsonObject> {
    const real = await existingFileInside(paths.root, paths.manifest(item));
    if (real === undefined) throw notFound(`no item ${JSON.stringify(item)}`);
    const s = await stat(real);
    const version = `${s.size}-${s.mtimeMs}`;
    const known = manifests.get(item);
    if (known?.version === version) return known.json;
    // A damaged manifest is a fault of this server (a 500, logged with the file and field), not the reader's.
    const { json } = parseManifest(await readFile(real, 'utf8'), `manifest of ${item}`);
    if (manifests.size > 200) manifests.clear();
    manifests.set(item, { version, json });
    return json;
  }

  const item = (req: Request) => requireSegment('item id', String(req.params.item), isSafeId);
  const ld = (req: Request) => jsonLdType((t) => req.accepts(t), MEDIA.presentation);
  const send = (req: Request, res: Response, next: (err?: unknown) => void, file: string, what: string) => {
    res.vary('Accept');
    return sendDataFile(res, next, file, { root: paths.root, contentType: ld(req), cacheControl: CACHE_DOCUMENT, what });
  };

  const router = Router();

  router.get('/iiif/presentation/collection.json', (req, res, next) => send(req, res, next, paths.collection, 'collection'));

  // Sent with this server's downloads (PDF, text, ALTO) added as `rendering`, which a static host of
  // the same published file does not offer; kept serialised per published version.
  router.get('/iiif/presentation/:item/manifest.json', async (req, res) => {
    const id = item(req);
    const json = await loadManifest(id).catch((err: unknown) => {
      throw err instanceof HttpError && err.status === 404 ? notFound(`manifest of ${id} not found`) : err;
    });
    let body = served.get(json);
    if (body === undefined) {
      body = Buffer.from(JSON.stringify(withDownloads(json, id, urls)));
      served.set(json, body);
    }
    setCache(res, CACHE_DOCUMENT);
    res.vary('Accept');
    res.setHeader('Content-Type', ld(req));
    res.send(body);
  });

  router.get('/iiif/presentation/:item/annotations/:file', (req, res, next) => {
    const match = /^(.+)\.json$/.exec(String(req.params.file));
    const key = requireSegment('page key', match?.[1] ?? String(req.params.file), isSafeId);
    return send(req, res, next, paths.textPage(item(req), key), `full text of ${key}`);
  });

  router.get('/iiif/presentation/:item/:kind/:key', async (req, res, next) => {
    const kind = String(req.params.kind);
    if (!Object.hasOwn(PARTS, kind)) {
      next();
      return;
    }
    const type = PARTS[kind as keyof typeof PARTS];
    const id = item(req);
    const key = requireSegment(`${kind} key`, String(req.params.key), (k) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$/.test(k) && !k.includes('..'));
    const manifest = await loadManifest(id);
    const part = findPart(manifest, `/iiif/presentation/${id}/${kind}/${key}`, type);
    if (part === undefined) throw notFound(`item ${id} has no ${kind} ${JSON.stringify(key)}`);
    setCache(res, CACHE_DOCUMENT);
    res.vary('Accept');
    res.setHeader('Content-Type', ld(req));
    res.send(Buffer.from(JSON.stringify({ '@context': PRESENTATION_CONTEXT, ...part })));
  });

  return router;
}

/**
 * The fullest object of `type` in the manifest whose id ends with `suffix` (ids carry the public base
 * URL; matching the path keeps lookups working behind any host name). References such as a range's
 * `{ id, type: 'Canvas' }` lose to the embedded canvas because they have fewer properties.
 */
export function findPart(manifest: JsonObject, suffix: string, type: string): JsonObject | undefined {
  let best: JsonObject | undefined;
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const id = node.id;
    if (node.type === type && typeof id === 'string' && idPath(id).endsWith(suffix)) {
      if (best === undefined || Object.keys(node).length > Object.keys(best).length) best = node;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(manifest);
  return best;
}

function idPath(id: string): string {
  try {
    return new URL(id).pathname;
  } catch {
    return id;
  }
}
