// Hostile URLs against every route: traversal however encoded (`..`, `%2e%2e`, `%2f`, `%5c`, double
// encoding, overlong UTF-8), absolute paths, null bytes, hidden folders and symbolic links. Each must
// get a 4xx and never the secret files placed beside (and hidden inside) the data folder.
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createSiteRouter } from '../../server/routes/site.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { itemRecord } from '../support/item-record.ts';
import { IMAGE_ID, ITEM, PAGE, buildFixture, serve, type Fixture, type RunningServer } from './fixture.ts';

let fx: Fixture;
let srv: RunningServer;
/** A stand-in for the built site, so item pages answer whether or not `npm run build` ran. */
let dist: string;

beforeAll(async () => {
  fx = await buildFixture();
  const paths = dataPaths(fx.dataDir);
  // Links planted inside the data folder: an item folder whose manifest lies outside it, and a
  // records folder that is really the private state folder.
  await writeFile(path.join(fx.root, 'outside-manifest.json'), JSON.stringify({ label: { none: [fx.secret] } }));
  await mkdir(paths.itemDir('planted'), { recursive: true });
  await symlink(path.join(fx.root, 'outside-manifest.json'), paths.manifest('planted'));
  await symlink(paths.state, paths.recordDir('private'));
  // An item whose manifest is real but whose records folder is linked to one outside, holding a
  // record that would put its own citation into the item page.
  await mkdir(path.join(fx.root, 'outside-record'), { recursive: true });
  const outsideRecord = itemRecord({ id: 'linked-record', label: { none: [fx.secret] } });
  await writeFile(path.join(fx.root, 'outside-record', 'record.json'), JSON.stringify(outsideRecord));
  await mkdir(paths.itemDir('linked-record'), { recursive: true });
  await copyFile(paths.manifest(ITEM), paths.manifest('linked-record'));
  await symlink(path.join(fx.root, 'outside-record'), paths.recordDir('linked-record'));
  // The same record, really inside the data folder, does give an item page its citation.
  await mkdir(paths.recordDir('inside-record'), { recursive: true });
  await writeFile(paths.record('inside-record'), JSON.stringify({ ...outsideRecord, id: 'inside-record' }));
  await mkdir(paths.itemDir('inside-record'), { recursive: true });
  await copyFile(paths.manifest(ITEM), paths.manifest('inside-record'));
  await symlink(paths.search, paths.recordDir('index'));
  await mkdir(paths.search, { recursive: true });
  await writeFile(path.join(paths.search, 'secret.json'), JSON.stringify({ secret: fx.secret }));
  dist = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-dist-'));
  // The build writes each page once per language.
  for (const lang of ['nl', 'fr', 'en']) {
    await writeFile(path.join(dist, `item.${lang}.html`), `<html lang="${lang}"><title>x</title><h1 id="title">…</h1></html>`);
    await writeFile(path.join(dist, `not-found.${lang}.html`), `<html lang="${lang}"><h1>not found</h1></html>`);
  }
  const config = fx.config();
  // The site's static assets are attacked too.
  srv = await serve(createApp({ config, routers: [createSiteRouter(config, { distDir: dist })] }));
});

afterAll(async () => {
  await srv?.close();
  await fx?.cleanup();
  await rm(dist, { recursive: true, force: true });
});

/** Sends the request target exactly as written (fetch would resolve `..` itself). */
function rawGet(target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: target, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const UP = [
  '../',
  '..%2f',
  '..%2F',
  '%2e%2e%2f',
  '%2e%2e/',
  '.%2e/',
  '%2e./',
  '..%5c',
  '%2e%2e%5c',
  '..\\',
  '%252e%252e%252f',
  '..%252f',
  '%c0%ae%c0%ae%c0%af',
  '%c0%ae%c0%ae/',
  '..%c0%af',
  '%e0%80%ae%e0%80%ae/',
];
const TARGETS = ['secret.txt', 'secret.json', 'data/.leeszaal/state.json'];

function payloads(): string[] {
  const out = new Set<string>();
  for (const up of UP) {
    for (let depth = 1; depth <= 6; depth++) {
      for (const t of TARGETS) out.add(up.repeat(depth) + t.replaceAll('/', up.endsWith('/') ? '/' : up.slice(up.length - 3)));
    }
  }
  const abs = path.join(fx.root, 'secret.txt');
  out.add(encodeURIComponent(abs));
  out.add(abs.slice(1));
  out.add(`%2f${abs.slice(1).replaceAll('/', '%2f')}`);
  out.add(`${encodeURIComponent(abs)}%00.jpg`);
  out.add('record.json%00');
  out.add('%00');
  out.add('.leeszaal');
  out.add('%2eleeszaal%2fstate.json');
  out.add('..');
  out.add('%2e%2e');
  out.add('.');
  out.add('leak.json');
  return [...out];
}

const ROUTES = [
  (p: string) => `/iiif/image/${p}`,
  (p: string) => `/iiif/image/${p}/info.json`,
  (p: string) => `/iiif/image/${p}/full/max/0/default.jpg`,
  (p: string) => `/iiif/image/${IMAGE_ID}/${p}/max/0/default.jpg`,
  (p: string) => `/iiif/image/${IMAGE_ID}/full/${p}/0/default.jpg`,
  (p: string) => `/iiif/image/${IMAGE_ID}/full/max/0/${p}`,
  (p: string) => `/iiif/presentation/${p}`,
  (p: string) => `/iiif/presentation/${p}/manifest.json`,
  (p: string) => `/iiif/presentation/${ITEM}/annotations/${p}`,
  (p: string) => `/iiif/presentation/${ITEM}/canvas/${p}`,
  (p: string) => `/iiif/presentation/${ITEM}/${p}/${PAGE}`,
  (p: string) => `/iiif/discovery/${p}`,
  (p: string) => `/records/${p}`,
  (p: string) => `/records/${p}/record.json`,
  (p: string) => `/records/${ITEM}/${p}`,
  (p: string) => `/${p}`,
  (p: string) => `/assets/${p}`,
  (p: string) => `/embed/${p}`,
  (p: string) => `/viewer/${p}`,
  (p: string) => `/items/${p}`,
  (p: string) => `/search/${p}`,
  (p: string) => `/api/search/${p}`,
  (p: string) => `/iiif/search/2/${p}`,
];

describe('path attacks', () => {
  it('answers every hostile URL on every route with 4xx and no secret', async () => {
    const failures: string[] = [];
    const list = payloads();
    for (const route of ROUTES) {
      // A few at a time keeps the machine responsive.
      for (let i = 0; i < list.length; i += 16) {
        await Promise.all(
          list.slice(i, i + 16).map(async (p) => {
            const target = route(p);
            const { status, body } = await rawGet(target);
            if (status < 400 || status >= 500) failures.push(`${status} ${target}`);
            if (body.includes(fx.secret)) failures.push(`LEAK ${target}`);
          }),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('does not follow symbolic links out of the data folder', async () => {
    for (const target of [`/records/${ITEM}/leak.json`, '/iiif/discovery/leak.json']) {
      const { status, body } = await rawGet(target);
      expect(status).toBe(404);
      expect(body).not.toContain(fx.secret);
    }
  });

  it('does not make an item page of a manifest linked in from outside', async () => {
    const { status, body } = await rawGet('/items/planted');
    expect(status).toBe(404);
    expect(body).not.toContain(fx.secret);
    // The real item still has its page: the check refuses the link, not the route.
    expect((await rawGet(`/items/${ITEM}`)).status).toBe(200);
  });

  it('takes no citation for an item page from a record linked in from outside', async () => {
    const { status, body } = await rawGet('/items/linked-record');
    expect(status).toBe(200);
    expect(body).not.toContain(fx.secret);
    // The same record inside the data folder does: the check refuses the link, not the tags.
    expect((await rawGet('/items/inside-record')).body).toContain(`<meta name="citation_title" content="${fx.secret}">`);
  });

  it('never serves private folders through a linked folder inside the data folder', async () => {
    for (const target of ['/records/private/state.json', '/records/index/secret.json']) {
      const { status, body } = await rawGet(target);
      expect(status, target).toBe(404);
      expect(body).not.toContain(fx.secret);
    }
  });

  it('never serves the private state folder', async () => {
    for (const target of ['/.leeszaal/state.json', '/records/.leeszaal/state.json', '/iiif/%2e%2e/.leeszaal/state.json']) {
      const { status, body } = await rawGet(target);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(body).not.toContain(fx.secret);
    }
  });

  it('the same routes do serve their real files (the attacks are refused, not everything)', async () => {
    expect((await rawGet(`/records/${ITEM}/record.json`)).status).toBe(200);
    expect((await rawGet(`/iiif/image/${IMAGE_ID}/full/max/0/default.jpg`)).status).toBe(200);
    expect((await rawGet('/iiif/discovery/collection.json')).status).toBe(200);
  });
});
