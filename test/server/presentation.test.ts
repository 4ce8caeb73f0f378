// Presentation, Change Discovery, records and health over real HTTP: media types, embedded parts at
// the URLs their ids name, CORS, ETag/304, compression, caching headers, security headers and limits.
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { createApp } from '../../server/app.ts';
import { BASE_URL, IMAGE_ID, ITEM, PAGE, buildFixture, serve, type Fixture, type RunningServer } from './fixture.ts';

const PRESENTATION = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';
const DISCOVERY = 'application/ld+json;profile="http://iiif.io/api/discovery/1/context.json"';
const urls = publicUrls(BASE_URL);
const local = (id: string) => id.replace(BASE_URL, srv.url);

let fx: Fixture;
let srv: RunningServer;

beforeAll(async () => {
  fx = await buildFixture();
  srv = await serve(
    createApp({
      config: fx.config(),
      health: [{ name: 'search', check: async () => ({ ok: true, backend: 'test' }) }],
    }),
  );
});

afterAll(async () => {
  await srv?.close();
  await fx?.cleanup();
});

const revalidate = (url: string, etag: string | null) => fetch(url, { headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' } });

describe('Presentation API documents', () => {
  it.each([
    ['collection', () => urls.collection, 'Collection'],
    ['manifest', () => urls.manifest(ITEM), 'Manifest'],
    ['full-text page', () => urls.textPage(ITEM, PAGE), 'AnnotationPage'],
  ])('serves the %s as Presentation 3 JSON-LD with CORS, caching and ETag', async (_name, id, type) => {
    const res = await fetch(local(id()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PRESENTATION);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const json = await res.json();
    expect(json).toMatchObject({ id: id(), type });
    const again = await revalidate(local(id()), res.headers.get('etag'));
    expect(again.status).toBe(304);
  });

  it.each([
    ['canvas', () => urls.canvas(ITEM, PAGE), 'Canvas'],
    ['painting page', () => urls.paintingPage(ITEM, PAGE), 'AnnotationPage'],
    ['painting annotation', () => urls.paintingAnnotation(ITEM, PAGE), 'Annotation'],
    ['range', () => urls.range(ITEM, 'r1'), 'Range'],
  ])('dereferences the %s id embedded in the manifest', async (_name, id, type) => {
    const res = await fetch(local(id()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PRESENTATION);
    const json = await res.json();
    expect(json['@context']).toBe('http://iiif.io/api/presentation/3/context.json');
    expect(json).toMatchObject({ id: id(), type });
    const again = await revalidate(local(id()), res.headers.get('etag'));
    expect(again.status).toBe(304);
  });

  it('returns the embedded canvas, not the range reference to it', async () => {
    const json = await (await fetch(local(urls.canvas(ITEM, PAGE)))).json();
    expect(json.width).toBe(fx.width);
    expect(json.items[0].items[0].body.service[0].id).toBe(urls.imageService(IMAGE_ID));
  });

  it.each([
    [`/iiif/presentation/${ITEM}/canvas/page-9999`, /no canvas/],
    [`/iiif/presentation/nobody/manifest.json`, /not found/],
    [`/iiif/presentation/nobody/canvas/${PAGE}`, /no item/],
    [`/iiif/presentation/${ITEM}/annotations/page-9999.json`, /not found/],
  ])('404s %s', async (p, message) => {
    const res = await fetch(`${srv.url}${p}`);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toMatch(message);
  });

  it('compresses JSON for clients that accept it', async () => {
    const res = await fetch(local(urls.manifest(ITEM)), { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.json()).type).toBe('Manifest');
  });
});

describe('Change Discovery, records and health', () => {
  it('serves the activity stream and its pages with the discovery context', async () => {
    const res = await fetch(`${srv.url}/iiif/discovery/collection.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DISCOVERY);
    const json = await res.json();
    expect(json.type).toBe('OrderedCollection');
    const page = await fetch(local(json.first.id));
    expect(page.headers.get('content-type')).toBe(DISCOVERY);
    expect((await page.json()).orderedItems[0].type).toBe('Create');
    expect((await fetch(`${srv.url}/iiif/discovery/page-7.json`)).status).toBe(404);
  });

  it('serves record.json and the source metadata, sandboxed', async () => {
    const rec = await fetch(local(urls.record(ITEM, 'record.json')));
    expect(rec.status).toBe(200);
    expect(rec.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await rec.json()).id).toBe(ITEM);
    const mets = await fetch(local(urls.record(ITEM, 'mets.xml')));
    expect(mets.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(mets.headers.get('content-security-policy')).toMatch(/sandbox/);
  });

  it('reports health with item count and contributors', async () => {
    const res = await fetch(`${srv.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, items: 1, published: true, search: { ok: true, backend: 'test' } });
  });

  it('reads a damaged collection and manifest through their reader: 503 naming the file and field, a 500 for the manifest', async () => {
    const paths = dataPaths(path.join(fx.root, 'damaged'));
    await mkdir(paths.itemDir('broken'), { recursive: true });
    await writeFile(paths.collection, JSON.stringify({ id: urls.collection, type: 'Collection', items: 'none' }));
    await writeFile(paths.manifest('broken'), JSON.stringify({ id: urls.manifest('broken'), type: 'Manifest', label: 'Broken', items: [] }));
    const damaged = await serve(createApp({ config: fx.config({ DATA_DIR: paths.root }) }));
    try {
      const health = await fetch(`${damaged.url}/healthz`);
      expect(health.status).toBe(503);
      const report = await health.json();
      expect(report).toMatchObject({ ok: false, items: 0, published: false });
      expect(report.problem).toMatch(/^collection\.json is not a collection: .*items/s);
      expect(report.problem).not.toContain(fx.root);
      // Served before as if whole; now the server owns the fault (logged with file and field), the reader sees no stack.
      const manifest = await fetch(`${damaged.url}/iiif/presentation/broken/manifest.json`);
      expect(manifest.status).toBe(500);
      expect(await manifest.json()).toMatchObject({ message: 'internal error' });
    } finally {
      await damaged.close();
    }
  });

  it('reports 503 when a contributor fails', async () => {
    const sick = await serve(
      createApp({ config: fx.config(), health: [{ name: 'search', check: async () => Promise.reject(new Error('cluster down')) }] }),
    );
    try {
      const res = await fetch(`${sick.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, search: { ok: false, error: 'cluster down' } });
    } finally {
      await sick.close();
    }
  });

  it('mounts routers passed in after the IIIF routes', async () => {
    const { Router } = await import('express');
    const extra = Router();
    extra.get('/hello', (_req, res) => {
      res.send('from another part');
    });
    const withExtra = await serve(createApp({ config: fx.config(), routers: [extra] }));
    try {
      expect(await (await fetch(`${withExtra.url}/hello`)).text()).toBe('from another part');
    } finally {
      await withExtra.close();
    }
  });
});

describe('HTTP hygiene', () => {
  it('sends security headers and no server version', async () => {
    const res = await fetch(`${srv.url}/healthz`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('server')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/img-src 'self' blob: data: https: http:(;|$)/);
    // The viewer may fetch from any IIIF server, but scripts, plugins and framing stay locked down.
    expect(csp).toMatch(/connect-src 'self' https: http:(;|$)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers CORS preflight', async () => {
    const res = await fetch(local(urls.manifest(ITEM)), {
      method: 'OPTIONS',
      headers: { origin: 'https://viewer.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/GET/);
  });

  it('refuses writes, bodies and overlong URLs', async () => {
    const post = await fetch(local(urls.manifest(ITEM)), { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    // The message names what the route does answer (the server as a whole takes changes under /admin).
    expect(await post.json()).toMatchObject({
      status: 405,
      message: `POST is not allowed on ${new URL(local(urls.manifest(ITEM))).pathname}: it answers GET, HEAD, OPTIONS only`,
    });
    const withBody = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${srv.url}/healthz`, { method: 'GET', headers: { 'content-type': 'text/plain', 'content-length': '5' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('hello');
    });
    expect(withBody).toBe(413);
    const long = await fetch(`${srv.url}/iiif/presentation/${'a'.repeat(3000)}/manifest.json`);
    expect(long.status).toBe(414);
  });

  it('404s unknown paths with JSON and plain text for browsers, never a stack', async () => {
    const json = await fetch(`${srv.url}/no/such/thing`);
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ status: 404 });
    const html = await fetch(`${srv.url}/no/such/thing`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await html.text()).not.toMatch(/\n\s+at /);
  });

  it('HEAD works like GET without a body', async () => {
    const res = await fetch(local(urls.manifest(ITEM)), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PRESENTATION);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});
