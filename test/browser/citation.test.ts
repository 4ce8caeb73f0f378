// "Cite this" on an item page, in a real browser against the real server: the citation the page
// shows is the one its copy button puts on the clipboard and the one the viewer's Cite panel gives,
// and it names the holding institution, even when the record arrives well after the manifest. The
// rights are shown by name in the reader's language, linked to the statement.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT, launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.baseUrl });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const soon = { timeout: 15_000 };
const INSTITUTION = 'Zentral- und Landesbibliothek Berlin';
const SHELFMARK = 'Berlin ZLB, in: o XIV 16975-4.1784';

/** The item page; its record held back `recordDelayMs`, the count of records served in `records`. */
async function itemPage(path: string, recordDelayMs = 0): Promise<Page & { records: number }> {
  const page = Object.assign(await browser.context.newPage(), { records: 0 });
  // A slow record: the manifest, and the citation made from its metadata, come first.
  // It names a department the manifest does not, so the page can be seen to take the record's citation.
  await page.route(`**/records/${KANT}/record.json`, async (route) => {
    const record = (await (await route.fetch()).json()) as { shelfmark: string };
    await new Promise((r) => setTimeout(r, recordDelayMs));
    await route.fulfill({ json: { ...record, shelfmark: `${record.shelfmark} (Historische Sammlungen)` } });
    page.records++;
  });
  await page.goto(`${site.baseUrl}${path}`);
  return page;
}

async function shownCopiedAndPanel(page: Page): Promise<{ shown: string; copied: string; panel: string }> {
  const shown = (await page.locator('#citation').textContent()) ?? '';
  await page.locator('#copy-citation').click();
  await expect.poll(() => page.locator('#copy-status').textContent(), soon).not.toBe('');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await page.locator('leeszaal-viewer #open-cite').click();
  const panel = await page.locator('leeszaal-viewer leeszaal-cite-panel textarea').inputValue();
  return { shown, copied, panel };
}

describe('the citation on an item page', () => {
  it.each([
    ['at once', 0],
    ['when the record comes late', 2_000],
  ])('shows what it copies and what the Cite panel gives, naming the holding institution (%s)', async (_when, delay) => {
    const page = await itemPage(`/items/${KANT}?page=481&lang=en`, delay);
    await expect.poll(() => page.locator('#citation').textContent(), soon).toContain(INSTITUTION);
    // The record's citation, once it is there, not the one made from the manifest before it came.
    await expect.poll(() => page.records, soon).toBe(1);
    await expect
      .poll(() => page.locator('#citation').textContent(), soon)
      .toContain(`${INSTITUTION}, ${SHELFMARK} (Historische Sammlungen), p. 481.`);
    const { shown, copied, panel } = await shownCopiedAndPanel(page);
    await page.screenshot({ path: await screenshotPath(`citation-${delay}`) });
    expect(shown).toMatch(/^Kant, Immanuel|^Immanuel Kant/);
    expect(shown).toContain(`${INSTITUTION}, `);
    expect(shown).toContain('p. 481');
    expect(shown).not.toContain('Leeszaal,');
    expect(copied).toBe(shown);
    expect(panel).toBe(shown);
    await page.close();
  });

  it.each([
    ['nl', 'Rechten', 'Publiek domein (Public Domain Mark 1.0)'],
    ['fr', 'Droits', 'Domaine public (Public Domain Mark 1.0)'],
    ['en', 'Rights', 'Public Domain Mark 1.0'],
  ])('names the rights in %s, linked to the statement, on the page and in the viewer', async (lang, label, name) => {
    const page = await itemPage(`/items/${KANT}?lang=${lang}`);
    const onPage = page.locator('#about a[rel="license"]');
    await expect.poll(() => onPage.textContent(), soon).toBe(name);
    expect(await onPage.getAttribute('href')).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    expect(await page.locator('#about dt', { hasText: label }).count()).toBe(1);
    // Under the scan, where the viewer credits the item.
    const credit = page.locator('leeszaal-viewer .attribution a[rel="license"]');
    await expect.poll(() => credit.textContent(), soon).toBe(name);
    expect(await credit.getAttribute('href')).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    await page.locator('leeszaal-viewer #open-info').click();
    const inViewer = page.locator('leeszaal-viewer leeszaal-about-panel a[rel="license"]');
    await expect.poll(() => inViewer.textContent(), soon).toBe(name);
    expect(await inViewer.getAttribute('href')).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    await page.close();
  });
});
