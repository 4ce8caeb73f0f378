// What each part of the curators' workspace (accounts, uploads and jobs, the editor) gets to build
// its routes: configuration, logger, the admin database, the guard and, when the server was composed
// with one (start.ts), the publisher. A part is a function from this to an Express router mounted
// under /admin (server/admin/parts.ts lists them).
import type { Router } from 'express';
import type { Config } from '../../config.ts';
import type { Logger } from '../logger.ts';
import type { Publisher } from './contracts.ts';
import type { AdminDb } from './db.ts';
import type { Guard } from './guard.ts';

export interface AdminContext {
  config: Config;
  log: Logger;
  db: AdminDb;
  guard: Guard;
  /** Absent when the server runs without ingest (tests of the public site): publishing answers 503. */
  publisher: Publisher | undefined;
  /** Work a part must stop when the server closes (queues, watchers); run in reverse order. */
  onClose: (stop: () => Promise<void> | void) => void;
}

/** Builds one part's routes; paths are relative to /admin, and every route is behind a live session. */
export type AdminPart = (ctx: AdminContext) => Router;
