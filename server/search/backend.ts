// The contract between the search API and its engines (embedded SQLite FTS5 or Elasticsearch): the
// document indexed per item, the typed query, the result shapes, and the SearchBackend interface both
// engines implement and one shared contract test suite checks.

/** Facets of the catalogue search, in the order the site shows them. */
export const FACETS = ['type', 'language', 'century', 'person', 'place', 'printer', 'subject', 'collection'] as const;
export type FacetName = (typeof FACETS)[number];

export const SORTS = ['relevance', 'date', '-date', 'title'] as const;
export type SortOrder = (typeof SORTS)[number];

/** One line of full text and its box on the page image (canvas pixels). */
export interface IndexLine {
  /** The line annotation's id in the published AnnotationPage, when it has one. */
  id?: string;
  text: string;
  xywh: [number, number, number, number];
}

/** The full text of one page. */
export interface IndexPage {
  key: string;
  label?: string;
  /** Canvas id the lines' boxes refer to. */
  canvas: string;
  lines: IndexLine[];
}

/** Everything search knows of one item, built from its record and text pages (document.ts). */
export interface IndexDocument {
  id: string;
  type: string;
  /** Display title (first label value, preferring nl, en, fr, then any). */
  title: string;
  /** Every label and summary value in every language. */
  labels: string[];
  summaries: string[];
  agents: { name: string; role?: string }[];
  printer?: string;
  place?: string;
  /** Date as recorded, and the year range it means. */
  date?: string;
  yearFrom?: number;
  yearTo?: number;
  languages: string[];
  subjects: string[];
  shelfmark?: string;
  identifiers: string[];
  collection?: string;
  rights: string;
  /** Facet values of this item (century as its first year: `1700` = 1700–1799). */
  facets: Record<FacetName, string[]>;
  /** Pages that have full text, in reading order. */
  pages: IndexPage[];
}

export interface SearchQuery {
  /** Query text: words (all must match), `"phrases"`, `field:word` (title, person, place, printer, subject, text), `word*`. */
  q?: string;
  /** Per facet the values asked for: OR within a facet, AND across facets. */
  filters: Partial<Record<FacetName, string[]>>;
  /** Year range the item's date must overlap. */
  from?: number;
  to?: number;
  sort: SortOrder;
  /** 1-based. */
  page: number;
  size: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHit {
  id: string;
  title: string;
  type: string;
  date?: string;
  yearFrom?: number;
  yearTo?: number;
  agents: { name: string; role?: string }[];
  printer?: string;
  place?: string;
  languages: string[];
  /** A short passage with matches in `<mark>`; everything else HTML-escaped. */
  snippet?: string;
  /** The page whose full text matched best, when the match is in the full text. */
  page?: { key: string; label?: string; canvas: string };
}

export interface SearchResult {
  total: number;
  page: number;
  size: number;
  hits: SearchHit[];
  /** Counts per facet for the current query; each facet's counts ignore that facet's own filter. */
  facets: Record<FacetName, FacetCount[]>;
}

export type SuggestionKind = 'title' | 'person' | 'place' | 'word';

export interface Suggestion {
  kind: SuggestionKind;
  text: string;
  /** The item a title suggestion leads to. */
  id?: string;
}

/** Pages of one item whose full text matches a query, with the folded words that counted as matches. */
export interface PageMatches {
  pages: IndexPage[];
  /** Folded words (after spelling variants and typo tolerance) that matched. */
  terms: string[];
  /** Folded prefixes from `word*` query words. */
  prefixes: string[];
}

export interface SearchHealth {
  backend: 'embedded' | 'elasticsearch';
  ok: boolean;
  message?: string;
}

/** Thrown when the engine cannot answer (Elasticsearch down, index missing); routes answer 503. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

export interface SearchBackend {
  readonly kind: 'embedded' | 'elasticsearch';
  /** Adds or replaces one item. */
  index(doc: IndexDocument): Promise<void>;
  /** Removes one item; removing an unknown id is not an error. */
  remove(itemId: string): Promise<void>;
  /**
   * Rebuilds the whole index from these documents into a fresh index and switches to it only when
   * complete, so searches never see a half-built index.
   */
  rebuild(docs: AsyncIterable<IndexDocument>, progress?: (done: number) => void): Promise<{ count: number }>;
  search(query: SearchQuery): Promise<SearchResult>;
  suggest(q: string, size: number): Promise<Suggestion[]>;
  /** Full-text pages of one item matching `q`; undefined when the item is not indexed. */
  pagesMatching(itemId: string, q: string): Promise<PageMatches | undefined>;
  /** Every full-text page of one item; undefined when the item is not indexed. */
  itemPages(itemId: string): Promise<IndexPage[] | undefined>;
  health(): Promise<SearchHealth>;
  close(): Promise<void>;
}
