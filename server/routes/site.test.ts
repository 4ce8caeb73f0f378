// The site router over HTTP with a stand-in build: the page file of the asked language (?lang=, the
// saved choice, Accept-Language) with Vary for caches, 404 for unknown or
// unsafe item ids (the friendly page, not a stack trace), the asset and embed folders, and 503 with a
// clear message when the site has not been built.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { parseManifest } from '../../manifests/presentation-reader.ts';
import { createSiteRouter, preloads } from './site.ts';

let tmp: string;
let base: string;
let server: http.Server;

/** A stand-in for one built page in one language; the footer tells which file was sent. */
const page = (name: string, lang: string) =>
  `<!doctype html>\n<html lang="${lang}"><head><title>${name}</title></head><body><main id="main">${name}</main><footer>${lang}:${name}</footer></body></html>`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-site-'));
  const dist = path.join(tmp, 'dist');
  const data = path.join(tmp, 'data');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await mkdir(path.join(dist, 'embed'), { recursive: true });
  for (const lang of ['nl', 'fr', 'en']) {
    for (const name of ['index', 'search', 'not-found']) await writeFile(path.join(dist, `${name}.${lang}.html`), page(name, lang));
    await writeFile(path.join(dist, `item.${lang}.html`), page('item', lang).replace('<main id="main">', '<main id="main"><h1 id="title">…</h1>'));
  }
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'export {};');
  await writeFile(path.join(dist, 'embed', 'leeszaal-viewer.js'), 'export {};');
  const config = loadConfig({ DATA_DIR: data, LOG_LEVEL: 'silent' });
  await mkdir(dataPaths(data).itemDir('kant'), { recursive: true });
  await writeFile(
    dataPaths(data).manifest('kant'),
    JSON.stringify({
      id: 'http://x/iiif/presentation/kant/manifest.json',
      type: 'Manifest',
      label: { none: ['Was ist <Aufklärung>?'], fr: ["Qu'est-ce que les Lumières ?"], en: ["Price $& costs $' and $1"] },
      items: [],
    }),
  );
  await mkdir(dataPaths(data).itemDir('damaged'), { recursive: true });
  await writeFile(dataPaths(data).manifest('damaged'), JSON.stringify({ type: 'Manifest', label: 'not a language map', items: [] }));
  const app = express();
  app.use(createSiteRouter(config, { distDir: dist }));
  app.use(createSiteRouter(config, { distDir: path.join(tmp, 'unbuilt') }));
  app.use((_req, res) => res.status(404).type('text/plain').send('server 404'));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(tmp, { recursive: true, force: true });
});

describe('site router', () => {
  it.each([
    ['/', 200, 'index', 'nl'],
    ['/?lang=fr', 200, 'index', 'fr'],
    ['/search?q=kant&lang=en', 200, 'search', 'en'],
    ['/search?lang=%3Cscript%3E', 200, 'search', 'nl'],
    ['/items/kant', 200, '<h1 id="title">Was ist &lt;Aufklärung&gt;?</h1>item', 'nl'],
    ['/items/kant?page=page-0017&xywh=1,2,3,4&rotation=90&lang=fr', 200, '<h1 id="title">Qu\'est-ce que les Lumières ?</h1>item', 'fr'],
    ['/items/unknown', 404, 'not-found', 'nl'],
    ['/items/KANT', 404, 'not-found', 'nl'],
    ['/items/..%2F..%2Fetc%2Fpasswd', 404, 'not-found', 'nl'],
    ['/items/kant%00', 404, 'not-found', 'nl'],
    ['/nothing/here?lang=en', 404, 'not-found', 'en'],
  ])('%s → %i %s', async (url, status, name, lang) => {
    const res = await fetch(`${base}${url}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).toContain(`<main id="main">${name}</main>`);
    expect(body).toContain(`<html lang="${lang}">`);
    expect(body).toMatch(new RegExp(`<footer>${lang}:`));
    expect(res.headers.get('content-language')).toBe(lang);
  });

  it.each([
    ['the saved choice', { cookie: 'theme=dark; leeszaal-lang=en' }, '/', 'en'],
    ["the browser's languages", { 'accept-language': 'de-DE, fr-BE;q=0.8, en;q=0.5' }, '/search', 'fr'],
    ['the saved choice over the browser', { cookie: 'leeszaal-lang=nl', 'accept-language': 'en' }, '/', 'nl'],
    ['?lang= over both', { cookie: 'leeszaal-lang=nl', 'accept-language': 'fr' }, '/?lang=en', 'en'],
    ['Dutch when nothing fits', { 'accept-language': 'de' }, '/nothing', 'nl'],
    ['the item page with its title', { 'accept-language': 'fr' }, '/items/kant', 'fr'],
  ])('sends the page in %s', async (_name, headers, url, lang) => {
    const res = await fetch(`${base}${url}`, { headers: { accept: 'text/html', ...headers } });
    const body = await res.text();
    expect(body).toContain(`<html lang="${lang}">`);
    expect(body).toMatch(new RegExp(`<footer>${lang}:`));
    // A shared cache must not give one reader's language to another.
    expect(res.headers.get('vary')).toMatch(/Cookie/);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    if (url.startsWith('/items/')) expect(body).toContain('<h1 id="title">Qu\'est-ce que les Lumières ?</h1>');
  });

  it('writes the item title (escaped, in the asked language) and the preloads into the item page', async () => {
    const nl = await (await fetch(`${base}/items/kant`)).text();
    expect(nl).toContain(
      '<title>Was ist &lt;Aufklärung&gt;? — Leeszaal</title><link rel="preload" as="fetch" crossorigin="anonymous" href="/iiif/presentation/kant/manifest.json">',
    );
    expect(nl).toContain('<h1 id="title">Was ist &lt;Aufklärung&gt;?</h1>');
    const fr = await (await fetch(`${base}/items/kant?lang=fr`)).text();
    expect(fr).toContain('<h1 id="title">Qu\'est-ce que les Lumières ?</h1>');
    // `$&`, `$'` and `$1` in a title are text, not replacement patterns.
    const en = await (await fetch(`${base}/items/kant?lang=en`)).text();
    expect(en).toContain("<title>Price $&amp; costs $' and $1 — Leeszaal</title>");
    expect(en).toContain('<h1 id="title">Price $&amp; costs $\' and $1</h1>');
  });

  it('still opens the page of an item whose manifest is damaged, titled by its id, for the viewer to say what is wrong', async () => {
    const res = await fetch(`${base}/items/damaged`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<h1 id="title">damaged</h1>');
    expect(body).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/iiif/presentation/damaged/manifest.json">');
  });

  it('serves hashed assets for a year and the embeddable viewer briefly', async () => {
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const embed = await fetch(`${base}/embed/leeszaal-viewer.js`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('leaves API, IIIF and missing asset paths to the server', async () => {
    for (const url of ['/api/nothing', '/iiif/nothing', '/assets/missing.js', '/records/x/y']) {
      const res = await fetch(`${base}${url}`, { headers: { accept: 'text/html' } });
      expect(await res.text()).toBe('server 404');
    }
  });
});

describe('site router before the build', () => {
  it('answers 503 naming the command to run', async () => {
    const config = loadConfig({ DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'silent' });
    const app = express().use(createSiteRouter(config, { distDir: path.join(tmp, 'unbuilt') }));
    const s = http.createServer(app);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });
});

describe('preloads', () => {
  const published = (items: unknown[]) =>
    JSON.stringify({ id: 'http://x/iiif/presentation/kant/manifest.json', type: 'Manifest', label: { none: ['Kant'] }, items });
  const canvas = (id: string, service: string) => ({ id, type: 'Canvas', items: [{ items: [{ body: { service: [{ id: service }] } }] }] });
  const manifest = published(
    ['page-0001', 'page-0017'].map((k) => canvas(`http://x/iiif/presentation/kant/canvas/${k}`, `http://x/iiif/image/${k}`)),
  );
  /** As the item route reads it: a manifest that does not parse gives none. */
  const read = (json: string) => {
    try {
      return parseManifest(json, 'manifest of kant');
    } catch {
      return undefined;
    }
  };
  const link = (href: string) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href}">`;
  it.each([
    [
      'the first page by default',
      manifest,
      undefined,
      [link('/iiif/presentation/kant/manifest.json'), link('http://x/iiif/image/page-0001/info.json')],
    ],
    ['the linked page', manifest, 'page-0017', [link('/iiif/presentation/kant/manifest.json'), link('http://x/iiif/image/page-0017/info.json')]],
    [
      'the first page for an unknown key',
      manifest,
      'nope',
      [link('/iiif/presentation/kant/manifest.json'), link('http://x/iiif/image/page-0001/info.json')],
    ],
    ['only the manifest when it does not parse', '{oops', 'page-0017', [link('/iiif/presentation/kant/manifest.json')]],
    [
      'nothing from a non-http service',
      published([canvas('http://x/iiif/presentation/kant/canvas/p1', 'javascript:x')]),
      undefined,
      [link('/iiif/presentation/kant/manifest.json')],
    ],
  ])('%s', (_name, json, page, want) => {
    expect(preloads('kant', read(json), page)).toBe(want.join(''));
  });
});
