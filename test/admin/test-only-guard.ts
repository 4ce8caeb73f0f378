// TEST ONLY: a stand-in for the workspace's real guard (accounts, sessions, CSRF; the `auth` part),
// so the item editor's tests run against the AdminGuard contract until that guard is merged.
// `GET /admin/test-sign-in?user=<name>` signs a configured user in with a session cookie; every
// session has its own CSRF token. Never used outside test/.
import { randomBytes } from 'node:crypto';
import { type Request, type RequestHandler, Router } from 'express';
import type { AdminGuard, Role, SignedInUser } from '../../server/admin/contracts.ts';

interface Session {
  user: SignedInUser;
  csrf: string;
}

export function testOnlyGuard(users: readonly SignedInUser[]): { guard: AdminGuard; signInRouter: Router } {
  const sessions = new Map<string, Session>();
  const sessionOf = (req: Request): Session | undefined => {
    const token = /(?:^|;\s*)test-session=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
    return token ? sessions.get(token) : undefined;
  };
  const requireRole =
    (role: Role): RequestHandler =>
    (req, res, next) => {
      const s = sessionOf(req);
      if (!s) return void res.status(401).type('text/plain').send('sign in first');
      if (role === 'admin' && s.user.role !== 'admin') return void res.status(403).type('text/plain').send('not allowed');
      res.locals.testSession = s;
      next();
    };
  const verifyCsrf: RequestHandler = (req, res, next) => {
    const s = sessionOf(req);
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
    if (!s || sent !== s.csrf) return void res.status(403).type('text/plain').send('CSRF token missing or wrong');
    next();
  };
  const signInRouter = Router();
  signInRouter.get('/test-sign-in', (req, res) => {
    const user = users.find((u) => u.name === req.query.user);
    if (!user) return void res.status(403).send('no such user');
    const token = randomBytes(16).toString('hex');
    sessions.set(token, { user, csrf: randomBytes(16).toString('hex') });
    res.setHeader('Set-Cookie', `test-session=${token}; Path=/; HttpOnly; SameSite=Lax`);
    res.status(204).end();
  });
  const guard: AdminGuard = {
    requireRole,
    verifyCsrf,
    user: (res) => (res.locals.testSession as Session).user,
    csrfToken: (res) => (res.locals.testSession as Session).csrf,
  };
  return { guard, signInRouter };
}
