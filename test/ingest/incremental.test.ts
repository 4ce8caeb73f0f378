// Incremental re-publishing and withdrawal on a copy of the bundled sample: a changed page is the
// only one re-tiled and gets a new image folder (the old one is kept while caches may still hold
// the old manifest, and goes in the first run after that grace period); an item whose ingest state was lost keeps its published images; a second ingest on a
// locked data folder fails clearly; `--remove` withdraws an item completely and logs a Delete for
// Change Discovery.
import { access, copyFile, cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { REPLACED_IMAGE_GRACE_MS } from '../../manifests/caching.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { ingest } from '../../ingest/ingest.ts';
import { acquireLock } from '../../ingest/publishing/lock.ts';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { checkPublished } from './published-data.ts';
import { runCli } from './run-cli.ts';

const BASE = 'http://localhost:3000';
let root: string;
let source: string;
let data: string;

const config = () => loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: BASE });
const record = async (id: string) => JSON.parse(await readFile(dataPaths(data).record(id), 'utf8')) as ItemRecord;
const gone = (p: string) =>
  access(p).then(
    () => false,
    () => true,
  );
const discovery = async () => {
  const page = JSON.parse(await readFile(path.join(dataPaths(data).discovery, 'page-0.json'), 'utf8'));
  return page.orderedItems as { type: string; object: { id: string } }[];
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-incremental-'));
  source = path.join(root, 'sample');
  data = path.join(root, 'data');
  await cp(SAMPLE_SOURCE, source, { recursive: true });
  const first = await ingest({ source, dataDir: data, baseUrl: BASE, config: config(), jobs: 2 });
  expect(first.failed).toEqual([]);
  expect(first.pages).toEqual({ total: 7, tiled: 7, reused: 0 });
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('incremental ingest', () => {
  it('re-tiles only the changed page and switches the manifest to its new image', async () => {
    const before = await record('kant-aufklaerung-1784');
    const old16 = before.pages.find((p) => p.key === 'page-0016')!.imageId;
    const old17 = before.pages.find((p) => p.key === 'page-0017')!.imageId;
    const info17 = (await stat(path.join(dataPaths(data).imageDir(old17), 'info.json'))).mtimeMs;
    // Page 16 rescanned: another page's scan takes its place.
    const kantImages = path.join(source, 'kant-aufklaerung-1784', 'images');
    await copyFile(path.join(kantImages, 'page-0001.tif'), path.join(kantImages, 'page-0016.tif'));

    const published: string[] = [];
    const summary = await ingest({
      source,
      dataDir: data,
      baseUrl: BASE,
      config: config(),
      hooks: { itemPublished: (r) => void published.push(r.id) },
    });
    expect(summary.pages).toEqual({ total: 7, tiled: 1, reused: 6 });
    expect(summary.published).toEqual(['kant-aufklaerung-1784']);
    expect(summary.unchanged.sort()).toEqual(['bengel-abriss-1751', 'corvinus-frauenzimmer-1715', 'eiteritz-1719']);
    // The old scan's image stays for readers holding the old manifest (fresh or stale in a cache).
    expect(summary.imagesRemoved).toBe(0);
    expect(published).toEqual(['kant-aufklaerung-1784']);

    const after = await record('kant-aufklaerung-1784');
    const new16 = after.pages.find((p) => p.key === 'page-0016')!.imageId;
    expect(new16).not.toBe(old16);
    expect(new16.startsWith('kant-aufklaerung-1784_page-0016.')).toBe(true);
    expect(after.pages.find((p) => p.key === 'page-0017')!.imageId).toBe(old17);
    expect((await stat(path.join(dataPaths(data).imageDir(old17), 'info.json'))).mtimeMs).toBe(info17);
    expect(await gone(dataPaths(data).imageDir(old16))).toBe(false);
    expect(await gone(dataPaths(data).derivative(old16))).toBe(false);
    const retired = JSON.parse(await readFile(path.join(dataPaths(data).state, 'state.json'), 'utf8')).retired;
    expect(Object.keys(retired)).toEqual([old16]);
    const manifest = await readFile(dataPaths(data).manifest('kant-aufklaerung-1784'), 'utf8');
    expect(manifest).toContain(new16);
    expect(manifest).not.toContain(old16);
    expect((await discovery()).filter((a) => a.object.id.includes('kant-aufklaerung-1784')).map((a) => a.type)).toEqual(['Create', 'Update']);
    expect((await checkPublished(data, BASE)).problems).toEqual([]);

    // A run within the grace period keeps it; the first run after it deletes it.
    const soon = new Date(Date.parse(retired[old16]) + REPLACED_IMAGE_GRACE_MS - 60_000);
    expect((await ingest({ source, dataDir: data, baseUrl: BASE, config: config(), now: () => soon })).imagesRemoved).toBe(0);
    expect(await gone(dataPaths(data).imageDir(old16))).toBe(false);
    const later = new Date(Date.parse(retired[old16]) + REPLACED_IMAGE_GRACE_MS);
    expect((await ingest({ source, dataDir: data, baseUrl: BASE, config: config(), now: () => later })).imagesRemoved).toBe(1);
    expect(await gone(dataPaths(data).imageDir(old16))).toBe(true);
    expect(await gone(dataPaths(data).derivative(old16))).toBe(true);
    expect(JSON.parse(await readFile(path.join(dataPaths(data).state, 'state.json'), 'utf8')).retired).toEqual({});
    expect((await checkPublished(data, BASE)).problems).toEqual([]);
  }, 180_000);

  it('reuses the published images of an item whose state was lost, tiled anew but never published twice', async () => {
    const stateFile = path.join(dataPaths(data).state, 'state.json');
    const state = JSON.parse(await readFile(stateFile, 'utf8'));
    delete state.items['eiteritz-1719'];
    await writeFile(stateFile, JSON.stringify(state));
    const imageId = (await record('eiteritz-1719')).pages[0]!.imageId;
    const info = path.join(dataPaths(data).imageDir(imageId), 'info.json');
    const infoBefore = await stat(info);

    const summary = await ingest({ source, dataDir: data, baseUrl: BASE, config: config() });
    // Its page is new to the state, so it was tiled while hashed; the published image with the
    // same id is kept as it was, and the tiles made meanwhile are dropped.
    expect(summary.pages).toEqual({ total: 7, tiled: 0, reused: 7 });
    expect(summary.failed).toEqual([]);
    expect((await record('eiteritz-1719')).pages[0]!.imageId).toBe(imageId);
    expect((await stat(info)).mtimeMs).toBe(infoBefore.mtimeMs);
    expect(await gone(path.join(dataPaths(data).state, 'staging'))).toBe(true);
    expect((await checkPublished(data, BASE)).problems).toEqual([]);
  }, 120_000);

  it('refuses a second ingest on a data folder in use, naming the lock holder', async () => {
    const lock = await acquireLock(path.join(dataPaths(data).state, 'ingest.lock'), { waitMs: 0, what: 'test' });
    try {
      const r = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`is locked by process ${process.pid}`);
    } finally {
      await lock.release();
    }
  });

  it('takes over the lock of a process that no longer exists', async () => {
    await writeFile(path.join(dataPaths(data).state, 'ingest.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'then' }));
    const r = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
    expect(r.stderr).toMatch(/unchanged 4, failed 0/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('removes an item with --remove: files, collection entry, and a Delete activity', async () => {
    const eiteritz = await record('eiteritz-1719');
    const r = await runCli(['--remove', 'eiteritz-1719', '--data', data], { PUBLIC_BASE_URL: BASE });
    expect(r.stderr).toContain('removed eiteritz-1719');
    expect(r.code).toBe(0);
    const p = dataPaths(data);
    expect(await gone(p.itemDir('eiteritz-1719'))).toBe(true);
    expect(await gone(p.recordDir('eiteritz-1719'))).toBe(true);
    expect(await gone(p.imageDir(eiteritz.pages[0]!.imageId))).toBe(true);
    expect(await gone(p.derivative(eiteritz.pages[0]!.imageId))).toBe(true);
    const collection = await readFile(p.collection, 'utf8');
    expect(collection).not.toContain('eiteritz-1719');
    expect(collection).toContain('bengel-abriss-1751');
    expect((await discovery()).at(-1)).toMatchObject({ type: 'Delete', object: { id: `${BASE}/iiif/presentation/eiteritz-1719/manifest.json` } });
    expect((await checkPublished(data, BASE)).problems).toEqual([]);

    const again = await runCli(['--remove', 'eiteritz-1719', '--data', data], { PUBLIC_BASE_URL: BASE });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('item "eiteritz-1719" is not published');
  }, 60_000);
});
