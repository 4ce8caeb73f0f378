// Sign-in sessions, kept in the admin database: a random 256-bit id in the cookie (only its hash is
// stored), a CSRF token bound to the session, and two clocks: inactivity and an absolute maximum
// age. Ending a user's sessions (sign-out everywhere, disabling) deletes their rows.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../contracts.ts';
import { type AdminDb, migrate } from '../db.ts';

export interface SessionLimits {
  idleMs: number;
  maxAgeMs: number;
}

export interface LiveSession {
  idHash: string;
  userId: number;
  name: string;
  role: Role;
  csrf: string;
}

export function migrateSessions(db: AdminDb): void {
  migrate(db, 'sessions', [
    `CREATE TABLE sessions (
       id_hash TEXT PRIMARY KEY,
       user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       csrf TEXT NOT NULL,
       created INTEGER NOT NULL,
       last_seen INTEGER NOT NULL
     );
     CREATE INDEX sessions_user ON sessions (user_id);`,
  ]);
}

/** How often a session's last use is written; well under the shortest inactivity limit (a minute). */
export const TOUCH_MS = 15_000;

const idHash = (id: string) => createHash('sha256').update(id).digest('hex');

/** Starts a session for `userId`; the returned id goes in the cookie and nowhere else. */
export function startSession(db: AdminDb, userId: number, now = Date.now()): string {
  const id = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO sessions (id_hash, user_id, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)').run(
    idHash(id),
    userId,
    randomBytes(32).toString('base64url'),
    now,
    now,
  );
  return id;
}

/** The live session with this id, its last use moved to now; an expired one is deleted. */
export function liveSession(db: AdminDb, id: string, limits: SessionLimits, now = Date.now()): LiveSession | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const hash = idHash(id);
  const row = db
    .prepare(
      `SELECT s.user_id, s.csrf, s.created, s.last_seen, u.name, u.role, u.disabled
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`,
    )
    .get(hash) as { user_id: number; csrf: string; created: number; last_seen: number; name: string; role: Role; disabled: number } | undefined;
  if (!row) return undefined;
  if (row.disabled === 1 || now - row.last_seen > limits.idleMs || now - row.created > limits.maxAgeMs) {
    endSession(db, hash);
    return undefined;
  }
  // Written at most every TOUCH_MS: inactivity is counted in minutes, and a write per request would
  // cost every signed-in page a commit.
  if (now - row.last_seen >= TOUCH_MS) db.prepare('UPDATE sessions SET last_seen = ? WHERE id_hash = ?').run(now, hash);
  return { idHash: hash, userId: row.user_id, name: row.name, role: row.role, csrf: row.csrf };
}

/** Deletes sessions past either limit (they are refused anyway; this keeps the table small). */
export function purgeSessions(db: AdminDb, limits: SessionLimits, now = Date.now()): void {
  db.prepare('DELETE FROM sessions WHERE last_seen < ? OR created < ?').run(now - limits.idleMs, now - limits.maxAgeMs);
}

export function endSession(db: AdminDb, hash: string): void {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hash);
}

/** Ends every session of a user; returns how many there were. */
export function endSessionsOf(db: AdminDb, userId: number): number {
  return Number(db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes);
}

export function sessionCounts(db: AdminDb, limits: SessionLimits, now = Date.now()): Map<number, number> {
  const rows = db
    .prepare('SELECT user_id, count(*) AS n FROM sessions WHERE last_seen > ? AND created > ? GROUP BY user_id')
    .all(now - limits.idleMs, now - limits.maxAgeMs) as { user_id: number; n: number }[];
  return new Map(rows.map((r) => [r.user_id, r.n]));
}
