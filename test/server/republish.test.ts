// Re-publishing while readers read: a client that keeps the old manifest (as caches may, for five
// minutes and a day stale) keeps getting its images' info.json, tiles and renders while an item is
// re-published twice, with no error at all; and an image truly gone is 404, never 500, also when it
// vanishes between being found and being rendered.
import { copyFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { createApp } from '../../server/app.ts';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { serve, type RunningServer } from './fixture.ts';

const ITEM = 'kant-aufklaerung-1784';
let root: string;
let source: string;
let data: string;
const base = 'http://localhost:3000';
let srv: RunningServer;

const config = () => loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: base, DATA_DIR: data, RENDER_CACHE_MB: '0' });
const publish = () => ingest({ source, dataDir: data, baseUrl: base, config: config(), jobs: 2 });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-republish-'));
  source = path.join(root, 'sample');
  data = path.join(root, 'data');
  await cp(path.join(SAMPLE_SOURCE, ITEM), path.join(source, ITEM), { recursive: true });
  const first = await publish();
  expect(first.failed).toEqual([]);
}, 180_000);

afterAll(async () => {
  await srv?.close();
  await rm(root, { recursive: true, force: true });
});

describe('re-publishing under readers', () => {
  it('answers every request for the old manifest’s images while the item is re-published twice', async () => {
    srv = await serve(createApp({ config: config() }));
    const record = JSON.parse(await readFile(dataPaths(data).record(ITEM), 'utf8')) as ItemRecord;
    const oldIds = record.pages.map((p) => p.imageId);
    const paths = oldIds.flatMap((id) => [
      `/iiif/image/${id}/info.json`,
      `/iiif/image/${id}/0,0,512,512/512,512/0/default.jpg`,
      `/iiif/image/${id}/full/200,/0/default.jpg`,
      `/iiif/image/${id}/full/150,/90/default.png`,
    ]);
    const failures: string[] = [];
    let requests = 0;
    let reading = true;
    const reader = (async () => {
      for (let i = 0; reading; i++) {
        const p = paths[i % paths.length] as string;
        const res = await fetch(`${srv.url}${p}`);
        await res.arrayBuffer();
        requests += 1;
        if (res.status !== 200) failures.push(`${res.status} ${p}`);
      }
    })();

    const images = path.join(source, ITEM, 'images');
    const original = path.join(root, 'page-0016.tif');
    await copyFile(path.join(images, 'page-0016.tif'), original);
    await copyFile(path.join(images, 'page-0001.tif'), path.join(images, 'page-0016.tif'));
    expect((await publish()).published).toEqual([ITEM]);
    await copyFile(original, path.join(images, 'page-0016.tif'));
    expect((await publish()).published).toEqual([ITEM]);
    // Past the servers' two-second caches, so the last reads see the data folder as it now is.
    await new Promise((r) => setTimeout(r, 2500));
    reading = false;
    await reader;

    const now = JSON.parse(await readFile(dataPaths(data).record(ITEM), 'utf8')) as ItemRecord;
    expect(now.pages.map((p) => p.imageId)).toEqual(oldIds);
    expect(requests).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    await srv.close();
  }, 240_000);

  it('answers 404, not 500, for an image whose files vanish between being found and being rendered', async () => {
    srv = await serve(createApp({ config: config() }));
    const record = JSON.parse(await readFile(dataPaths(data).record(ITEM), 'utf8')) as ItemRecord;
    const id = record.pages[0]?.imageId as string;
    // Found once: the server trusts what it found for a moment.
    expect((await fetch(`${srv.url}/iiif/image/${id}/full/120,/0/default.jpg`)).status).toBe(200);
    await rm(dataPaths(data).imageDir(id), { recursive: true, force: true });
    await rm(dataPaths(data).derivative(id), { force: true });
    for (const p of ['full/130,/0/default.jpg', 'full/140,/45/default.png', '0,0,512,512/512,512/0/default.jpg']) {
      const res = await fetch(`${srv.url}/iiif/image/${id}/${p}`);
      expect(res.status, p).toBe(404);
    }
    await srv.close();
  });
});
