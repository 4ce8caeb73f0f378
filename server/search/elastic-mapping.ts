// The Elasticsearch index settings and mapping: one document per item with keyword facet fields, a
// year `integer_range`, labels analysed per language (nl, fr, en, de), folding without the ICU plugin
// (a char filter for ſ→s and ä→ae-style spellings, then asciifolding), full text as nested pages
// (so a hit can say which page matched) and completion fields for suggestions.
import type { estypes } from '@elastic/elasticsearch';
import { MODERN_LETTERS } from '../../manifests/modern-spelling.ts';

/**
 * Historical letterforms (the shared modern-spelling table) and umlaut spellings written out, so
 * `Aufklärung`, `Aufklaͤrung` and `Aufklaerung` are one word.
 */
export const HISTORICAL_MAPPINGS = [
  ...Object.entries(MODERN_LETTERS).map(([from, to]) => `${from} => ${to}`),
  'ß => ss',
  'ẞ => SS',
  'ä => ae',
  'ö => oe',
  'ü => ue',
  'Ä => Ae',
  'Ö => Oe',
  'Ü => Ue',
  'a\u0364 => ae',
  'o\u0364 => oe',
  'u\u0364 => ue',
  'A\u0364 => Ae',
  'O\u0364 => Oe',
  'U\u0364 => Ue',
  'æ => ae',
  'œ => oe',
  'Æ => Ae',
  'Œ => Oe',
];

const folded = (extra: string[] = []): estypes.AnalysisCustomAnalyzer => ({
  type: 'custom',
  tokenizer: 'standard',
  char_filter: ['historical'],
  filter: ['lowercase', ...extra, 'asciifolding'],
});

export const LANGUAGE_ANALYZERS = { nl: 'folded_nl', fr: 'folded_fr', en: 'folded_en', de: 'folded_de' } as const;

export const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  number_of_shards: 1,
  analysis: {
    char_filter: { historical: { type: 'mapping', mappings: HISTORICAL_MAPPINGS } },
    filter: {
      stem_nl: { type: 'stemmer', language: 'dutch' },
      stem_fr: { type: 'stemmer', language: 'light_french' },
      stem_en: { type: 'stemmer', language: 'english' },
      stem_de: { type: 'stemmer', language: 'light_german' },
      elision_fr: { type: 'elision', articles_case: true, articles: ['l', 'm', 't', 'qu', 'n', 's', 'j', 'd', 'c'] },
    },
    analyzer: {
      folded: folded(),
      folded_nl: folded(['stem_nl']),
      folded_fr: folded(['elision_fr', 'stem_fr']),
      folded_en: folded(['stem_en']),
      folded_de: folded(['stem_de']),
    },
    normalizer: { sort: { type: 'custom', char_filter: ['historical'], filter: ['lowercase', 'asciifolding'] } },
  },
};

const text: estypes.MappingProperty = { type: 'text', analyzer: 'folded' };
const keyword: estypes.MappingProperty = { type: 'keyword' };
const stored: estypes.MappingProperty = { type: 'keyword', index: false, doc_values: false };
const languageFields: Record<string, estypes.MappingProperty> = Object.fromEntries(
  Object.entries(LANGUAGE_ANALYZERS).map(([lang, analyzer]) => [lang, { type: 'text', analyzer }]),
);

export const INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  // The joined page text is searched but never returned: pages carry the text.
  _source: { excludes: ['fulltext'] },
  properties: {
    id: keyword,
    type: keyword,
    title: { type: 'text', analyzer: 'folded', fields: { ...languageFields, sort: { type: 'keyword', normalizer: 'sort' } } },
    labels: { type: 'text', analyzer: 'folded', fields: languageFields },
    summaries: { type: 'text', analyzer: 'folded', fields: languageFields },
    agents: { type: 'object', properties: { name: text, role: keyword } },
    printer: text,
    place: text,
    date: stored,
    yearFrom: { type: 'integer' },
    yearTo: { type: 'integer' },
    years: { type: 'integer_range' },
    languages: keyword,
    subjects: text,
    shelfmark: text,
    identifiers: text,
    collection: text,
    rights: keyword,
    facets: {
      type: 'object',
      properties: {
        type: keyword,
        language: keyword,
        century: keyword,
        person: keyword,
        place: keyword,
        printer: keyword,
        subject: keyword,
        collection: keyword,
      },
    },
    fulltext: { type: 'text', analyzer: 'folded', fields: { de: { type: 'text', analyzer: 'folded_de' } } },
    pages: {
      type: 'nested',
      properties: {
        order: { type: 'integer' },
        key: keyword,
        label: stored,
        canvas: stored,
        text,
        lines: { type: 'object', enabled: false },
      },
    },
    suggest_title: { type: 'completion', analyzer: 'folded', search_analyzer: 'folded', preserve_separators: false },
    suggest_person: { type: 'completion', analyzer: 'folded', search_analyzer: 'folded', preserve_separators: false },
    suggest_place: { type: 'completion', analyzer: 'folded', search_analyzer: 'folded', preserve_separators: false },
    suggest_word: { type: 'completion', analyzer: 'folded', search_analyzer: 'folded' },
  },
};
