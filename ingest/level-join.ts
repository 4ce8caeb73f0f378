// Joins pyramid levels' tiles into whole-image files (ingest's `full/max` and listed sizes) on a
// worker thread: the joins are a few hundred milliseconds of JavaScript per large scan, and on the
// main thread they would hold up the derivative being written at the same time. The worker reads the
// tiles, joins them in the DCT domain (jpeg-dct.ts) and writes each file aside, then renames it; a
// level it cannot join is left unwritten for the caller to render.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { joinJpegs } from './jpeg-dct.ts';

export interface LevelJoin {
  /** The file to write. */
  target: string;
  /** The level's tile files, row by row. */
  rows: string[][];
}

async function joinAll(jobs: readonly LevelJoin[]): Promise<void> {
  for (const job of jobs) {
    const rows = await Promise.all(job.rows.map((row) => Promise.all(row.map((file) => readFile(file)))));
    const joined = joinJpegs(rows);
    if (!joined) continue;
    await mkdir(path.dirname(job.target), { recursive: true });
    await writeFile(`${job.target}.tmp`, joined);
    await rename(`${job.target}.tmp`, job.target);
  }
}

/** Runs `jobs` on a worker thread; resolves when every file is written or skipped. */
export function joinLevels(jobs: readonly LevelJoin[]): Promise<void> {
  if (jobs.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // No inherited flags: a parent started with `--input-type` or `-e` would make the worker fail.
    const worker = new Worker(new URL(import.meta.url), { workerData: { jobs }, execArgv: [] });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`level join worker exited with code ${code}`))));
  });
}

if (!isMainThread && parentPort && (workerData as { jobs?: LevelJoin[] } | null)?.jobs) {
  await joinAll((workerData as { jobs: LevelJoin[] }).jobs);
}
