// Accounts of people who sign in through the library's identity provider: each (issuer, subject) is
// linked to one account, made at the first sign-in and given the role the provider's claims map to
// at every sign-in. Also the sign-in flows in progress, each bound to the browser that started it.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../contracts.ts';
import { type AdminDb, migrate, transaction } from '../db.ts';
import { audit } from '../audit.ts';
import { type Account, addUser, findUser, userById } from '../accounts/users.ts';

export function migrateOidc(db: AdminDb): void {
  migrate(db, 'oidc', [
    `CREATE TABLE oidc_identities (
       issuer TEXT NOT NULL,
       subject TEXT NOT NULL,
       user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       PRIMARY KEY (issuer, subject)
     );
     CREATE TABLE oidc_flows (
       browser_hash TEXT PRIMARY KEY,
       state TEXT NOT NULL,
       nonce TEXT NOT NULL,
       verifier TEXT NOT NULL,
       next TEXT NOT NULL,
       expires INTEGER NOT NULL
     );`,
  ]);
}

export interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** Keeps a flow for the browser holding `browserId` (its cookie) for ten minutes. */
export function saveFlow(db: AdminDb, flow: Flow, now = Date.now()): string {
  const browserId = randomBytes(32).toString('base64url');
  db.prepare('DELETE FROM oidc_flows WHERE expires < ?').run(now);
  db.prepare('INSERT INTO oidc_flows (browser_hash, state, nonce, verifier, next, expires) VALUES (?, ?, ?, ?, ?, ?)').run(
    hash(browserId),
    flow.state,
    flow.nonce,
    flow.verifier,
    flow.next,
    now + 10 * 60_000,
  );
  return browserId;
}

/** The browser's flow, used up: a callback can be answered once. */
export function takeFlow(db: AdminDb, browserId: string, now = Date.now()): Flow | undefined {
  const row = db.prepare('SELECT state, nonce, verifier, next, expires FROM oidc_flows WHERE browser_hash = ?').get(hash(browserId)) as
    | (Flow & { expires: number })
    | undefined;
  db.prepare('DELETE FROM oidc_flows WHERE browser_hash = ?').run(hash(browserId));
  return row && row.expires >= now ? { state: row.state, nonce: row.nonce, verifier: row.verifier, next: row.next } : undefined;
}

/** A free account name for a new identity: the provider's user name if it is a valid, unused one. */
function freeName(db: AdminDb, wanted: unknown, subject: string): string {
  if (typeof wanted === 'string' && /^[\p{L}\p{N}._@-]{1,64}$/u.test(wanted) && !findUser(db, wanted)) return wanted;
  for (let n = 0; ; n++) {
    const name = `oidc-${hash(subject + n).slice(0, 10)}`;
    if (!findUser(db, name)) return name;
  }
}

/** The account of an identity, made or updated to `role`; changes are audited. */
export function accountFor(db: AdminDb, issuer: string, subject: string, preferredName: unknown, role: Role): Account {
  return transaction(db, () => {
    const linked = db.prepare('SELECT user_id FROM oidc_identities WHERE issuer = ? AND subject = ?').get(issuer, subject) as
      | { user_id: number }
      | undefined;
    if (linked) {
      const account = userById(db, linked.user_id) as Account;
      if (account.role !== role) {
        db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, account.id);
        audit(db, { user: { name: 'identity provider' }, action: 'user.role', details: { name: account.name, role } });
      }
      return { ...account, role };
    }
    const account = addUser(db, freeName(db, preferredName, subject), role);
    db.prepare('INSERT INTO oidc_identities (issuer, subject, user_id) VALUES (?, ?, ?)').run(issuer, subject, account.id);
    audit(db, { user: { name: 'identity provider' }, action: 'user.add', details: { name: account.name, role, issuer } });
    return account;
  });
}
