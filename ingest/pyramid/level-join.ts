// Joins pyramid levels' tiles into whole-image files (ingest's `full/max` and listed sizes) on worker
// threads: the joins are a few hundred milliseconds of JavaScript per large scan, and on the main
// thread they would hold up the derivative being written at the same time. A worker reads the
// tiles, joins them in the DCT domain (jpeg-dct.ts) and writes each file aside, then renames it; a
// level it cannot join is left unwritten for the caller to render.
//
// Workers are kept and reused, and a page reserves one when its tiling starts: a worker's start-up
// (0.1 to 0.2 s of loading its modules, from level-join-worker.mjs) then happens before the tiles
// are ready, not between tiling and publishing, and only once per run per page processed at a
// time; its code is also warm for the next page. The CLI starts the first one before it loads the
// rest of ingest, on the core that loading leaves idle.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { joinJpegs } from './jpeg-dct.ts';

export interface LevelJoin {
  /** The file to write. */
  target: string;
  /** The level's tile files, row by row. */
  rows: string[][];
}

type Reply = { ok: true } | { ok: false; error: string };

async function joinAll(jobs: readonly LevelJoin[]): Promise<void> {
  for (const job of jobs) {
    // Synchronous reads: this thread has nothing else to do, and a thread-pool round trip per call
    // would cost more than the call.
    const rows = job.rows.map((row) => row.map((file) => readFileSync(file)));
    const joined = joinJpegs(rows);
    if (!joined) continue;
    await mkdir(path.dirname(job.target), { recursive: true });
    await writeFile(`${job.target}.tmp`, joined);
    await rename(`${job.target}.tmp`, job.target);
  }
}

/** A worker reserved for one page; `release` hands it back for the next page to reuse. */
export interface LevelJoiner {
  /** Resolves when every file is written or skipped; rejects when a tile cannot be read or the worker dies. */
  join(jobs: readonly LevelJoin[]): Promise<void>;
  release(): void;
}

const idle: Worker[] = [];

function startWorker(): Worker {
  // No inherited flags: a parent started with `--input-type` or `-e` would make the worker fail.
  const worker = new Worker(new URL('./level-join-worker.mjs', import.meta.url), { workerData: { levelJoin: true }, execArgv: [] });
  // An idle worker must not keep the process alive; one with a job is waited for anyway.
  worker.unref();
  worker.once('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  // A worker that fails while idle is simply not reused (the exit handler above drops it).
  worker.on('error', () => undefined);
  return worker;
}

/**
 * Starts a worker for the first page to reserve, unless one is idle already. The CLI calls it first
 * thing: the worker then loads while the main thread loads the rest of ingest and the second core
 * would idle, rather than while libvips keeps both cores busy.
 */
export function prestartLevelJoiner(): void {
  if (idle.length === 0) idle.push(startWorker());
}

/** Reserves a worker (an idle one, else a new one, which starts loading at once). */
export function reserveLevelJoiner(): LevelJoiner {
  let worker: Worker | undefined = idle.pop() ?? startWorker();
  let broken = false;
  return {
    join(jobs) {
      if (jobs.length === 0) return Promise.resolve();
      const w = worker;
      if (!w) return Promise.reject(new Error('level joiner already released'));
      return new Promise<void>((resolve, reject) => {
        const settle = (err?: Error) => {
          w.off('message', onMessage).off('error', onError).off('exit', onExit).unref();
          if (err) reject(err);
          else resolve();
        };
        const onMessage = (reply: Reply) => settle(reply.ok ? undefined : new Error(reply.error));
        const onError = (err: Error) => {
          broken = true;
          settle(err);
        };
        const onExit = (code: number) => {
          broken = true;
          settle(new Error(`level join worker exited with code ${code}`));
        };
        w.on('message', onMessage).on('error', onError).on('exit', onExit).ref();
        w.postMessage(jobs);
      });
    },
    release() {
      if (worker && !broken) idle.push(worker);
      else void worker?.terminate();
      worker = undefined;
    },
  };
}

/** Joins `jobs` on a worker reserved for the purpose; resolves when every file is written or skipped. */
export async function joinLevels(jobs: readonly LevelJoin[]): Promise<void> {
  if (jobs.length === 0) return;
  const joiner = reserveLevelJoiner();
  try {
    await joiner.join(jobs);
  } finally {
    joiner.release();
  }
}

if (!isMainThread && parentPort && (workerData as { levelJoin?: boolean } | null)?.levelJoin) {
  const port = parentPort;
  port.on('message', (jobs: LevelJoin[]) => {
    joinAll(jobs).then(
      () => port.postMessage({ ok: true } satisfies Reply),
      (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies Reply),
    );
  });
}
