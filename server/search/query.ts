// Parses untrusted search input once into typed values: the `/api/search` parameters into a
// SearchQuery (errors name the parameter) and the query text into terms (words, "phrases",
// field:word, word*) that both engines translate into their own query language.
import { FACETS, SORTS, type FacetName, type SearchQuery, type SortOrder } from './backend.ts';
import { tokenize } from './normalize.ts';

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 16;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Deepest result reachable by paging (Elasticsearch's default result window). */
export const MAX_RESULT_WINDOW = 10_000;
const MAX_FILTER_VALUES = 20;
const MAX_FILTER_LENGTH = 200;

/** Fields a query word can be limited to with `field:word`. */
export const QUERY_FIELDS = ['title', 'person', 'place', 'printer', 'subject', 'text'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface QueryTerm {
  /** The words as written (a phrase has several). */
  words: string[];
  field?: QueryField;
  phrase: boolean;
  /** `word*`: the last word is a prefix. */
  prefix: boolean;
}

/** A bad request parameter; routes answer 400 with `parameter` and `message`. */
export class ParameterError extends Error {
  override name = 'ParameterError';
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.parameter = parameter;
  }
}

const TERM = /(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;

/** Splits query text into terms; words with no letters or digits are dropped. */
export function parseQueryText(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const m of q.matchAll(TERM)) {
    const fieldName = m[1]?.toLowerCase();
    const field = (QUERY_FIELDS as readonly string[]).includes(fieldName ?? '') ? (fieldName as QueryField) : undefined;
    // An unknown `foo:` prefix is just part of the text.
    const raw = m[2] ?? (field === undefined && m[1] !== undefined ? `${m[1]} ${m[3] ?? ''}` : (m[3] ?? ''));
    const prefix = m[2] === undefined && raw.endsWith('*');
    const words = tokenize(raw).map((t) => t.word);
    if (words.length === 0) continue;
    const phrase = m[2] !== undefined && words.length > 1;
    if (!phrase && words.length > 1) {
      // `Monats-schrift` or `foo:bar` without a known field: each word is a term of its own.
      words.forEach((word, i) => terms.push({ words: [word], ...(field ? { field } : {}), phrase: false, prefix: prefix && i === words.length - 1 }));
      continue;
    }
    terms.push({ words, ...(field ? { field } : {}), phrase, prefix });
  }
  return terms.slice(0, MAX_TERMS);
}

type Raw = Record<string, unknown>;

function values(raw: Raw, name: string): string[] {
  const v = raw[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  if (list.some((x) => typeof x !== 'string')) throw new ParameterError(name, 'must be a plain value');
  return list as string[];
}

function single(raw: Raw, name: string): string | undefined {
  const list = values(raw, name);
  if (list.length > 1) throw new ParameterError(name, 'may be given only once');
  return list[0];
}

function integer(raw: Raw, name: string, min: number, max: number): number | undefined {
  const text = single(raw, name)?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw new ParameterError(name, `must be a whole number, got ${JSON.stringify(text.slice(0, 20))}`);
  const n = Number(text);
  if (n < min || n > max) throw new ParameterError(name, `must be between ${min} and ${max}`);
  return n;
}

const KNOWN = new Set<string>(['q', 'from', 'to', 'sort', 'page', 'size', ...FACETS]);

/** Parses `/api/search` query parameters; throws ParameterError naming the first bad parameter. */
export function parseSearchParams(raw: Raw): SearchQuery {
  const unknown = Object.keys(raw).find((k) => !KNOWN.has(k));
  if (unknown !== undefined) throw new ParameterError(unknown, `unknown parameter; use ${[...KNOWN].join(', ')}`);
  const q = single(raw, 'q')?.trim();
  if (q !== undefined && q.length > MAX_QUERY_LENGTH) throw new ParameterError('q', `must be at most ${MAX_QUERY_LENGTH} characters`);
  const filters: Partial<Record<FacetName, string[]>> = {};
  for (const facet of FACETS) {
    const list = [
      ...new Set(
        values(raw, facet)
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      ),
    ];
    if (list.length > MAX_FILTER_VALUES) throw new ParameterError(facet, `at most ${MAX_FILTER_VALUES} values`);
    if (list.some((v) => v.length > MAX_FILTER_LENGTH)) throw new ParameterError(facet, `values must be at most ${MAX_FILTER_LENGTH} characters`);
    if (list.length > 0) filters[facet] = list;
  }
  if (filters.century?.some((c) => !/^\d{1,2}$/.test(c))) throw new ParameterError('century', 'must be a century number such as 18 (1700-1799)');
  const from = integer(raw, 'from', -9999, 9999);
  const to = integer(raw, 'to', -9999, 9999);
  if (from !== undefined && to !== undefined && from > to) throw new ParameterError('from', 'must not be after to');
  const sortText = single(raw, 'sort') ?? (q ? 'relevance' : 'title');
  if (!(SORTS as readonly string[]).includes(sortText)) throw new ParameterError('sort', `must be one of ${SORTS.join(', ')}`);
  const size = integer(raw, 'size', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const page = integer(raw, 'page', 1, MAX_RESULT_WINDOW) ?? 1;
  if (page * size > MAX_RESULT_WINDOW) throw new ParameterError('page', `page × size must be at most ${MAX_RESULT_WINDOW}`);
  return {
    ...(q ? { q } : {}),
    filters,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    sort: sortText as SortOrder,
    page,
    size,
  };
}

/** Parses `/api/suggest` parameters. */
export function parseSuggestParams(raw: Raw): { q: string; size: number } {
  const unknown = Object.keys(raw).find((k) => k !== 'q' && k !== 'size');
  if (unknown !== undefined) throw new ParameterError(unknown, 'unknown parameter; use q, size');
  const q = single(raw, 'q')?.trim() ?? '';
  if (q === '') throw new ParameterError('q', 'is required');
  if (q.length > 100) throw new ParameterError('q', 'must be at most 100 characters');
  return { q, size: integer(raw, 'size', 1, 20) ?? 8 };
}
