// CSRF protection for the two forms sent before there is a session (sign-in and set-password): a
// random token in a cookie and the same in the form (double submit), and the request must come from
// this site. Without it another site could sign a browser in to an account of its choosing.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Config } from '../../config.ts';
import { fromThisSite, sameText } from './guard.ts';
import { adminCookies, readCookie } from './session-cookie.ts';

/** The form's token: the one already in the browser's cookie, or a new one set now. */
export function formToken(config: Config, req: Request, res: Response): string {
  const cookies = adminCookies(config);
  const present = readCookie(req.headers.cookie, cookies.form);
  if (present && /^[A-Za-z0-9_-]{43}$/.test(present)) return present;
  const token = randomBytes(32).toString('base64url');
  res.cookie(cookies.form, token, cookies.options);
  return token;
}

export function formTokenValid(config: Config, req: Request): boolean {
  const cookie = readCookie(req.headers.cookie, adminCookies(config).form);
  const sent = typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined;
  return cookie !== undefined && sent !== undefined && fromThisSite(req, config.PUBLIC_BASE_URL) && sameText(cookie, sent);
}
