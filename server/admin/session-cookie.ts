// The admin cookies: the session's (HttpOnly, SameSite=Lax, Secure with the `__Host-` prefix when
// the public URL is https) and, before there is a session, the sign-in and set-password forms'
// CSRF cookie (double submit). Which names and flags follow from PUBLIC_BASE_URL alone.
import type { CookieOptions, Response } from 'express';
import type { Config } from '../../config.ts';
import { cookieValue } from '../routes/site-language.ts';

export interface AdminCookies {
  session: string;
  form: string;
  options: CookieOptions;
}

export function adminCookies(config: Pick<Config, 'PUBLIC_BASE_URL'>): AdminCookies {
  const secure = config.PUBLIC_BASE_URL.startsWith('https:');
  // `__Host-` cookies must be Secure with Path=/; without https the cookie stays under /admin.
  return secure
    ? { session: '__Host-leeszaal-admin', form: '__Host-leeszaal-admin-form', options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/' } }
    : { session: 'leeszaal-admin', form: 'leeszaal-admin-form', options: { httpOnly: true, sameSite: 'lax', secure: false, path: '/admin' } };
}

export const readCookie = (header: string | undefined, name: string) => cookieValue(header, name);

export function clearCookie(res: Response, cookies: AdminCookies, name: string): void {
  res.clearCookie(name, cookies.options);
}
