import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AdminDb, openAdminDb } from '../db.ts';
import { blockedUntil, migrateSignInLimits, purgeSignInLimits, recordAttempt, signedIn } from './sign-in-limits.ts';

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function freshDb(): Promise<AdminDb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-limits-'));
  dirs.push(dir);
  const db = openAdminDb(dir);
  migrateSignInLimits(db);
  return db;
}

describe('sign-in limits', () => {
  // Failures as [name, address, at ms], then whether [name, address] is blocked at a time, and until when.
  const cases: [string, [string, string, number][], [string, string, number], number | undefined][] = [
    [
      'under the account limit',
      [
        ['anna', 'a', 0],
        ['anna', 'b', 1],
      ],
      ['anna', 'c', 2],
      undefined,
    ],
    [
      'at the account limit, from any address',
      [
        ['anna', 'a', 0],
        ['anna', 'b', 1],
        ['anna', 'c', 2],
      ],
      ['anna', 'd', 3],
      60_000,
    ],
    [
      'the name counts case-insensitively',
      [
        ['Anna', 'a', 0],
        ['ANNA', 'b', 1],
        ['anna ', 'c', 2],
      ],
      ['anna', 'd', 3],
      60_000,
    ],
    [
      'the window has passed',
      [
        ['anna', 'a', 0],
        ['anna', 'b', 1],
        ['anna', 'c', 2],
      ],
      ['anna', 'd', 60_000],
      undefined,
    ],
    [
      'at the address limit, for any name',
      [
        ['a1', 'x', 0],
        ['a2', 'x', 0],
        ['a3', 'x', 0],
        ['a4', 'x', 0],
        ['a5', 'x', 10],
      ],
      ['anna', 'x', 20],
      60_000,
    ],
    [
      'another address is not held up by one',
      [
        ['a1', 'x', 0],
        ['a2', 'x', 0],
        ['a3', 'x', 0],
        ['a4', 'x', 0],
        ['a5', 'x', 0],
      ],
      ['anna', 'y', 1],
      undefined,
    ],
  ];
  it.each(cases)('%s', async (_what, failures, [name, address, at], expected) => {
    const db = await freshDb();
    for (const [n, a, t] of failures) recordAttempt(db, n, a, limits, t);
    expect(blockedUntil(db, name, address, limits, at)).toBe(expected);
    db.close();
  });

  it('signing in clears the account’s count, and takes only its own attempt off the address’s', async () => {
    const db = await freshDb();
    const strict = { ...limits, perAddress: 3 };
    for (let i = 0; i < 3; i++) recordAttempt(db, 'anna', 'x', strict, i);
    signedIn(db, 'anna', 'x');
    expect(blockedUntil(db, 'anna', 'y', strict, 10)).toBeUndefined();
    expect(blockedUntil(db, 'bert', 'x', strict, 10)).toBeUndefined();
    recordAttempt(db, 'bert', 'x', strict, 11);
    expect(blockedUntil(db, 'bert', 'x', strict, 12)).toBe(60_000);
    db.close();
  });

  it('ended windows are forgotten', async () => {
    const db = await freshDb();
    recordAttempt(db, 'anna', 'x', limits, 0);
    recordAttempt(db, 'bert', 'y', limits, 50_000);
    purgeSignInLimits(db, limits.windowMs, 60_000);
    const keys = (db.prepare('SELECT key FROM sign_in_failures ORDER BY key').all() as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual(['account:bert', 'address:y']);
    db.close();
  });
});
