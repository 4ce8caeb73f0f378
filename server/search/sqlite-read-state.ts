// What the embedded engine's readers keep of one open database between requests: the facet snapshot
// (and its load in progress), the match sets of recent queries, and scratch buffers. Kept per
// connection, so a database a rebuild replaced starts afresh: its generations count from 1 again and
// must not find the old file's match sets.
import type { DatabaseSync } from 'node:sqlite';
import type { Snapshot } from './facet-snapshot.ts';

/** Match sets of recent queries kept in memory. */
const MATCH_CACHE = 16;

export interface ItemMatches {
  /** Snapshot positions of the matching items. */
  candidates: Uint32Array;
  /** Relevance per candidate, lower is better; only when ranking by relevance. */
  scores?: Float32Array;
}

export interface ReadState {
  snapshot?: Snapshot;
  loading?: Promise<Snapshot>;
  /** Item matches by generation, ranking and FTS expression. */
  matches: Map<string, ItemMatches>;
  /** Ascending rowids of pages matching an FTS expression, by generation and expression. */
  pages: Map<string, Float64Array>;
  buffers?: { scores: Float32Array; passes: Uint8Array };
}

const states = new WeakMap<DatabaseSync, ReadState>();

export function readState(db: DatabaseSync): ReadState {
  let state = states.get(db);
  if (!state) {
    state = { matches: new Map(), pages: new Map() };
    states.set(db, state);
  }
  return state;
}

/** Adds to a cache of recent queries, forgetting the oldest beyond MATCH_CACHE. */
export function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.set(key, value);
  if (cache.size > MATCH_CACHE) cache.delete(cache.keys().next().value!);
}

/** Per-position buffers reused by every search (allocating them per query kept the GC busy). */
export function scratch(state: ReadState, n: number): { scores: Float32Array; passes: Uint8Array } {
  if (!state.buffers || state.buffers.passes.length < n) state.buffers = { scores: new Float32Array(n), passes: new Uint8Array(n) };
  return state.buffers;
}
