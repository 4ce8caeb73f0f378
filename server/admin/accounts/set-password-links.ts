// One-time links to set a password: made when an account is added or reset (by an admin or on the
// command line), good for a limited time and once. The token is random (256 bits) and only its hash
// is stored, so the database alone cannot be used to set anyone's password.
import { createHash, randomBytes } from 'node:crypto';
import { type AdminDb, migrate } from '../db.ts';

export function migrateSetPasswordLinks(db: AdminDb): void {
  migrate(db, 'set-password-links', [
    `CREATE TABLE set_password_links (
       token_hash TEXT PRIMARY KEY,
       user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       expires INTEGER NOT NULL
     )`,
  ]);
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new link's token for `userId`; earlier links of that user stop working. */
export function makeSetPasswordToken(db: AdminDb, userId: number, validMs: number, now = Date.now()): string {
  const token = randomBytes(32).toString('base64url');
  db.prepare('DELETE FROM set_password_links WHERE user_id = ?').run(userId);
  db.prepare('INSERT INTO set_password_links (token_hash, user_id, expires) VALUES (?, ?, ?)').run(tokenHash(token), userId, now + validMs);
  return token;
}

/** The user a live token is for, without using it up. */
export function setPasswordTokenUser(db: AdminDb, token: string, now = Date.now()): number | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = db.prepare('SELECT user_id, expires FROM set_password_links WHERE token_hash = ?').get(tokenHash(token)) as
    | { user_id: number; expires: number }
    | undefined;
  return row && row.expires > now ? row.user_id : undefined;
}

export function useUpSetPasswordToken(db: AdminDb, token: string): void {
  db.prepare('DELETE FROM set_password_links WHERE token_hash = ?').run(tokenHash(token));
}

/** The address of the page that sets the password. */
export const setPasswordUrl = (publicBaseUrl: string, token: string) => `${publicBaseUrl}/admin/set-password/${token}`;
