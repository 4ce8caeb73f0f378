// The OCR-D workspace bag of Kant's essay (a BagIt bag whose METS names its TIFF masters in
// OCR-D-IMG and its text in OCR-D-GT-ALTO and OCR-D-GT-PAGE) published as it is: its ALTO on the
// right pages and found by search there; its checksums verified first, and not hashed again while
// nothing changed; a damaged bag (an altered, missing or unlisted file, fetch.txt) publishes nothing
// of its item, names the file, and leaves a previously published version exactly as it was.
import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import type { IngestSummary } from '../../ingest/summary.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { reindexAll } from '../../server/search/reindex.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { makeOcrdBag } from '../support/ocrd-bag.ts';
import { checkPublished } from './published-data.ts';

const BASE = 'http://localhost:3000';
const ID = 'ocrd-kant_aufklaerung_1784';
const config = () => loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: BASE });

let root: string;
let bag: string;
let data: string;
let first: IngestSummary;

const run = (source: string, dataDir: string) => ingest({ source, dataDir, baseUrl: BASE, config: config(), jobs: 2 });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bag-'));
  bag = await makeOcrdBag(path.join(root, 'kant_aufklaerung_1784'));
  data = path.join(root, 'data');
  first = await run(bag, data);
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the OCR-D bag', () => {
  it('publishes as it is, under its Ocrd-Identifier, after hashing every payload and tag file', async () => {
    expect(first.failed).toEqual([]);
    expect(first.published).toEqual([ID]);
    // 7 payload files (METS, 2 TIFF, 2 ALTO, 2 PAGE) and the 3 tag files the tag manifest lists.
    expect(first.bags).toEqual({ verified: 1, unchanged: 0, filesHashed: 10 });
    const report = await checkPublished(data, BASE);
    expect(report.problems).toEqual([]);
  });

  it('takes the masters from OCR-D-IMG and the text from OCR-D-GT-ALTO, page by page', async () => {
    const record = JSON.parse(await readFile(dataPaths(data).record(ID), 'utf8')) as ItemRecord;
    expect(record.pages.map((p) => [p.key, p.file, p.alto, p.width, p.height])).toEqual([
      ['input_0017', 'OCR-D-IMG/INPUT_0017.tif', 'OCR-D-GT-ALTO/PAGE_0017_ALTO.xml', 1457, 2083],
      ['input_0020', 'OCR-D-IMG/INPUT_0020.tif', 'OCR-D-GT-ALTO/PAGE_0020_ALTO.xml', 1457, 2084],
    ]);
    expect(record.untitled).toBe(true);
    const text = JSON.parse(await readFile(dataPaths(data).textPage(ID, 'input_0020'), 'utf8'));
    expect(JSON.stringify(text)).toContain('Revolution');
    expect(text.items[0].target.source?.id ?? text.items[0].target).toContain('/canvas/input_0020');
  });

  it('is found by search on the page whose text has the word', async () => {
    const indexDir = await mkdtemp(path.join(root, 'index-'));
    const backend = new EmbeddedSearchBackend(indexDir);
    try {
      expect(await reindexAll(data, backend)).toEqual({ count: 1, problems: [] });
      const result = await backend.search({ q: 'Revolution', filters: {}, sort: 'relevance', page: 1, size: 10 });
      expect(result.hits.map((h) => [h.id, h.page?.key])).toEqual([[ID, 'input_0020']]);
      expect((await backend.pagesMatching(ID, 'Publikum'))?.pages.map((p) => p.key)).toEqual(['input_0020']);
    } finally {
      await backend.close();
    }
  });

  it('is not hashed again while unchanged, and is when a file is touched', async () => {
    const again = await run(bag, data);
    expect(again.unchanged).toEqual([ID]);
    expect(again.bags).toEqual({ verified: 0, unchanged: 1, filesHashed: 0 });
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(bag, 'data', 'OCR-D-GT-PAGE', 'PAGE_0017_PAGE.xml'), later, later);
    const touched = await run(bag, data);
    expect(touched.unchanged).toEqual([ID]);
    expect(touched.bags).toEqual({ verified: 1, unchanged: 0, filesHashed: 10 });
  }, 60_000);
});

describe('a damaged bag', () => {
  /**
   * A copy of the bag in a collection folder, damaged by `damage`, published into a fresh data
   * folder and into a copy of one holding the good version.
   */
  async function damaged(name: string, damage: (copy: string) => Promise<void>) {
    const source = path.join(root, name, 'source');
    const copy = path.join(source, 'kant_aufklaerung_1784');
    await cp(bag, copy, { recursive: true });
    await damage(copy);
    const fresh = path.join(root, name, 'data');
    const summary = await run(source, fresh);
    const published = path.join(root, name, 'published');
    await cp(data, published, { recursive: true });
    const manifestBefore = await readFile(dataPaths(published).manifest(ID), 'utf8');
    const over = await run(source, published);
    const manifestAfter = await readFile(dataPaths(published).manifest(ID), 'utf8');
    return { summary, fresh, over, manifestBefore, manifestAfter };
  }

  it.each([
    {
      name: 'altered',
      damage: async (b: string) => {
        const file = path.join(b, 'data', 'OCR-D-GT-ALTO', 'PAGE_0020_ALTO.xml');
        // Same size, one word changed: only the checksum can tell.
        await writeFile(file, (await readFile(file, 'utf8')).replace('Revolution', 'Evolutionr'));
      },
      file: 'data/OCR-D-GT-ALTO/PAGE_0020_ALTO.xml',
      reason: /PAGE_0020_ALTO\.xml does not match its sha512 checksum in manifest-sha512\.txt/,
    },
    {
      name: 'two altered',
      damage: async (b: string) => {
        for (const page of ['0017', '0020']) {
          const file = path.join(b, 'data', 'OCR-D-GT-PAGE', `PAGE_${page}_PAGE.xml`);
          await writeFile(file, (await readFile(file, 'utf8')).replace('<', ' '));
        }
      },
      file: 'data/OCR-D-GT-PAGE/PAGE_0017_PAGE.xml',
      reason:
        /PAGE_0017_PAGE\.xml does not match its sha512 checksum in manifest-sha512\.txt: .* \(and 1 more: data\/OCR-D-GT-PAGE\/PAGE_0020_PAGE\.xml\)$/,
    },
    {
      name: 'missing',
      damage: (b: string) => rm(path.join(b, 'data', 'OCR-D-IMG', 'INPUT_0020.tif')),
      file: 'data/OCR-D-IMG/INPUT_0020.tif',
      reason: /INPUT_0020\.tif is listed in manifest-sha512\.txt but missing from the bag/,
    },
    {
      name: 'unlisted',
      damage: (b: string) => writeFile(path.join(b, 'data', 'OCR-D-IMG', 'notes.txt'), 'not in the manifest'),
      file: 'data/OCR-D-IMG/notes.txt',
      reason: /notes\.txt is in the bag's data\/ but not listed in manifest-sha512\.txt/,
    },
    {
      name: 'fetching',
      damage: (b: string) => writeFile(path.join(b, 'fetch.txt'), 'https://example.org/INPUT_0021.tif 2000000 data/OCR-D-IMG/INPUT_0021.tif\n'),
      file: 'fetch.txt',
      reason: /fetch\.txt.*ingest downloads nothing/,
    },
    {
      name: 'oxum',
      damage: async (b: string) => {
        const info = path.join(b, 'bag-info.txt');
        await writeFile(info, (await readFile(info, 'utf8')).replace(/Payload-Oxum: \d+/, 'Payload-Oxum: 12'));
      },
      file: 'bag-info.txt',
      reason: /Payload-Oxum says 7 file\(s\) of 12 bytes/,
    },
  ])(
    '$name: publishes nothing of the item, names the file, keeps the published version',
    async ({ name, damage, file, reason }) => {
      const { summary, fresh, over, manifestBefore, manifestAfter } = await damaged(name, damage);
      for (const s of [summary, over]) {
        expect(s.published).toEqual([]);
        // The file at fault first; a missing or extra file also puts Payload-Oxum out, which is said too.
        expect(s.failed[0]).toEqual({ item: ID, file: `kant_aufklaerung_1784/${file}`, reason: expect.stringMatching(reason) });
        expect(s.failed.map((f) => f.item)).toEqual(s.failed.map(() => ID));
      }
      // Nothing of it in the fresh data folder: no manifest, no record, no image, no derivative.
      const paths = dataPaths(fresh);
      await expect(readFile(paths.manifest(ID))).rejects.toThrow(/ENOENT/);
      await expect(readdir(paths.recordDir(ID))).rejects.toThrow(/ENOENT/);
      expect(await readdir(path.join(fresh, 'iiif', 'image')).catch(() => [])).toEqual([]);
      expect(await readdir(path.join(fresh, 'derivatives')).catch(() => [])).toEqual([]);
      expect(manifestAfter).toBe(manifestBefore);
    },
    60_000,
  );
});
