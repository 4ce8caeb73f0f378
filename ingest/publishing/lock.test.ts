// The ingest lock: exclusive, released for the next comer, a waiting caller gets it once free, and
// a lock left by a dead process is taken over.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockError, parseLockOwner } from './lock.ts';

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

describe('parseLockOwner', () => {
  const file = '/data/.leeszaal/ingest.lock';
  const good = { pid: 4321, host: 'scanner-1', since: '2026-12-05T03:00:00.000Z' };

  it('reads the owner a lock file names', () => {
    expect(parseLockOwner(JSON.stringify(good), file)).toEqual({ owner: good });
  });

  it.each<[string, string, RegExp]>([
    ['an empty file (being written)', '', /^lock file \/data\/\.leeszaal\/ingest\.lock is not JSON/],
    ['an array', JSON.stringify([good]), /names no owner/],
    ['a pid that is text', JSON.stringify({ ...good, pid: '4321' }), /pid/],
    ['a pid of 0 (process.kill(0) is the whole group)', JSON.stringify({ ...good, pid: 0 }), /pid/],
    ['no host', JSON.stringify({ pid: 1, since: good.since }), /host/],
    ['no since', JSON.stringify({ pid: 1, host: 'h' }), /since/],
  ])('names the file and the field of %s', (_what, text, reason) => {
    const read = parseLockOwner(text, file);
    expect('problem' in read && read.problem).toMatch(reason);
    expect('problem' in read && read.problem).toContain(file);
  });

  it('a fresh lock file that names no owner still holds, and the refusal says why no owner is named', async () => {
    const lockFile = path.join(dir, 'ingest.lock');
    await writeFile(lockFile, JSON.stringify({ pid: 'me' }));
    await expect(acquireLock(lockFile, { waitMs: 0, what: 'x' })).rejects.toThrow(/locked by another process \(lock file .* names no owner: .*pid/s);
  });
});
