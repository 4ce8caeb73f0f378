// Elasticsearch request bodies and response readers, pure so tests can assert them exactly: the
// catalogue search (terms → fuzzy multi_match per term, nested page query with inner hits for the
// matching page, highlight, facets as filter aggregations with post_filter so each facet's counts
// ignore its own filter), suggestions (completion), page lookups and the index documents themselves.
import type { estypes } from '@elastic/elasticsearch';
import {
  FACETS,
  type FacetCount,
  type FacetName,
  type IndexDocument,
  type IndexPage,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
} from './backend.ts';
import { pageText } from './document.ts';
import { tokenize } from './normalize.ts';
import { parseQueryText, type QueryField, type QueryTerm } from './query.ts';
import { searchHit } from './search-hit.ts';
import { displayWord } from './snippet.ts';

const FACET_SIZE = 30;
// Language subfields by name: `title.*` would also take the `title.sort` keyword.
const analysed = (field: string, boost: number) => ['nl', 'fr', 'en', 'de'].map((l) => `${field}.${l}^${boost}`);
const FIELDS: Record<QueryField | 'all', string[]> = {
  all: [
    'title^10',
    ...analysed('title', 8),
    'labels^8',
    ...analysed('labels', 6),
    'agents.name^6',
    'subjects^4',
    'place^3',
    'printer^3',
    'summaries^2',
    ...analysed('summaries', 1),
    'shelfmark^2',
    'identifiers^2',
    'collection^2',
    'fulltext',
    'fulltext.de',
  ],
  title: ['title^2', ...analysed('title', 1), 'labels', ...analysed('labels', 1)],
  person: ['agents.name'],
  place: ['place'],
  printer: ['printer'],
  subject: ['subjects'],
  text: ['fulltext', 'fulltext.de'],
};
const HIGHLIGHT_FIELDS = ['title', 'labels', 'agents.name', 'subjects', 'place', 'printer', 'summaries'];
const MARK = { pre_tags: ['<mark>'], post_tags: ['</mark>'], encoder: 'html' as const };

const MAX_WORD_INPUTS = 60;

/** Words offered as completions: distinct words of the titles and subjects, shown with umlauts restored. */
function suggestWords(doc: IndexDocument): string[] {
  const words = new Map<string, string>();
  for (const text of [...doc.labels, ...doc.subjects]) {
    for (const t of tokenize(text))
      if (t.folded.length >= 3 && !/^\d+$/.test(t.folded) && !words.has(t.folded)) words.set(t.folded, displayWord(t.word));
  }
  return [...words.values()].slice(0, MAX_WORD_INPUTS);
}

/** The Elasticsearch document of one item (the alias routes it to the current index). */
export function toElasticDocument(doc: IndexDocument): Record<string, unknown> {
  const { pages, ...rest } = doc;
  // Completion matches from the start of an input, so titles are also offered from each later word.
  const words = doc.title.split(/\s+/).filter(Boolean);
  const titleInputs = words.slice(0, 8).map((_, i) => words.slice(i).join(' '));
  return {
    ...rest,
    ...(doc.yearFrom !== undefined ? { years: { gte: doc.yearFrom, lte: doc.yearTo ?? doc.yearFrom } } : {}),
    fulltext: pages.map(pageText).join('\n'),
    pages: pages.map((p, order) => ({ order, key: p.key, label: p.label, canvas: p.canvas, text: pageText(p), lines: p.lines })),
    suggest_title: { input: titleInputs.length > 0 ? titleInputs : [doc.title] },
    ...(doc.facets.person.length > 0 ? { suggest_person: { input: doc.facets.person } } : {}),
    ...(suggestWords(doc).length > 0 ? { suggest_word: { input: suggestWords(doc) } } : {}),
    ...(doc.place ? { suggest_place: { input: [doc.place] } } : {}),
  };
}

function termQuery(term: QueryTerm, fields: string[]): estypes.QueryDslQueryContainer {
  const query = term.words.join(' ');
  if (term.phrase) return { multi_match: { query, fields, type: 'phrase' } };
  if (term.prefix) return { multi_match: { query, fields, type: 'phrase_prefix' } };
  return { multi_match: { query, fields, fuzziness: 'AUTO', prefix_length: 0, max_expansions: 20 } };
}

function pageQuery(terms: QueryTerm[], innerHits: estypes.SearchInnerHits): estypes.QueryDslQueryContainer {
  return {
    nested: {
      path: 'pages',
      score_mode: 'max',
      query: { bool: { should: terms.map((t) => termQuery(t, ['pages.text'])), minimum_should_match: 1 } },
      inner_hits: innerHits,
    },
  };
}

function facetFilter(facet: FacetName, values: string[]): estypes.QueryDslQueryContainer {
  return { terms: { [`facets.${facet}`]: values } };
}

/** The `_search` body of a catalogue search. */
export function searchBody(query: SearchQuery): estypes.SearchRequest {
  const terms = query.q ? parseQueryText(query.q) : [];
  const must: estypes.QueryDslQueryContainer[] = terms.map((t) => termQuery(t, FIELDS[t.field ?? 'all']));
  const textTerms = terms.filter((t) => t.field === undefined || t.field === 'text');
  const should: estypes.QueryDslQueryContainer[] =
    textTerms.length > 0
      ? [
          pageQuery(textTerms, {
            size: 1,
            _source: { includes: ['pages.key', 'pages.label', 'pages.canvas'] },
            highlight: { ...MARK, fields: { 'pages.text': { fragment_size: 160, number_of_fragments: 1 } } },
          }),
        ]
      : [];
  const filter: estypes.QueryDslQueryContainer[] = [];
  if (query.from !== undefined || query.to !== undefined) {
    filter.push({
      range: {
        years: {
          ...(query.from !== undefined ? { gte: query.from } : {}),
          ...(query.to !== undefined ? { lte: query.to } : {}),
          relation: 'intersects',
        },
      },
    });
  }
  const active = FACETS.filter((f) => (query.filters[f]?.length ?? 0) > 0);
  const facetFilters = (except?: FacetName) => active.filter((f) => f !== except).map((f) => facetFilter(f, query.filters[f]!));
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  for (const f of FACETS) {
    aggs[f] = {
      filter: { bool: { filter: facetFilters(f) } },
      aggs: { values: { terms: { field: `facets.${f}`, size: FACET_SIZE, order: [{ _count: 'desc' }, { _key: 'asc' }] } } },
    };
  }
  const sort: estypes.SortCombinations[] =
    query.sort === 'date'
      ? [{ yearFrom: { order: 'asc', missing: '_last' } }, { 'title.sort': 'asc' }]
      : query.sort === '-date'
        ? [{ yearTo: { order: 'desc', missing: '_last' } }, { 'title.sort': 'asc' }]
        : query.sort === 'relevance' && terms.length > 0
          ? ['_score', { 'title.sort': 'asc' }]
          : [{ 'title.sort': 'asc' }];
  return {
    track_total_hits: true,
    from: (query.page - 1) * query.size,
    size: query.size,
    _source: { excludes: ['pages', 'suggest_*', 'fulltext'] },
    query: { bool: { must: must.length > 0 ? must : [{ match_all: {} }], should, filter } },
    ...(active.length > 0 ? { post_filter: { bool: { filter: facetFilters() } } } : {}),
    aggs,
    sort,
    ...(terms.length > 0
      ? { highlight: { ...MARK, number_of_fragments: 1, fragment_size: 160, fields: Object.fromEntries(HIGHLIGHT_FIELDS.map((f) => [f, {}])) } }
      : {}),
  };
}

type Source = Omit<IndexDocument, 'pages'>;

/** Reads a `_search` response into our result type. */
export function readSearchResponse(response: estypes.SearchResponse<Source>, query: SearchQuery): SearchResult {
  const total = typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
  const hits = response.hits.hits.flatMap((h) => {
    if (!h._source) return [];
    const inner = h.inner_hits?.pages?.hits.hits[0];
    const page = inner?._source as { key?: string; label?: string; canvas?: string } | undefined;
    return [
      searchHit(h._source, {
        page: page?.key && page.canvas ? toPage(page) : undefined,
        snippets: [inner?.highlight?.['pages.text']?.[0], ...HIGHLIGHT_FIELDS.map((f) => h.highlight?.[f]?.[0])],
      }),
    ];
  });
  const aggregations = (response.aggregations ?? {}) as Record<string, { values?: { buckets?: { key: string | number; doc_count: number }[] } }>;
  const facets = {} as Record<FacetName, FacetCount[]>;
  for (const f of FACETS) {
    facets[f] = (aggregations[f]?.values?.buckets ?? []).map((b) => ({ value: String(b.key), count: b.doc_count }));
  }
  return { total, page: query.page, size: query.size, hits, facets };
}

/** The `_search` body asking for completions of titles, persons and places. */
export function suggestBody(q: string, size: number): estypes.SearchRequest {
  const completion = (field: string) => ({
    prefix: q,
    completion: { field, size, skip_duplicates: true, fuzzy: { fuzziness: q.length > 4 ? 1 : 0 } },
  });
  return {
    size: 0,
    _source: { includes: ['title'] },
    suggest: {
      person: completion('suggest_person'),
      place: completion('suggest_place'),
      title: completion('suggest_title'),
      word: completion('suggest_word'),
    },
  };
}

interface CompletionOption {
  text: string;
  _id?: string;
  _source?: { title?: string; facets?: { person?: string[] }; place?: string };
}

/** Reads completion suggestions: persons, places and words by their matched text, titles as the item's full title. */
export function readSuggestResponse(response: estypes.SearchResponse, size: number): Suggestion[] {
  const options = (name: string): CompletionOption[] => {
    const entries = (response.suggest?.[name] ?? []) as { options?: CompletionOption[] | CompletionOption }[];
    return entries.flatMap((e) => (Array.isArray(e.options) ? e.options : e.options ? [e.options] : []));
  };
  const out: Suggestion[] = [
    ...options('person').map((o) => ({ kind: 'person' as const, text: o.text })),
    ...options('place').map((o) => ({ kind: 'place' as const, text: o.text })),
    ...options('title').map((o) => ({ kind: 'title' as const, text: o._source?.title ?? o.text, ...(o._id ? { id: o._id } : {}) })),
    ...options('word').map((o) => ({ kind: 'word' as const, text: o.text })),
  ];
  const seen = new Set<string>();
  return out.filter((s) => !seen.has(`${s.kind}:${s.text}`) && seen.add(`${s.kind}:${s.text}`)).slice(0, size);
}

/** The `_search` body finding the pages of one item whose text matches `q`, every match highlighted. */
export function pagesBody(itemId: string, q: string): estypes.SearchRequest {
  const terms = parseQueryText(q).map((t) => ({ ...t, field: undefined }) as QueryTerm);
  return {
    size: 1,
    _source: false,
    query: {
      bool: {
        filter: [{ term: { id: itemId } }],
        must: [
          pageQuery(terms, {
            size: 100,
            sort: [{ 'pages.order': 'asc' }],
            _source: { includes: ['pages.key', 'pages.label', 'pages.canvas', 'pages.lines'] },
            highlight: { ...MARK, fields: { 'pages.text': { number_of_fragments: 0 } } },
          }),
        ],
      },
    },
  };
}

/** Pages and highlighted fragments from a `pagesBody` response. */
export function readPagesResponse(response: estypes.SearchResponse): { pages: IndexPage[]; fragments: string[] } {
  const inner = response.hits.hits[0]?.inner_hits?.pages?.hits.hits ?? [];
  return {
    pages: inner.map((h) => toPage(h._source)),
    fragments: inner.flatMap((h) => h.highlight?.['pages.text'] ?? []),
  };
}

export function toPage(source: unknown): IndexPage {
  const p = source as { key: string; label?: string; canvas: string; lines?: IndexPage['lines'] };
  return { key: p.key, ...(p.label ? { label: p.label } : {}), canvas: p.canvas, lines: p.lines ?? [] };
}
