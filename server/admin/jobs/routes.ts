// The publish-job routes under /admin: the list, one job's page, and its live progress as
// Server-Sent Events (`progress` while it runs, `end` once it ended, a comment every 15 s so idle
// timeouts and proxies keep the stream open). Curators and admins only. A job's report names the
// items it published by their titles, read from their published records.
import { Router, type Request, type Response } from 'express';
import type { AdminGuard } from '../contracts.ts';
import type { AdminShell } from '../uploads/shell.ts';
import { TEXT } from '../uploads/text.ts';
import { itemTitles } from './item-titles.ts';
import { jobPage, jobsPage, progressOf } from './pages.ts';
import type { JobQueue } from './queue.ts';
import type { Job } from './store.ts';

const HEARTBEAT_MS = 15_000;

export interface JobsRouterOptions {
  guard: AdminGuard;
  queue: JobQueue;
  shell: AdminShell;
  /** The data folder the jobs publish into, where the report's titles are read. */
  dataDir: string;
}

const ended = (job: Job) => job.state === 'done' || job.state === 'failed';

export function jobsRouter({ guard, queue, shell, dataDir }: JobsRouterOptions): Router {
  const router = Router();
  const curator = guard.requireRole('curator');
  const jobOf = (req: Request) => (/^[1-9]\d{0,15}$/.test(String(req.params.id)) ? queue.get(Number(req.params.id)) : undefined);
  const sendPage = (req: Request, res: Response, page: ReturnType<typeof jobsPage>) =>
    res
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(shell.render(req, res, page));

  // Each page, or its jobs themselves for a script that asks for JSON.
  const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

  router.get('/jobs', curator, (req, res) => {
    if (wantsJson(req)) res.setHeader('Cache-Control', 'no-store').json(queue.list());
    else sendPage(req, res, jobsPage(queue.list(), TEXT[shell.lang(req, res)]));
  });

  router.get('/jobs/:id', curator, async (req, res, next) => {
    const job = jobOf(req);
    if (!job) return next();
    if (wantsJson(req)) {
      res.setHeader('Cache-Control', 'no-store').json(job);
      return;
    }
    const lang = shell.lang(req, res);
    const titles = await itemTitles(dataDir, job.outcome ? [...job.outcome.published, ...job.outcome.unchanged] : []);
    sendPage(req, res, jobPage(job, TEXT[lang], { lang, titles }));
  });

  router.get('/jobs/:id/events', curator, (req, res, next) => {
    const first = jobOf(req);
    if (!first) return next();
    const t = TEXT[shell.lang(req, res)];
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies (nginx) must pass each event on at once.
      'X-Accel-Buffering': 'no',
    });
    const send = (event: string, data: unknown) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      // The compression middleware holds writes back until flushed.
      (res as Response & { flush?: () => void }).flush?.();
    };
    const onJob = (job: Job) => {
      if (job.id !== first.id) return;
      if (ended(job)) {
        send('end', progressOf(job, t));
        finish();
      } else send('progress', progressOf(job, t));
    };
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    const finish = () => {
      clearInterval(heartbeat);
      queue.off('job', onJob);
      res.end();
    };
    queue.on('job', onJob);
    req.on('close', finish);
    onJob(first);
  });

  return router;
}
