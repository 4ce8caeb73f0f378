// The curators' workspace end to end, as issue 17's "done when" names it, in real Chromium against
// the real server as `npm start` starts it (start.mjs in its own process, a fresh data folder, the
// bundled sample published at start): an admin made with `npm run user` sets a password through
// the printed link, signs in and adds two curators; a curator uploads a copy of the sample Kant item
// folder (one request cut off on the way, and resumed), watches its publish job to the report, finds
// the new item on the public site and in search, edits its title and page labels, previews,
// publishes, sees the change in the public manifest, publishes the first version again from the
// history, withdraws and restores the item; a second curator's conflicting save is refused; anonymous,
// cross-user and forged-CSRF requests are refused; and a server killed by SIGKILL during a job takes
// the job up again after its restart. The route-by-route refusals live in the parts' own tests
// (test/admin/uploads.test.ts, jobs.test.ts, item-editor.test.ts, auth.test.ts). Screenshots in
// .tmp/screenshots/ (admin-e2e-*).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { REPO_ROOT, SAMPLE_SOURCE } from '../support/inputs.ts';
import { CHROMIUM_ARGS, ensureBuilt, KANT, screenshotPath } from './support.ts';

/** The sample Kant folder, uploaded under a name of its own so that it is a new item beside the sample `npm start` published. */
const ITEM = 'kant-monatsschrift-upload';
const PASSWORDS = { anna: 'anna beheert de leeszaal', carla: 'carla brengt boeken binnen', daan: 'daan verbetert titels' } as const;
const NEW_TITLE = 'Beantwortung der Frage: Was ist Aufklärung? (Berlinische Monatsschrift, Dezember 1784)';
const soon = { timeout: 20_000 };

let root: string;
let dataDir: string;
let folder: string;
let base: string;
let port: number;
let server: { child: ChildProcess; exited: Promise<void> } | undefined;
let browser: Browser;
const contexts: Record<string, BrowserContext> = {};
const pages: Record<string, Page> = {};
/** What the admin CSP blocked or what threw in a page: a person would find the page broken. */
const broken: string[] = [];

/** The environment `npm start` and `npm run user` read, as an operator would set it. */
const env = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_BASE_URL: base,
  LOG_LEVEL: 'warn',
  INGEST_JOBS: '2',
});

/** `npm start` (node start.mjs) in its own process; resolves once it prints its URL. */
async function startServer(): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'start.mjs')], { cwd: REPO_ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`Leeszaal: ${base}`)) resolve();
    });
    void exited.then(() => reject(new Error(`npm start exited before printing its URL:\n${err}`)));
  });
  server = { child, exited };
}

async function killServer(): Promise<void> {
  if (!server) return;
  const { child, exited } = server;
  server = undefined;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

/** A person's own browser window (own cookies), in English, at a laptop's size. */
async function person(name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  contexts[name] = context;
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) broken.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => broken.push(`${name}: ${e}`));
  pages[name] = page;
  return page;
}

async function setPasswordAndSignIn(page: Page, link: string, name: keyof typeof PASSWORDS): Promise<void> {
  await page.goto(`${link}?lang=en`);
  await expect(page.locator('h1').textContent()).resolves.toBe('Set your password');
  await page.getByLabel('New password').fill(PASSWORDS[name]);
  await page.getByLabel('Repeat the password').fill(PASSWORDS[name]);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/admin\/sign-in\?done=password-set$/);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORDS[name]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/admin`);
  await expect(page.locator('.who strong').textContent()).resolves.toBe(name);
}

/** The published manifest as any reader (or harvester) fetches it; undefined when the item is not public. */
async function publicManifest(
  id = ITEM,
): Promise<{ label: Record<string, string[]>; items: { id: string; label: Record<string, string[]> }[] } | undefined> {
  const res = await fetch(`${base}/iiif/presentation/${id}/manifest.json`, { headers: { 'cache-control': 'no-cache' } });
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return res.json();
}

/** The item ids search finds for `q`, as the site's search page asks for them. */
async function searchIds(q: string): Promise<string[]> {
  const res = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => h.id);
}

/** Search follows publication through the activity log, within a few seconds. */
const eventually = { timeout: 30_000, interval: 250 };

const shot = async (page: Page, name: string, fullPage = true) => page.screenshot({ path: await screenshotPath(`admin-e2e-${name}`), fullPage });

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-e2e-'));
  dataDir = path.join(root, 'data');
  folder = path.join(root, 'upload', ITEM);
  await cp(path.join(SAMPLE_SOURCE, KANT), folder, { recursive: true });
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await killServer();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the curators’ workspace end to end against npm start', () => {
  const links: Record<string, string> = {};

  it('an admin made on the command line sets a password, signs in and adds two curators', async () => {
    const made = spawnSync('npm', ['run', '--silent', 'user', '--', 'add', 'anna', '--admin'], { cwd: REPO_ROOT, env: env(), encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('Made admin anna.');
    const link = new RegExp(`${base}/admin/set-password/[A-Za-z0-9_-]+`).exec(made.stdout)?.[0];
    expect(link, made.stdout).toBeDefined();

    const anna = await person('anna');
    await setPasswordAndSignIn(anna, link as string, 'anna');
    for (const name of ['carla', 'daan']) {
      await anna.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Accounts' }).click();
      await anna.getByLabel('User name').fill(name);
      await anna.getByLabel('Role').selectOption('curator');
      await anna.getByRole('button', { name: 'Add' }).click();
      links[name] = await anna.locator('#new-link').inputValue();
      expect(links[name]).toMatch(new RegExp(`^${base}/admin/set-password/`));
    }
    await expect(anna.getByRole('row', { name: /daan/ }).textContent()).resolves.toContain('waiting for a password');
    await shot(anna, 'accounts');
  });

  it('a curator uploads the Kant folder (a request cut off and resumed) and watches the job to its report', async () => {
    const carla = await person('carla');
    await setPasswordAndSignIn(carla, links.carla as string, 'carla');
    await carla.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Upload' }).click();
    await expect(carla.locator('h1').textContent()).resolves.toBe('Upload scans');

    // The connection drops under the first PATCH: the page must go on from the bytes the server kept.
    let cut = '';
    await carla.route('**/admin/uploads/files/*', (route) => {
      if (cut === '' && route.request().method() === 'PATCH') {
        cut = route.request().url();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await carla.setInputFiles('#pick-folder', folder);
    const files = carla.locator('#upload-files li');
    await expect.poll(() => files.count()).toBe(6);
    await carla.locator('#publish:not([disabled])').waitFor({ timeout: 60_000 });
    expect(cut).toMatch(/\/admin\/uploads\/files\/[0-9a-f]+$/);
    for (const li of await files.all()) await expect(li.textContent()).resolves.toMatch(new RegExp(`^${ITEM}/.*Uploaded$`));
    expect(await carla.locator('#overall').evaluate((p: HTMLProgressElement) => p.value === p.max && p.max > 5_000_000)).toBe(true);
    await shot(carla, 'uploaded');
    await carla.unroute('**/admin/uploads/files/*');

    // Nothing is public before the batch is published.
    expect(await publicManifest()).toBeUndefined();
    await carla.locator('#publish').click();
    await carla.waitForURL(/\/admin\/jobs\/\d+$/);
    // The live progress as a person reads it, sampled until the report replaces it.
    const seen = new Set<string>();
    const report = carla.getByRole('heading', { name: 'Report' });
    for (let i = 0; i < 600 && !(await report.isVisible()); i++) {
      const pagesText = await carla
        .locator('.job-pages')
        .textContent({ timeout: 1000 })
        .catch(() => null);
      if (pagesText) seen.add(pagesText);
      await carla.waitForTimeout(200);
    }
    await report.waitFor({ timeout: 5000 });
    // Progress was shown while the job ran, before the report: something short of the end.
    expect(
      [...seen].some((s) => /^(counting pages…|[0-3] of 4 pages)$/.test(s)),
      [...seen].join(' | '),
    ).toBe(true);
    await expect(carla.locator('.job-state').textContent()).resolves.toBe('done');
    await expect(carla.locator('.job-pages').textContent()).resolves.toBe('4 of 4 pages');
    await expect(carla.locator('.job-report').textContent()).resolves.toMatch(/^published 1 item\(s\), unchanged 0, failed 0; pages 4/);
    await shot(carla, 'job-report');

    // The report links to the public item page, by the item's title, its id beside it.
    await expect(carla.locator('ul.published li').textContent()).resolves.toBe(`Beantwortung der Frage: Was ist Aufklärung? ${ITEM}`);
    await carla.locator('ul.published').getByRole('link', { name: 'Beantwortung der Frage: Was ist Aufklärung?' }).click();
    await carla.waitForURL(`${base}/items/${ITEM}`);
    await expect.poll(() => carla.locator('h1').first().textContent(), soon).toMatch(/Aufklärung/);
    const manifest = await publicManifest();
    expect(manifest?.items).toHaveLength(4);

    // And in search, once the search engine has followed the publication.
    await expect
      .poll(
        async () => {
          await carla.goto(`${base}/search?q=Aufkl%C3%A4rung&lang=en`);
          await carla
            .locator('.result')
            .first()
            .waitFor({ timeout: 5000 })
            .catch(() => undefined);
          return carla.locator(`.result a[href^="/items/${ITEM}"]`).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await shot(carla, 'search');
  }, 240_000);

  it('the curator edits the title and page labels, previews, publishes and sees it in the public manifest', async () => {
    const carla = pages.carla as Page;
    const before = await publicManifest();
    // Found in the workspace's item list by its id, as a curator would look it up.
    await carla.goto(`${base}/admin?lang=en`);
    await carla.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Items' }).click();
    await carla.locator('#q').fill(ITEM);
    await carla.locator('#q').press('Enter');
    await carla.locator(`a[href^="/admin/items/${ITEM}"]`).first().click();
    await carla.waitForURL(new RegExp(`/admin/items/${ITEM}(\\?|$)`));
    await carla.getByLabel('Title 1', { exact: true }).fill(NEW_TITLE);
    await carla.locator('#page-label-0').fill('Titelblatt');
    await carla.locator('#page-label-1').fill('Inhalt');
    await carla.getByRole('button', { name: 'Save and preview' }).click();
    await carla.waitForURL(`**/admin/items/${ITEM}/preview?lang=en`);
    await expect.poll(() => carla.locator('h1#title').textContent(), soon).toBe(NEW_TITLE);
    expect(await carla.locator('.preview-banner').textContent()).toContain('Not yet published');
    await shot(carla, 'preview', false);
    // Still the old one for the public.
    expect((await publicManifest())?.label).toEqual(before?.label);

    await carla.locator('.preview-banner').getByRole('button', { name: 'Publish' }).click();
    await carla.waitForURL(`**/admin/items/${ITEM}?lang=en&done=published`);
    await expect(carla.getByRole('status').first().textContent()).resolves.toContain('Published');
    await carla.locator('.page-list').scrollIntoViewIfNeeded();
    await carla.waitForFunction(
      () => [...document.querySelectorAll<HTMLImageElement>('.page-row img')].every((img) => img.complete && img.naturalWidth > 0),
      null,
      soon,
    );
    await shot(carla, 'editor');

    const after = await publicManifest();
    expect(Object.values(after?.label ?? {}).flat()).toContain(NEW_TITLE);
    expect(after?.items.map((c) => c.label)).toEqual([
      { none: ['Titelblatt'] },
      { none: ['Inhalt'] },
      ...(before?.items.slice(2).map((c) => c.label) ?? []),
    ]);
    // The images were not touched: same canvases, same order.
    expect(after?.items.map((c) => c.id)).toEqual(before?.items.map((c) => c.id));
    // Search finds it by a word only the new title has.
    await expect.poll(() => searchIds('Monatsschrift'), eventually).toContain(ITEM);
  });

  it('a second curator’s save on an item changed meanwhile is refused, with the other’s changes shown', async () => {
    const carla = pages.carla as Page;
    const daan = await person('daan');
    await setPasswordAndSignIn(daan, links.daan as string, 'daan');
    // Both open the editor on the same version.
    await daan.goto(`${base}/admin/items/${ITEM}?lang=en`);
    await carla.goto(`${base}/admin/items/${ITEM}?lang=en`);
    await carla.locator('#place').fill('Berlin (Haude und Spener)');
    await carla.getByRole('button', { name: 'Save draft' }).click();
    await carla.waitForURL(`**/admin/items/${ITEM}?lang=en&done=saved`);

    await daan.locator('#place').fill('Berlijn');
    await daan.getByRole('button', { name: 'Save draft' }).click();
    await daan.getByRole('heading', { name: 'Not saved: someone else changed this item meanwhile' }).waitFor(soon);
    await expect(daan.locator('main').textContent()).resolves.toContain('carla');
    await expect(daan.locator('main').textContent()).resolves.toContain('Berlin (Haude und Spener)');
    await shot(daan, 'conflict');
    // Carla's draft stands; the public record did not move.
    await carla.reload();
    await expect(carla.locator('#place').inputValue()).resolves.toBe('Berlin (Haude und Spener)');
    await carla.getByRole('button', { name: 'Discard draft' }).click();
    await carla.waitForURL(/done=discarded/);
  });

  it('the curator publishes the first version again from the history, then withdraws and restores the item', async () => {
    const carla = pages.carla as Page;
    await carla.goto(`${base}/admin/items/${ITEM}/history?lang=en`);
    await expect(carla.locator('ol.history > li').count()).resolves.toBe(2);
    await expect(carla.locator('ol.history > li').first().textContent()).resolves.toContain(NEW_TITLE);
    await shot(carla, 'history');
    await carla.getByRole('button', { name: 'Publish this version again (1)' }).click();
    await carla.waitForURL(/\/history\?lang=en&done=version&version=1$/);
    await expect(carla.getByRole('status').first().textContent()).resolves.toBe('Version 1 was published again.');
    const restored = await publicManifest();
    expect(Object.values(restored?.label ?? {}).flat()).not.toContain(NEW_TITLE);
    expect(restored?.items[0]?.label).not.toEqual({ none: ['Titelblatt'] });

    await carla.goto(`${base}/admin/items/${ITEM}?lang=en`);
    await carla.locator('section.danger').getByRole('button', { name: 'Withdraw' }).click();
    await carla.waitForURL(`**/admin/items/${ITEM}?lang=en&done=withdrawn`);
    await expect(carla.locator('main').textContent()).resolves.toContain('This item is withdrawn');
    expect(await publicManifest()).toBeUndefined();
    expect((await fetch(`${base}/items/${ITEM}`)).status).toBe(404);
    await expect.poll(() => searchIds('Aufklärung'), eventually).not.toContain(ITEM);
    await shot(carla, 'withdrawn');

    await carla.getByRole('button', { name: 'Restore' }).click();
    await carla.waitForURL(`**/admin/items/${ITEM}?lang=en&done=restored`);
    expect((await publicManifest())?.items).toHaveLength(4);
    expect((await fetch(`${base}/items/${ITEM}`)).status).toBe(200);
    await expect.poll(() => searchIds('Aufklärung'), eventually).toContain(ITEM);
  });

  it('refuses anonymous, cross-user and forged-CSRF requests, changing nothing', async () => {
    // Anonymous: a fresh window is sent to sign in; scripts get 401.
    const stranger = await person('stranger');
    await stranger.goto(`${base}/admin/items/${ITEM}`);
    expect(new URL(stranger.url()).pathname).toBe('/admin/sign-in');
    expect((await fetch(`${base}/admin/items/${ITEM}/withdraw`, { method: 'POST', headers: { origin: base } })).status).toBe(401);
    expect((await fetch(`${base}/admin/uploads/batches`, { method: 'POST', headers: { origin: base } })).status).toBe(401);
    expect((await fetch(`${base}/admin/jobs/1/events`)).status).toBe(401);

    // Cross-user: a curator cannot manage accounts, nor see another curator's upload batch.
    const carla = contexts.carla as BrowserContext;
    const daan = contexts.daan as BrowserContext;
    const carlaPage = pages.carla as Page;
    await carlaPage.goto(`${base}/admin/uploads?lang=en`);
    const csrf = (await carlaPage.locator('.uploader').getAttribute('data-csrf')) ?? '';
    expect(csrf).not.toBe('');
    const batch = await carla.request.post(`${base}/admin/uploads/batches`, { headers: { origin: base, 'x-csrf-token': csrf } });
    expect(batch.status()).toBe(201);
    const { url } = (await batch.json()) as { url: string };
    expect((await daan.request.get(`${base}${url}`)).status()).toBe(404);
    expect((await daan.request.get(`${base}/admin/accounts`)).status()).toBe(403);

    // CSRF: carla's own session with a forged token, or none, cannot withdraw the item.
    for (const form of [{ _csrf: 'forged' }, {}] as Record<string, string>[]) {
      const r = await carla.request.post(`${base}/admin/items/${ITEM}/withdraw`, { form, headers: { origin: base }, maxRedirects: 0 });
      expect(r.status()).toBe(403);
    }
    // Nor daan's token with carla's session.
    const daanPage = pages.daan as Page;
    await daanPage.goto(`${base}/admin/items/${ITEM}?lang=en`);
    const daanCsrf = await daanPage.locator('input[name="_csrf"]').first().inputValue();
    const crossed = await carla.request.post(`${base}/admin/items/${ITEM}/withdraw`, {
      form: { _csrf: daanCsrf },
      headers: { origin: base },
      maxRedirects: 0,
    });
    expect(crossed.status()).toBe(403);
    expect((await publicManifest())?.items).toHaveLength(4);
  });

  it('a server killed during a publish job takes the job up again after its restart', async () => {
    const second = path.join(root, 'upload', `${ITEM}-2`);
    await cp(folder, second, { recursive: true });
    const carla = pages.carla as Page;
    await carla.goto(`${base}/admin/uploads?lang=en`);
    await carla.setInputFiles('#pick-folder', second);
    await carla.locator('#publish:not([disabled])').waitFor({ timeout: 60_000 });
    await carla.locator('#publish').click();
    await carla.waitForURL(/\/admin\/jobs\/\d+$/);
    const jobUrl = carla.url();
    await expect.poll(() => carla.locator('.job-state').textContent(), { timeout: 60_000, interval: 100 }).toBe('publishing');
    await killServer();
    await startServer();
    await carla.goto(jobUrl);
    await carla.getByRole('heading', { name: 'Report' }).waitFor({ timeout: 120_000 });
    await expect(carla.locator('.job-state').textContent()).resolves.toBe('done');
    await expect(carla.locator('main').textContent()).resolves.toContain('started 2 time(s)');
    // Published once, in full, whichever run finished it.
    await expect(carla.locator('.job-report').textContent()).resolves.toMatch(/failed 0; pages 4/);
    expect((await publicManifest(`${ITEM}-2`))?.items).toHaveLength(4);
    await shot(carla, 'job-after-restart');
  }, 240_000);

  it('no page along the way was blocked by the admin CSP or threw an error', () => {
    expect(broken).toEqual([]);
  });
});
