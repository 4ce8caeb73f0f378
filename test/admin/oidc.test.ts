// Signing in to the workspace through an identity provider: a real OpenID Connect provider
// (`oidc-provider`, the certified implementation, with its development login pages) started here,
// the composed server configured as its client, and the whole code flow followed over HTTP as a
// browser would: the role comes from the provider's `groups` claim, someone with no mapped group is
// refused, and a callback link sent to another browser signs nobody in.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUser } from '../../server/admin/accounts/users.ts';
import { type AdminServer, startAdminServer } from '../support/admin.ts';

const GROUPS: Record<string, string[]> = {
  ines: ['staff', 'leeszaal-admins'],
  jonas: ['leeszaal-curators'],
  karel: ['staff'],
};

let site: AdminServer;
let idp: http.Server;
let issuer: string;

beforeAll(async () => {
  idp = http.createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  site = await startAdminServer({
    ADMIN_OIDC_ISSUER: issuer,
    ADMIN_OIDC_CLIENT_ID: 'leeszaal',
    ADMIN_OIDC_CLIENT_SECRET: 'a client secret long enough for the provider',
    ADMIN_OIDC_LABEL: 'Stadsbibliotheek',
    ADMIN_OIDC_ADMIN_VALUES: 'leeszaal-admins',
    ADMIN_OIDC_CURATOR_VALUES: 'leeszaal-curators, erfgoed',
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'leeszaal',
        client_secret: 'a client secret long enough for the provider',
        redirect_uris: [`${site.baseUrl}/admin/sign-in/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, preferred_username: id, groups: GROUPS[id] ?? [] }) }),
  });
  idp.on('request', provider.callback());
}, 60_000);
afterAll(async () => {
  await site?.close();
  idp?.closeAllConnections();
  await new Promise<void>((resolve) => idp?.close(() => resolve()));
});

/** A browser's cookies, kept per origin (host and port), as fetch keeps none. */
class Browser {
  jars = new Map<string, Map<string, string>>();
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    headers.set('accept', 'text/html');
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line) || pair.slice(eq + 1) === '') jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
  /** Follows redirects and submits the provider's login and consent forms, up to the first page of ours. */
  async signInAs(login: string, options: { stopAtCallback?: boolean } = {}): Promise<{ res: Response; callback?: string }> {
    const start = `${site.baseUrl}/admin/sign-in/oidc`;
    let url = start;
    let init: RequestInit = {};
    let callback: string | undefined;
    for (let step = 0; step < 20; step++) {
      const res = await this.get(url, init);
      init = {};
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        if (url.startsWith(`${site.baseUrl}/admin/sign-in/oidc/callback`)) {
          callback = url;
          if (options.stopAtCallback) return { res, callback };
        }
        continue;
      }
      if (!url.startsWith(issuer)) return { res, ...(callback ? { callback } : {}) };
      const page = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`the provider answered ${res.status}: ${page.slice(0, 300)}`);
      url = new URL(action, url).href;
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt });
      init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuer } };
    }
    throw new Error('too many redirects');
  }
}

describe('OpenID Connect sign-in', () => {
  it('the sign-in page offers the provider by its name', async () => {
    const page = await (await fetch(`${site.baseUrl}/admin/sign-in?lang=en`)).text();
    expect(page).toContain('href="/admin/sign-in/oidc?next=%2Fadmin">Sign in with Stadsbibliotheek</a>');
  });

  it('someone in the admins’ group signs in as an admin, with an account made for them', async () => {
    const browser = new Browser();
    const { res } = await browser.signInAs('ines');
    expect(res.status).toBe(200);
    const accounts = await browser.get(`${site.baseUrl}/admin/accounts?lang=en`);
    expect(accounts.status).toBe(200);
    expect(await accounts.text()).toContain('Signed in as <strong>ines</strong>');
    expect(findUser(site.leeszaal.admin.db, 'ines')).toMatchObject({ role: 'admin', hasPassword: false });
  });

  it('someone in the curators’ group is a curator: the accounts page is refused', async () => {
    const browser = new Browser();
    await browser.signInAs('jonas');
    expect((await browser.get(`${site.baseUrl}/admin`)).status).toBe(200);
    expect((await browser.get(`${site.baseUrl}/admin/accounts`)).status).toBe(403);
    expect(findUser(site.leeszaal.admin.db, 'jonas')?.role).toBe('curator');
  });

  it('someone in neither group is refused and gets no account', async () => {
    const browser = new Browser();
    const { res } = await browser.signInAs('karel');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('geen toegang tot deze werkruimte');
    expect(findUser(site.leeszaal.admin.db, 'karel')).toBeUndefined();
    expect((await browser.get(`${site.baseUrl}/admin`)).status).toBe(303);
  });

  it('a callback link opened in another browser signs nobody in, and a callback works once', async () => {
    const first = new Browser();
    const { callback } = await first.signInAs('ines', { stopAtCallback: true });
    expect(callback).toMatch(/[?&]code=/);
    const other = new Browser();
    const stolen = await other.get(callback as string);
    expect(stolen.status).toBe(400);
    expect(stolen.headers.getSetCookie().join()).not.toMatch(/leeszaal-admin=[A-Za-z0-9_-]{43}/);
    // The browser that started the flow is signed in by it, once.
    const own = await first.get(callback as string);
    expect(own.status).toBe(303);
    expect((await first.get(`${site.baseUrl}/admin`)).status).toBe(200);
    expect((await first.get(callback as string)).status).toBe(400);
  });
});
