// The whole sample corpus (four collections, rebuilt from the repository by test/support/corpus.ts)
// publishes through the CLI, and everything published is valid and complete (every level-0 file at
// its promised size); the historical spelling survives into the full text;
// a re-run does no image work; rebase moves every URL to a new base without re-tiling, and tells
// Change Discovery where each manifest went.
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { buildCorpus } from '../support/corpus.ts';
import { checkPublished, publishedJsonFiles } from './published-data.ts';
import { runCli } from './run-cli.ts';

const BASE = 'http://localhost:3000';
let root: string;
let corpus: string;
let data: string;
let firstRun: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-corpus-'));
  corpus = path.join(root, 'corpus');
  data = path.join(root, 'data');
  await mkdir(corpus);
  await buildCorpus(corpus);
  firstRun = await runCli([corpus, '--data', data, '--jobs', '2'], { PUBLIC_BASE_URL: BASE });
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the whole corpus', () => {
  it('publishes every item of the four collections and exits 0', async () => {
    expect(firstRun.stderr).toMatch(/failed 0/);
    expect(firstRun.code).toBe(0);
    const collection = JSON.parse(await readFile(dataPaths(data).collection, 'utf8'));
    const ids = collection.items.map((m: { id: string }) => m.id.split('/').at(-2)).sort();
    expect(ids).toContain('kant-aufklaerung-1784');
    expect(ids).toContain('der-herold-1839');
    expect(ids).toContain('pembroke-werke-1766');
    expect(ids).toEqual(expect.arrayContaining(['bengel-abriss-1751', 'eiteritz-1719', 'fleming-jaeger-1719']));
    expect(ids).toHaveLength(8);
  });

  it('is valid and complete: manifests, collection, text pages, every level-0 file at its size', async () => {
    const report = await checkPublished(data, BASE);
    expect(report.problems).toEqual([]);
    expect(report.manifests).toHaveLength(8);
    expect(report.images).toBe(28);
    expect(report.files).toBeGreaterThan(28 * 10);
  }, 120_000);

  it('keeps the long s of the Kant transcription in its annotation page', async () => {
    const text = await readFile(dataPaths(data).textPage('kant-aufklaerung-1784', 'page-0017'), 'utf8');
    expect(text).toContain('ſ');
    expect(text).toContain('"motivation": "supplementing"');
  });

  it("publishes a CSV item's own row as its source record, and keeps reader internals out of record.json", async () => {
    const paths = dataPaths(data);
    const row = await readFile(path.join(paths.recordDir('bengel-abriss-1751'), 'row.csv'), 'utf8');
    const lines = row.trim().split('\n');
    expect(lines[0]).toMatch(/^id,file,label,creator/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^bengel-abriss-1751,bengel_abriss01_1751-0007\.jpg,/);
    const record = JSON.parse(await readFile(paths.record('bengel-abriss-1751'), 'utf8'));
    expect(Object.keys(record)).not.toContain('metadataText');
    expect(record.sourceRecord).toEqual({ file: 'row.csv', format: 'csv' });
  });

  it('uses only absolute ids under the base URL', async () => {
    const iiif = (await publishedJsonFiles(data)).filter((f) => f.startsWith(dataPaths(data).iiif));
    expect(iiif.length).toBeGreaterThan(40);
    for (const file of iiif) {
      const json = JSON.parse(await readFile(file, 'utf8'));
      if (json.type === 'Manifest' || json.type === 'Collection' || json.type === 'AnnotationPage' || json.type === 'ImageService3') {
        expect(json.id, file).toMatch(new RegExp(`^${BASE}/iiif/`));
      }
      for (const m of JSON.stringify(json).matchAll(/"id":"([^"]+)"/g)) expect(m[1], file).toMatch(/^https?:\/\/[^/]+/);
    }
    const manifest = JSON.parse(await readFile(dataPaths(data).manifest('kant-aufklaerung-1784'), 'utf8'));
    expect(manifest.id).toBe(`${BASE}/iiif/presentation/kant-aufklaerung-1784/manifest.json`);
  });

  it('does no image work on a re-run of unchanged input', async () => {
    const info = path.join(dataPaths(data).iiif, 'image');
    const manifest = dataPaths(data).manifest('der-herold-1839');
    const before = (await stat(manifest)).mtimeMs;
    const again = await runCli([corpus, '--data', data], { PUBLIC_BASE_URL: BASE });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/published 0 item\(s\), unchanged 8, failed 0; pages 28 \(tiled 0, reused 28\)/);
    expect((await stat(manifest)).mtimeMs).toBe(before);
    expect((await stat(info)).isDirectory()).toBe(true);
  }, 120_000);

  it('rebases every published URL to a new base without re-tiling', async () => {
    const NEW = 'https://leeszaal.example.org/brugge';
    const derivative = (
      await stat(dataPaths(data).derivative(JSON.parse(await readFile(dataPaths(data).record('pembroke-werke-1766'), 'utf8')).pages[0].imageId))
    ).mtimeMs;
    const r = await runCli(['--rebase', '--data', data], { PUBLIC_BASE_URL: NEW });
    expect(r.stderr).toMatch(/rebased \d+ file/);
    expect(r.code).toBe(0);
    // The old base survives only where it must: as where each manifest moved from.
    const moves: { object: { id: string }; target: { id: string } }[] = [];
    for (const file of await publishedJsonFiles(data)) {
      const json = JSON.parse(await readFile(file, 'utf8'));
      if (json.type === 'OrderedCollectionPage') {
        moves.push(...json.orderedItems.filter((a: { type: string }) => a.type === 'Move'));
        json.orderedItems = json.orderedItems.filter((a: { type: string }) => a.type !== 'Move');
      }
      expect(JSON.stringify(json), file).not.toContain(`${BASE}/`);
    }
    const items = JSON.parse(await readFile(path.join(dataPaths(data).presentation, 'collection.json'), 'utf8')).items as { id: string }[];
    expect(moves.map((m) => m.target.id).sort()).toEqual(items.map((m) => m.id).sort());
    for (const m of moves) expect(m.object.id).toBe(m.target.id.replace(NEW, BASE));
    const report = await checkPublished(data, NEW, { pixelSizes: false });
    expect(report.problems).toEqual([]);
    const rerun = await runCli([corpus, '--data', data], { PUBLIC_BASE_URL: NEW });
    expect(rerun.stderr).toMatch(/unchanged 8, failed 0; pages 28 \(tiled 0, reused 28\)/);
    const pembroke = JSON.parse(await readFile(dataPaths(data).record('pembroke-werke-1766'), 'utf8'));
    expect((await stat(dataPaths(data).derivative(pembroke.pages[0].imageId))).mtimeMs).toBe(derivative);
  }, 120_000);
});
