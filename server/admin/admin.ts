// The curators' workspace, mounted at /admin (server/leeszaal.ts): its own headers (strict CSP, no
// caching), form and JSON bodies, the admin database, sign-in, and behind a live session and CSRF
// checks the dashboard, accounts, audit log and the other parts (server/admin/parts.ts). Anonymous
// visitors are sent to sign in (pages) or answered 401 (scripts); a wrong role gets 403.
import path from 'node:path';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, Router } from 'express';
import type { Config } from '../../config.ts';
import { errorHandler } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_DIST } from '../routes/site.ts';
import { migrateSessions } from './accounts/sessions.ts';
import { migrateSetPasswordLinks } from './accounts/set-password-links.ts';
import { migrateSignInLimits } from './accounts/sign-in-limits.ts';
import { migrateUsers } from './accounts/users.ts';
import { adminHeaders } from './admin-headers.ts';
import { migrateAudit } from './audit.ts';
import type { Publisher } from './contracts.ts';
import { type AdminDb, openAdminDb } from './db.ts';
import type { LiveSession } from './accounts/sessions.ts';
import { AdminRefusal, createGuard, type Guard } from './guard.ts';
import { html } from './pages/html.ts';
import { renderPage } from './pages/layout.ts';
import { messagePage } from './pages/sign-in.ts';
import type { AdminContext } from './part.ts';
import { ADMIN_PARTS } from './parts.ts';
import { accountsRouter } from './routes/accounts.ts';
import { oidcRouter } from './routes/oidc.ts';
import { signInRouter } from './routes/sign-in.ts';
import { ADMIN_TEXT, adminLang } from './text.ts';

export interface Admin {
  router: Router;
  db: AdminDb;
  guard: Guard;
  close: () => Promise<void>;
}

/** Creates every table of the accounts part; the other parts migrate their own. */
export function migrateAccounts(db: AdminDb): void {
  migrateUsers(db);
  migrateSessions(db);
  migrateSetPasswordLinks(db);
  migrateSignInLimits(db);
  migrateAudit(db);
}

const wantsPage = (req: Request) => req.accepts(['json', 'html']) === 'html';

export function createAdmin(config: Config, log: Logger, options: { publisher?: Publisher; distDir?: string } = {}): Admin {
  const db = openAdminDb(config.DATA_DIR);
  migrateAccounts(db);
  const guard = createGuard(config, db);
  const closing: (() => Promise<void> | void)[] = [];
  const ctx: AdminContext = { config, log, db, guard, publisher: options.publisher, onClose: (stop) => closing.push(stop) };

  const router = Router();
  router.use(adminHeaders);
  router.use(guard.loadSession);
  // Forms stay small until someone is signed in; a signed-in curator's may be larger (the item
  // editor sends two fields per page of a book besides the description).
  const anonymousForms = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
  const signedInForms = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 20_000 });
  router.use((req, res, next) => (guard.session(res) ? signedInForms : anonymousForms)(req, res, next));

  router.get('/assets/admin.css', (_req, res) => res.sendFile(path.join(import.meta.dirname, 'pages', 'admin.css')));
  router.use('/assets', express.static(path.join(options.distDir ?? DEFAULT_DIST, 'admin', 'assets'), { index: false, redirect: false }));
  router.use(signInRouter(ctx));
  router.use(oidcRouter(ctx));

  // Everything else is behind a session, and every change behind the CSRF checks, whatever part it is.
  router.use(guard.requireRole('curator'));
  // JSON only from someone signed in (the forms before sign-in are urlencoded).
  router.use(express.json({ limit: '1mb' }));
  router.use(guard.verifyCsrf);
  router.use(accountsRouter(ctx));
  for (const part of ADMIN_PARTS) router.use(part(ctx));

  router.use(notFound);
  router.use(refusals);
  router.use(errorHandler(log));

  const close = async () => {
    for (const stop of closing.reverse()) await stop();
    db.close();
  };
  return { router, db, guard, close };
}

const notFound: RequestHandler = (req, res) => {
  if (!wantsPage(req)) {
    res.status(404).json({ error: 'Not Found', status: 404, message: `nothing at ${req.path.slice(0, 200)}` });
    return;
  }
  const t = ADMIN_TEXT[adminLang(req, res)];
  res
    .status(404)
    .type('html')
    .send(problemPage(req, res, t.notFoundTitle, t.notFound));
};

/** A page saying what went wrong, in the frame of the signed-in user's pages when there is one. */
function problemPage(req: Request, res: Response, title: string, text: string): string {
  const lang = adminLang(req, res);
  const s = res.locals.adminSession as LiveSession | undefined;
  if (!s) return messagePage(lang, title, text);
  const main = html`<h1>${title}</h1>\n<p class="message error" role="alert">${text}</p>`;
  return renderPage({ lang, title, user: { id: s.userId, name: s.name, role: s.role }, csrf: s.csrf, main });
}

/** Anonymous: to the sign-in page (a page) or 401 (a script); wrong role or CSRF: 403. */
const refusals: ErrorRequestHandler = (err: unknown, req, res: Response, next) => {
  if (!(err instanceof AdminRefusal)) {
    next(err);
    return;
  }
  if (!wantsPage(req)) {
    res.status(err.status).json({ error: err.status === 401 ? 'Unauthorized' : 'Forbidden', status: err.status, message: err.message });
    return;
  }
  if (err.status === 401) {
    res.redirect(303, req.method === 'GET' ? `/admin/sign-in?next=${encodeURIComponent(req.originalUrl.slice(0, 1000))}` : '/admin/sign-in');
    return;
  }
  const t = ADMIN_TEXT[adminLang(req, res)];
  res
    .status(403)
    .type('html')
    .send(problemPage(req, res, t.forbiddenTitle, err.reason === 'csrf' ? t.refused : t.forbidden));
};
