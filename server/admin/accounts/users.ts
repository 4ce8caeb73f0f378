// Accounts of the curators' workspace, in the admin database: name, role, password hash (none until
// the person sets one through their link) and whether the account is disabled. No account exists
// until one is made on the command line (`npm run user`) or by an admin.
import * as v from 'valibot';
import type { Role, SignedInUser } from '../contracts.ts';
import { type AdminDb, migrate } from '../db.ts';

export const ROLES: readonly Role[] = ['admin', 'curator'];

export interface Account extends SignedInUser {
  disabled: boolean;
  hasPassword: boolean;
  created: string;
}

/** A user name: what people type to sign in, so letters, digits and . _ @ - only, 1 to 64 of them. */
export const userName = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[\p{L}\p{N}._@-]{1,64}$/u, 'a user name is 1 to 64 letters, digits, dots, underscores, @ or hyphens'),
);

export class AccountError extends Error {
  override name = 'AccountError';
}

export function migrateUsers(db: AdminDb): void {
  migrate(db, 'accounts', [
    `CREATE TABLE users (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       name TEXT NOT NULL UNIQUE COLLATE NOCASE,
       role TEXT NOT NULL CHECK (role IN ('admin', 'curator')),
       password_hash TEXT,
       disabled INTEGER NOT NULL DEFAULT 0,
       created TEXT NOT NULL
     )`,
  ]);
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string | null;
  disabled: number;
  created: string;
}

const toAccount = (r: UserRow): Account => ({
  id: r.id,
  name: r.name,
  role: r.role,
  disabled: r.disabled === 1,
  hasPassword: r.password_hash !== null,
  created: r.created,
});

export function parseUserName(name: unknown): string {
  const parsed = v.safeParse(userName, name);
  if (!parsed.success) throw new AccountError(`user name ${JSON.stringify(String(name).slice(0, 80))}: ${parsed.issues[0].message}`);
  return parsed.output;
}

export function addUser(db: AdminDb, name: string, role: Role, now = new Date()): Account {
  const clean = parseUserName(name);
  if (findUser(db, clean)) throw new AccountError(`user name ${JSON.stringify(clean)}: an account with that name exists`);
  const { lastInsertRowid } = db.prepare('INSERT INTO users (name, role, created) VALUES (?, ?, ?)').run(clean, role, now.toISOString());
  return userById(db, Number(lastInsertRowid)) as Account;
}

export function findUser(db: AdminDb, name: string): Account | undefined {
  const row = db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
  return row && toAccount(row);
}

export function userById(db: AdminDb, id: number): Account | undefined {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row && toAccount(row);
}

/** The stored hash, for signing in only. */
export function passwordHashOf(db: AdminDb, id: number): string | undefined {
  const row = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string | null } | undefined;
  return row?.password_hash ?? undefined;
}

export function listUsers(db: AdminDb): Account[] {
  return (db.prepare('SELECT * FROM users ORDER BY name COLLATE NOCASE').all() as unknown as UserRow[]).map(toAccount);
}

export function setPasswordHash(db: AdminDb, id: number, passwordHash: string): void {
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
}

export function setDisabled(db: AdminDb, id: number, disabled: boolean): void {
  db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
}
