// Runs publish jobs from the persistent store, PUBLISH_JOBS at a time, through the Publisher (ingest
// in a child process at lower priority, composed in start.ts), and tells listeners (the SSE route)
// each job's progress and end. At start it takes up jobs a restart cut off; at close it aborts the
// running ones and leaves them interrupted, so the next start runs them again.
import { EventEmitter } from 'node:events';
import type { PublishOutcome, Publisher } from '../contracts.ts';
import { MAX_ATTEMPTS, type Job, type JobStore } from './store.ts';

/** Progress is written to the database at most this often; listeners hear every step. */
const SAVE_EVERY_MS = 1000;

export interface JobEvents {
  /** A job started, moved or ended; carries the job as it now is. */
  job: [Job];
}

export interface JobQueueOptions {
  store: JobStore;
  publisher: Pick<Publisher, 'publishFolder'>;
  /** Jobs run at once (PUBLISH_JOBS). */
  concurrency: number;
  /** Told of each job queued (for the audit log). */
  onQueued?: (job: Job) => void;
  /** Told of each job that ended (for the audit log). */
  onEnd?: (job: Job) => void;
  onError?: (err: unknown) => void;
}

/** A job whose every item failed failed; one that published or kept anything is done, its report says the rest. */
export const endState = (o: PublishOutcome): 'done' | 'failed' =>
  o.failed.length > 0 && o.published.length + o.unchanged.length === 0 ? 'failed' : 'done';

export class JobQueue extends EventEmitter<JobEvents> {
  readonly #options: JobQueueOptions;
  readonly #running = new Map<number, AbortController>();
  #closed = false;

  constructor(options: JobQueueOptions) {
    super();
    this.#options = options;
  }

  /**
   * Marks jobs a restart cut off as interrupted, fails those cut off MAX_ATTEMPTS times (something in
   * them takes the server down), and starts running what is waiting.
   */
  start(): void {
    const { store } = this.#options;
    store.interruptRunning();
    for (const job of store.interrupted().filter((j) => j.attempts >= MAX_ATTEMPTS)) {
      this.#end(
        store.finish(job.id, 'failed', {
          error: `stopped by ${MAX_ATTEMPTS} server restarts while it ran; not started again (see the server log)`,
        }),
      );
    }
    this.pump();
  }

  /** Queues a job and runs it as soon as a slot is free. */
  add(job: Parameters<JobStore['add']>[0]): Job {
    const added = this.#options.store.add(job);
    this.#tell(() => this.#options.onQueued?.(added));
    this.emit('job', added);
    this.pump();
    return added;
  }

  get(id: number): Job | undefined {
    return this.#options.store.get(id);
  }

  /** Whether any job publishes `folder`. */
  hasFolder(folder: string): boolean {
    return this.#options.store.hasFolder(folder);
  }

  list(): Job[] {
    return this.#options.store.list();
  }

  /** Aborts running jobs and leaves them interrupted, to be run again at the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    const running = [...this.#running.values()];
    for (const c of running) c.abort(new Error('server stopping'));
    await new Promise<void>((resolve) => {
      const check = () => (this.#running.size === 0 ? resolve() : setTimeout(check, 20));
      check();
    });
  }

  /** Starts waiting jobs while slots are free. */
  pump(): void {
    while (!this.#closed && this.#running.size < this.#options.concurrency) {
      const job = this.#options.store.claimNext();
      if (!job) return;
      void this.#run(job);
    }
  }

  async #run(job: Job): Promise<void> {
    const { store, publisher } = this.#options;
    const controller = new AbortController();
    this.#running.set(job.id, controller);
    this.emit('job', job);
    let saved = 0;
    const onProgress = ({ done, total }: { done: number; total: number }) => {
      const t = Date.now();
      if (t - saved >= SAVE_EVERY_MS || done === total) {
        saved = t;
        store.progress(job.id, done, total);
      }
      this.emit('job', { ...job, done, total });
    };
    let ended: Job;
    try {
      const outcome = await publisher.publishFolder(job.folder, onProgress, controller.signal);
      ended = store.finish(job.id, endState(outcome), { outcome });
    } catch (err) {
      ended = controller.signal.aborted
        ? store.finish(job.id, 'interrupted', { error: 'the server stopped while this job ran; it runs again at the next start' })
        : store.finish(job.id, 'failed', { error: (err as Error).message });
    } finally {
      this.#running.delete(job.id);
    }
    this.#end(ended);
    this.pump();
  }

  #end(job: Job): void {
    this.emit('job', job);
    if (job.state !== 'interrupted') this.#tell(() => this.#options.onEnd?.(job));
  }

  /** Bookkeeping (the audit log) never stops a job. */
  #tell(what: () => void): void {
    try {
      what();
    } catch (err) {
      this.#options.onError?.(err);
    }
  }
}
