// The upload routes under /admin: the page, the recent batches alone (what the page's script shows
// after an upload), a batch's creation, state and publishing (which queues a publish job and answers
// with its page, or sends a form's browser there), and the tus endpoint. Curators and admins only; every
// state-changing request carries the session's CSRF token (tus requests as `x-csrf-token`).
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../../config.ts';
import type { AdminGuard } from '../contracts.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { BatchStore } from './batches.ts';
import { folderLabel, recentBatches, uploadsPage } from './page.ts';
import type { AdminShell } from './shell.ts';
import type { Staging } from './staging.ts';
import { TEXT } from './text.ts';
import { type TusOptions, tusHandler } from './tus.ts';

export interface UploadsRouterOptions {
  config: Config;
  guard: AdminGuard;
  batches: BatchStore;
  staging: Staging;
  queue: JobQueue;
  shell: AdminShell;
  /** False when the server has no Publisher: batches can be uploaded but not published (503). */
  canPublish: boolean;
  onReceived?: TusOptions['onReceived'];
  checkUpload?: TusOptions['checkUpload'];
}

export function uploadsRouter(o: UploadsRouterOptions): Router {
  const { config, guard, batches, staging, queue, shell } = o;
  const router = Router();
  const curator = guard.requireRole('curator');
  const MB = 2 ** 20;
  const limits = { maxFiles: config.UPLOAD_MAX_FILES, maxBytes: config.UPLOAD_MAX_BATCH_MB * MB, maxFileBytes: config.UPLOAD_MAX_FILE_MB * MB };

  /** The batch named in the URL, when the signed-in user may use it. */
  const batchOf = (req: Request, res: Parameters<AdminGuard['user']>[0]) => {
    const batch = batches.get(String(req.params.id));
    const user = guard.user(res);
    return batch && (user.role === 'admin' || batch.user === user.name) ? batch : undefined;
  };

  /** The signed-in user's recent batches (an admin's: everyone's) that hold a file. */
  const recent = (res: Response) => {
    const user = guard.user(res);
    const mine = batches
      .list()
      .filter((b) => user.role === 'admin' || b.user === user.name)
      .map((batch) => ({ batch, files: batches.files(batch.id) }))
      .filter((b) => b.files.length > 0);
    return { csrfToken: guard.csrfToken(res), canPublish: o.canPublish, batches: mine };
  };

  router.get('/uploads', curator, (req, res) => {
    const page = uploadsPage(
      {
        ...recent(res),
        limits: { maxFileMb: config.UPLOAD_MAX_FILE_MB, maxFiles: config.UPLOAD_MAX_FILES, maxBatchMb: config.UPLOAD_MAX_BATCH_MB },
      },
      TEXT[shell.lang(req, res)],
    );
    res
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(shell.render(req, res, page));
  });

  // The list alone, as HTML in the page's language, for the page's script to put in place.
  router.get('/uploads/batches', curator, (req, res) => {
    res
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(recentBatches(recent(res), TEXT[shell.lang(req, res)]));
  });

  router.post('/uploads/batches', curator, guard.verifyCsrf, (_req, res) => {
    const batch = batches.create(guard.user(res).name);
    res.status(201).json({ id: batch.id, url: `/admin/uploads/batches/${batch.id}` });
  });

  const noSuchBatch = (res: Response) => res.status(404).json({ error: 'no such batch' });

  router.get('/uploads/batches/:id', curator, (req, res) => {
    const batch = batchOf(req, res);
    if (!batch) return noSuchBatch(res);
    res.setHeader('Cache-Control', 'no-store').json({ ...batch, files: batches.files(batch.id) });
  });

  router.post('/uploads/batches/:id/publish', curator, guard.verifyCsrf, (req, res) => {
    const batch = batchOf(req, res);
    if (!batch) return noSuchBatch(res);
    // A recent batch's publish button is a plain form: its browser goes on to the job's page.
    const fromForm = typeof req.is('application/x-www-form-urlencoded') === 'string';
    const toJob = (jobId: number, status: number, body: object) =>
      fromForm ? res.redirect(303, `/admin/jobs/${jobId}`) : res.status(status).json({ ...body, url: `/admin/jobs/${jobId}` });
    if (!o.canPublish) {
      res.status(503).json({ error: 'this server was started without publishing (no ingest): start it with npm start' });
      return;
    }
    if (batch.state !== 'open' && batch.jobId !== null) {
      toJob(batch.jobId, 409, { error: 'this batch is already queued', job: batch.jobId });
      return;
    }
    const files = batches.files(batch.id);
    const receiving = files.filter((f) => f.state === 'receiving');
    if (files.length === 0 || receiving.length > 0) {
      res.status(409).json({
        error: files.length === 0 ? 'nothing uploaded in this batch yet' : `still uploading: ${receiving.map((f) => f.path).join(', ')}`,
      });
      return;
    }
    const user = guard.user(res).name;
    const job = queue.add({ source: 'upload', folder: staging.batch(batch.id), label: folderLabel(files) ?? batch.id, user });
    batches.queued(batch.id, job.id);
    toJob(job.id, 202, { job: job.id });
  });

  const tus = tusHandler({
    staging,
    batches,
    limits,
    userOf: (req) => guard.user((req as Request).res!),
    ...(o.onReceived ? { onReceived: o.onReceived } : {}),
    ...(o.checkUpload ? { checkUpload: o.checkUpload } : {}),
  });
  router.all(['/uploads/files', '/uploads/files/*rest'], curator, guard.verifyCsrf, tus);
  return router;
}
