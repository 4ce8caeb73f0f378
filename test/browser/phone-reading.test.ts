// Reading the text on a 360x740 phone, as a new user did: on the item page, open the text, choose
// "Tekst" alone, and with the viewer's toolbar at the top of the screen (the page scrolled no
// further) the text's box is most of the screen and, with the essay's body at its top (the title
// page's short lines above it read sparser), at least ten lines of Kant's page are in view at once
// at the default size, and still six after A+ twice; the rights and attribution are still shown.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT, launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const view = 'leeszaal-viewer leeszaal-text-view';

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ width: 360, height: 740 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Scrolls the viewer's toolbar to the top of the screen and the text to the essay's body, and
 * says how tall the text's box is in view and how many rows of text are wholly in view inside it.
 */
function textInView(page: Page): Promise<{ height: number; lines: number }> {
  return page.evaluate(() => {
    const viewer = document.querySelector('leeszaal-viewer')!;
    viewer.shadowRoot!.querySelector('.toolbar')!.scrollIntoView({ block: 'start' });
    const textView = viewer.shadowRoot!.querySelector('leeszaal-text-view')!;
    const text = textView.shadowRoot!.querySelector('.text')!;
    const body = [...text.querySelectorAll('.line')].find((l) => l.textContent!.startsWith('Aufkla'))!;
    text.scrollTop += body.getBoundingClientRect().top - text.getBoundingClientRect().top;
    const box = text.getBoundingClientRect();
    const top = Math.max(0, box.top);
    const bottom = Math.min(window.innerHeight, box.bottom);
    // Lines as a reader sees them: a printed line that wraps on a phone's width counts once per row.
    const row = Number.parseFloat(getComputedStyle(text).lineHeight);
    const lines = [...text.querySelectorAll('.line')]
      .map((line) => line.getBoundingClientRect())
      .filter((r) => r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1)
      .reduce((rows, r) => rows + Math.round(r.height / row), 0);
    return { height: bottom - top, lines };
  });
}

describe('the text on a phone', () => {
  it('gets most of the screen in text-only layout, rights and attribution still shown', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017`);
    await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
    await page.locator('leeszaal-viewer #open-text').click();
    await page.locator(`${view} .line`).first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.locator('leeszaal-viewer leeszaal-reading-layout button[data-layout="text"]').click();
    await expect.poll(() => page.locator('leeszaal-viewer .stage').isVisible()).toBe(false);

    const shown = await textInView(page);
    await page.screenshot({ path: await screenshotPath('phone-reading-text') });
    expect(shown.height).toBeGreaterThan(740 * 0.55);
    expect(shown.lines).toBeGreaterThanOrEqual(10);
    // The rights and attribution: shown in the viewer, under the text, with its licence link.
    const attribution = page.locator('leeszaal-viewer .attribution');
    await attribution.scrollIntoViewIfNeeded();
    expect(await attribution.isVisible()).toBe(true);
    expect(await attribution.textContent()).toMatch(/Rechten|Rights/);
    expect(await attribution.locator('a[rel="license"]').isVisible()).toBe(true);

    await page.locator(`${view} #text-larger`).click();
    await page.locator(`${view} #text-larger`).click();
    const larger = await textInView(page);
    await page.screenshot({ path: await screenshotPath('phone-reading-text-larger') });
    expect(larger.lines).toBeGreaterThanOrEqual(6);
    await page.close();
  });
});
