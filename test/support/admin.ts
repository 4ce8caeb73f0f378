// For the tests of the curators' workspace: the composed server (createLeeszaal, as `npm start`
// builds it) on an empty data folder at a real port, accounts made through the accounts API, and
// signing in over HTTP exactly as the sign-in form does, giving the session cookie and CSRF token.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../../config.ts';
import { addAccount, setAccountPassword } from '../../server/admin/accounts/manage.ts';
import { hashPassword } from '../../server/admin/accounts/passwords.ts';
import type { Account } from '../../server/admin/accounts/users.ts';
import type { Role } from '../../server/admin/contracts.ts';
import { createLeeszaal, type Leeszaal, type LeeszaalOptions } from '../../server/leeszaal.ts';
import { createLogger } from '../../server/logger.ts';

export interface AdminServer {
  baseUrl: string;
  dataDir: string;
  config: Config;
  leeszaal: Leeszaal;
  close: () => Promise<void>;
}

/** The whole server on a new, empty data folder (or `dataDir`), with `env` added to its configuration. */
export async function startAdminServer(env: Record<string, string> = {}, options: LeeszaalOptions & { dataDir?: string } = {}): Promise<AdminServer> {
  const root = options.dataDir ? undefined : await mkdtemp(path.join(os.tmpdir(), 'leeszaal-admin-'));
  const dataDir = options.dataDir ?? path.join(root as string, 'data');
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent', ...env });
  const leeszaal = createLeeszaal(config, createLogger(config), options);
  handler = leeszaal.app;
  return {
    baseUrl,
    dataDir,
    config,
    leeszaal,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await leeszaal.close();
      if (root) await rm(root, { recursive: true, force: true });
    },
  };
}

/** An account with a password set, made as an admin would (audited as made by `test`). */
export async function makeAccount(site: AdminServer, name: string, role: Role, password: string): Promise<Account> {
  const db = site.leeszaal.admin.db;
  const { account } = addAccount(db, { name: 'test' }, name, role, 3_600_000);
  setAccountPassword(db, { name: 'test' }, account.id, await hashPassword(password));
  return account;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** The cookies a response sets, as one Cookie header (name=value pairs; cleared ones left out). */
export function cookiesOf(res: Response, jar: Map<string, string> = new Map()): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    const value = pair.slice(eq + 1);
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, eq));
    else jar.set(pair.slice(0, eq), value);
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The `_csrf` field of the first form in a page. */
export function formCsrf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('page has no CSRF field');
  return m[1];
}

/** Sends the sign-in form as a browser would (its page first, for the form's cookie); the raw answer. */
export async function postSignIn(
  baseUrl: string,
  name: string,
  password: string,
  jar: Map<string, string> = new Map(),
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await fetch(`${baseUrl}/admin/sign-in`, { headers: { cookie: cookieHeader(jar) } });
  cookiesOf(page, jar);
  const body = new URLSearchParams({ _csrf: formCsrf(await page.text()), name, password, next: '/admin' });
  const res = await fetch(`${baseUrl}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar), origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  cookiesOf(res, jar);
  return res;
}

/** Signs in over HTTP and reads the session's CSRF token from the dashboard; throws if refused. */
export async function signIn(baseUrl: string, name: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const res = await postSignIn(baseUrl, name, password, jar);
  if (res.status !== 303) throw new Error(`sign-in as ${name} answered ${res.status}`);
  const cookie = cookieHeader(jar);
  const home = await fetch(`${baseUrl}/admin`, { headers: { cookie } });
  if (home.status !== 200) throw new Error(`the dashboard answered ${home.status} after signing in`);
  return { cookie, csrf: formCsrf(await home.text()) };
}

/** A request with the session's cookie and, for changes, its CSRF token and this site's Origin. */
export function adminFetch(baseUrl: string, session: Session, pathName: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', session.cookie);
  if (init.method && !['GET', 'HEAD'].includes(init.method)) {
    if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', session.csrf);
    if (!headers.has('origin')) headers.set('origin', baseUrl);
  }
  return fetch(`${baseUrl}${pathName}`, { redirect: 'manual', ...init, headers });
}
