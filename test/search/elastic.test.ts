// The Elasticsearch engine. Against a real cluster (ELASTICSEARCH_URL set) it runs the shared
// contract suite in a throw-away alias. Without one (as in CI here) it is checked with
// @elastic/elasticsearch-mock at the HTTP layer: the requests we send (mapping, bulk, atomic alias
// switch, query with post_filter and per-facet filter aggregations) and how canned responses and
// errors become our results or a SearchUnavailableError.
import { createRequire } from 'node:module';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { SearchUnavailableError, type SearchQuery } from '../../server/search/backend.ts';
import { ElasticSearchBackend, clientOptions } from '../../server/search/elastic-backend.ts';
import { toElasticDocument } from '../../server/search/elastic-query.ts';
import { findWordHits } from '../../server/search/content-search.ts';
import { makeMatcher } from '../../server/search/snippet.ts';
import { describeSearchContract } from './contract.ts';
import { KANT_ID, sampleDocuments } from './fixtures.ts';

const realCluster = process.env.ELASTICSEARCH_URL;
describe.runIf(realCluster)('against the real cluster at ELASTICSEARCH_URL', () => {
  describeSearchContract('elasticsearch', async () => {
    const config = loadConfig({ ...process.env, ELASTICSEARCH_INDEX: `leeszaal-test-${Date.now()}` });
    return ElasticSearchBackend.fromConfig(config);
  });
});

// The mock is CommonJS and recognises error replies by the CommonJS build's class: load both that way.
const require = createRequire(import.meta.url);
const { errors } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
const Mock = require('@elastic/elasticsearch-mock') as new () => {
  add(pattern: { method: string; path: string }, resolver: (params: any) => unknown): void;
  getConnection(): ConstructorParameters<typeof Client>[0]['Connection'];
};

interface Call {
  method: string;
  path: string;
  body: unknown;
}

function mocked() {
  const mock = new Mock();
  const client = new Client({ node: 'http://localhost:9200', Connection: mock.getConnection(), maxRetries: 0 });
  const calls: Call[] = [];
  const on = (method: string, path: string, reply: (body: any) => unknown) =>
    mock.add({ method, path }, (params: { method: string; path: string; body: unknown }) => {
      calls.push({ method: params.method, path: params.path, body: params.body });
      return reply(params.body);
    });
  return { mock, client, calls, on, backend: new ElasticSearchBackend(client, 'leeszaal') };
}

const responseError = (statusCode: number, type = 'error') =>
  new errors.ResponseError({
    body: { error: { type, reason: type }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });

const query = (partial: Partial<SearchQuery>): SearchQuery => ({ filters: {}, sort: 'relevance', page: 1, size: 20, ...partial });

describe('Elasticsearch engine (mocked HTTP)', () => {
  it('rebuilds into a new timestamped index with our mapping, bulk loads, then switches the alias atomically', async () => {
    const { on, calls, backend } = mocked();
    on('PUT', '/:index', () => ({ acknowledged: true }));
    on('POST', '/:index/_bulk', (body: unknown[]) => ({
      errors: false,
      items: body.filter((_, i) => i % 2 === 0).map(() => ({ index: { status: 201 } })),
    }));
    on('GET', '/:index/_refresh', () => ({}));
    on('HEAD', '/_alias/leeszaal', () => ({}));
    on('GET', '/_alias/leeszaal', () => ({ 'leeszaal-old': { aliases: { leeszaal: {} } } }));
    on('POST', '/_aliases', () => ({ acknowledged: true }));
    on('DELETE', '/:index', () => ({ acknowledged: true }));

    const docs = await sampleDocuments();
    async function* all() {
      yield* docs;
    }
    expect(await backend.rebuild(all())).toEqual({ count: docs.length });

    expect(calls.map((c) => `${c.method} ${c.path.replace(/leeszaal-\d{8}t\d{9}z/, 'leeszaal-NEW')}`)).toEqual([
      'PUT /leeszaal-NEW',
      'POST /leeszaal-NEW/_bulk',
      'GET /leeszaal-NEW/_refresh',
      'HEAD /_alias/leeszaal',
      'GET /_alias/leeszaal',
      'POST /_aliases',
      'DELETE /leeszaal-old',
    ]);
    const created = calls[0]!;
    const newIndex = created.path.slice(1);
    const mapping = created.body as any;
    expect(mapping.aliases).toBeUndefined();
    expect(mapping.settings.analysis.char_filter.historical.mappings).toEqual(expect.arrayContaining(['ſ => s', 'ä => ae', 'a\u0364 => ae']));
    expect(mapping.settings.analysis.analyzer.folded.filter).toEqual(['lowercase', 'asciifolding']);
    expect(mapping.settings.analysis.analyzer.folded_de.filter).toContain('stem_de');
    expect(mapping.mappings.properties.years).toEqual({ type: 'integer_range' });
    expect(mapping.mappings.properties.facets.properties.century).toEqual({ type: 'keyword' });
    expect(mapping.mappings.properties.pages.type).toBe('nested');
    expect(mapping.mappings.properties.title.fields.nl.analyzer).toBe('folded_nl');
    expect(mapping.mappings.properties.suggest_person.type).toBe('completion');

    const bulk = calls[1]!.body as any[];
    expect(bulk).toHaveLength(docs.length * 2);
    expect(bulk[0]).toEqual({ index: { _id: KANT_ID } });
    expect(bulk[1]).toMatchObject({
      id: KANT_ID,
      years: { gte: 1784, lte: 1784 },
      facets: { century: ['18'], person: ['Immanuel Kant'] },
      pages: [expect.objectContaining({ key: 'page-0017', order: 0 }), expect.objectContaining({ key: 'page-0020', order: 1 })],
    });
    expect(bulk[1].fulltext).toContain('Aufklaͤrung');
    expect(bulk[1].suggest_word.input).toEqual(expect.arrayContaining(['Beantwortung', 'Aufklärung', 'Philosophie']));
    expect(bulk[1].suggest_person).toEqual({ input: ['Immanuel Kant'] });

    expect(calls[5]!.body).toEqual({
      actions: [{ remove: { index: 'leeszaal-old', alias: 'leeszaal' } }, { add: { index: newIndex, alias: 'leeszaal' } }],
    });
  });

  it('deletes the half-built index and keeps the alias when bulk indexing fails', async () => {
    const { on, calls, backend } = mocked();
    on('PUT', '/:index', () => ({ acknowledged: true }));
    on('POST', '/:index/_bulk', () => ({
      errors: true,
      items: [{ index: { _id: KANT_ID, status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad field' } } }],
    }));
    on('DELETE', '/:index', () => ({ acknowledged: true }));
    async function* all() {
      yield* await sampleDocuments();
    }
    await expect(backend.rebuild(all())).rejects.toThrow(/bulk indexing failed for kant-aufklaerung-1784: bad field/);
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'POST', 'DELETE']);
    expect(calls.some((c) => c.path === '/_aliases')).toBe(false);
  });

  it('creates the index behind the alias before the first single-item write', async () => {
    const { on, calls, backend } = mocked();
    on('HEAD', '/_alias/leeszaal', () => responseError(404));
    on('PUT', '/:index', () => ({ acknowledged: true }));
    on('PUT', '/leeszaal/_doc/:id', () => ({ result: 'created' }));
    const [kant] = await sampleDocuments();
    await backend.index(kant!);
    expect(calls.map((c) => `${c.method} ${c.path.replace(/leeszaal-\d{8}t\d{9}z/, 'leeszaal-NEW')}`)).toEqual([
      'HEAD /_alias/leeszaal',
      'PUT /leeszaal-NEW',
      `PUT /leeszaal/_doc/${KANT_ID}`,
    ]);
    expect((calls[1]!.body as any).aliases).toEqual({ leeszaal: {} });
  });

  it('sends one query: fuzzy words, nested page hits, year range, post_filter, facet aggregations without their own filter', async () => {
    const { on, calls, backend } = mocked();
    on('POST', '/leeszaal/_search', () => ({
      took: 1,
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: {
        total: { value: 1, relation: 'eq' },
        max_score: 3,
        hits: [
          {
            _index: 'leeszaal-x',
            _id: KANT_ID,
            _score: 3,
            _source: {
              id: KANT_ID,
              type: 'periodical',
              title: 'Beantwortung der Frage: Was ist Aufklärung?',
              date: '1784',
              yearFrom: 1784,
              yearTo: 1784,
              agents: [{ name: 'Immanuel Kant', role: 'aut' }],
              printer: 'Haude und Spener',
              place: 'Berlin',
              languages: ['ger'],
            },
            highlight: { title: ['Beantwortung der Frage: Was ist <mark>Aufklärung</mark>?'] },
            inner_hits: {
              pages: {
                hits: {
                  total: { value: 2, relation: 'eq' },
                  hits: [
                    {
                      _index: 'leeszaal-x',
                      _id: KANT_ID,
                      _nested: { field: 'pages', offset: 0 },
                      _score: 2,
                      _source: { key: 'page-0017', label: '481', canvas: 'http://x/canvas/page-0017' },
                      highlight: { 'pages.text': ['Was iſt <mark>Aufklaͤrung</mark>? &amp; mehr'] },
                    },
                  ],
                },
              },
            },
          },
        ],
      },
      aggregations: {
        language: {
          doc_count: 3,
          values: {
            buckets: [
              { key: 'ger', doc_count: 2 },
              { key: 'fre', doc_count: 1 },
            ],
          },
        },
        century: { doc_count: 2, values: { buckets: [{ key: '18', doc_count: 2 }] } },
      },
    }));
    const result = await backend.search(
      query({ q: 'Aufklärung title:Kant', filters: { language: ['ger', 'dut'], century: ['18'] }, from: 1700, to: 1799 }),
    );
    const body = calls[0]!.body as any;
    expect(body.from).toBe(0);
    expect(body.size).toBe(20);
    expect(body.track_total_hits).toBe(true);
    expect(body.query.bool.must[0].multi_match).toMatchObject({ query: 'Aufklärung', fuzziness: 'AUTO' });
    expect(body.query.bool.must[0].multi_match.fields).toEqual(expect.arrayContaining(['title^10', 'fulltext']));
    expect(body.query.bool.must[1].multi_match).toMatchObject({
      query: 'Kant',
      fields: expect.arrayContaining(['title^2', 'title.nl^1', 'labels.de^1']),
    });
    expect(body.query.bool.must[1].multi_match.fields).not.toContain('title.sort');
    expect(body.query.bool.should[0].nested).toMatchObject({ path: 'pages', inner_hits: { size: 1 } });
    expect(body.query.bool.filter).toEqual([{ range: { years: { gte: 1700, lte: 1799, relation: 'intersects' } } }]);
    expect(body.post_filter).toEqual({
      bool: { filter: [{ terms: { 'facets.language': ['ger', 'dut'] } }, { terms: { 'facets.century': ['18'] } }] },
    });
    expect(body.aggs.language.filter).toEqual({ bool: { filter: [{ terms: { 'facets.century': ['18'] } }] } });
    expect(body.aggs.century.filter).toEqual({ bool: { filter: [{ terms: { 'facets.language': ['ger', 'dut'] } }] } });
    expect(body.aggs.place.filter.bool.filter).toHaveLength(2);
    expect(body.aggs.place.aggs.values.terms.field).toBe('facets.place');
    expect(body.highlight.pre_tags).toEqual(['<mark>']);
    expect(body.highlight.encoder).toBe('html');
    expect(body.sort).toEqual(['_score', { 'title.sort': 'asc' }]);

    expect(result.total).toBe(1);
    expect(result.hits[0]).toEqual({
      id: KANT_ID,
      title: 'Beantwortung der Frage: Was ist Aufklärung?',
      type: 'periodical',
      date: '1784',
      yearFrom: 1784,
      yearTo: 1784,
      agents: [{ name: 'Immanuel Kant', role: 'aut' }],
      printer: 'Haude und Spener',
      place: 'Berlin',
      languages: ['ger'],
      snippet: 'Was iſt <mark>Aufklaͤrung</mark>? &amp; mehr',
      page: { key: 'page-0017', label: '481', canvas: 'http://x/canvas/page-0017' },
    });
    expect(result.facets.language).toEqual([
      { value: 'ger', count: 2 },
      { value: 'fre', count: 1 },
    ]);
    expect(result.facets.place).toEqual([]);
  });

  it('sorts by date and title and pages with from/size', async () => {
    const { on, calls, backend } = mocked();
    on('POST', '/leeszaal/_search', () => ({ hits: { total: { value: 0, relation: 'eq' }, hits: [] } }));
    await backend.search(query({ sort: 'date', page: 3, size: 10 }));
    await backend.search(query({ sort: '-date' }));
    await backend.search(query({ sort: 'title' }));
    const bodies = calls.map((c) => c.body as any);
    expect(bodies[0].from).toBe(20);
    expect(bodies[0].sort[0]).toEqual({ yearFrom: { order: 'asc', missing: '_last' } });
    expect(bodies[1].sort[0]).toEqual({ yearTo: { order: 'desc', missing: '_last' } });
    expect(bodies[2].sort).toEqual([{ 'title.sort': 'asc' }]);
    expect(bodies[0].query.bool.must).toEqual([{ match_all: {} }]);
    expect(bodies[0].post_filter).toBeUndefined();
  });

  it('reads completions of persons, places and titles', async () => {
    const { on, calls, backend } = mocked();
    on('POST', '/leeszaal/_search', () => ({
      hits: { total: { value: 0, relation: 'eq' }, hits: [] },
      suggest: {
        person: [{ text: 'kan', offset: 0, length: 3, options: [{ text: 'Immanuel Kant', _id: KANT_ID, _score: 1 }] }],
        place: [{ text: 'kan', offset: 0, length: 3, options: [] }],
        title: [
          {
            text: 'kan',
            offset: 0,
            length: 3,
            options: [{ text: 'Kant über Aufklärung', _id: KANT_ID, _score: 1, _source: { title: 'Beantwortung der Frage: Was ist Aufklärung?' } }],
          },
        ],
        word: [{ text: 'kan', offset: 0, length: 3, options: [{ text: 'Kanzlei', _id: 'x', _score: 1 }] }],
      },
    }));
    expect(await backend.suggest('kan', 8)).toEqual([
      { kind: 'person', text: 'Immanuel Kant' },
      { kind: 'title', text: 'Beantwortung der Frage: Was ist Aufklärung?', id: KANT_ID },
      { kind: 'word', text: 'Kanzlei' },
    ]);
    expect((calls[0]!.body as any).suggest.person.completion).toMatchObject({ field: 'suggest_person', skip_duplicates: true });
  });

  it('finds matching pages of one item and the highlighted words', async () => {
    const { on, backend } = mocked();
    on('POST', '/leeszaal/_search', () => ({
      hits: {
        total: { value: 1, relation: 'eq' },
        hits: [
          {
            _id: KANT_ID,
            inner_hits: {
              pages: {
                hits: {
                  hits: [
                    {
                      _source: { key: 'page-0017', label: '481', canvas: 'c17', lines: [{ text: 'Was iſt Aufklaͤrung?', xywh: [1, 2, 3, 4] }] },
                      highlight: { 'pages.text': ['Was iſt <mark>Aufklaͤrung</mark>?'] },
                    },
                  ],
                },
              },
            },
          },
        ],
      },
    }));
    expect(await backend.pagesMatching(KANT_ID, 'Aufklärung')).toEqual({
      pages: [{ key: 'page-0017', label: '481', canvas: 'c17', lines: [{ text: 'Was iſt Aufklaͤrung?', xywh: [1, 2, 3, 4] }] }],
      terms: ['aufklarung'],
      prefixes: [],
    });
  });

  it('indexes a word hyphenated across a line end whole, the published lines kept for the hits', async () => {
    const [kant] = await sampleDocuments();
    const lines = ['ſelbſt verſchuldeten Unmuͤn⸗', 'digkeit. Unmuͤndigkeit iſt', 'des Men-', 'ſchen aus ſeiner'].map((text, i) => ({
      text,
      xywh: [100, 100 + 50 * i, 1000, 40] as [number, number, number, number],
    }));
    const body = toElasticDocument({ ...kant!, pages: [{ key: 'p1', label: '481', canvas: 'c1', lines }] }) as any;
    expect(body.pages[0].text).toBe('ſelbſt verſchuldeten Unmuͤndigkeit.\nUnmuͤndigkeit iſt\ndes Menſchen\naus ſeiner');
    expect(body.fulltext).toBe(body.pages[0].text);
    expect(body.pages[0].lines).toEqual(lines);
  });

  it('turns a highlighted hyphen-joined word into a hit on the line where it begins', async () => {
    const { on, backend } = mocked();
    const lines = [
      { text: 'ſelbſt verſchuldeten Unmuͤn⸗', xywh: [100, 100, 1000, 40] },
      { text: 'digkeit. Unmuͤndigkeit iſt', xywh: [100, 150, 1000, 40] },
    ];
    on('POST', '/leeszaal/_search', () => ({
      hits: {
        total: { value: 1, relation: 'eq' },
        hits: [
          {
            _id: KANT_ID,
            inner_hits: {
              pages: {
                hits: {
                  hits: [
                    {
                      _source: { key: 'page-0017', label: '481', canvas: 'c17', lines },
                      highlight: { 'pages.text': ['ſelbſt verſchuldeten <mark>Unmuͤndigkeit</mark>.\n<mark>Unmuͤndigkeit</mark> iſt'] },
                    },
                  ],
                },
              },
            },
          },
        ],
      },
    }));
    const found = (await backend.pagesMatching(KANT_ID, 'Unmündigkeit'))!;
    expect(found.terms).toEqual(['unmundigkeit']);
    const hits = findWordHits(found.pages, makeMatcher(found.terms, found.prefixes));
    expect(hits.map((h) => [h.lineIndex, h.exact])).toEqual([
      [0, 'Unmündigkeit'],
      [1, 'Unmündigkeit'],
    ]);
  });

  it.each([
    [401, /refused the credentials/],
    [403, /refused the credentials/],
    [404, /npm run reindex/],
    [500, /answered HTTP 500/],
  ])('turns HTTP %i into SearchUnavailableError', async (status, message) => {
    const { on, backend } = mocked();
    on('POST', '/leeszaal/_search', () => responseError(status));
    const err = await backend.search(query({ q: 'kant' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SearchUnavailableError);
    expect((err as Error).message).toMatch(message);
  });

  it('health says what is wrong', async () => {
    const { on, backend } = mocked();
    on('HEAD', '/', () => ({}));
    on('HEAD', '/_alias/leeszaal', () => responseError(404));
    expect(await backend.health()).toEqual({ backend: 'elasticsearch', ok: false, message: 'no index behind alias leeszaal; run `npm run reindex`' });
  });

  it('builds client options from configuration: API key, basic auth, CA certificate', () => {
    const base = { ELASTICSEARCH_URL: 'https://es.example.org:9200' };
    expect(clientOptions(loadConfig({ ...base, ELASTICSEARCH_API_KEY: 'k' }))).toMatchObject({ node: base.ELASTICSEARCH_URL, auth: { apiKey: 'k' } });
    expect(clientOptions(loadConfig({ ...base, ELASTICSEARCH_USERNAME: 'u', ELASTICSEARCH_PASSWORD: 'p' }))).toMatchObject({
      auth: { username: 'u', password: 'p' },
    });
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(clientOptions(loadConfig({ ...base, ELASTICSEARCH_CA_CERT: pem }))).toMatchObject({ tls: { ca: pem } });
    expect(() => clientOptions(loadConfig({ ...base, ELASTICSEARCH_CA_CERT: '/no/such/ca.pem' }))).toThrow(/ENOENT/);
  });
});
