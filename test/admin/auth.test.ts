// The accounts part of the curators' workspace over real HTTP against the composed server: every
// admin route refused without a session, admin-only routes refused to a curator, changes refused
// without the session's CSRF token or from another site, sessions rotated at sign-in and ended by
// inactivity, age, sign-out and disabling, sign-in rate-limited per account and per address without
// telling which accounts exist, and the first admin made by `npm run user` signing in through its link.
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUser, listUsers } from '../../server/admin/accounts/users.ts';
import { adminDbPath } from '../../server/admin/db.ts';
import {
  type AdminServer,
  adminFetch,
  cookieHeader,
  cookiesOf,
  formCsrf,
  makeAccount,
  postSignIn,
  type Session,
  signIn,
  startAdminServer,
} from '../support/admin.ts';
import { REPO_ROOT } from '../support/sample.ts';

const ADMIN_PW = 'an admin sentence to remember';
const CURATOR_PW = 'a curator sentence to remember';
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

let site: AdminServer;
let admin: Session;
let curator: Session;
let curatorId: number;

beforeAll(async () => {
  site = await startAdminServer({ ADMIN_SIGNIN_PER_ACCOUNT: '3', ADMIN_SIGNIN_PER_ADDRESS: '1000' });
  await makeAccount(site, 'anna', 'admin', ADMIN_PW);
  curatorId = (await makeAccount(site, 'bert', 'curator', CURATOR_PW)).id;
  admin = await signIn(site.baseUrl, 'anna', ADMIN_PW);
  curator = await signIn(site.baseUrl, 'bert', CURATOR_PW);
}, 60_000);
afterAll(() => site?.close());

const accountNames = () => listUsers(site.leeszaal.admin.db).map((a) => a.name);

// Every route the accounts part serves behind sign-in, and those of the other parts it links to.
const SIGNED_IN_ROUTES: [string, string][] = [
  ['GET', '/admin'],
  ['GET', '/admin/accounts'],
  ['GET', '/admin/audit'],
  ['GET', '/admin/uploads'],
  ['GET', '/admin/jobs'],
  ['GET', '/admin/items'],
  ['GET', '/admin/anything/else'],
  ['POST', '/admin/accounts'],
  ['POST', '/admin/accounts/2/disable'],
  ['POST', '/admin/accounts/2/enable'],
  ['POST', '/admin/accounts/2/end-sessions'],
  ['POST', '/admin/accounts/2/link'],
  ['POST', '/admin/sign-out'],
  ['PUT', '/admin/items/x'],
  ['DELETE', '/admin/items/x'],
];
const ADMIN_ONLY_ROUTES = SIGNED_IN_ROUTES.filter(([, p]) => /^\/admin\/(accounts|audit)/.test(p));

describe('without a session', () => {
  it.each(SIGNED_IN_ROUTES)('%s %s: a script gets 401, nothing changes', async (method, route) => {
    const before = accountNames();
    const res = await fetch(`${site.baseUrl}${route}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'application/json', origin: site.baseUrl },
      ...(method === 'GET' ? {} : form({ name: 'mallory', role: 'admin', _csrf: admin.csrf })),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401 });
    expect(accountNames()).toEqual(before);
  });

  it('a page is sent to the sign-in page, which brings the reader back', async () => {
    const res = await fetch(`${site.baseUrl}/admin/audit?page=2`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Faudit%3Fpage%3D2');
  });

  it('with a made-up session cookie is the same as with none', async () => {
    const res = await fetch(`${site.baseUrl}/admin`, { headers: { cookie: `leeszaal-admin=${'A'.repeat(43)}`, accept: 'application/json' } });
    expect(res.status).toBe(401);
  });
});

describe('with a curator session', () => {
  it.each(ADMIN_ONLY_ROUTES)('%s %s is refused (403) and changes nothing', async (method, route) => {
    const before = accountNames();
    const res = await adminFetch(site.baseUrl, curator, route, {
      method,
      ...(method === 'GET' ? {} : form({ name: 'mallory', role: 'admin' })),
    });
    expect(res.status).toBe(403);
    expect(accountNames()).toEqual(before);
    expect(findUser(site.leeszaal.admin.db, 'anna')?.disabled).toBe(false);
  });

  it('sees the dashboard without the admins’ links', async () => {
    const page = await (await adminFetch(site.baseUrl, curator, '/admin')).text();
    expect(page).toContain('href="/admin/uploads"');
    expect(page).not.toContain('href="/admin/accounts"');
  });
});

describe('CSRF', () => {
  const attempts: [string, Record<string, string>, boolean][] = [
    ['no token', { 'x-csrf-token': '' }, false],
    ['a forged token', { 'x-csrf-token': 'x'.repeat(43) }, false],
    ['another session’s token', {}, true],
    ['the right token from another site (Origin)', { origin: 'https://evil.example' }, false],
    ['the right token, cross-site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site' }, false],
  ];
  it.each(attempts)('a change with %s is refused (403)', async (_what, headers, otherSession) => {
    const before = accountNames();
    const h = new Headers({ ...form({}).headers, ...headers });
    if (otherSession) h.set('x-csrf-token', curator.csrf);
    if (h.get('x-csrf-token') === '') h.delete('x-csrf-token');
    const res = await fetch(`${site.baseUrl}/admin/accounts`, {
      method: 'POST',
      redirect: 'manual',
      headers: (() => {
        h.set('cookie', admin.cookie);
        if (!h.has('origin')) h.set('origin', site.baseUrl);
        if (!h.has('x-csrf-token') && !otherSession && !('x-csrf-token' in headers)) h.set('x-csrf-token', admin.csrf);
        return h;
      })(),
      body: new URLSearchParams({ name: 'mallory', role: 'curator' }),
    });
    expect(res.status).toBe(403);
    expect(accountNames()).toEqual(before);
  });

  it('the same change with the token (in the form) and from this site goes through', async () => {
    const res = await adminFetch(site.baseUrl, admin, '/admin/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ name: 'carla', role: 'curator', _csrf: admin.csrf }),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toMatch(new RegExp(`${site.baseUrl}/admin/set-password/[A-Za-z0-9_-]{43}`));
    expect(accountNames()).toContain('carla');
  });

  it('the sign-in form is refused without its form token (no signing a browser in from elsewhere)', async () => {
    const res = await fetch(`${site.baseUrl}/admin/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ name: 'anna', password: ADMIN_PW }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().join()).not.toContain('leeszaal-admin=');
  });
});

describe('sessions', () => {
  it('signing in rotates the session: a cookie held before is not the one after, and no longer works', async () => {
    const first = await signIn(site.baseUrl, 'bert', CURATOR_PW);
    const jar = new Map(first.cookie.split('; ').map((p) => p.split('=') as [string, string]));
    const before = jar.get('leeszaal-admin');
    const res = await postSignIn(site.baseUrl, 'bert', CURATOR_PW, jar);
    expect(res.status).toBe(303);
    const after = jar.get('leeszaal-admin');
    expect(after).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(after).not.toBe(before);
    expect((await fetch(`${site.baseUrl}/admin`, { headers: { cookie: `leeszaal-admin=${before}`, accept: 'application/json' } })).status).toBe(401);
    expect((await fetch(`${site.baseUrl}/admin`, { headers: { cookie: cookieHeader(jar) } })).status).toBe(200);
  });

  it('the cookie is HttpOnly, SameSite=Lax, kept under /admin; only a hash of its id is stored', async () => {
    const res = await postSignIn(site.baseUrl, 'bert', CURATOR_PW);
    const line = res.headers.getSetCookie().find((c) => c.startsWith('leeszaal-admin='));
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Path=\/admin/);
    const id = /leeszaal-admin=([^;]+)/.exec(line ?? '')?.[1] ?? '';
    const stored = site.leeszaal.admin.db.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((s) => s.id_hash === id)).toBe(false);
  });

  const ageSession = async (column: 'last_seen' | 'created', msAgo: number) => {
    const s = await signIn(site.baseUrl, 'bert', CURATOR_PW);
    const db = site.leeszaal.admin.db;
    const newest = db.prepare('SELECT id_hash FROM sessions ORDER BY created DESC, rowid DESC LIMIT 1').get() as { id_hash: string };
    db.prepare(`UPDATE sessions SET ${column} = ? WHERE id_hash = ?`).run(Date.now() - msAgo, newest.id_hash);
    return s;
  };

  it('a session unused for longer than ADMIN_SESSION_IDLE_MINUTES has ended, and the sign-in page says so', async () => {
    const fresh = await ageSession('last_seen', 59 * 60_000);
    expect((await adminFetch(site.baseUrl, fresh, '/admin')).status).toBe(200);
    const idle = await ageSession('last_seen', 61 * 60_000);
    const res = await adminFetch(site.baseUrl, idle, '/admin', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    const signInPage = await (await adminFetch(site.baseUrl, idle, '/admin/sign-in', { headers: { 'accept-language': 'en' } })).text();
    expect(signInPage).toContain('Your session has ended');
  });

  it('a session older than ADMIN_SESSION_MAX_HOURS has ended even if in use', async () => {
    const old = await ageSession('created', 12 * 3_600_000 + 1000);
    expect((await adminFetch(site.baseUrl, old, '/admin', { headers: { accept: 'application/json' } })).status).toBe(401);
  });

  it('signing out ends the session', async () => {
    const s = await signIn(site.baseUrl, 'bert', CURATOR_PW);
    const res = await adminFetch(site.baseUrl, s, '/admin/sign-out', { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/sign-in?done=signed-out');
    expect((await adminFetch(site.baseUrl, s, '/admin', { headers: { accept: 'application/json' } })).status).toBe(401);
  });

  it('an admin ends a user’s sessions, and disabling an account ends them and refuses its sign-in', async () => {
    const s1 = await signIn(site.baseUrl, 'bert', CURATOR_PW);
    expect((await adminFetch(site.baseUrl, admin, `/admin/accounts/${curatorId}/end-sessions`, { method: 'POST' })).status).toBe(303);
    expect((await adminFetch(site.baseUrl, s1, '/admin', { headers: { accept: 'application/json' } })).status).toBe(401);

    const s2 = await signIn(site.baseUrl, 'bert', CURATOR_PW);
    expect((await adminFetch(site.baseUrl, admin, `/admin/accounts/${curatorId}/disable`, { method: 'POST' })).status).toBe(303);
    expect((await adminFetch(site.baseUrl, s2, '/admin', { headers: { accept: 'application/json' } })).status).toBe(401);
    expect((await postSignIn(site.baseUrl, 'bert', CURATOR_PW)).status).toBe(401);

    expect((await adminFetch(site.baseUrl, admin, `/admin/accounts/${curatorId}/enable`, { method: 'POST' })).status).toBe(303);
    curator = await signIn(site.baseUrl, 'bert', CURATOR_PW);
    const log = await (await adminFetch(site.baseUrl, admin, '/admin/audit')).text();
    for (const action of ['user.end-sessions', 'user.disable', 'user.enable']) expect(log).toContain(action);
  });
});

describe('signing in', () => {
  /** The message a refused sign-in shows, and its status. */
  const outcome = async (name: string, password: string, lang = 'en') => {
    const jar = new Map([['leeszaal-lang', lang]]);
    const res = await postSignIn(site.baseUrl, name, password, jar);
    const text = await res.text();
    return { status: res.status, message: /<p class="message error"[^>]*>([^<]*)</.exec(text)?.[1], retryAfter: res.headers.get('retry-after') };
  };

  it('says the same, in the same time, for an unknown name, a wrong password and a disabled account', async () => {
    const other = await startAdminServer({ ADMIN_SIGNIN_PER_ACCOUNT: '100', ADMIN_SIGNIN_PER_ADDRESS: '1000' });
    try {
      await makeAccount(other, 'anna', 'admin', ADMIN_PW);
      const d = await makeAccount(other, 'dora', 'curator', 'dora has a long password');
      other.leeszaal.admin.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(d.id);
      const cases = [
        ['nobody-at-all', 'whatever password here'],
        ['anna', 'not the right password'],
        ['dora', 'dora has a long password'],
      ] as const;
      const seen = new Set<string>();
      const times: number[][] = cases.map(() => []);
      // Interleaved, so load on the machine falls on all three alike; only the POST is timed.
      for (let round = 0; round < 15; round++) {
        // Each round in another order, so no case always follows the same one.
        for (const i of [0, 1, 2].map((k) => (k + round) % 3)) {
          const [name, password] = cases[i] as (typeof cases)[number];
          const jar = new Map([['leeszaal-lang', 'en']]);
          const page = await fetch(`${other.baseUrl}/admin/sign-in`, { headers: { cookie: cookieHeader(jar) } });
          cookiesOf(page, jar);
          const body = new URLSearchParams({ _csrf: formCsrf(await page.text()), name: 'x', password, next: '/admin' });
          body.set('name', name);
          const started = performance.now();
          const res = await fetch(`${other.baseUrl}/admin/sign-in`, {
            method: 'POST',
            headers: { cookie: cookieHeader(jar), origin: other.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
            body,
          });
          const text = await res.text();
          times[i]?.push(performance.now() - started);
          seen.add(JSON.stringify({ status: res.status, message: /<p class="message error"[^>]*>([^<]*)</.exec(text)?.[1] }));
        }
      }
      expect([...seen]).toEqual([JSON.stringify({ status: 401, message: 'The user name or password is not right.' })]);
      const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? 0;
      const medians = times.map(median);
      // Each case verifies one argon2id hash (a decoy's when there is no real one): none is much quicker.
      expect(Math.min(...medians) / Math.max(...medians), JSON.stringify(medians)).toBeGreaterThan(0.5);
    } finally {
      await other.close();
    }
  });

  it('is refused per account after ADMIN_SIGNIN_PER_ACCOUNT failures, even with the right password, in the reader’s language', async () => {
    await makeAccount(site, 'emil', 'curator', 'emil has a long password');
    for (let i = 0; i < 3; i++) expect((await outcome('emil', 'a wrong password here')).status).toBe(401);
    const blocked = await outcome('emil', 'emil has a long password', 'fr');
    expect(blocked.status).toBe(429);
    expect(blocked.message).toMatch(/^Trop de tentatives échouées\. Réessayez dans 15 minutes\.$/);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(800);
    // An unknown name is limited the same way, so the limit does not tell which names exist.
    for (let i = 0; i < 3; i++) await outcome('nobody-else', 'a wrong password here');
    expect((await outcome('nobody-else', 'a wrong password here')).status).toBe(429);
    // Other accounts are not held up.
    expect((await postSignIn(site.baseUrl, 'anna', ADMIN_PW)).status).toBe(303);
  });

  it('counts a burst of parallel guesses before checking any, so no more than the limit are checked', async () => {
    await makeAccount(site, 'fenna', 'curator', 'fenna has a long password');
    const statuses = await Promise.all(Array.from({ length: 12 }, () => outcome('fenna', 'a wrong password here').then((o) => o.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('is refused per address after ADMIN_SIGNIN_PER_ADDRESS failures from it', async () => {
    const other = await startAdminServer({ ADMIN_SIGNIN_PER_ACCOUNT: '100', ADMIN_SIGNIN_PER_ADDRESS: '4' });
    try {
      await makeAccount(other, 'anna', 'admin', ADMIN_PW);
      for (const name of ['a1', 'a2', 'a3', 'a4']) expect((await postSignIn(other.baseUrl, name, 'a wrong password here')).status).toBe(401);
      const res = await postSignIn(other.baseUrl, 'anna', ADMIN_PW, new Map([['leeszaal-lang', 'nl']]));
      expect(res.status).toBe(429);
      expect(await res.text()).toContain('Te veel mislukte pogingen.');
    } finally {
      await other.close();
    }
  });

  it('counts the reader’s address behind a trusted proxy (ADMIN_TRUSTED_PROXIES), and ignores X-Forwarded-For otherwise', async () => {
    const tries = async (env: Record<string, string>) => {
      const other = await startAdminServer({ ADMIN_SIGNIN_PER_ACCOUNT: '100', ADMIN_SIGNIN_PER_ADDRESS: '2', ...env });
      try {
        const from = (address: string, name: string) =>
          postSignIn(other.baseUrl, name, 'a wrong password here', new Map(), { 'x-forwarded-for': address });
        await from('203.0.113.1', 'a1');
        await from('203.0.113.1', 'a2');
        return [(await from('203.0.113.1', 'a3')).status, (await from('203.0.113.2', 'a4')).status];
      } finally {
        await other.close();
      }
    };
    expect(await tries({ ADMIN_TRUSTED_PROXIES: 'loopback' })).toEqual([429, 401]);
    // Untrusted, the header could be made up to dodge the limit: every try counts against the socket's address.
    expect(await tries({})).toEqual([429, 429]);
  });

  it('goes back only to an /admin page', async () => {
    const jar = new Map<string, string>();
    const page = await fetch(`${site.baseUrl}/admin/sign-in`);
    cookiesOf(page, jar);
    const csrf = formCsrf(await page.text());
    for (const [next, expected] of [
      ['/admin/audit', '/admin/audit'],
      ['https://evil.example/', '/admin'],
      ['//evil.example/admin', '/admin'],
      ['/admin//evil.example', '/admin'],
    ]) {
      const res = await fetch(`${site.baseUrl}/admin/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(jar), origin: site.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, name: 'anna', password: ADMIN_PW, next: next ?? '' }),
      });
      expect(res.headers.get('location')).toBe(expected);
    }
  });
});

describe('admin pages', () => {
  it('are never cached, indexed or framed, allow nothing inline, and are not open to other sites', async () => {
    for (const [session, route] of [
      [undefined, '/admin/sign-in'],
      [admin, '/admin'],
      [admin, '/admin/accounts'],
      [admin, '/admin/audit'],
    ] as const) {
      const res = session ? await adminFetch(site.baseUrl, session, route) : await fetch(`${site.baseUrl}${route}`);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const page = await res.text();
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('the admin database is readable by the server’s user only', async () => {
    expect((await stat(adminDbPath(site.dataDir))).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(adminDbPath(site.dataDir)))).mode & 0o777).toBe(0o700);
  });

  it('the public site still refuses bodies and changes outside /admin', async () => {
    const res = await fetch(`${site.baseUrl}/api/search`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });

  it('the audit log is paged, newest first', async () => {
    const db = site.leeszaal.admin.db;
    for (let i = 0; i < 120; i++)
      db.prepare("INSERT INTO audit (at, user_name, action, item) VALUES (?, 'test', 'item.publish', ?)").run(new Date().toISOString(), `item-${i}`);
    const first = await (await adminFetch(site.baseUrl, admin, '/admin/audit')).text();
    expect(first).toContain('item-119');
    expect(first).not.toContain('item-60<');
    expect(first).toContain('rel="next"');
    const total = (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
    const pages = Math.ceil(total / 50);
    const last = await (await adminFetch(site.baseUrl, admin, `/admin/audit?page=${pages}`)).text();
    expect(last).toContain('user.add');
    expect(last).not.toContain('rel="next"');
    expect((await adminFetch(site.baseUrl, admin, `/admin/audit?page=${pages + 1}`)).status).toBe(404);
  });
});

describe('npm run user', () => {
  const user = (args: string[], input?: string) =>
    spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'node'), [path.join(REPO_ROOT, 'server/admin/user-cli.ts'), ...args], {
      env: { ...process.env, DATA_DIR: site.dataDir, PUBLIC_BASE_URL: site.baseUrl },
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
    });

  it('makes an admin whose one-time link sets the password they then sign in with', async () => {
    const made = user(['add', 'root', '--admin']);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const link = new RegExp(`${site.baseUrl}/admin/set-password/[A-Za-z0-9_-]{43}`).exec(made.stdout)?.[0];
    expect(link).toBeDefined();
    // Before a password is set the account cannot sign in with anything.
    expect((await postSignIn(site.baseUrl, 'root', '')).status).toBe(401);

    const jar = new Map<string, string>();
    const page = await fetch(link as string, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    cookiesOf(page, jar);
    const csrf = formCsrf(await page.text());
    const send = (password: string, repeat = password) =>
      fetch(link as string, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(jar), origin: site.baseUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: new URLSearchParams({ _csrf: csrf, password, repeat }),
      });
    const short = await send('eleven char');
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('at least 12 characters');
    expect((await send('twelve chars', 'twelve charz')).status).toBe(400);
    const set = await send('the root of all our books');
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/admin/sign-in?done=password-set');
    // Once only.
    expect((await fetch(link as string)).status).toBe(410);

    const root = await signIn(site.baseUrl, 'root', 'the root of all our books');
    expect((await adminFetch(site.baseUrl, root, '/admin/accounts')).status).toBe(200);
    const log = await (await adminFetch(site.baseUrl, root, '/admin/audit')).text();
    expect(log).toMatch(/command line \([^)]+\)/);
  });

  it('takes a password from standard input, lists, disables and enables, and refuses with a reason', () => {
    expect(user(['add', 'scripted', '--password'], 'short\n').stderr).toContain('at least 12 characters');
    expect(findUser(site.leeszaal.admin.db, 'scripted')).toBeUndefined();
    expect(user(['add', 'scripted', '--password'], 'a password from a script\n').status).toBe(0);
    expect(findUser(site.leeszaal.admin.db, 'scripted')).toMatchObject({ role: 'curator', hasPassword: true });
    expect(user(['list']).stdout).toMatch(/^scripted\tcurator\tactive/m);
    expect(user(['disable', 'scripted']).status).toBe(0);
    expect(findUser(site.leeszaal.admin.db, 'scripted')?.disabled).toBe(true);
    expect(user(['enable', 'scripted']).status).toBe(0);
    const dup = user(['add', 'SCRIPTED']);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('an account with that name exists');
    expect(user(['disable', 'ghost']).stderr).toContain('no account named "ghost"');
    expect(user(['frobnicate']).stderr).toContain('unknown command');
  });
});
