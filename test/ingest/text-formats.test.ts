// PAGE XML and hOCR full text through the whole path a reader meets: item folders with `page/` and
// `hocr/` beside the scans are ingested, their lines published as annotations on the right canvas
// (boxes scaled to the master), found by search, and offered as ALTO for download; bad text files
// (malformed, an entity payload, a file that matches no page) fail their own item with the file and
// the reason, and the other items still publish.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import type { IngestSummary } from '../../ingest/summary.ts';
import { parseAlto } from '../../ingest/text/alto.ts';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import { createApp } from '../../server/app.ts';
import { createContentSearchRouter } from '../../server/routes/content-search.ts';
import { createSearchRouter } from '../../server/routes/search.ts';
import { reindexAll } from '../../server/search/reindex.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { KANT_PAGE_0017, REPO_ROOT, SAMPLE_SOURCE } from '../support/inputs.ts';
import { checkPublished } from './published-data.ts';

const BASE = 'http://leeszaal.test';
const FIXTURES = path.join(REPO_ROOT, 'ingest', 'text', 'fixtures');
const PRINT = path.join(SAMPLE_SOURCE, 'prints-1653-1751', 'images', 'bengel_abriss01_1751-0007.jpg');
const urls = publicUrls(BASE);

let root: string;
let source: string;
let data: string;
let summary: IngestSummary;
let backend: EmbeddedSearchBackend;
let site: { url: string; close: () => Promise<void> };
let print: { width: number; height: number };

const record = async (itemId: string) => parseItemRecord(await readFile(dataPaths(data).record(itemId), 'utf8'), itemId);

async function item(name: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(source, name, rel);
    await mkdir(path.dirname(file), { recursive: true });
    if (content.startsWith('/')) await copyFile(content, file);
    else await writeFile(file, content);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-text-formats-'));
  source = path.join(root, 'source');
  data = path.join(root, 'data');
  const meta = await sharp(PRINT).metadata();
  print = { width: meta.width!, height: meta.height! };
  await item('kant-page', {
    'images/page-0017.tif': KANT_PAGE_0017,
    'images/page-0018.jpg': PRINT,
    'images/page-0019.jpg': PRINT,
    'page/page-0017.xml': path.join(FIXTURES, 'kant-0017.page.xml'),
    // Recognised on a 1000 x 1500 scan: scaled to the print's pixels.
    'page/page-0018.xml': path.join(FIXTURES, 'sample-2013.page.xml'),
  });
  await item('kant-hocr', { 'images/page-0017.tif': KANT_PAGE_0017, 'hocr/page-0017.hocr': path.join(FIXTURES, 'kant-0017.hocr') });
  const hocr = await readFile(path.join(FIXTURES, 'kant-0017.hocr'), 'utf8');
  await item('entity-hocr', {
    'images/p1.jpg': PRINT,
    'hocr/p1.hocr': hocr.replace('"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">', '[<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
  });
  const page = await readFile(path.join(FIXTURES, 'kant-0017.page.xml'), 'utf8');
  await item('broken-page', { 'images/p1.jpg': PRINT, 'page/p1.xml': page.slice(0, 5000) });
  await item('stray-page', { 'images/p1.jpg': PRINT, 'page/p2.xml': path.join(FIXTURES, 'kant-0017.page.xml') });
  const config = loadConfig({ DATA_DIR: data, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent' });
  summary = await ingest({ source, dataDir: data, baseUrl: BASE, config, jobs: 2 });

  backend = new EmbeddedSearchBackend(path.join(root, 'index'));
  await reindexAll(data, backend);
  const server = http.createServer(createApp({ config, routers: [createSearchRouter(backend), createContentSearchRouter(backend, config)] }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}, 180_000);

afterAll(async () => {
  await site?.close();
  await backend?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

type Annotation = { id: string; textGranularity: string; body: { value: string }; target: string };
const annotations = async (itemId: string, key: string): Promise<Annotation[]> =>
  JSON.parse(await readFile(dataPaths(data).textPage(itemId, key), 'utf8')).items;
const lineAnnotations = async (itemId: string, key: string) => (await annotations(itemId, key)).filter((a) => a.textGranularity === 'line');

describe('items with PAGE XML and hOCR text', () => {
  it('publish, and only the items with bad text fail', async () => {
    expect(summary.published.sort()).toEqual(['kant-hocr', 'kant-page']);
    expect((await checkPublished(data, BASE)).problems).toEqual([]);
  });

  it('PAGE XML: the ground truth’s lines on page 481, in reading order, with their boxes', async () => {
    const lines = await lineAnnotations('kant-page', 'page-0017');
    expect(lines).toHaveLength(24);
    expect(lines[0]!.body.value).toBe('Berliniſche Monatsſchrift.');
    expect(lines[0]!.target).toBe(`${urls.canvas('kant-page', 'page-0017')}#xywh=114,366,804,72`);
    expect(lines.map((l) => l.body.value)).toContain('Was iſt Aufklaͤrung?');
  });

  it('PAGE XML: a page recognised on a smaller scan gets its boxes scaled to the master', async () => {
    const lines = await lineAnnotations('kant-page', 'page-0018');
    expect(lines.map((l) => l.body.value)).toEqual(['Vande gheſcreuen', 'Eerſte regel', 'tweede regel', 'derde regel', 'Fig. 1. De Leeszaal']);
    const sx = print.width / 1000;
    const sy = print.height / 1500;
    expect(lines[0]!.target).toBe(
      `${urls.canvas('kant-page', 'page-0018')}#xywh=${Math.round(100 * sx)},${Math.round(100 * sy)},${Math.round(900 * sx) - Math.round(100 * sx)},${Math.round(160 * sy) - Math.round(100 * sy)}`,
    );
  });

  it('a page without a text file has no text', async () => {
    const manifest = JSON.parse(await readFile(dataPaths(data).manifest('kant-page'), 'utf8'));
    expect(manifest.items.map((c: { annotations?: unknown[] }) => (c.annotations ?? []).length)).toEqual([1, 1, 0]);
  });

  it('hOCR: Tesseract’s lines on the page, grouped in its paragraphs', async () => {
    const all = await annotations('kant-hocr', 'page-0017');
    const lines = all.filter((a) => a.textGranularity === 'line');
    expect(lines).toHaveLength(22);
    expect(lines[0]!.target).toBe(`${urls.canvas('kant-hocr', 'page-0017')}#xywh=114,367,803,69`);
    expect(all.filter((a) => a.textGranularity === 'block').length).toBe(6);
  });

  it('records the source text file and its format', async () => {
    const page = (await record('kant-page')).pages;
    expect(page.map((p) => [p.alto, p.textFormat])).toEqual([
      ['page/page-0017.xml', 'page-xml'],
      ['page/page-0018.xml', 'page-xml'],
      [undefined, undefined],
    ]);
    const hocrPages = (await record('kant-hocr')).pages;
    expect(hocrPages[0]).toMatchObject({ alto: 'hocr/page-0017.hocr', textFormat: 'hocr' });
  });

  it.each([
    ['entity-hocr', 'entity-hocr/hocr/p1.hocr', /full text not readable: refused: its DTD declares the entity "x"/],
    ['broken-page', 'broken-page/page/p1.xml', /full text not readable: PAGE XML is not well-formed XML/],
    ['stray-page', 'stray-page/page/p2.xml', /page\/p2\.xml is a full-text file that matches no page: no page image is named p2/],
  ])('%s fails naming %s and why', (name, file, reason) => {
    const failure = summary.failed.find((f) => f.item === name);
    expect(failure, JSON.stringify(summary.failed)).toBeDefined();
    expect(failure!.file).toContain(file);
    expect(failure!.reason).toMatch(reason);
  });
});

describe('reading and searching them', () => {
  const get = (p: string) => fetch(site.url + p);

  it('search finds a word of the PAGE text on its page', async () => {
    const body = await (await get('/api/search?q=Aufkl%C3%A4rung')).json();
    const hit = body.hits.find((h: { id: string }) => h.id === 'kant-page');
    expect(hit?.page?.key).toBe('page-0017');
  });

  it('Content Search finds a word of the hOCR text where Tesseract saw it', async () => {
    const body = await (await get('/iiif/search/2/kant-hocr?q=Verſtandes')).json();
    const targets: string[] = body.items.map((a: { target: string }) => a.target);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((t) => t.startsWith(`${urls.canvas('kant-hocr', 'page-0017')}#xywh=`))).toBe(true);
  });

  it.each([
    ['kant-page', 'page-0017', 'PAGE XML', 'page/page-0017.xml'],
    ['kant-page', 'page-0018', 'PAGE XML', 'page/page-0018.xml'],
    ['kant-hocr', 'page-0017', 'hOCR', 'hocr/page-0017.hocr'],
  ])('%s %s: the ALTO download has the published lines, written from its %s', async (itemId, key, format, file) => {
    const res = await get(new URL(urls.alto(itemId, key)).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toContain(`from the ${format} file ${file}`);
    const { width, height } = key === 'page-0017' ? { width: 1457, height: 2083 } : print;
    const published = (await lineAnnotations(itemId, key)).map((a) => [a.body.value, a.target.split('#xywh=')[1]]);
    expect(parseAlto(xml, width, height).lines.map((l) => [l.text, `${l.x},${l.y},${l.w},${l.h}`])).toEqual(published);
  });

  it('the manifest the server sends offers that ALTO on each canvas with text', async () => {
    const manifest = await (await get(new URL(urls.manifest('kant-hocr')).pathname)).json();
    expect(manifest.items[0].seeAlso).toContainEqual(expect.objectContaining({ id: urls.alto('kant-hocr', 'page-0017'), format: 'application/xml' }));
  });
});

describe('a corrected text file', () => {
  it('republishes its item alone, with the corrected line', async () => {
    const file = path.join(source, 'kant-hocr', 'hocr', 'page-0017.hocr');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Monats\\chrift,', 'Monatsſchrift.'));
    const config = loadConfig({ DATA_DIR: data, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent' });
    const again = await ingest({ source, dataDir: data, baseUrl: BASE, config, jobs: 2 });
    expect(again.published).toEqual(['kant-hocr']);
    expect(again.unchanged.sort()).toEqual(['kant-page']);
    expect(again.pages.tiled).toBe(0);
    expect((await lineAnnotations('kant-hocr', 'page-0017'))[0]!.body.value).toBe('Berliniſche Monatsſchrift.');
    expect(await readFile(dataPaths(data).alto('kant-hocr', 'page-0017'), 'utf8')).toContain('CONTENT="Monatsſchrift."');
  }, 120_000);
});
