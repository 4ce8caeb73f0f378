// The job queue's bookkeeping on a real admin database: jobs run PUBLISH_JOBS at a time in order,
// jobs a restart cut off run first, one cut off too often is failed with a reason, a failing
// publisher fails its job, and closing leaves running jobs interrupted for the next start.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishOutcome } from '../contracts.ts';
import { type AdminDb, openAdminDb } from '../db.ts';
import { endState, JobQueue } from './queue.ts';
import { JobStore, MAX_ATTEMPTS } from './store.ts';

let dir: string;
let db: AdminDb;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-queue-'));
  db = openAdminDb(dir);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const outcome = (folder: string): PublishOutcome => ({ published: [folder], unchanged: [], failed: [], report: `published ${folder}` });

/** A publisher whose jobs end when the test says so, recording which folders ran at once. */
function heldPublisher() {
  const running = new Map<string, (o: PublishOutcome) => void>();
  let most = 0;
  return {
    running,
    most: () => most,
    publisher: {
      publishFolder: (folder: string, _p: unknown, signal: AbortSignal) =>
        new Promise<PublishOutcome>((resolve, reject) => {
          running.set(folder, (o) => {
            running.delete(folder);
            resolve(o);
          });
          most = Math.max(most, running.size);
          signal.addEventListener('abort', () => {
            running.delete(folder);
            reject(signal.reason);
          });
        }),
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('JobQueue', () => {
  it('runs jobs in order, PUBLISH_JOBS at a time', async () => {
    const held = heldPublisher();
    const queue = new JobQueue({ store: new JobStore(db), publisher: held.publisher, concurrency: 2 });
    queue.start();
    for (const f of ['a', 'b', 'c']) queue.add({ source: 'upload', folder: f, label: f, user: 'carla' });
    expect([...held.running.keys()]).toEqual(['a', 'b']);
    held.running.get('a')!(outcome('a'));
    await settle();
    expect([...held.running.keys()]).toEqual(['b', 'c']);
    held.running.get('b')!(outcome('b'));
    held.running.get('c')!(outcome('c'));
    await settle();
    expect(held.most()).toBe(2);
    expect(queue.list().map((j) => [j.folder, j.state])).toEqual([
      ['c', 'done'],
      ['b', 'done'],
      ['a', 'done'],
    ]);
  });

  it('at start runs the jobs a restart cut off first, and fails one cut off too often', async () => {
    const store = new JobStore(db);
    const waiting = store.add({ source: 'upload', folder: 'waiting', label: 'w', user: 'carla' });
    const cut = store.add({ source: 'inbox', folder: 'cut', label: 'c', user: null });
    const doomed = store.add({ source: 'upload', folder: 'doomed', label: 'd', user: 'carla' });
    // `doomed` was already started MAX_ATTEMPTS times; `cut` once; both were running at the "crash".
    db.prepare("UPDATE jobs SET state = 'running', attempts = ? WHERE id = ?").run(MAX_ATTEMPTS, doomed.id);
    db.prepare("UPDATE jobs SET state = 'running', attempts = 1 WHERE id = ?").run(cut.id);
    const held = heldPublisher();
    const ended: string[] = [];
    const queue = new JobQueue({ store, publisher: held.publisher, concurrency: 1, onEnd: (j) => ended.push(`${j.folder} ${j.state}`) });
    queue.start();
    expect(store.get(doomed.id)).toMatchObject({ state: 'failed', error: expect.stringMatching(/stopped by 3 server restarts/) });
    expect(ended).toEqual(['doomed failed']);
    expect([...held.running.keys()]).toEqual(['cut']);
    expect(store.get(cut.id)).toMatchObject({ state: 'running', attempts: 2 });
    expect(store.get(waiting.id)?.state).toBe('queued');
  });

  it('fails a job whose publisher throws, with its message, and goes on', async () => {
    const store = new JobStore(db);
    const queue = new JobQueue({
      store,
      concurrency: 1,
      publisher: { publishFolder: (f) => (f === 'bad' ? Promise.reject(new Error('ingest stopped (exit code 2)')) : Promise.resolve(outcome(f))) },
    });
    queue.start();
    const bad = queue.add({ source: 'upload', folder: 'bad', label: 'bad', user: 'carla' });
    const good = queue.add({ source: 'upload', folder: 'good', label: 'good', user: 'carla' });
    await settle();
    expect(store.get(bad.id)).toMatchObject({ state: 'failed', error: 'ingest stopped (exit code 2)' });
    expect(store.get(good.id)).toMatchObject({ state: 'done', outcome: outcome('good') });
  });

  it('on close leaves running jobs interrupted, to run again', async () => {
    const store = new JobStore(db);
    const held = heldPublisher();
    const queue = new JobQueue({ store, publisher: held.publisher, concurrency: 1 });
    queue.start();
    const job = queue.add({ source: 'upload', folder: 'a', label: 'a', user: 'carla' });
    await queue.close();
    expect(store.get(job.id)).toMatchObject({ state: 'interrupted', error: expect.stringMatching(/runs again at the next start/) });
    expect(store.claimNext()?.id).toBe(job.id);
  });

  it.each([
    [{ published: ['a'], unchanged: [], failed: [] }, 'done'],
    [{ published: [], unchanged: ['a'], failed: [{ item: 'b', reason: 'x' }] }, 'done'],
    [{ published: [], unchanged: [], failed: [{ item: 'b', reason: 'x' }] }, 'failed'],
    [{ published: [], unchanged: [], failed: [] }, 'done'],
  ] as const)('a job with %j ends %s', (o, state) => {
    expect(endState({ ...o, failed: [...o.failed], published: [...o.published], unchanged: [...o.unchanged], report: '' })).toBe(state);
  });
});
