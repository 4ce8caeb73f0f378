// The admin database: one node:sqlite file in the data folder's private state
// (`.leeszaal/admin/admin.sqlite`, never served), shared by the parts of the curators' workspace
// (accounts, uploads and jobs, the editor). Each part creates its own tables through `migrate` under
// its own name, so the parts never edit one another's schema.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { dataPaths } from '../../manifests/layout.ts';

export type AdminDb = DatabaseSync;

export const adminDbPath = (dataDir: string) => path.join(dataPaths(dataDir).state, 'admin', 'admin.sqlite');

/** Opens (creating if need be) the admin database of a data folder, ready for several processes at once. */
export function openAdminDb(dataDir: string): AdminDb {
  const file = adminDbPath(dataDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(file);
  // Password hashes and sessions: readable by the server's user only (SQLite gives the -wal and -shm
  // files the same mode).
  chmodSync(file, 0o600);
  // WAL lets the server read while the `npm run user` command writes; busy_timeout makes either wait
  // for the other's write instead of failing at once. synchronous = NORMAL is SQLite's advice for
  // WAL: never corrupt, and a commit no longer waits for the disk (a power cut may lose the last
  // moments' sessions, not the database).
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  db.exec('CREATE TABLE IF NOT EXISTS migrations (part TEXT NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (part, step))');
  return db;
}

/**
 * Brings one part's tables up to date: runs, in order and each in its own transaction, the steps
 * (SQL) of `part` not yet run in this database. Append steps; never change or remove one that shipped.
 */
export function migrate(db: AdminDb, part: string, steps: readonly string[]): void {
  const done = new Set((db.prepare('SELECT step FROM migrations WHERE part = ?').all(part) as { step: number }[]).map((r) => r.step));
  steps.forEach((sql, step) => {
    if (done.has(step)) return;
    transaction(db, () => {
      db.exec(sql);
      db.prepare('INSERT OR IGNORE INTO migrations (part, step) VALUES (?, ?)').run(part, step);
    });
  });
}

/** Runs `work` in one immediate transaction: all of it is written, or none. */
export function transaction<T>(db: AdminDb, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
