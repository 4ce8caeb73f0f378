// Search over HTTP on the real published sample (ingest's `publishedSample()`): the index rebuilt
// from the data folder, /api/search and /api/suggest, IIIF Content Search 2.0 and 1.0 finding
// `Aufklärung` in the right region of page 481 (page-0017), and 503 from search alone when
// Elasticsearch is unreachable while manifests keep being served.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { parseTextPage } from '../../manifests/page-text.ts';
import { createApp } from '../../server/app.ts';
import { createContentSearchRouter } from '../../server/routes/content-search.ts';
import { createSearchRouter } from '../../server/routes/search.ts';
import type { SearchBackend } from '../../server/search/backend.ts';
import { ElasticSearchBackend } from '../../server/search/elastic-backend.ts';
import { reindexAll } from '../../server/search/reindex.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { KANT_ALTO } from '../support/inputs.ts';
import { publishedSample } from '../support/sample.ts';
import { altoLines } from './fixtures.ts';

const KANT = 'kant-aufklaerung-1784';

async function serve(app: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let dataDir: string;
let baseUrl: string;
let indexDir: string;
let backend: SearchBackend;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  ({ dataDir, baseUrl } = await publishedSample());
  indexDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-search-http-'));
  backend = new EmbeddedSearchBackend(indexDir);
  const report = await reindexAll(dataDir, backend);
  expect(report).toEqual({ count: 4, problems: [] });
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
  site = await serve(createApp({ config, routers: [createSearchRouter(backend), createContentSearchRouter(backend, config)] }));
});

afterAll(async () => {
  await site?.close();
  await backend?.close();
  if (indexDir) await rm(indexDir, { recursive: true, force: true });
});

async function getJson(pathAndQuery: string): Promise<{ status: number; body: any; type: string }> {
  const res = await fetch(site.url + pathAndQuery);
  return { status: res.status, body: await res.json(), type: res.headers.get('content-type') ?? '' };
}

describe('GET /api/search on the published sample', () => {
  it.each(['aufklarung', 'Aufklaerung', 'Aufklärung', 'Aufklärnug'])('finds the Kant essay for q=%s', async (q) => {
    const { status, body } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(body.hits.map((h: { id: string }) => h.id)).toContain(KANT);
  });

  it('finds iſt for q=ist, on page 481 with the canvas id, snippet marked', async () => {
    const { body } = await getJson('/api/search?q=ist');
    const hit = body.hits.find((h: { id: string }) => h.id === KANT);
    expect(hit.page).toEqual({ key: 'page-0017', label: '481', canvas: publicUrls(baseUrl).canvas(KANT, 'page-0017') });
    expect(hit.snippet).toContain('<mark>iſt</mark>');
  });

  it('finds Unmündigkeit, twice split across line ends on page 481, with a snippet that reads it whole', async () => {
    const { body } = await getJson(`/api/search?q=${encodeURIComponent('Unmündigkeit')}`);
    const hit = body.hits.find((h: { id: string }) => h.id === KANT);
    expect(hit.page.key).toBe('page-0017');
    expect(hit.snippet).toContain('verſchuldeten <mark>Unmündigkeit</mark>. <mark>Unmündigkeit</mark> iſt');
    expect(hit.snippet).not.toMatch(/Unmün-|digkeit\b(?!<)/);
    // The phrase across the line end is found too.
    const phrase = await getJson(`/api/search?q=${encodeURIComponent('"des Menschen aus"')}`);
    expect(phrase.body.hits.map((h: { id: string }) => h.id)).toContain(KANT);
  });

  it('answers with stable field names, facets and the parsed query', async () => {
    const { body, type } = await getJson('/api/search?language=ger&sort=title&size=2');
    expect(type).toMatch(/^application\/json/);
    expect(Object.keys(body).sort()).toEqual(['facets', 'hits', 'page', 'query', 'size', 'total']);
    expect(body.total).toBe(4);
    expect(body.hits).toHaveLength(2);
    expect(body.query).toEqual({ filters: { language: ['ger'] }, sort: 'title', page: 1, size: 2 });
    expect(Object.keys(body.facets)).toEqual(['type', 'language', 'century', 'person', 'place', 'printer', 'subject', 'collection']);
    expect(body.facets.century).toEqual(expect.arrayContaining([{ value: '18', count: 4 }]));
  });

  it.each([
    ['size=1000', 'size'],
    ['sort=sideways', 'sort'],
    ['from=abc', 'from'],
    ['evil=1', 'evil'],
    [`q=${'x'.repeat(600)}`, 'q'],
  ])('rejects %s with 400 naming %s', async (qs, parameter) => {
    const { status, body } = await getJson(`/api/search?${qs}`);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.message).toContain(parameter);
  });

  it('suggests while typing', async () => {
    const { status, body } = await getJson('/api/suggest?q=Kan');
    expect(status).toBe(200);
    expect(body.suggestions).toContainEqual({ kind: 'person', text: 'Immanuel Kant' });
    expect((await getJson('/api/suggest')).status).toBe(400);
  });
});

/** ALTO box of the first `Aufklaͤrung` on page-0017 (String in line tl_6). */
async function altoWordBox(): Promise<[number, number, number, number]> {
  const xml = await readFile(KANT_ALTO['page-0017'], 'utf8');
  const m = /HEIGHT="(\d+)" WIDTH="(\d+)" VPOS="(\d+)" HPOS="(\d+)"[^>]*CONTENT="Aufklaͤrung"/.exec(xml)!;
  return [Number(m[4]), Number(m[3]), Number(m[2]), Number(m[1])];
}

function overlap(a: number[], b: number[]): number {
  const ix = Math.max(0, Math.min(a[0]! + a[2]!, b[0]! + b[2]!) - Math.max(a[0]!, b[0]!));
  const iy = Math.max(0, Math.min(a[1]! + a[3]!, b[1]! + b[3]!) - Math.max(a[1]!, b[1]!));
  const inter = ix * iy;
  return inter / (a[2]! * a[3]! + b[2]! * b[3]! - inter);
}

const xywh = (target: string) => target.split('#xywh=')[1]!.split(',').map(Number);

describe('IIIF Content Search in the Kant item', () => {
  const urls = () => publicUrls(baseUrl);

  it('2.0 finds Aufklärung on page-0017 where the ALTO has the word', async () => {
    const { status, body, type } = await getJson(`/iiif/search/2/${KANT}?q=Aufkl%C3%A4rung`);
    expect(status).toBe(200);
    expect(type).toContain('application/ld+json');
    expect(body['@context']).toBe('http://iiif.io/api/search/2/context.json');
    expect(body.type).toBe('AnnotationPage');
    expect(body.id).toBe(`${urls().search2(KANT)}?q=Aufkl%C3%A4rung`);
    const canvas = urls().canvas(KANT, 'page-0017');
    const onPage = body.items.filter((a: { target: string }) => a.target.startsWith(`${canvas}#xywh=`));
    // The title's, the body's first word (its drop cap joined) and the motto's.
    expect(onPage.length).toBe(3);
    expect(onPage.every((a: { motivation: string }) => a.motivation === 'highlighting')).toBe(true);
    const truth = await altoWordBox();
    const best = Math.max(...onPage.map((a: { target: string }) => overlap(xywh(a.target), truth)));
    expect(best).toBeGreaterThan(0.6);
    const quotes = body.annotations[0].items;
    expect(quotes).toHaveLength(body.items.length);
    expect(quotes[0].target.source.id).toBe(body.items[0].id);
    expect(quotes[0].target.selector[0]).toMatchObject({
      type: 'TextQuoteSelector',
      exact: 'Aufklärung',
      prefix: expect.stringContaining('Was iſt'),
    });
    expect(body.ignored).toBeUndefined();
  });

  it('2.0 finds Unmündigkeit 3 times on page 481, two hyphenated across line ends, on the lines where they begin', async () => {
    const { body } = await getJson(`/iiif/search/2/${KANT}?q=${encodeURIComponent('Unmündigkeit')}`);
    const canvas = urls().canvas(KANT, 'page-0017');
    expect(body.items).toHaveLength(3);
    expect(body.items.every((a: { target: string }) => a.target.startsWith(`${canvas}#xywh=`))).toBe(true);
    const quotes = body.annotations[0].items.map((a: any) => a.target.selector[0].exact);
    expect(quotes).toEqual(['Unmündigkeit', 'Unmündigkeit', 'Unmündigkeit']);
    // Each box is on the line where the word begins: the ALTO's `Unmuͤn` there, or the whole word.
    const xml = await readFile(KANT_ALTO['page-0017'], 'utf8');
    const truth = [...xml.matchAll(/HEIGHT="(\d+)" WIDTH="(\d+)" VPOS="(\d+)" HPOS="(\d+)"[^>]*CONTENT="Unmuͤn(?:digkeit)?"/g)].map((m) => [
      Number(m[4]),
      Number(m[3]),
      Number(m[2]),
      Number(m[1]),
    ]);
    expect(truth).toHaveLength(3);
    for (const [i, a] of body.items.entries()) expect(overlap(xywh(a.target), truth[i]!)).toBeGreaterThan(0.4);
    const one = (await getJson(`/iiif/search/1/${KANT}?q=unmundigkeit`)).body;
    expect(one.within.total).toBe(3);
  });

  it('2.0 finds Menschen twice on page 481, once split as Men- / ſchen', async () => {
    const { body } = await getJson(`/iiif/search/2/${KANT}?q=Menschen`);
    const onPage = body.items.filter((a: { target: string }) => a.target.startsWith(`${urls().canvas(KANT, 'page-0017')}#xywh=`));
    expect(onPage).toHaveLength(2);
    expect(body.annotations[0].items[0].target.selector[0]).toMatchObject({ exact: 'Menſchen', prefix: expect.stringContaining('Ausgang des ') });
  });

  it('2.0 lists unsupported parameters in ignored and finds typos and long s', async () => {
    const { body } = await getJson(`/iiif/search/2/${KANT}?q=ist&motivation=painting&user=x`);
    expect(body.ignored).toEqual(['motivation', 'user']);
    expect(body.items.length).toBeGreaterThan(3);
    expect(body.annotations[0].items.every((a: any) => a.target.selector[0].exact === 'iſt')).toBe(true);
  });

  it('1.0 answers Mirador with an sc:AnnotationList of resources and hits', async () => {
    const { status, body } = await getJson(`/iiif/search/1/${KANT}?q=aufklarung`);
    expect(status).toBe(200);
    expect(body['@context']).toEqual(['http://iiif.io/api/presentation/2/context.json', 'http://iiif.io/api/search/1/context.json']);
    expect(body['@type']).toBe('sc:AnnotationList');
    expect(body.within.total).toBe(3);
    expect(body.resources[0].on).toMatch(new RegExp(`^${urls().canvas(KANT, 'page-0017')}#xywh=\\d+,\\d+,\\d+,\\d+$`));
    expect(body.hits[0]).toMatchObject({ '@type': 'search:Hit', match: 'Aufklärung', annotations: [body.resources[0]['@id']] });
    expect(body.hits[0].before).toContain('Was iſt');
  });

  it('autocompletes words of the item, 2.0 and 1.0', async () => {
    const two = (await getJson(`/iiif/autocomplete/2/${KANT}?q=aufk`)).body;
    expect(two.type).toBe('TermPage');
    expect(two.items[0]).toEqual({
      value: 'aufklärung',
      total: 3,
      service: [{ id: `${urls().search2(KANT)}?q=aufkl%C3%A4rung`, type: 'SearchService2' }],
    });
    const one = (await getJson(`/iiif/autocomplete/1/${KANT}?q=aufk`)).body;
    expect(one['@type']).toBe('search:TermList');
    expect(one.terms[0]).toMatchObject({ match: 'aufklärung', count: 3 });
  });

  it.each([
    [`/iiif/search/2/${KANT}`, 400],
    [`/iiif/search/2/${KANT}?q=x&page=0`, 400],
    ['/iiif/search/2/no-such-item?q=x', 404],
    ['/iiif/search/1/..%2F..%2Fetc?q=x', 404],
    ['/iiif/autocomplete/2/NOT_SAFE?q=x', 404],
  ])('%s answers %i', async (url, status) => {
    const res = await fetch(site.url + url);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('when Elasticsearch is unreachable', () => {
  it('search answers 503 with a message while manifests are still served', async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: baseUrl,
      LOG_LEVEL: 'silent',
      // Port 9 (discard) on loopback: connection refused, nothing listens there.
      ELASTICSEARCH_URL: 'http://127.0.0.1:9',
    });
    const es = ElasticSearchBackend.fromConfig(config);
    const down = await serve(createApp({ config, routers: [createSearchRouter(es), createContentSearchRouter(es, config)] }));
    try {
      const search = await fetch(`${down.url}/api/search?q=kant`, { headers: { accept: 'application/json' } });
      expect(search.status).toBe(503);
      expect((await search.json()).message).toMatch(/search is unavailable: Elasticsearch cannot be reached/);
      expect((await fetch(`${down.url}/iiif/search/2/${KANT}?q=kant`)).status).toBe(503);
      const manifest = await fetch(`${down.url}/iiif/presentation/${KANT}/manifest.json`);
      expect(manifest.status).toBe(200);
      expect(await es.health()).toMatchObject({ backend: 'elasticsearch', ok: false, message: expect.stringContaining('cannot be reached') });
    } finally {
      await down.close();
      await es.close();
    }
  });
});

it('the sample text page the index read is the one ingest published', async () => {
  const published = JSON.parse(await readFile(dataPaths(dataDir).textPage(KANT, 'page-0017'), 'utf8'));
  const fromAlto = await altoLines(KANT_ALTO['page-0017']);
  // Block annotations (textGranularity "block") repeat their lines' text; the index holds the lines only.
  const lines = published.items.filter((a: { textGranularity?: string }) => a.textGranularity === 'line');
  expect(lines.length).toBe(fromAlto.length);
  expect(published.items.filter((a: { textGranularity?: string }) => a.textGranularity === 'block').length).toBeGreaterThan(0);
  // The index reads the page as the downloads and the reading view do: the drop cap "A", a block of
  // its own in the ALTO, joined to the line it begins.
  const pages = await backend.itemPages(KANT);
  const asDownloaded = parseTextPage(await readFile(dataPaths(dataDir).textPage(KANT, 'page-0017'), 'utf8'), 'page-0017').map((l) => l.text);
  expect(asDownloaded).toHaveLength(lines.length - 1);
  expect(pages?.[0]?.lines.map((l) => l.text)).toEqual(asDownloaded);
  expect(asDownloaded.filter((line) => line.startsWith('Aufklaͤrung iſt der Ausgang des Men'))).toHaveLength(1);
});
