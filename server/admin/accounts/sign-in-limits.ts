// Rate limits on signing in, per account name and per address, in the admin database so they hold
// across restarts and across the processes sharing it: attempts are counted in a fixed window, as
// they start (so a burst of parallel guesses is counted before any is checked) and forgiven when
// they succeed; past the limit, signing in is refused until the window ends. Unknown names are
// counted like real ones, so the limit says nothing about which accounts exist.
import { type AdminDb, migrate } from '../db.ts';

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export function migrateSignInLimits(db: AdminDb): void {
  migrate(db, 'sign-in-limits', [
    `CREATE TABLE sign_in_failures (
       key TEXT PRIMARY KEY,
       window_start INTEGER NOT NULL,
       count INTEGER NOT NULL
     )`,
  ]);
}

const accountKey = (name: string) => `account:${name.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

function failures(db: AdminDb, key: string, windowMs: number, now: number): { count: number; resetAt: number } {
  const row = db.prepare('SELECT window_start, count FROM sign_in_failures WHERE key = ?').get(key) as
    | { window_start: number; count: number }
    | undefined;
  if (!row || now - row.window_start >= windowMs) return { count: 0, resetAt: now };
  return { count: row.count, resetAt: row.window_start + windowMs };
}

/** When signing in as `name` from `address` is refused, the time it may be tried again (ms). */
export function blockedUntil(db: AdminDb, name: string, address: string, limits: SignInLimits, now = Date.now()): number | undefined {
  const account = failures(db, accountKey(name), limits.windowMs, now);
  const from = failures(db, addressKey(address), limits.windowMs, now);
  const until = [account.count >= limits.perAccount ? account.resetAt : 0, from.count >= limits.perAddress ? from.resetAt : 0];
  const latest = Math.max(...until);
  return latest > 0 ? latest : undefined;
}

/** Counts an attempt against the name and the address; `signedIn` forgives it when it succeeds. */
export function recordAttempt(db: AdminDb, name: string, address: string, limits: SignInLimits, now = Date.now()): void {
  for (const key of [accountKey(name), addressKey(address)]) {
    const { count } = failures(db, key, limits.windowMs, now);
    if (count === 0) db.prepare('INSERT OR REPLACE INTO sign_in_failures (key, window_start, count) VALUES (?, ?, 1)').run(key, now);
    else db.prepare('UPDATE sign_in_failures SET count = count + 1 WHERE key = ?').run(key);
  }
}

/**
 * A successful sign-in clears the name's count and takes its own attempt off the address's (not the
 * rest: one good password does not excuse guessing others).
 */
export function signedIn(db: AdminDb, name: string, address: string): void {
  db.prepare('DELETE FROM sign_in_failures WHERE key = ?').run(accountKey(name));
  db.prepare('UPDATE sign_in_failures SET count = max(0, count - 1) WHERE key = ?').run(addressKey(address));
}

/** Forgets windows that have ended. */
export function purgeSignInLimits(db: AdminDb, windowMs: number, now = Date.now()): void {
  db.prepare('DELETE FROM sign_in_failures WHERE window_start <= ?').run(now - windowMs);
}
