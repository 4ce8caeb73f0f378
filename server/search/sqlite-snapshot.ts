// The facet snapshot (facet-snapshot.ts) the embedded engine's search filters, counts and sorts
// over, kept at the database's generation: patched from the change log after a few single-item
// writes (here or by ingest in another process), else reloaded in chunks.
import type { DatabaseSync } from 'node:sqlite';
import { SearchUnavailableError, type FacetName } from './backend.ts';
import { buildSnapshot, patchSnapshot, type FacetRow, type ItemRow, type Snapshot } from './facet-snapshot.ts';
import type { IndexDatabase } from './sqlite-database.ts';
import { readState, type ReadState } from './sqlite-read-state.ts';
import { MAX_PATCHES } from './sqlite-schema.ts';
import { arrayStatement, statement } from './sqlite-statements.ts';

/** Rows read between two turns of the event loop while loading the snapshot. */
const LOAD_CHUNK = 20_000;

/** The facet snapshot at the current database's generation: patched for a few single-item writes, else reloaded. */
export async function currentSnapshot(index: IndexDatabase): Promise<Snapshot> {
  const db = index.current();
  const state = readState(db);
  const generation = (statement(db, "SELECT value FROM meta WHERE key = 'generation'").get() as { value: string }).value;
  const snap = state.snapshot;
  if (snap?.generation === generation) return snap;
  if (snap) {
    const changes = arrayStatement(db, 'SELECT removed, added FROM changes WHERE generation > ? ORDER BY generation').all(
      Number(snap.generation),
    ) as unknown as [number | null, number | null][];
    if (changes.length === Number(generation) - Number(snap.generation) && changes.length <= MAX_PATCHES) {
      const removed = changes.flatMap(([r]) => (r === null ? [] : [r]));
      const addedRowids = changes.flatMap(([, a]) => (a === null ? [] : [a]));
      const added = addedRowids.flatMap((rowid) => {
        const row = arrayStatement(db, 'SELECT rowid, title_key, year_from, year_to FROM items WHERE rowid = ?').get(rowid) as unknown as
          | [number, string, number | null, number | null]
          | undefined;
        if (!row) return [];
        const facets = arrayStatement(db, 'SELECT facet, value FROM facets WHERE item = ?').all(rowid) as unknown as [FacetName, string][];
        return [{ item: { rowid: row[0], titleKey: row[1], yearFrom: row[2], yearTo: row[3] }, facets }];
      });
      // Item rowids are never reused (AUTOINCREMENT): an item added and removed again within these changes is dead on arrival.
      const alsoRemoved = new Set(removed);
      state.snapshot = patchSnapshot(
        snap,
        generation,
        removed,
        added.filter((a) => !alsoRemoved.has(a.item.rowid)),
      );
      return state.snapshot;
    }
  }
  state.loading ??= loadSnapshot(index, db, state, generation).finally(() => {
    state.loading = undefined;
  });
  return state.loading;
}

/**
 * Reads every item's facet rows in chunks, letting the event loop serve other requests (tiles,
 * manifests) between them: at 100,000 items the read takes seconds.
 */
async function loadSnapshot(index: IndexDatabase, db: DatabaseSync, state: ReadState, generation: string): Promise<Snapshot> {
  const items: ItemRow[] = [];
  const facetRows: FacetRow[] = [];
  let rows = 0;
  const breathe = async () => {
    if (++rows % LOAD_CHUNK !== 0) return;
    await new Promise((resolve) => setImmediate(resolve));
    if (!index.isCurrent(db)) throw new SearchUnavailableError('the search index was replaced while loading; try again');
  };
  for (const [rowid, titleKey, yearFrom, yearTo] of arrayStatement(
    db,
    'SELECT rowid, title_key, year_from, year_to FROM items ORDER BY rowid',
  ).iterate() as unknown as Iterable<[number, string, number | null, number | null]>) {
    items.push({ rowid, titleKey, yearFrom, yearTo });
    await breathe();
  }
  for (const row of arrayStatement(db, 'SELECT item, facet, value FROM facets').iterate() as unknown as Iterable<FacetRow>) {
    facetRows.push(row);
    await breathe();
  }
  state.snapshot = buildSnapshot(generation, items, facetRows);
  return state.snapshot;
}
