// Bounds image rendering by count and by memory: at most RENDER_CONCURRENCY renders run at once, and
// together they hold no more pixels than the budget (RENDER_MEMORY_MB), since a count alone lets a
// few huge renders take gigabytes. A render reserves what it will hold (decoded source, output,
// rotated copy) before it starts and gives it back when it ends. Renders that do not fit wait, in
// order, up to RENDER_QUEUE of them; beyond that, or past the time limit, the answer is 503 with
// Retry-After. A render whose client has gone away while it waited is dropped, never started: a
// flood that hangs up must not leave minutes of renders for nobody. On shutdown the queue refuses what waits and what comes, and lets what runs finish.
import { HttpError } from '../errors.ts';

export interface RenderQueueOptions {
  concurrency: number;
  maxQueued: number;
  timeoutMs: number;
  /** Bytes the running renders may reserve together; a render larger than this runs alone. */
  budgetBytes?: number;
}

interface Waiting {
  cost: number;
  start: () => void;
  refuse: (err: HttpError) => void;
}

export class RenderQueue {
  readonly #concurrency: number;
  readonly #maxQueued: number;
  readonly #timeoutMs: number;
  readonly #budget: number;
  #active = 0;
  #reserved = 0;
  #closed = false;
  readonly #waiting: Waiting[] = [];

  constructor(options: RenderQueueOptions) {
    this.#concurrency = options.concurrency;
    this.#maxQueued = options.maxQueued;
    this.#timeoutMs = options.timeoutMs;
    this.#budget = options.budgetBytes ?? Number.POSITIVE_INFINITY;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** Bytes reserved by the renders running now. */
  get reserved(): number {
    return this.#reserved;
  }

  /**
   * Runs `job` once a slot is free and `costBytes` fit the budget; rejects with 503 when the queue
   * is full, the time runs out or the server is shutting down. A job not yet started when its
   * client was answered, or when `signal` aborts (the client hung up), is never started.
   */
  run<T>(job: () => Promise<T>, costBytes = 0, signal?: AbortSignal): Promise<T> {
    if (this.#closed) return Promise.reject(shuttingDown());
    if (signal?.aborted) return Promise.reject(goneAway());
    // More than the whole budget could never fit: it runs when nothing else does.
    const cost = Math.min(Math.max(0, costBytes), this.#budget);
    const deadline = Date.now() + this.#timeoutMs;
    if (this.#waiting.length === 0 && this.#fits(cost)) return this.#start(job, cost, deadline);
    if (this.#waiting.length >= this.#maxQueued) {
      return Promise.reject(new HttpError(503, 'the image server is busy; retry shortly', 2));
    }
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        cost,
        start: () => {
          clearTimeout(timer);
          this.#start(job, cost, deadline).then(resolve, reject);
        },
        refuse: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        this.#remove(entry);
        reject(new HttpError(503, `rendering took longer than ${this.#timeoutMs} ms`, 5));
      }, this.#timeoutMs);
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.#waiting.includes(entry)) return;
          clearTimeout(timer);
          this.#remove(entry);
          reject(goneAway());
        },
        { once: true },
      );
      this.#waiting.push(entry);
    });
  }

  /** Refuses every waiting and later render with 503; running renders finish. */
  close(): void {
    this.#closed = true;
    for (const w of this.#waiting.splice(0)) w.refuse(shuttingDown());
  }

  #fits(cost: number): boolean {
    return this.#active < this.#concurrency && (this.#active === 0 || this.#reserved + cost <= this.#budget);
  }

  #start<T>(job: () => Promise<T>, cost: number, deadline: number): Promise<T> {
    this.#active += 1;
    this.#reserved += cost;
    let timer: NodeJS.Timeout | undefined;
    const result = job().finally(() => {
      this.#active -= 1;
      this.#reserved -= cost;
      this.#next();
    });
    result.catch(() => undefined);
    // The time limit counts waiting too, so a render that started late gets what is left of it.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HttpError(503, `rendering took longer than ${this.#timeoutMs} ms`, 5)), Math.max(0, deadline - Date.now()));
    });
    return Promise.race([result, timeout]).finally(() => clearTimeout(timer));
  }

  /** Starts waiting renders in order while they fit; the first that does not fit holds back the rest, so large ones are not starved. */
  #next(): void {
    while (this.#waiting.length > 0) {
      const first = this.#waiting[0] as Waiting;
      if (!this.#fits(first.cost)) return;
      this.#waiting.shift();
      first.start();
    }
  }

  #remove(entry: Waiting): void {
    const i = this.#waiting.indexOf(entry);
    if (i !== -1) this.#waiting.splice(i, 1);
    this.#next();
  }
}

/** No one is left to answer; the status is for the logs only. */
const goneAway = () => new HttpError(499, 'the client closed the connection before its render started');
const shuttingDown = () => new HttpError(503, 'the server is shutting down; retry shortly', 5);
