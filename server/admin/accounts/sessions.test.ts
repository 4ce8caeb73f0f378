import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminDb, openAdminDb } from '../db.ts';
import { liveSession, migrateSessions, startSession, TOUCH_MS } from './sessions.ts';
import { addUser, migrateUsers, setDisabled } from './users.ts';

const limits = { idleMs: 60 * 60_000, maxAgeMs: 12 * 3_600_000 };
let dir: string;
let db: AdminDb;
let userId: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-sessions-'));
  db = openAdminDb(dir);
  migrateUsers(db);
  migrateSessions(db);
  userId = addUser(db, 'anna', 'curator').id;
});
afterAll(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const lastSeen = () => (db.prepare('SELECT last_seen FROM sessions ORDER BY rowid DESC LIMIT 1').get() as { last_seen: number }).last_seen;

describe('sessions', () => {
  // Uses at these times (ms after starting), and whether the session is still live at the last.
  const cases: [string, number[], boolean][] = [
    ['used now and then', [1000, 30 * 60_000, 80 * 60_000], true],
    ['idle for longer than the limit', [limits.idleMs + 1], false],
    ['idle just under the limit', [limits.idleMs - 1], true],
    ['in use, but older than the maximum age', [3_600_000, 2 * 3_600_000, 12 * 3_600_000 + 1], false],
  ];
  it.each(cases)('%s', (_what, uses, live) => {
    const id = startSession(db, userId, 0);
    const seen = uses.map((t) => liveSession(db, id, limits, t) !== undefined);
    expect(seen.at(-1)).toBe(live);
    expect(seen.slice(0, -1).every(Boolean)).toBe(true);
  });

  it('writes the last use at most every TOUCH_MS (no commit per request)', () => {
    const id = startSession(db, userId, 0);
    liveSession(db, id, limits, TOUCH_MS - 1);
    expect(lastSeen()).toBe(0);
    liveSession(db, id, limits, TOUCH_MS);
    expect(lastSeen()).toBe(TOUCH_MS);
  });

  it('a disabled user’s session is ended, and an unknown or malformed id finds nothing', () => {
    const id = startSession(db, userId, 0);
    setDisabled(db, userId, true);
    expect(liveSession(db, id, limits, 1)).toBeUndefined();
    setDisabled(db, userId, false);
    expect(liveSession(db, id, limits, 2)).toBeUndefined();
    expect(liveSession(db, 'A'.repeat(43), limits, 3)).toBeUndefined();
    expect(liveSession(db, "x' OR 1=1 --", limits, 3)).toBeUndefined();
  });
});
