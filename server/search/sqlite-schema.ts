// The embedded index's on-disk shape, for the modules that open, write and read it: the tables
// (items with their stored document and facet rows, FTS5 tables over pre-folded text, pages,
// suggestions, the vocabulary, and the change log readers patch their snapshot from) and how a
// stored row becomes a document or page again.
import type { IndexDocument, IndexPage } from './backend.ts';

export const SCHEMA_VERSION = '1';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items(
  rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, title_key TEXT NOT NULL,
  year_from INTEGER, year_to INTEGER, page_lo INTEGER, page_hi INTEGER);
CREATE TABLE IF NOT EXISTS facets(item INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_item ON facets(item);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
  title, persons, places, printers, subjects, other, fulltext,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(items_fts, row);
CREATE TABLE IF NOT EXISTS changes(generation INTEGER PRIMARY KEY, removed INTEGER, added INTEGER);
CREATE TABLE IF NOT EXISTS vocabulary(term TEXT PRIMARY KEY, length INTEGER NOT NULL, doc INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages(
  rowid INTEGER PRIMARY KEY, item INTEGER NOT NULL, key TEXT NOT NULL, label TEXT, canvas TEXT NOT NULL, lines TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS pages_item ON pages(item);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
  text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS suggestions(
  rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL, item TEXT,
  UNIQUE(kind, folded));
CREATE INDEX IF NOT EXISTS suggestions_item ON suggestions(item) WHERE item IS NOT NULL;
CREATE VIRTUAL TABLE IF NOT EXISTS suggest_fts USING fts5(
  kind, folded, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
`;

/**
 * Lets a removal find whether another item still has a person or place. Made after a rebuild's bulk
 * load (maintaining it row by row costs a quarter of the rebuild) and, for an index built before it
 * existed, at its first single-item write.
 */
export const FACET_VALUE_INDEX = 'CREATE INDEX IF NOT EXISTS facets_value ON facets(facet, value)';

/** Single-item writes the change log keeps, and a reader patches into its snapshot; beyond that it reloads. */
export const MAX_PATCHES = 200;

/** An item row's `doc`: the document without its pages (they have their own rows). */
export interface StoredDoc extends Omit<IndexDocument, 'pages'> {
  pageCount: number;
}

/** A row of the `pages` table as selected (a type, not an interface, so query rows cast to it). */
export type PageRow = {
  key: string;
  label: string | null;
  canvas: string;
  lines: string;
};

export function toPage(r: PageRow): IndexPage {
  return { key: r.key, ...(r.label !== null ? { label: r.label } : {}), canvas: r.canvas, lines: JSON.parse(r.lines) as IndexPage['lines'] };
}
