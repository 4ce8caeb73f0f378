// The publishing part of the curators' workspace, composed: upload batches and the tus endpoint
// (/admin/uploads), the persistent publish-job queue and its pages with live progress (/admin/jobs),
// and the watched inbox when INBOX_DIR is set. Mounted under /admin by the workspace, which passes in
// the admin database, the guard, the page shell, the audit log and the Publisher (ingest, composed in
// start.ts). `start` takes up jobs a restart cut off; `close` leaves running ones to run again.
import { mkdir } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { Router } from 'express';
import type { Config } from '../../config.ts';
import type { Logger } from '../logger.ts';
import type { AdminGuard, Publisher } from './contracts.ts';
import { type Inbox, watchInbox } from './inbox/watch.ts';
import { JobQueue } from './jobs/queue.ts';
import { jobsRouter } from './jobs/routes.ts';
import { JobStore } from './jobs/store.ts';
import { BatchStore } from './uploads/batches.ts';
import { uploadsRouter } from './uploads/routes.ts';
import type { AdminShell } from './uploads/shell.ts';
import { staging as stagingOf } from './uploads/staging.ts';

/** One line of the audit log, as this part reports its changes. */
export interface PublishingAudit {
  user: string | null;
  action: 'upload finished' | 'job queued' | 'job finished' | 'job failed';
  item?: string;
  details?: Record<string, unknown>;
}

export interface PublishingPartOptions {
  config: Config;
  db: DatabaseSync;
  guard: AdminGuard;
  shell: AdminShell;
  publisher: Pick<Publisher, 'publishFolder'>;
  audit: (entry: PublishingAudit) => void;
  log: Logger;
}

export interface PublishingPart {
  /** The routes, for mounting at /admin. */
  router: Router;
  queue: JobQueue;
  inbox: Inbox | undefined;
  /** Creates the staging folder, takes up interrupted and waiting jobs, starts watching the inbox. */
  start: () => Promise<void>;
  /** Stops the inbox and the running jobs (left interrupted, to run again at the next start). */
  close: () => Promise<void>;
}

export function createPublishingPart(o: PublishingPartOptions): PublishingPart {
  const { config, db, guard, shell, audit, log } = o;
  const staging = stagingOf(config.DATA_DIR);
  const batches = new BatchStore(db);
  const queue = new JobQueue({
    store: new JobStore(db),
    publisher: o.publisher,
    concurrency: config.PUBLISH_JOBS,
    onEnd: (job) =>
      audit({
        user: job.user,
        action: job.state === 'done' ? 'job finished' : 'job failed',
        details: {
          job: job.id,
          label: job.label,
          published: job.outcome?.published ?? [],
          failed: job.outcome?.failed ?? [],
          ...(job.error ? { error: job.error } : {}),
        },
      }),
    onError: (err) => log.error({ err }, 'publish job bookkeeping failed'),
  });
  const router = Router();
  router.use(
    uploadsRouter({
      config,
      guard,
      batches,
      staging,
      queue,
      shell,
      onReceived: (user, batchId, file) => audit({ user: user.name, action: 'upload finished', details: { batch: batchId, ...file } }),
      onQueued: (user, batchId, jobId) => audit({ user, action: 'job queued', details: { batch: batchId, job: jobId } }),
    }),
  );
  router.use(jobsRouter({ guard, queue, shell }));

  let inbox: Inbox | undefined;
  return {
    router,
    queue,
    get inbox() {
      return inbox;
    },
    async start() {
      await mkdir(staging.parts, { recursive: true });
      queue.start();
      if (config.INBOX_DIR) {
        inbox = watchInbox({
          dir: config.INBOX_DIR,
          settleMs: config.INBOX_SETTLE_SECONDS * 1000,
          staging,
          queue,
          onError: (err, folder) => log.warn({ err, folder }, 'inbox folder not taken up'),
        });
      }
    },
    async close() {
      inbox?.close();
      await queue.close();
    },
  };
}
