// The render queue runs at most `concurrency` jobs, lets `maxQueued` wait, refuses the rest with 503
// and Retry-After, and gives up on a job that outlives its time limit; running jobs together never
// reserve more bytes than the budget; on shutdown, waiting jobs are refused and never started.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors.ts';
import { RenderQueue } from './render-queue.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('RenderQueue', () => {
  it('runs up to the concurrency, queues up to the limit and refuses beyond it', async () => {
    const q = new RenderQueue({ concurrency: 2, maxQueued: 1, timeoutMs: 10_000 });
    const g = gate();
    let running = 0;
    let peak = 0;
    const job = async () => {
      running++;
      peak = Math.max(peak, running);
      await g.opened;
      running--;
      return 'done';
    };
    const accepted = [q.run(job), q.run(job), q.run(job)];
    expect([q.active, q.queued]).toEqual([2, 1]);
    const refused = q.run(job);
    await expect(refused).rejects.toMatchObject({ status: 503, retryAfter: expect.any(Number) });
    g.open();
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done']);
    expect(peak).toBe(2);
  });

  it('with no queue, refuses as soon as every slot is busy', async () => {
    const q = new RenderQueue({ concurrency: 1, maxQueued: 0, timeoutMs: 10_000 });
    const g = gate();
    const first = q.run(() => g.opened);
    await expect(q.run(async () => 1)).rejects.toBeInstanceOf(HttpError);
    g.open();
    await first;
    expect(await q.run(async () => 2)).toBe(2);
  });

  it('drops a waiting job whose client hung up: never started, its place in the queue freed', async () => {
    const q = new RenderQueue({ concurrency: 1, maxQueued: 1, timeoutMs: 10_000 });
    const g = gate();
    const running = q.run(() => g.opened);
    const hangUp = new AbortController();
    let started = false;
    const waiting = q.run(
      async () => {
        started = true;
      },
      0,
      hangUp.signal,
    );
    expect(q.queued).toBe(1);
    hangUp.abort();
    await expect(waiting).rejects.toMatchObject({ status: 499 });
    expect(q.queued).toBe(0);
    // The freed place takes the next job, which runs once the slot is free.
    const next = q.run(async () => 'next');
    g.open();
    await running;
    expect(await next).toBe('next');
    expect(started).toBe(false);
    // A job whose client is already gone is not even queued.
    await expect(q.run(async () => 1, 0, hangUp.signal)).rejects.toMatchObject({ status: 499 });
  });

  it('answers 503 when a job outlives the time limit, and never starts a job that timed out waiting', async () => {
    const q = new RenderQueue({ concurrency: 1, maxQueued: 5, timeoutMs: 50 });
    const g = gate();
    const slow = q.run(() => g.opened);
    let started = false;
    const waiting = q.run(async () => {
      started = true;
    });
    await expect(slow).rejects.toMatchObject({ status: 503 });
    await expect(waiting).rejects.toMatchObject({ status: 503 });
    g.open();
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(false);
  });

  it('keeps the bytes reserved by running jobs within the budget; the rest wait in order', async () => {
    const q = new RenderQueue({ concurrency: 8, maxQueued: 10, timeoutMs: 10_000, budgetBytes: 100 });
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let peak = 0;
    const job = (i: number) => async () => {
      started.push(i);
      peak = Math.max(peak, q.reserved);
      await gates[i]?.opened;
      return i;
    };
    const runs = [q.run(job(0), 60), q.run(job(1), 30), q.run(job(2), 50), q.run(job(3), 10)];
    // 60 + 30 fit; 50 does not, and 10 waits behind it rather than overtake it.
    expect(started).toEqual([0, 1]);
    expect([q.active, q.queued, q.reserved]).toEqual([2, 2, 90]);
    gates[0]?.open();
    await runs[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2, 3]);
    expect(q.reserved).toBe(90);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(peak).toBeLessThanOrEqual(100);
    expect(q.reserved).toBe(0);
  });

  it('runs a job larger than the whole budget, alone', async () => {
    const q = new RenderQueue({ concurrency: 4, maxQueued: 10, timeoutMs: 10_000, budgetBytes: 100 });
    const g = gate();
    const small = q.run(() => g.opened, 10);
    let bigStarted = false;
    const big = q.run(async () => {
      bigStarted = true;
      return q.active;
    }, 1_000_000);
    expect(bigStarted).toBe(false);
    g.open();
    await small;
    expect(await big).toBe(1);
  });

  it('on close, refuses waiting and new jobs with 503 and never starts them; running ones finish', async () => {
    const q = new RenderQueue({ concurrency: 1, maxQueued: 5, timeoutMs: 10_000 });
    const g = gate();
    const running = q.run(async () => {
      await g.opened;
      return 'finished';
    });
    let started = false;
    const waiting = q.run(async () => {
      started = true;
    });
    q.close();
    await expect(waiting).rejects.toMatchObject({ status: 503, retryAfter: expect.any(Number), message: expect.stringMatching(/shutting down/) });
    await expect(q.run(async () => 1)).rejects.toMatchObject({ status: 503 });
    g.open();
    expect(await running).toBe('finished');
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(false);
  });
});
