// One item's full-text pages from the embedded index, for the viewer's content search and text
// layer: the pages matching a query (with the words that counted as matches, for highlighting), or
// all of them.
import type { DatabaseSync } from 'node:sqlite';
import type { IndexPage, PageMatches } from './backend.ts';
import { expand, ftsExpression } from './sqlite-fts.ts';
import { toPage, type PageRow } from './sqlite-schema.ts';
import { statement } from './sqlite-statements.ts';
import { matchWords, type ExpandedTerm } from './term-expansion.ts';

function itemRow(db: DatabaseSync, itemId: string): { page_lo: number | null; page_hi: number | null } | undefined {
  return statement(db, 'SELECT page_lo, page_hi FROM items WHERE id = ?').get(itemId) as
    | { page_lo: number | null; page_hi: number | null }
    | undefined;
}

/** Full-text pages of one item matching `q`; undefined when the item is not indexed. */
export function pagesMatching(db: DatabaseSync, itemId: string, q: string): PageMatches | undefined {
  const row = itemRow(db, itemId);
  if (!row) return undefined;
  const terms = expand(db, q).map((t) => ({ ...t, field: undefined }) as ExpandedTerm);
  const { words, prefixes } = matchWords(terms);
  if (terms.length === 0 || row.page_lo === null || row.page_hi === null) return { pages: [], terms: words, prefixes };
  const pages = (
    statement(
      db,
      'SELECT p.key, p.label, p.canvas, p.lines FROM pages_fts f JOIN pages p ON p.rowid = f.rowid WHERE pages_fts MATCH ? AND f.rowid BETWEEN ? AND ? ORDER BY f.rowid',
    ).all(ftsExpression(terms, 'OR', false), row.page_lo, row.page_hi) as PageRow[]
  ).map(toPage);
  return { pages, terms: words, prefixes };
}

/** Every full-text page of one item; undefined when the item is not indexed. */
export function itemPages(db: DatabaseSync, itemId: string): IndexPage[] | undefined {
  if (!itemRow(db, itemId)) return undefined;
  const rows = statement(
    db,
    'SELECT p.key, p.label, p.canvas, p.lines FROM pages p JOIN items i ON p.item = i.rowid WHERE i.id = ? ORDER BY p.rowid',
  ).all(itemId) as PageRow[];
  return rows.map(toPage);
}
