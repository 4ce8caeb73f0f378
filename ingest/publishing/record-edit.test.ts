// Publishing a curator's edit of a record, and withdrawing and restoring an item, on a real ingest of
// the sample's Kant essay: only JSON changes (no tile or derivative is written again), a Change
// Discovery activity is logged, an edit stands through a re-run of ingest on the unchanged source and
// gives way to a changed source, a withdrawn item's files come back exactly as they were (also after
// a restore cut short), and none of it runs while an ingest holds the data folder's lock.
import { cp, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { readActivities } from '../../manifests/activity-log.ts';
import type { ItemRecord, PageRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { SAMPLE_SOURCE } from '../../test/support/inputs.ts';
import { ingest } from '../ingest.ts';
import { acquireLock, LockError } from './lock.ts';
import { RecordEditError, reconcilePages, republishRecord } from './record-edit.ts';
import { restoreItem, withdrawItem } from './withdraw.ts';

const ITEM = 'kant-aufklaerung-1784';
const BASE = 'http://localhost:3000';
let root: string;
let source: string;
let data: string;

const config = () => loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: BASE, DATA_DIR: data });
const opts = () => ({ dataDir: data, baseUrl: BASE, config: config(), lockWaitMs: 5000 });
const publish = () => ingest({ source, dataDir: data, baseUrl: BASE, config: config(), jobs: 2 });
const record = async (): Promise<ItemRecord> => JSON.parse(await readFile(dataPaths(data).record(ITEM), 'utf8')) as ItemRecord;
const manifest = async () =>
  JSON.parse(await readFile(dataPaths(data).manifest(ITEM), 'utf8')) as { label: Record<string, string[]>; items: { id: string }[] };

async function imageFiles(): Promise<Map<string, number>> {
  const paths = dataPaths(data);
  const out = new Map<string, number>();
  for (const dir of [path.join(paths.iiif, 'image'), path.dirname(paths.derivative('x'))]) {
    for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) out.set(path.join(e.parentPath, e.name), (await stat(path.join(e.parentPath, e.name))).mtimeMs);
    }
  }
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-record-edit-'));
  source = path.join(root, 'source');
  data = path.join(root, 'data');
  await cp(path.join(SAMPLE_SOURCE, ITEM), path.join(source, ITEM), { recursive: true });
  expect((await publish()).failed).toEqual([]);
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const page = (key: string, label?: string): PageRecord => ({
  key,
  file: `${key}.tif`,
  imageId: `i-${key}`,
  width: 10,
  height: 20,
  ...(label ? { label } : {}),
});

describe('reconcilePages', () => {
  const published = [page('a', '1'), page('b'), page('c', '3')];
  it.each([
    { edit: [page('c', '3'), page('a', '1'), page('b')], order: ['c', 'a', 'b'], labels: ['3', '1', undefined] },
    { edit: [page('a', ' i '), page('b', 'ii'), page('c', '')], order: ['a', 'b', 'c'], labels: ['i', 'ii', undefined] },
  ])('takes order and labels from the edit: $order', ({ edit, order, labels }) => {
    const pages = reconcilePages(published, edit);
    expect(pages.map((p) => p.key)).toEqual(order);
    expect(pages.map((p) => p.label)).toEqual(labels);
  });
  it('takes everything else from the published page, whatever the edit says', () => {
    const [a] = reconcilePages(published, [{ ...page('a'), imageId: 'someone-elses-image', width: 9999 }, page('b'), page('c')]);
    expect(a).toMatchObject({ imageId: 'i-a', width: 10 });
  });
  it.each([
    { edit: [page('a'), page('b')], reason: 'leaves out page(s) c' },
    { edit: [page('a'), page('b'), page('c'), page('d')], reason: '"d" is not a page' },
    { edit: [page('a'), page('a'), page('b'), page('c')], reason: '"a" appears twice' },
  ])('refuses an edit that $reason', ({ edit, reason }) => {
    expect(() => reconcilePages(published, edit)).toThrow(RecordEditError);
    expect(() => reconcilePages(published, edit)).toThrow(reason);
  });
});

describe('republishing an edited record', () => {
  it('changes only the JSON, logs an Update, and the edit stands through a re-run on the same source', async () => {
    const tiles = await imageFiles();
    const before = await record();
    const reversed = [...before.pages].reverse();
    await republishRecord(opts(), {
      ...before,
      label: { de: ['Was ist Aufklärung? (bearbeitet)'] },
      pages: reversed,
      thumbnailPage: reversed[0]!.key,
    });
    const m = await manifest();
    expect(m.label).toEqual({ de: ['Was ist Aufklärung? (bearbeitet)'] });
    expect(m.items.map((c) => c.id.split('/').at(-1))).toEqual(reversed.map((p) => p.key));
    expect(await imageFiles()).toEqual(tiles);
    expect((await readActivities(dataPaths(data).state)).at(-1)).toMatchObject({ type: 'Update', itemId: ITEM });
    const collection = await readFile(dataPaths(data).collection, 'utf8');
    expect(collection).toContain('(bearbeitet)');
    expect(collection).toContain(reversed[0]!.imageId);

    const again = await publish();
    expect(again.unchanged).toEqual([ITEM]);
    expect((await record()).label).toEqual({ de: ['Was ist Aufklärung? (bearbeitet)'] });
  });

  it('gives way to a source that changed since', async () => {
    const mets = path.join(source, ITEM, 'mets.xml');
    const text = await readFile(mets, 'utf8');
    await writeFile(mets, text.replace('Beantwortung der Frage: Was ist Aufklärung?', 'Beantwortung der Frage (neu katalogisiert)'));
    const again = await publish();
    expect(again.published).toEqual([ITEM]);
    expect(Object.values((await record()).label).flat()).toEqual(['Beantwortung der Frage (neu katalogisiert)']);
  });

  it('refuses an item that is not published, and pages that are not the item’s', async () => {
    const r = await record();
    await expect(republishRecord(opts(), { ...r, id: 'not-there' })).rejects.toThrow('item "not-there" is not published');
    await expect(republishRecord(opts(), { ...r, pages: r.pages.slice(1) })).rejects.toThrow('leaves out page(s)');
  });
});

describe('withdraw and restore', () => {
  it('moves every published file aside and back, the very same files', async () => {
    const paths = dataPaths(data);
    const tiles = await imageFiles();
    const manifestText = await readFile(paths.manifest(ITEM), 'utf8');
    await withdrawItem(opts(), ITEM);
    await expect(stat(paths.itemDir(ITEM))).rejects.toThrow();
    await expect(stat(paths.recordDir(ITEM))).rejects.toThrow();
    expect(await imageFiles()).toEqual(new Map());
    expect(await readFile(paths.collection, 'utf8')).not.toContain(ITEM);
    expect((await readActivities(paths.state)).at(-1)).toMatchObject({ type: 'Delete', itemId: ITEM });
    await expect(withdrawItem(opts(), ITEM)).rejects.toThrow('is not published');

    await restoreItem(opts(), ITEM);
    expect(await readFile(paths.manifest(ITEM), 'utf8')).toBe(manifestText);
    expect(await imageFiles()).toEqual(tiles);
    expect(await readFile(paths.collection, 'utf8')).toContain(ITEM);
    expect((await readActivities(paths.state)).at(-1)).toMatchObject({ type: 'Create', itemId: ITEM });
    await expect(stat(paths.withdrawn(ITEM))).rejects.toThrow();
    await expect(restoreItem(opts(), ITEM)).rejects.toThrow('is published, not withdrawn');
    // Ingest finds it as it left it: nothing to do.
    expect((await publish()).unchanged).toEqual([ITEM]);
  });

  it('finishes a restore that was cut short (some files already back)', async () => {
    const paths = dataPaths(data);
    const tiles = await imageFiles();
    await withdrawItem(opts(), ITEM);
    // As if a restore had moved one image back and then died.
    const [first] = await readdir(path.join(paths.withdrawn(ITEM), 'image'));
    await rename(path.join(paths.withdrawn(ITEM), 'image', first!), paths.imageDir(first!));
    await restoreItem(opts(), ITEM);
    expect(await imageFiles()).toEqual(tiles);
    expect((await publish()).unchanged).toEqual([ITEM]);
  });
});

describe('the ingest lock', () => {
  it('keeps an edit, a withdrawal and a restore from running while an ingest holds the data folder', async () => {
    const lock = await acquireLock(path.join(dataPaths(data).state, 'ingest.lock'), { waitMs: 0, what: 'test' });
    try {
      const quick = { ...opts(), lockWaitMs: 100 };
      await expect(republishRecord(quick, await record())).rejects.toThrow(LockError);
      await expect(withdrawItem(quick, ITEM)).rejects.toThrow(LockError);
      await expect(restoreItem(quick, ITEM)).rejects.toThrow(LockError);
    } finally {
      await lock.release();
    }
    expect(await stat(dataPaths(data).manifest(ITEM)).then(() => true)).toBe(true);
  });
});
