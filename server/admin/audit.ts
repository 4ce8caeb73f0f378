// The audit log of the curators' workspace: every change anyone makes (accounts, uploads, jobs,
// edits, publishing), with who, what, which item and when. Every part calls `audit` for each change;
// admins read it, newest first, a page at a time (server/admin/pages/audit-log.ts).
import type { AdminDb } from './db.ts';
import { migrate } from './db.ts';

export interface AuditEntry {
  /** Who: a signed-in user, or a name such as `command line` for changes made on the server. */
  user: { id?: number; name: string };
  /** What, as a short dotted verb: `user.add`, `session.end`, `upload.finished`, `item.publish`, … */
  action: string;
  /** Which item (its id), when the change is to one. */
  item?: string;
  /** Anything else worth keeping, as JSON. */
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  userName: string;
  action: string;
  item: string | null;
  details: Record<string, unknown> | null;
}

export function migrateAudit(db: AdminDb): void {
  migrate(db, 'audit', [
    `CREATE TABLE audit (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       at TEXT NOT NULL,
       user_id INTEGER,
       user_name TEXT NOT NULL,
       action TEXT NOT NULL,
       item TEXT,
       details TEXT
     );
     CREATE INDEX audit_item ON audit (item);`,
  ]);
}

export function audit(db: AdminDb, entry: AuditEntry, at: Date = new Date()): void {
  db.prepare('INSERT INTO audit (at, user_id, user_name, action, item, details) VALUES (?, ?, ?, ?, ?, ?)').run(
    at.toISOString(),
    entry.user.id ?? null,
    entry.user.name,
    entry.action,
    entry.item ?? null,
    entry.details === undefined ? null : JSON.stringify(entry.details),
  );
}

/** One page of the log, newest first, and the number of entries in all. */
export function auditPage(db: AdminDb, page: number, perPage: number): { rows: AuditRow[]; total: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  const rows = db
    .prepare('SELECT id, at, user_id, user_name, action, item, details FROM audit ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(perPage, Math.max(0, page - 1) * perPage) as {
    id: number;
    at: string;
    user_id: number | null;
    user_name: string;
    action: string;
    item: string | null;
    details: string | null;
  }[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      item: r.item,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    })),
  };
}
