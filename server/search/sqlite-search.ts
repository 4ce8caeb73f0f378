// The embedded engine's catalogue search: the items matching the query's words (or the facet
// filters alone) filtered by facets and dates over the facet snapshot, each facet counted ignoring
// its own filter, ordered by relevance, date or title, and one page of them made into hits.
import { FACETS, type FacetCount, type FacetName, type SearchQuery, type SearchResult } from './backend.ts';
import { facetCandidates, type Snapshot } from './facet-snapshot.ts';
import type { IndexDatabase } from './sqlite-database.ts';
import { expand } from './sqlite-fts.ts';
import { hits } from './sqlite-hits.ts';
import { matches } from './sqlite-matches.ts';
import { readState, scratch } from './sqlite-read-state.ts';
import { currentSnapshot } from './sqlite-snapshot.ts';

const FACET_LIMIT = 30;

/** Pushes the top `k` of `items` by `better` order (a bounded heap), returned best first. */
function topK(items: ArrayLike<number>, k: number, worse: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < items.length; i++) {
    const v = items[i]!;
    if (heap.length < k) {
      heap.push(v);
      up(heap.length - 1);
    } else if (k > 0 && worse(heap[0]!, v)) {
      heap[0] = v;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

/** Each facet's values by count, the most frequent first; selected values stay listed even when rare, so the user can always unselect them. */
function facetLists(snap: Snapshot, counts: Record<FacetName, Uint32Array>, filters: SearchQuery['filters']): Record<FacetName, FacetCount[]> {
  const facets = {} as Record<FacetName, FacetCount[]>;
  for (const f of FACETS) {
    const c = counts[f];
    const values = snap.facets[f].values;
    const list: FacetCount[] = [];
    for (let id = 0; id < c.length; id++) if (c[id]! > 0) list.push({ value: values[id]!, count: c[id]! });
    list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    const chosen = new Set(filters[f] ?? []);
    facets[f] = [...list.slice(0, FACET_LIMIT), ...list.slice(FACET_LIMIT).filter((v) => chosen.has(v.value))];
  }
  return facets;
}

/** One page of the catalogue search: hits in the asked order and the facet counts of all matching items. */
export async function search(index: IndexDatabase, query: SearchQuery): Promise<SearchResult> {
  const snap = await currentSnapshot(index);
  const db = index.current();
  const n = snap.rowids.length;
  const terms = query.q ? expand(db, query.q) : [];
  let candidates: Uint32Array;
  let scores: Float32Array | undefined;
  if (terms.length > 0) {
    ({ candidates, scores } = matches(db, terms, snap, query.sort === 'relevance'));
  } else {
    candidates =
      facetCandidates(
        snap,
        FACETS.filter((f) => (query.filters[f]?.length ?? 0) > 0).map((facet) => ({ facet, values: query.filters[facet]! })),
      ) ?? snap.all;
  }

  const active = FACETS.filter((f) => (query.filters[f]?.length ?? 0) > 0);
  const accepted = new Map<FacetName, Uint8Array>();
  for (const f of active) {
    const col = snap.facets[f];
    const flags = new Uint8Array(col.values.length);
    for (const v of query.filters[f]!) {
      const id = col.ids.get(v);
      if (id !== undefined) flags[id] = 1;
    }
    accepted.set(f, flags);
  }
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Uint32Array(snap.facets[f].values.length)])) as Record<FacetName, Uint32Array>;
  const columns = FACETS.map((f) => snap.facets[f]);
  const countsList = FACETS.map((f) => counts[f]);
  const activeColumns = active.map((f) => snap.facets[f]);
  const activeFlags = active.map((f) => accepted.get(f)!);
  const activeIndex = active.map((f) => FACETS.indexOf(f));
  const { passes, scores: scoreByPosition } = scratch(readState(db), n);
  passes.fill(0);
  if (scores) for (let i = 0; i < candidates.length; i++) scoreByPosition[candidates[i]!] = scores[i]!;
  const results: number[] = [];
  const hasDate = query.from !== undefined || query.to !== undefined;
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const p = candidates[i]!;
    if (hasDate) {
      const a = snap.yearFrom[p]!;
      const b = snap.yearTo[p]!;
      if (Number.isNaN(a) || b < from || a > to) continue;
    }
    let failed = -1;
    let failures = 0;
    for (let a = 0; a < activeColumns.length && failures < 2; a++) {
      const col = activeColumns[a]!;
      const flags = activeFlags[a]!;
      let ok = false;
      for (let k = col.offsets[p]!, end = col.offsets[p + 1]!; k < end; k++) {
        if (flags[col.valueIds[k]!]) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        failures++;
        failed = activeIndex[a]!;
      }
    }
    if (failures === 0) {
      passes[p] = 1;
      results.push(p);
      for (let f = 0; f < columns.length; f++) {
        const col = columns[f]!;
        const c = countsList[f]!;
        for (let k = col.offsets[p]!, end = col.offsets[p + 1]!; k < end; k++) c[col.valueIds[k]!]!++;
      }
    } else if (failures === 1) {
      const col = columns[failed]!;
      const c = countsList[failed]!;
      for (let k = col.offsets[p]!, end = col.offsets[p + 1]!; k < end; k++) c[col.valueIds[k]!]!++;
    }
  }

  const offset = (query.page - 1) * query.size;
  const wanted = offset + query.size;
  let ordered: number[];
  if (query.sort === 'relevance' && scores) {
    const s = scoreByPosition;
    const tr = snap.titleRank;
    ordered = topK(results, wanted, (a, b) => s[a]! > s[b]! || (s[a] === s[b] && tr[a]! > tr[b]!));
  } else {
    // Relevance without query words has no scores: title order then.
    const order = query.sort === 'date' ? snap.byDate : query.sort === '-date' ? snap.byDateDesc : snap.byTitle;
    ordered = [];
    for (let i = 0; i < order.length && ordered.length < wanted; i++) if (passes[order[i]!]) ordered.push(order[i]!);
  }
  const pagePositions = ordered.slice(offset, wanted);
  const pageHits = hits(
    db,
    pagePositions.map((p) => snap.rowids[p]!),
    terms,
    snap.generation,
  );
  return { total: results.length, page: query.page, size: query.size, hits: pageHits, facets: facetLists(snap, counts, query.filters) };
}
