// TEST-ONLY stand-ins for the admin workspace's guard and page shell, for the publishing part's tests
// until the accounts part's real sign-in is merged: the "session" is the `x-test-user` header
// (`name:role`, or `?as=name:role` on a page URL for the browser) and the CSRF token is derived from
// the name. Never used outside test/.
import type { Request, Response } from 'express';
import type { AdminGuard, Role, SignedInUser } from '../../server/admin/contracts.ts';
import { esc } from '../../server/admin/uploads/html.ts';
import type { AdminShell } from '../../server/admin/uploads/shell.ts';
import type { Lang } from '../../server/admin/uploads/text.ts';

export const testCsrfToken = (name: string) => `test-csrf-${name}`;

const RANK: Record<Role, number> = { curator: 1, admin: 2 };

function userFrom(req: Request): SignedInUser | undefined {
  const cookie = /(?:^|;\s*)test-user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const raw = req.get('x-test-user') ?? (cookie ? decodeURIComponent(cookie) : undefined);
  const m = raw ? /^([a-z0-9-]+):(admin|curator)$/.exec(raw) : null;
  return m ? { id: 1, name: m[1]!, role: m[2] as Role } : undefined;
}

export const testOnlyGuard: AdminGuard = {
  requireRole: (role) => (req, res, next) => {
    const user = userFrom(req);
    if (!user) {
      res.status(401).type('text/plain').send('sign in first\n');
      return;
    }
    if (RANK[user.role] < RANK[role]) {
      res.status(403).type('text/plain').send('not allowed\n');
      return;
    }
    res.locals.testUser = user;
    next();
  },
  verifyCsrf: (req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const user = res.locals.testUser as SignedInUser | undefined;
    if (!user || req.get('x-csrf-token') !== testCsrfToken(user.name)) {
      res.status(403).type('text/plain').send('CSRF token missing or wrong\n');
      return;
    }
    next();
  },
  user: (res: Response) => res.locals.testUser as SignedInUser,
  csrfToken: (res: Response) => testCsrfToken((res.locals.testUser as SignedInUser).name),
};

export const testOnlyShell: AdminShell = {
  lang: (req) => (['nl', 'fr', 'en'].includes(String(req.query.lang)) ? (req.query.lang as Lang) : 'en'),
  render: (req, _res, page) => `<!doctype html>
<html lang="${esc(testOnlyShell.lang(req, _res))}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(page.title)} – Leeszaal</title>
${page.scripts.map((s) => `<script type="module" src="${esc(s)}"></script>`).join('\n')}</head>
<body><a class="skip" href="#main">Skip to content</a><header><nav aria-label="Admin"><a href="/admin/uploads">Uploads</a> <a href="/admin/jobs">Jobs</a></nav></header>
<main id="main">
${page.main}
</main></body></html>`,
};
