// Prepared statements of the embedded index, cached per database connection for every module that
// writes or reads it: a rebuild runs the same inserts 100,000 times and a search the same selects on
// every request. Keyed by the connection, so a closed or replaced database takes its statements along.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

const cache = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

function cached(db: DatabaseSync, key: string, make: () => StatementSync): StatementSync {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let s = statements.get(key);
  if (!s) {
    s = make();
    statements.set(key, s);
  }
  return s;
}

/** The statement for `sql` on `db`, prepared once. */
export function statement(db: DatabaseSync, sql: string): StatementSync {
  return cached(db, sql, () => db.prepare(sql));
}

/** The same, returning rows as arrays: no per-row objects on the hot paths. */
export function arrayStatement(db: DatabaseSync, sql: string): StatementSync {
  return cached(db, `arrays:${sql}`, () => {
    const s = db.prepare(sql);
    s.setReturnArrays(true);
    return s;
  });
}
