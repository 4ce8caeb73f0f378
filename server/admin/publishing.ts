// The publishing part of the curators' workspace (an AdminPart, listed in parts.ts): upload batches
// and the tus endpoint (/admin/uploads), the persistent publish-job queue with its pages and live
// progress (/admin/jobs), and the watched inbox when INBOX_DIR is set. Jobs run through the
// Publisher start.ts composes (ingest in a child process); without one, nothing is queued and
// publishing answers 503. At start it takes up jobs a restart cut off; at close it leaves running
// ones interrupted, to run again at the next start. Every change goes to the audit log.
import { mkdirSync } from 'node:fs';
import { Router } from 'express';
import { audit } from './audit.ts';
import { watchInbox } from './inbox/watch.ts';
import { JobQueue } from './jobs/queue.ts';
import { jobsRouter } from './jobs/routes.ts';
import { JobStore } from './jobs/store.ts';
import { Html } from './pages/html.ts';
import { renderPage } from './pages/layout.ts';
import type { AdminPart } from './part.ts';
import { adminLang } from './text.ts';
import { BatchStore } from './uploads/batches.ts';
import { uploadsRouter } from './uploads/routes.ts';
import type { AdminShell } from './uploads/shell.ts';
import { staging as stagingOf } from './uploads/staging.ts';

/** Who the audit log names for jobs nobody started from the browser. */
const INBOX_USER = { name: 'inbox' };

export const publishingPart: AdminPart = (ctx) => {
  const { config, db, guard, log, publisher } = ctx;
  const staging = stagingOf(config.DATA_DIR);
  mkdirSync(staging.parts, { recursive: true, mode: 0o700 });
  const batches = new BatchStore(db);
  const queue = new JobQueue({
    store: new JobStore(db),
    publisher: publisher ?? {
      publishFolder: () => Promise.reject(new Error('this server was started without publishing (no ingest): start it with npm start')),
    },
    concurrency: config.PUBLISH_JOBS,
    onQueued: (job) =>
      audit(db, {
        user: job.user ? { name: job.user } : INBOX_USER,
        action: 'job.queued',
        details: { job: job.id, label: job.label, source: job.source },
      }),
    onEnd: (job) =>
      audit(db, {
        user: job.user ? { name: job.user } : INBOX_USER,
        action: job.state === 'done' ? 'job.finished' : 'job.failed',
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
  const shell: AdminShell = {
    lang: adminLang,
    render: (req, res, page) =>
      renderPage({
        lang: adminLang(req, res),
        title: page.title,
        main: new Html(page.main),
        user: guard.user(res),
        csrf: guard.csrfToken(res),
        current: page.current,
        scripts: page.scripts,
      }),
  };

  const router = Router();
  router.use(
    uploadsRouter({
      config,
      guard,
      batches,
      staging,
      queue,
      shell,
      canPublish: publisher !== undefined,
      ...(publisher ? { checkUpload: publisher.checkUpload } : {}),
      onReceived: (user, batchId, file) => audit(db, { user, action: 'upload.finished', details: { batch: batchId, ...file } }),
    }),
  );
  router.use(jobsRouter({ guard, queue, shell, dataDir: config.DATA_DIR }));

  if (publisher) {
    queue.start();
    const inbox = config.INBOX_DIR
      ? watchInbox({
          dir: config.INBOX_DIR,
          settleMs: config.INBOX_SETTLE_SECONDS * 1000,
          staging,
          queue,
          onError: (err, folder) => log.warn({ err, folder }, 'inbox folder not taken up'),
        })
      : undefined;
    ctx.onClose(async () => {
      inbox?.close();
      await queue.close();
    });
  }
  return router;
};
