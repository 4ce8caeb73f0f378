// Which items match a query's words, and how well, for the embedded engine's search: FTS5 matches
// as snapshot positions, with bm25 relevance (or, for very common words, a coarse title-first
// score), remembered for recent queries since paging and facet clicks repeat the same words.
import type { DatabaseSync } from 'node:sqlite';
import type { Snapshot } from './facet-snapshot.ts';
import { COLUMN, ftsExpression } from './sqlite-fts.ts';
import { readState, remember, scratch, type ItemMatches } from './sqlite-read-state.ts';
import { arrayStatement } from './sqlite-statements.ts';
import type { ExpandedTerm } from './term-expansion.ts';

/** bm25 weights of title, persons, places, printers, subjects, other, fulltext. */
const WEIGHTS = [10, 6, 3, 3, 4, 2, 1];
/** Above this many matches, relevance is coarse (see `scores`). */
const EXACT_RANKING_LIMIT = 3000;

/** Rowids matching an FTS expression. */
function matchingRowids(db: DatabaseSync, expression: string): number[] {
  return (arrayStatement(db, 'SELECT rowid FROM items_fts WHERE items_fts MATCH ?').all(expression) as unknown as [number][]).map((r) => r[0]);
}

/** Item positions matching the terms, and their scores when ranking by relevance. */
export function matches(db: DatabaseSync, terms: ExpandedTerm[], snap: Snapshot, ranked: boolean): ItemMatches {
  const cache = readState(db).matches;
  const expression = ftsExpression(terms, 'AND', true);
  const key = `${snap.generation}|${ranked}|${expression}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const rowids = matchingRowids(db, expression);
  let candidates = new Uint32Array(rowids.length);
  let k = 0;
  for (const rowid of rowids) {
    const p = snap.position[rowid] ?? -1;
    if (p >= 0) candidates[k++] = p;
  }
  candidates = candidates.subarray(0, k);
  const entry = ranked ? { candidates, scores: scores(db, terms, candidates, snap) } : { candidates };
  remember(cache, key, entry);
  return entry;
}

/**
 * Relevance scores of the candidates (aligned with them), lower is better. bm25 over every match
 * when there are few enough; for very common words (where bm25 over tens of thousands of rows
 * would cost more than the whole query may) a coarse score: all words in the title first.
 */
function scores(db: DatabaseSync, terms: ExpandedTerm[], candidates: Uint32Array, snap: Snapshot): Float32Array {
  const byPosition = scratch(readState(db), snap.rowids.length).scores;
  for (const p of candidates) byPosition[p] = 0;
  const rowids =
    candidates.length <= EXACT_RANKING_LIMIT
      ? undefined
      : matchingRowids(
          db,
          terms
            .map((t) => `{${t.field ? COLUMN[t.field] : 'title'}} : (${ftsExpression([{ ...t, field: undefined } as ExpandedTerm], 'AND', false)})`)
            .join(' AND '),
        );
  if (rowids) {
    for (const rowid of rowids) {
      const p = snap.position[rowid] ?? -1;
      if (p >= 0) byPosition[p] = -1;
    }
  } else {
    const rows = arrayStatement(db, `SELECT rowid, bm25(items_fts, ${WEIGHTS.join(', ')}) FROM items_fts WHERE items_fts MATCH ?`).all(
      ftsExpression(terms, 'AND', true),
    ) as unknown as [number, number][];
    for (const [rowid, score] of rows) {
      const p = snap.position[rowid] ?? -1;
      if (p >= 0) byPosition[p] = score;
    }
  }
  return Float32Array.from(candidates, (p) => byPosition[p]!);
}
