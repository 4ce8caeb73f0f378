// The curators' workspace in real Chromium: a new admin opens their one-time link, sets a password,
// signs in with the keyboard, adds a curator and signs out; every page is axe-clean (WCAG 2.2 AA) in
// nl, fr and en, fits a tablet, and breaks nothing under the admin CSP. Screenshots in .tmp/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../server/admin/accounts/manage.ts';
import { setPasswordUrl } from '../../server/admin/accounts/set-password-links.ts';
import { type AdminServer, makeAccount, startAdminServer } from '../support/admin.ts';
import { ensureBuilt, launchBrowser, screenshotPath } from './support.ts';

const PASSWORD = 'een zin die ik onthoud';
let site: AdminServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  ensureBuilt();
  site = await startAdminServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(axeTags).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** A page that records what the admin CSP blocked, so a test can insist nothing was. */
async function watchedPage(): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.context.newPage();
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
  });
  page.on('pageerror', (e) => blocked.push(String(e)));
  return { page, blocked };
}

async function signInWithKeyboard(page: Page, name: string, password: string): Promise<void> {
  await page.goto(`${site.baseUrl}/admin/sign-in`);
  await page.keyboard.press('Tab'); // the skip link first
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
  await page.getByLabel(/Gebruikersnaam|Nom d’utilisateur|User name/).focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${site.baseUrl}/admin`);
}

describe('admin pages in Chromium', () => {
  it('a new admin sets a password through their link, signs in with the keyboard, adds a curator and signs out', async () => {
    const { token } = addAccount(site.leeszaal.admin.db, { name: 'test' }, 'anna', 'admin', 3_600_000);
    const { page, blocked } = await watchedPage();

    await page.goto(setPasswordUrl(site.baseUrl, token));
    await expect(page.locator('h1').textContent()).resolves.toBe('Wachtwoord instellen');
    await page.getByLabel('Nieuw wachtwoord').fill('te kort');
    await page.getByLabel('Herhaal het wachtwoord').fill('te kort');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    // The browser's own check (minlength) stops the form first; the server says the same if it gets that far.
    expect(page.url()).toContain('/admin/set-password/');
    await page.getByLabel('Nieuw wachtwoord').fill(PASSWORD);
    await page.getByLabel('Herhaal het wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/admin\/sign-in\?done=password-set$/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Uw wachtwoord is ingesteld');

    await signInWithKeyboard(page, 'anna', PASSWORD);
    await expect(page.locator('h1').textContent()).resolves.toBe('Overzicht');
    await expect(page.locator('.who strong').textContent()).resolves.toBe('anna');

    await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Gebruikersnaam').fill('bert');
    await page.getByLabel('Rol').selectOption('curator');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    const link = await page.locator('#new-link').inputValue();
    expect(link).toMatch(new RegExp(`^${site.baseUrl}/admin/set-password/[A-Za-z0-9_-]{43}$`));
    // The copy button is the page's script at work (viewer/admin/accounts.ts, allowed by the CSP).
    await expect(page.getByRole('button', { name: 'Link kopiëren' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('row', { name: /bert/ }).textContent()).resolves.toContain('wacht op wachtwoord');
    await page.screenshot({ path: await screenshotPath('admin-accounts-link'), fullPage: true });

    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL(/\/admin\/sign-in\?done=signed-out$/);
    await page.goto(`${site.baseUrl}/admin/accounts`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('a wrong password is told in the page’s language, on the field, and the sign-in page is screenshotted', async () => {
    const { page } = await watchedPage();
    await page.goto(`${site.baseUrl}/admin/sign-in?lang=en`);
    await page.getByLabel('User name').fill('anna');
    await page.getByLabel('Password').fill('not my password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('The user name or password is not right.');
    await expect(page.getByLabel('User name').getAttribute('aria-describedby')).resolves.toBe('notice');
    await page.screenshot({ path: await screenshotPath('admin-sign-in-refused') });
    await page.close();
  });

  for (const lang of ['nl', 'fr', 'en'] as const) {
    it(`every page is axe-clean in ${lang}, fits a tablet and has <html lang="${lang}">`, async () => {
      const name = `admin-${lang}`;
      await makeAccount(site, name, 'admin', PASSWORD);
      const { token } = addAccount(site.leeszaal.admin.db, { name: 'test' }, `pending-${lang}`, 'curator', 3_600_000);
      const { page, blocked } = await watchedPage();
      await page.setViewportSize({ width: 768, height: 1024 });
      const check = async (path: string) => {
        await page.goto(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await axe(page), path).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} scrolls sideways on a tablet`).toBeLessThanOrEqual(0);
      };
      await check('/admin/sign-in');
      await check(`/admin/set-password/${token}`);
      await signInWithKeyboard(page, name, PASSWORD);
      for (const path of ['/admin/no-such-page', '/admin', '/admin/accounts', '/admin/audit']) await check(path);
      await page.screenshot({ path: await screenshotPath(`admin-audit-tablet-${lang}`), fullPage: true });
      expect(blocked).toEqual([]);
      await page.close();
    });
  }
});
