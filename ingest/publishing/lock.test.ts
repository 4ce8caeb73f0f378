// The ingest lock: exclusive, released for the next comer, a waiting caller gets it once free, and
// a lock left by a dead process is taken over.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockError } from './lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('acquireLock', () => {
  it('refuses a second holder at once, naming the first', async () => {
    const file = path.join(dir, 'ingest.lock');
    const first = await acquireLock(file, { waitMs: 0, what: 'data folder X' });
    await expect(acquireLock(file, { waitMs: 0, what: 'data folder X' })).rejects.toThrow(LockError);
    await expect(acquireLock(file, { waitMs: 0, what: 'data folder X' })).rejects.toThrow(`data folder X is locked by process ${process.pid}`);
    await first.release();
    const second = await acquireLock(file, { waitMs: 0, what: 'data folder X' });
    await second.release();
  });

  it('lets a waiting caller in when the holder releases', async () => {
    const file = path.join(dir, 'ingest.lock');
    const first = await acquireLock(file, { waitMs: 0, what: 'x' });
    const waiting = acquireLock(file, { waitMs: 5000, what: 'x' });
    setTimeout(() => void first.release(), 300);
    const second = await waiting;
    await second.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const file = path.join(dir, 'ingest.lock');
    await writeFile(file, JSON.stringify({ pid: 2 ** 22 + 4321, host: os.hostname(), since: '2020-01-01' }));
    const lock = await acquireLock(file, { waitMs: 0, what: 'x' });
    await lock.release();
  });
});
