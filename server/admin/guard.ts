// The guard of every admin route (the AdminGuard of contracts.ts): finds the request's live session
// from its cookie, lets through only users of the right role (anonymous: to the sign-in page, or 401
// for scripts; wrong role: 403), and refuses any state-changing request from another site or without
// the session's CSRF token.
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../../config.ts';
import type { AdminGuard, Role, SignedInUser } from './contracts.ts';
import type { AdminDb } from './db.ts';
import { adminCookies, readCookie } from './session-cookie.ts';
import { type LiveSession, liveSession, type SessionLimits } from './accounts/sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class AdminRefusal extends Error {
  override name = 'AdminRefusal';
  readonly status: 401 | 403;
  readonly reason: 'signed-out' | 'role' | 'csrf';
  constructor(status: 401 | 403, reason: 'signed-out' | 'role' | 'csrf', message: string) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

export interface Guard extends AdminGuard {
  /** Puts the request's live session, if any, where `session` finds it; runs first on every admin request. */
  loadSession: RequestHandler;
  session: (res: Response) => LiveSession | undefined;
}

export const sessionLimits = (config: Pick<Config, 'ADMIN_SESSION_IDLE_MINUTES' | 'ADMIN_SESSION_MAX_HOURS'>): SessionLimits => ({
  idleMs: config.ADMIN_SESSION_IDLE_MINUTES * 60_000,
  maxAgeMs: config.ADMIN_SESSION_MAX_HOURS * 3_600_000,
});

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when the browser says the request comes from this site: Sec-Fetch-Site, where sent, is
 * same-origin (or none: typed by the user), and Origin, where sent, is the public URL's or the Host's.
 */
export function fromThisSite(req: Request, publicBaseUrl: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const allowed = [new URL(publicBaseUrl).origin];
  if (req.headers.host) allowed.push(`${req.protocol}://${req.headers.host}`);
  return allowed.includes(origin);
}

export function createGuard(config: Config, db: AdminDb): Guard {
  const cookies = adminCookies(config);
  const limits = sessionLimits(config);
  const session = (res: Response) => res.locals.adminSession as LiveSession | undefined;

  const loadSession: RequestHandler = (req, res, next) => {
    const id = readCookie(req.headers.cookie, cookies.session);
    res.locals.adminSession = id === undefined ? undefined : liveSession(db, id, limits);
    // A cookie whose session is gone (expired, ended) is noted so the sign-in page can say so.
    res.locals.adminSessionEnded = id !== undefined && res.locals.adminSession === undefined;
    next();
  };

  const requireRole =
    (role: Role): RequestHandler =>
    (_req, res, next) => {
      const s = session(res);
      if (!s) next(new AdminRefusal(401, 'signed-out', 'sign in first'));
      else if (role === 'admin' && s.role !== 'admin') next(new AdminRefusal(403, 'role', 'this needs an admin'));
      else next();
    };

  const verifyCsrf: RequestHandler = (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const s = session(res);
    const sent = req.get('x-csrf-token') ?? (typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined);
    if (!s || !fromThisSite(req, config.PUBLIC_BASE_URL) || sent === undefined || !sameText(sent, s.csrf)) {
      next(new AdminRefusal(403, 'csrf', 'refused: not from this site or without a valid CSRF token'));
      return;
    }
    next();
  };

  const user = (res: Response): SignedInUser => {
    const s = session(res);
    if (!s) throw new Error('guard.user called on a route without requireRole');
    return { id: s.userId, name: s.name, role: s.role };
  };
  const csrfToken = (res: Response): string => {
    const s = session(res);
    if (!s) throw new Error('guard.csrfToken called on a route without requireRole');
    return s.csrf;
  };

  return { loadSession, session, requireRole, verifyCsrf, user, csrfToken };
}
