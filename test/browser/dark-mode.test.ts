// The reading room for a reader whose device is set to dark (prefers-color-scheme: dark, emulated in
// real Chromium on the published sample), on a desktop and on a 360-pixel phone: the site's pages
// (home, search with results, not found) and the item page with the text view open and each of the
// viewer's panels in turn, the compare view and a notice. Each is checked to be really dark (the
// luminance of the backgrounds a person sees: the page's, the viewer's toolbar, the open panel) and
// scanned by axe (WCAG 2.2 AA, colour contrast included). Screenshots go to .tmp/screenshots/dark-*.
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, luminance, shownBackground } from './colours.ts';
import { KANT, launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  context = browser.context;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const soon = { timeout: 15_000 };
/** Dark paper: near-black (the light theme's paper is about 0.94, its toolbar 0.88). */
const DARK = 0.05;
/** Light ink on it. */
const LIGHT = 0.6;

/** Axe's WCAG 2.2 AA findings on the page, one line each. */
async function axe(page: Page): Promise<string[]> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Luminance of the background a person sees behind the element, and of its text. */
async function shown(locator: Locator): Promise<{ background: number; ink: number }> {
  const background = await locator.evaluate(shownBackground);
  const ink = await locator.evaluate((el) => getComputedStyle(el).color);
  return { background: luminance(background), ink: luminance(ink) };
}

/**
 * The focus ring of the element focused from the keyboard (looking through shadow roots): whether it is drawn, and its
 * contrast with the background around it (WCAG 2.2 asks 3:1 of a focus indicator against what is next to it).
 */
async function focusRing(page: Page): Promise<{ drawn: boolean; contrast: number }> {
  const focused = await page.evaluateHandle(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a!;
  });
  const ring = await focused.evaluate((el) => {
    const s = getComputedStyle(el);
    return { drawn: el.matches(':focus-visible') && s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2, colour: s.outlineColor };
  });
  const around = await focused.evaluateHandle((el) => el.parentElement ?? (el.getRootNode() as ShadowRoot).host);
  const behind = await around.evaluate(shownBackground);
  return { drawn: ring.drawn, contrast: contrast(luminance(ring.colour), luminance(behind)) };
}

async function openDark(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize(viewport);
  await page.goto(`${site.baseUrl}${path}`);
  return page;
}

const firstTile = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });

/** Clicks a toolbar button, opening the phone's "more" menu first when the button is in it. */
async function toolbarClick(page: Page, id: string): Promise<void> {
  const button = page.locator(`leeszaal-viewer #${id}`);
  if (!(await button.isVisible())) await page.locator('leeszaal-viewer #more').click();
  await button.click();
}

const screens = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 360, height: 740 }],
] as const;

describe.each(screens)('dark mode on a %s', (screen, viewport) => {
  it.each([
    ['home', '/', (page: Page) => page.locator('.card').first().waitFor()],
    ['search', '/search?q=kant', (page: Page) => page.locator('.result').first().waitFor()],
    ['not-found', '/items/no-such-item', async () => undefined],
  ])('the %s page is dark, with light text, and axe finds nothing', async (name, path, ready) => {
    const page = await openDark(path, viewport);
    await ready(page);
    await page.screenshot({ path: await screenshotPath(`dark-${screen}-${name}`), fullPage: true });
    const body = await shown(page.locator('body'));
    expect(body.background).toBeLessThan(DARK);
    expect(body.ink).toBeGreaterThan(LIGHT);
    expect((await shown(page.locator('.site-header'))).background).toBeLessThan(DARK);
    // Form controls follow the scheme too (color-scheme), not a white field on dark paper.
    if (name === 'search') expect((await shown(page.locator('#q'))).background).toBeLessThan(DARK);
    // The first stop of the keyboard (the skip link), then the brand's link: each with a ring that shows on dark paper.
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Tab');
      const ring = await focusRing(page);
      expect(ring.drawn).toBe(true);
      expect(ring.contrast).toBeGreaterThanOrEqual(3);
    }
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('the item page with the text open and each panel in turn is dark, and axe finds nothing', async () => {
    const page = await openDark(`/items/${KANT}?page=page-0017`, viewport);
    await firstTile(page);
    const toolbar = await shown(page.locator('leeszaal-viewer .toolbar'));
    expect(toolbar.background).toBeLessThan(DARK);
    expect(toolbar.ink).toBeGreaterThan(LIGHT);
    expect((await shown(page.locator('leeszaal-viewer #open-text'))).background).toBeLessThan(DARK);
    expect((await shown(page.locator('leeszaal-viewer leeszaal-thumbnails button').first())).background).toBeLessThan(DARK);
    // From the page list the keyboard goes on to "next": its ring shows on the dark toolbar.
    await page.locator('leeszaal-viewer #page-select').focus();
    await page.keyboard.press('Tab');
    const ring = await focusRing(page);
    expect(ring.drawn).toBe(true);
    expect(ring.contrast).toBeGreaterThanOrEqual(3);
    await page.locator('leeszaal-viewer #open-text').click();
    const line = page.locator('leeszaal-viewer leeszaal-text-view .line').first();
    await line.waitFor(soon);
    expect((await shown(line)).background).toBeLessThan(DARK);
    await page.screenshot({ path: await screenshotPath(`dark-${screen}-item-text`) });
    expect(await axe(page)).toEqual([]);
    // Where the toolbar folds the other controls into "more", its open menu is dark too.
    const more = page.locator('leeszaal-viewer #more');
    if (await more.isVisible()) {
      await more.click();
      const menu = page.locator('leeszaal-viewer #more-controls');
      expect((await shown(menu)).background).toBeLessThan(DARK);
      await page.screenshot({ path: await screenshotPath(`dark-${screen}-more`) });
      expect(await axe(page)).toEqual([]);
      await more.click();
    }
    for (const panel of ['contents', 'info', 'search', 'cite', 'share', 'download']) {
      await toolbarClick(page, `open-${panel}`);
      const section = page.locator('leeszaal-viewer .panel');
      await section.waitFor(soon);
      if (panel === 'search') {
        await page.locator('leeszaal-viewer leeszaal-search-panel input').fill('Unmündigkeit');
        await page.keyboard.press('Enter');
        await page.locator('leeszaal-viewer leeszaal-search-panel li button').first().waitFor(soon);
      }
      const look = await shown(section);
      expect(look.background, panel).toBeLessThan(DARK);
      expect(look.ink, panel).toBeGreaterThan(LIGHT);
      await page.screenshot({ path: await screenshotPath(`dark-${screen}-panel-${panel}`) });
      expect(await axe(page), panel).toEqual([]);
      await page.locator('leeszaal-viewer .panel-head button').click();
      await expect.poll(() => section.count(), soon).toBe(0);
    }
    await page.close();
  });

  it('compare and a notice are dark, and axe finds nothing', async () => {
    // A link to a page the book does not have: the viewer opens the first and says so.
    const page = await openDark(`/items/${KANT}?page=no-such-page`, viewport);
    await firstTile(page);
    const notice = page.locator('leeszaal-viewer .notice p').first();
    await notice.waitFor(soon);
    expect((await shown(notice)).background).toBeLessThan(DARK);
    expect(await axe(page)).toEqual([]);
    if (!(await page.locator('leeszaal-viewer #mode-select').isVisible())) await page.locator('leeszaal-viewer #more').click();
    await page.locator('leeszaal-viewer #mode-select').selectOption('compare');
    const bar = page.locator('leeszaal-viewer leeszaal-compare-bar');
    await bar.waitFor(soon);
    expect((await shown(bar)).background).toBeLessThan(DARK);
    await page.screenshot({ path: await screenshotPath(`dark-${screen}-compare`) });
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});
