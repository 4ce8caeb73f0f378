// Bounds image rendering: at most RENDER_CONCURRENCY renders run at once and at most RENDER_QUEUE
// wait; beyond that the server says 503 with Retry-After at once instead of piling up work, and a
// job that does not finish within the time limit is answered 503 too (sharp aborts it itself).
import pLimit, { type LimitFunction } from 'p-limit';
import { HttpError } from '../errors.ts';

export interface RenderQueueOptions {
  concurrency: number;
  maxQueued: number;
  timeoutMs: number;
}

export class RenderQueue {
  #limit: LimitFunction;
  #maxQueued: number;
  #timeoutMs: number;

  constructor(options: RenderQueueOptions) {
    this.#limit = pLimit(options.concurrency);
    this.#maxQueued = options.maxQueued;
    this.#timeoutMs = options.timeoutMs;
  }

  get active(): number {
    return this.#limit.activeCount;
  }

  get queued(): number {
    return this.#limit.pendingCount;
  }

  /** Runs `job` when a slot is free; rejects with 503 when the queue is full or time runs out. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const busy = this.#limit.activeCount >= this.#limit.concurrency;
    if (busy && this.#limit.pendingCount >= this.#maxQueued) {
      return Promise.reject(new HttpError(503, 'the image server is busy; retry shortly', 2));
    }
    let expired = false;
    // A job whose client was already answered 503 while it waited is not started at all.
    const result = this.#limit(() => (expired ? Promise.reject(new Error('expired')) : job()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(new HttpError(503, `rendering took longer than ${this.#timeoutMs} ms`, 5));
      }, this.#timeoutMs);
    });
    result.catch(() => undefined);
    return Promise.race([result, timeout]).finally(() => clearTimeout(timer));
  }
}
