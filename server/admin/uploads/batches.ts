// Upload batches and their files, in the admin database: a batch is what one curator dropped at once
// (a folder or some files), becomes one publish job, and is bounded in files and bytes. Each file's
// row says where it landed, whether it is still being received, and what ingest would not read in it.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { migrate } from '../db.ts';

export type BatchState = 'open' | 'queued';

export interface Batch {
  id: string;
  user: string;
  state: BatchState;
  createdAt: string;
  jobId: number | null;
}

export interface BatchFile {
  uploadId: string;
  path: string;
  size: number;
  state: 'receiving' | 'received';
  /** Why ingest would not read it (wrong type, unreadable image, malformed XML); null when fine. */
  problem: string | null;
}

export interface BatchLimits {
  maxFiles: number;
  maxBytes: number;
}

export class BatchLimitError extends Error {
  override name = 'BatchLimitError';
}

export function migrateBatches(db: DatabaseSync): void {
  migrate(db, 'uploads', [
    `CREATE TABLE upload_batches (
    id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'queued')),
    created_at TEXT NOT NULL,
    job_id INTEGER
  );
  CREATE TABLE upload_files (
    upload_id TEXT PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES upload_batches (id),
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('receiving', 'received')),
    problem TEXT
  );
  CREATE INDEX upload_files_batch ON upload_files (batch_id);`,
  ]);
}

interface BatchRow {
  id: string;
  user_name: string;
  state: BatchState;
  created_at: string;
  job_id: number | null;
}

const toBatch = (r: BatchRow): Batch => ({ id: r.id, user: r.user_name, state: r.state, createdAt: r.created_at, jobId: r.job_id });

export class BatchStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    migrateBatches(db);
  }

  create(user: string): Batch {
    const r = this.#db
      .prepare("INSERT INTO upload_batches (id, user_name, state, created_at) VALUES (?, ?, 'open', ?) RETURNING *")
      .get(randomBytes(8).toString('hex'), user, new Date().toISOString()) as unknown as BatchRow;
    return toBatch(r);
  }

  get(id: string): Batch | undefined {
    const r = this.#db.prepare('SELECT * FROM upload_batches WHERE id = ?').get(id) as BatchRow | undefined;
    return r && toBatch(r);
  }

  /** Newest first. */
  list(limit = 50): Batch[] {
    return (this.#db.prepare('SELECT * FROM upload_batches ORDER BY created_at DESC LIMIT ?').all(limit) as unknown as BatchRow[]).map(toBatch);
  }

  files(batchId: string): BatchFile[] {
    return this.#db
      .prepare('SELECT upload_id AS uploadId, path, size, state, problem FROM upload_files WHERE batch_id = ? ORDER BY path')
      .all(batchId) as unknown as BatchFile[];
  }

  /** The batch an upload belongs to. */
  batchOf(uploadId: string): Batch | undefined {
    const r = this.#db.prepare('SELECT b.* FROM upload_batches b JOIN upload_files f ON f.batch_id = b.id WHERE f.upload_id = ?').get(uploadId) as
      | BatchRow
      | undefined;
    return r && toBatch(r);
  }

  /**
   * Records a new upload into an open batch, or throws BatchLimitError when it would take the batch
   * over its file count or size. Checked and recorded in one synchronous step, so two uploads
   * started at once cannot both slip under a limit.
   */
  addFile(batchId: string, file: { uploadId: string; path: string; size: number }, limits: BatchLimits): void {
    const { n, bytes } = this.#db
      .prepare('SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM upload_files WHERE batch_id = ? AND path != ?')
      .get(batchId, file.path) as { n: number; bytes: number };
    if (n + 1 > limits.maxFiles) throw new BatchLimitError(`a batch holds at most ${limits.maxFiles} files (UPLOAD_MAX_FILES)`);
    if (bytes + file.size > limits.maxBytes) {
      throw new BatchLimitError(`a batch holds at most ${Math.round(limits.maxBytes / 2 ** 20)} MB (UPLOAD_MAX_BATCH_MB)`);
    }
    // The same path sent again (a curator dropping a corrected file) replaces the earlier one.
    this.#db.prepare('DELETE FROM upload_files WHERE batch_id = ? AND path = ?').run(batchId, file.path);
    this.#db
      .prepare("INSERT INTO upload_files (upload_id, batch_id, path, size, state) VALUES (?, ?, ?, ?, 'receiving')")
      .run(file.uploadId, batchId, file.path, file.size);
  }

  received(uploadId: string, problem: string | null): void {
    this.#db.prepare("UPDATE upload_files SET state = 'received', problem = ? WHERE upload_id = ?").run(problem, uploadId);
  }

  file(uploadId: string): (BatchFile & { batchId: string }) | undefined {
    return this.#db
      .prepare('SELECT upload_id AS uploadId, batch_id AS batchId, path, size, state, problem FROM upload_files WHERE upload_id = ?')
      .get(uploadId) as unknown as (BatchFile & { batchId: string }) | undefined;
  }

  queued(batchId: string, jobId: number): void {
    this.#db.prepare("UPDATE upload_batches SET state = 'queued', job_id = ? WHERE id = ?").run(jobId, batchId);
  }
}
