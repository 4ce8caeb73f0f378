// The render queue runs at most `concurrency` jobs, lets `maxQueued` wait, refuses the rest with 503
// and Retry-After, and gives up on a job that outlives its time limit.
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
});
