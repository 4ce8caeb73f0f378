// What an admin (on the accounts page) or the server's operator (`npm run user`) does to accounts:
// add one with a one-time set-password link, disable (which ends all its sessions) or enable it, end
// its sessions, make a new link, set a password directly. Each change is one transaction, audited.
import type { Role } from '../contracts.ts';
import { audit, type AuditEntry } from '../audit.ts';
import { type AdminDb, transaction } from '../db.ts';
import { makeSetPasswordToken } from './set-password-links.ts';
import { endSessionsOf } from './sessions.ts';
import { type Account, AccountError, addUser, setDisabled, setPasswordHash, userById } from './users.ts';

type Who = AuditEntry['user'];

export function addAccount(db: AdminDb, by: Who, name: string, role: Role, linkMs: number): { account: Account; token: string } {
  return transaction(db, () => {
    const account = addUser(db, name, role);
    const token = makeSetPasswordToken(db, account.id, linkMs);
    audit(db, { user: by, action: 'user.add', details: { name: account.name, role } });
    return { account, token };
  });
}

function existing(db: AdminDb, id: number): Account {
  const account = userById(db, id);
  if (!account) throw new AccountError(`no account with id ${id}`);
  return account;
}

export function setAccountDisabled(db: AdminDb, by: Who, id: number, disabled: boolean): Account {
  return transaction(db, () => {
    const account = existing(db, id);
    setDisabled(db, id, disabled);
    const ended = disabled ? endSessionsOf(db, id) : 0;
    audit(db, {
      user: by,
      action: disabled ? 'user.disable' : 'user.enable',
      details: { name: account.name, ...(disabled ? { sessionsEnded: ended } : {}) },
    });
    return account;
  });
}

export function endAccountSessions(db: AdminDb, by: Who, id: number): number {
  return transaction(db, () => {
    const account = existing(db, id);
    const ended = endSessionsOf(db, id);
    audit(db, { user: by, action: 'user.end-sessions', details: { name: account.name, sessionsEnded: ended } });
    return ended;
  });
}

/** A new one-time link for an account (a forgotten password); earlier links stop working. */
export function newSetPasswordLink(db: AdminDb, by: Who, id: number, linkMs: number): { account: Account; token: string } {
  return transaction(db, () => {
    const account = existing(db, id);
    const token = makeSetPasswordToken(db, id, linkMs);
    audit(db, { user: by, action: 'user.password-link', details: { name: account.name } });
    return { account, token };
  });
}

/** Sets a password already hashed (the command line's prompt); ends the account's sessions. */
export function setAccountPassword(db: AdminDb, by: Who, id: number, passwordHash: string): void {
  transaction(db, () => {
    const account = existing(db, id);
    setPasswordHash(db, id, passwordHash);
    endSessionsOf(db, id);
    audit(db, { user: by, action: 'user.password-set', details: { name: account.name } });
  });
}
