// The persistent queue of publish jobs, in the admin database (node:sqlite): what each job publishes
// (a staged upload batch or an inbox folder), where it is (queued, running, done, failed, interrupted),
// its progress and its report. Kept in the database so a restart loses no job: a job found running at
// start was cut off by the restart and is marked interrupted, then run again (ingest is safe to re-run).
import type { DatabaseSync } from 'node:sqlite';
import type { PublishOutcome } from '../contracts.ts';
import { migrate } from '../db.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
export type JobSource = 'upload' | 'inbox';

export interface Job {
  id: number;
  source: JobSource;
  /** The folder ingest publishes (a staged batch or an inbox folder). */
  folder: string;
  /** What a curator calls it: the dropped folder's or the inbox folder's name. */
  label: string;
  user: string | null;
  state: JobState;
  done: number;
  total: number;
  /** Times the job was started; a job interrupted this often is failed instead of run again. */
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  outcome: PublishOutcome | null;
  error: string | null;
}

/** A job cut off by this many restarts is failed, not run again: something in it takes the server down. */
export const MAX_ATTEMPTS = 3;

/** Creates the jobs table (the publish jobs' steps of the admin database's migrations). */
export function migrateJobs(db: DatabaseSync): void {
  migrate(db, 'jobs', [
    `CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('upload', 'inbox')),
    folder TEXT NOT NULL,
    label TEXT NOT NULL,
    user_name TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    outcome TEXT,
    error TEXT
  );
  CREATE INDEX jobs_state ON jobs (state, id);
  CREATE INDEX jobs_folder ON jobs (folder);`,
  ]);
}

interface Row {
  id: number;
  source: JobSource;
  folder: string;
  label: string;
  user_name: string | null;
  state: JobState;
  done: number;
  total: number;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  outcome: string | null;
  error: string | null;
}

const toJob = (r: Row): Job => ({
  id: r.id,
  source: r.source,
  folder: r.folder,
  label: r.label,
  user: r.user_name,
  state: r.state,
  done: r.done,
  total: r.total,
  attempts: r.attempts,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as PublishOutcome),
  error: r.error,
});

const now = () => new Date().toISOString();

export class JobStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    migrateJobs(db);
  }

  add(job: { source: JobSource; folder: string; label: string; user: string | null }): Job {
    const r = this.db
      .prepare("INSERT INTO jobs (source, folder, label, user_name, state, created_at) VALUES (?, ?, ?, ?, 'queued', ?) RETURNING *")
      .get(job.source, job.folder, job.label, job.user, now()) as unknown as Row;
    return toJob(r);
  }

  get(id: number): Job | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return r && toJob(r);
  }

  hasFolder(folder: string): boolean {
    return this.db.prepare('SELECT 1 FROM jobs WHERE folder = ? LIMIT 1').get(folder) !== undefined;
  }

  /** Newest first. */
  list(limit = 200): Job[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as unknown as Row[]).map(toJob);
  }

  /** Jobs a restart cut off: marked interrupted, to be run again (or failed after MAX_ATTEMPTS). */
  interruptRunning(): number {
    return Number(this.db.prepare("UPDATE jobs SET state = 'interrupted' WHERE state = 'running'").run().changes);
  }

  interrupted(): Job[] {
    return (this.db.prepare("SELECT * FROM jobs WHERE state = 'interrupted' ORDER BY id").all() as unknown as Row[]).map(toJob);
  }

  /** Takes the next job to run (interrupted ones first, then oldest), marking it running; none when idle. */
  claimNext(): Job | undefined {
    const r = this.db
      .prepare(
        `UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL, error = NULL
         WHERE id = (SELECT id FROM jobs WHERE state IN ('interrupted', 'queued') ORDER BY state = 'queued', id LIMIT 1)
         RETURNING *`,
      )
      .get(now()) as Row | undefined;
    return r && toJob(r);
  }

  progress(id: number, done: number, total: number): void {
    this.db.prepare("UPDATE jobs SET done = ?, total = ? WHERE id = ? AND state = 'running'").run(done, total, id);
  }

  finish(id: number, state: 'done' | 'failed' | 'interrupted', result: { outcome?: PublishOutcome; error?: string }): Job {
    const r = this.db
      .prepare('UPDATE jobs SET state = ?, finished_at = ?, outcome = ?, error = ? WHERE id = ? RETURNING *')
      .get(
        state,
        state === 'interrupted' ? null : now(),
        result.outcome ? JSON.stringify(result.outcome) : null,
        result.error ?? null,
        id,
      ) as unknown as Row;
    return toJob(r);
  }
}
