// Uploading and publishing in real Chromium against the composed server with the real Publisher
// (ingest in a child process): a curator signs in, picks the sample Kant item folder, watches each
// file and the whole batch upload (one request cut off on the way, and resumed), sees the batch
// appear under Recent batches (announced), publishes it with the keyboard, follows the job's live
// progress to its report, which names the item by its title, and opens the published item. Both
// pages are axe-clean (WCAG 2.2 AA) on a tablet in nl, fr and en, with nothing blocked by the admin
// CSP. Screenshots in .tmp/screenshots/.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderPublisher } from '../../ingest/publishing/folder-job.ts';
import { uploadProblem } from '../../ingest/publishing/upload-check.ts';
import { type AdminServer, makeAccount, startAdminServer } from '../support/admin.ts';
import { SAMPLE_SOURCE } from '../support/inputs.ts';
import { ensureBuilt, KANT, launchBrowser, screenshotPath } from './support.ts';

const PASSWORD = 'een zin die ik onthoud';
let root: string;
let site: AdminServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-upload-browser-'));
  const dataDir = path.join(root, 'data');
  const notHere = () => Promise.reject(new Error('not part of this test'));
  // The publisher's child must publish under the URL the server gets; the port is known only once it
  // listens, so the environment is read when a job starts.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  site = await startAdminServer(
    {},
    {
      dataDir,
      publisher: {
        ...folderPublisher({ dataDir, jobs: 2, env }),
        checkUpload: uploadProblem,
        republishRecord: notHere,
        withdraw: notHere,
        restore: notHere,
      },
    },
  );
  env.PUBLIC_BASE_URL = site.baseUrl;
  await makeAccount(site, 'carla', 'curator', PASSWORD);
  browser = await launchBrowser({ width: 768, height: 1024 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(root, { recursive: true, force: true });
});

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(axeTags).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

async function watchedPage(): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.context.newPage();
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
  });
  page.on('pageerror', (e) => blocked.push(String(e)));
  return { page, blocked };
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${site.baseUrl}/admin/sign-in?lang=nl`);
  await page.getByLabel('Gebruikersnaam').fill('carla');
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`${site.baseUrl}/admin`);
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('uploads and publish jobs in Chromium', () => {
  it('a curator uploads the Kant folder, publishes it with the keyboard and watches the job to its report', async () => {
    const { page, blocked } = await watchedPage();
    await signIn(page);
    await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'Opladen' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Scans opladen');
    await expect(page.locator('#batches').textContent()).resolves.toBe('Nog geen reeksen.');
    expect(await axe(page)).toEqual([]);

    // The connection drops under the first file's first PATCH: the page must go on from where it was.
    let cut = '';
    await page.route('**/admin/uploads/files/*', (route) => {
      if (cut === '' && route.request().method() === 'PATCH') {
        cut = route.request().url();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.setInputFiles('#pick-folder', path.join(SAMPLE_SOURCE, KANT));
    const files = page.locator('#upload-files li');
    await expect.poll(() => files.count()).toBe(6);
    await page.locator('#publish:not([disabled])').waitFor({ timeout: 60_000 });
    for (const li of await files.all()) await expect(li.textContent()).resolves.toMatch(/Opgeladen$/);
    expect(cut).toMatch(/\/admin\/uploads\/files\/[0-9a-f]+$/);
    await expect(files.first().textContent()).resolves.toMatch(new RegExp(`^${KANT}/`));
    expect(await page.locator('#overall').evaluate((p: HTMLProgressElement) => p.value === p.max && p.max > 5_000_000)).toBe(true);
    // Recent batches shows the batch without a reload, with its files' state and its publish button,
    // and says so politely to a screen reader.
    const recent = page.getByRole('region', { name: 'Recente reeksen' });
    const status = recent.getByRole('status');
    await expect.poll(() => status.textContent()).toBe(`${KANT} staat nu bij Recente reeksen.`);
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    const line = recent.locator('#batches li');
    await expect(line.count()).resolves.toBe(1);
    await expect(line.textContent()).resolves.toMatch(new RegExp(`^${KANT}: 6 bestand\\(en\\), alle ontvangen`));
    await expect(line.getByRole('button', { name: `${KANT} publiceren` }).isVisible()).resolves.toBe(true);
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: await screenshotPath('admin-uploads-done'), fullPage: true });

    await page.locator('#publish').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/jobs\/\d+$/);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Publicatietaak \d+$/);
    // Live progress, then the report once the job has ended (the page reloads itself).
    await page.getByRole('heading', { name: 'Verslag' }).waitFor({ timeout: 120_000 });
    await expect(page.locator('.job-state').textContent()).resolves.toBe('klaar');
    await expect(page.locator('.job-pages').textContent()).resolves.toBe('4 van 4 pagina’s');
    await expect(page.locator('.job-report').textContent()).resolves.toMatch(/^published 1 item\(s\), unchanged 0, failed 0; pages 4/);
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: await screenshotPath('admin-job-report'), fullPage: true });

    // The published item is named by its title, its id beside it.
    const published = page.locator('ul.published li');
    await expect(published.textContent()).resolves.toBe(`Beantwortung der Frage: Was ist Aufklärung? ${KANT}`);
    await published.getByRole('link', { name: 'Beantwortung der Frage: Was ist Aufklärung?' }).click();
    await page.waitForURL(`${site.baseUrl}/items/${KANT}`);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Aufklärung/);

    // Back on the uploads page, the batch links its job.
    await page.goto(`${site.baseUrl}/admin/uploads`);
    await expect(page.locator('#batches li').getByRole('link').textContent()).resolves.toMatch(/^Taak \d+$/);
    expect(blocked).toEqual([]);
    await page.close();
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`the uploads and jobs pages are axe-clean in ${lang} on a tablet`, async () => {
      const { page, blocked } = await watchedPage();
      await signIn(page);
      for (const p of ['/admin/uploads', '/admin/jobs', '/admin/jobs/1']) {
        await page.goto(`${site.baseUrl}${p}?lang=${lang}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await axe(page), p).toEqual([]);
        expect(await noSidewaysScroll(page), p).toBeLessThanOrEqual(0);
      }
      expect(blocked).toEqual([]);
      await page.close();
    });
  }
});
