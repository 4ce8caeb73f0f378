// `Publisher.publishFolder` for the curators' workspace: publishes a staged folder by running the
// curator's own command (`node ingest/cli.mjs <folder> --progress-json`) as a child process, so the
// image work runs at a lower CPU priority than the site (os.setPriority) with its own bounded page
// concurrency, cannot take the server's memory with it, and stops when the job is aborted. Its JSON
// lines become progress; its summary becomes the job's report, the same text the CLI prints.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type ProgressLine, ProgressLineError, parseProgressLine } from '../json-progress.ts';
import { formatSummary, type IngestSummary, type ItemFailure } from '../summary.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli.mjs');

/** Niceness of the ingest child: below the server's, so readers' requests come first. */
export const INGEST_NICENESS = 10;
/** How long a job waits for another ingest on the same data folder (a curator's shell run) to end. */
const LOCK_WAIT_SECONDS = 3600;
/** Enough of the child's stderr to say why it stopped. */
const STDERR_KEPT = 4000;

// The shapes of server/admin/contracts.ts's Publisher.publishFolder, spelled out here because ingest
// never imports the server; start.ts, which composes both, checks that they match.
export interface PublishProgress {
  done: number;
  total: number;
}
export interface PublishOutcome {
  published: string[];
  unchanged: string[];
  failed: ItemFailure[];
  report: string;
}
export type PublishFolder = (folder: string, onProgress: (p: PublishProgress) => void, signal: AbortSignal) => Promise<PublishOutcome>;

export interface FolderPublisherOptions {
  dataDir: string;
  /** Pages processed at once in the child (INGEST_JOBS). */
  jobs: number;
  /** The environment the child reads its configuration from (PUBLIC_BASE_URL, TILE_SIZE, …). */
  env: NodeJS.ProcessEnv;
}

export function folderPublisher(options: FolderPublisherOptions): { publishFolder: PublishFolder } {
  return {
    publishFolder: (folder, onProgress, signal) => runIngest(options, folder, onProgress, signal),
  };
}

function runIngest(
  { dataDir, jobs, env }: FolderPublisherOptions,
  folder: string,
  onProgress: (p: PublishProgress) => void,
  signal: AbortSignal,
): Promise<PublishOutcome> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(
      process.execPath,
      [CLI, folder, '--data', dataDir, '--jobs', String(jobs), '--wait', String(LOCK_WAIT_SECONDS), '--progress-json'],
      { env: { ...env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, INGEST_NICENESS);
    } catch {
      // Not permitted on this system: the child still runs with bounded concurrency.
    }
    const stop = () => child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });

    let total = 0;
    let summary: IngestSummary | undefined;
    let stderr = '';
    /** The last line that was not progress, said if the child ends without a summary. */
    let badLine: string | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-STDERR_KEPT);
    });
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: ProgressLine;
      try {
        line = parseProgressLine(text);
      } catch (err) {
        if (!(err instanceof ProgressLineError)) throw err;
        badLine = err.message;
        return;
      }
      if (line.event === 'start') {
        total = line.total;
        onProgress({ done: 0, total });
      } else if (line.event === 'page') onProgress({ done: line.done, total });
      else if (line.event === 'summary') summary = line.summary;
    });
    child.on('error', (err) => {
      signal.removeEventListener('abort', stop);
      reject(err);
    });
    child.on('close', (code, killedBy) => {
      signal.removeEventListener('abort', stop);
      if (signal.aborted) reject(signal.reason);
      else if (summary) {
        resolve({
          published: summary.published,
          unchanged: summary.unchanged,
          failed: summary.failed,
          report: formatSummary(summary),
        });
      } else {
        const why = [stderr.trim().split('\n').slice(-5).join('\n'), badLine].filter(Boolean).join('\n') || 'no message';
        reject(new Error(`ingest stopped (${killedBy ?? `exit code ${code}`}) before it finished: ${why}`));
      }
    });
  });
}
