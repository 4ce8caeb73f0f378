// The hits of one result page of the embedded engine's search: each item's stored fields, and for a
// query with words the page whose full text matched first and a snippet (of that page, else of the
// item's metadata), built by the shared search-hit.ts.
import type { DatabaseSync } from 'node:sqlite';
import type { IndexPage, SearchHit } from './backend.ts';
import { matchLines } from './document.ts';
import { tokenize } from './normalize.ts';
import { searchHit } from './search-hit.ts';
import { isMatch, makeMatcher, snippet, type TermMatcher } from './snippet.ts';
import { ftsExpression } from './sqlite-fts.ts';
import { readState, remember } from './sqlite-read-state.ts';
import { toPage, type PageRow, type StoredDoc } from './sqlite-schema.ts';
import { arrayStatement, statement } from './sqlite-statements.ts';
import { matchWords, type ExpandedTerm } from './term-expansion.ts';

/**
 * The lines around the first matching line of a page, as search matches them (hyphenated words
 * whole): all a snippet needs, without reading the whole page.
 */
function linesAroundMatch(page: IndexPage, matcher: TermMatcher): string {
  const lines = matchLines(page).map((l) => l.text);
  const at = lines.findIndex((l) => tokenize(l).some((t) => isMatch(matcher, t.folded)));
  if (at < 0) return '';
  return lines.slice(Math.max(0, at - 2), at + 4).join('\n');
}

/** The first value ≥ `min` in an ascending array, by binary search. */
function firstAtLeast(sorted: Float64Array, min: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

/** Rowids of pages matching an FTS expression, ascending; remembered like item matches. */
function pageMatches(db: DatabaseSync, generation: string, expression: string): Float64Array {
  const cache = readState(db).pages;
  const key = `pages|${generation}|${expression}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const rows = arrayStatement(db, 'SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid').all(expression) as unknown as [number][];
  const rowids = Float64Array.from(rows, (r) => r[0]);
  remember(cache, key, rowids);
  return rowids;
}

/** An item's first page among the matching pages `pageRowids`, if any. */
function firstMatchingPage(
  db: DatabaseSync,
  pageRowids: Float64Array,
  item: { page_lo: number | null; page_hi: number | null },
): IndexPage | undefined {
  if (item.page_lo === null || item.page_hi === null) return undefined;
  const first = firstAtLeast(pageRowids, item.page_lo);
  if (first === undefined || first > item.page_hi) return undefined;
  return toPage(statement(db, 'SELECT key, label, canvas, lines FROM pages WHERE rowid = ?').get(first) as PageRow);
}

/** Hits of the items at `rowids`, in that order; `generation` is the snapshot's the rowids come from. */
export function hits(db: DatabaseSync, rowids: number[], terms: ExpandedTerm[], generation: string): SearchHit[] {
  if (rowids.length === 0) return [];
  const rows = db.prepare(`SELECT rowid, doc, page_lo, page_hi FROM items WHERE rowid IN (${rowids.map(() => '?').join(',')})`).all(...rowids) as {
    rowid: number;
    doc: string;
    page_lo: number | null;
    page_hi: number | null;
  }[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  const textWords = matchWords(terms, true);
  const allWords = matchWords(terms);
  const textMatcher = makeMatcher(textWords.words, textWords.prefixes);
  const metaMatcher = makeMatcher(allWords.words, allWords.prefixes);
  const textTerms = terms.filter((t) => t.field === undefined || t.field === 'text');
  // Every page matching any of the words, once per query (and remembered); each hit then finds its
  // first matching page by binary search within its own page rowids.
  const pageRowids = textTerms.length > 0 ? pageMatches(db, generation, ftsExpression(textTerms, 'OR', false)) : undefined;
  return rowids.flatMap((rowid) => {
    const row = byRowid.get(rowid);
    if (!row) return [];
    const doc = JSON.parse(row.doc) as StoredDoc;
    if (terms.length === 0) return [searchHit(doc)];
    const page = pageRowids ? firstMatchingPage(db, pageRowids, row) : undefined;
    function* snippets() {
      if (page) yield snippet(linesAroundMatch(page, textMatcher), textMatcher);
      for (const text of [doc.title, ...doc.labels, ...doc.summaries, ...doc.agents.map((a) => a.name), ...doc.subjects, doc.place, doc.printer]) {
        yield text ? snippet(text, metaMatcher) : undefined;
      }
    }
    return [searchHit(doc, { page, snippets: snippets() })];
  });
}
