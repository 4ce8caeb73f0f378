// <leeszaal-viewer> does what a manifest asks (issue 15), each point against a small manifest made
// from the published sample in the shapes of the IIIF Cookbook: the start canvas (0202), a collection
// with navDates and the way back to it (0032), a top-to-bottom or continuous book as a strip (0011),
// a page whose image service fails, and a link's page given by its label. Real server, real Chromium.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { Router } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageStats, KANT, launchBrowser, screenshotPath, type Site, startSite, serveJsonFixtures } from './support.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixtures = new Map<string, Json>();
let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let kant: Json;
let kantUrl: string;

function fixtureRouter(): Router {
  const router = Router();
  serveJsonFixtures(router, '/asks-fixtures', fixtures);
  router.get('/asks-page', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Viewer test</title>
<style>leeszaal-viewer { --leeszaal-height: 700px; }</style><script type="module" src="/embed/leeszaal-viewer.js"></script></head>
<body><main><h1>Test</h1><leeszaal-viewer></leeszaal-viewer></main></body></html>`);
  });
  return router;
}

const url = (name: string) => `${site.baseUrl}/asks-fixtures/${name}`;

/** A copy of the Kant manifest under a fixture URL, changed by `change`. */
function kantFixture(name: string, change: (m: Json) => void): void {
  const m = structuredClone(kant);
  m.id = url(name);
  change(m);
  fixtures.set(name, m);
}

beforeAll(async () => {
  site = await startSite({ routers: [fixtureRouter()] });
  browser = await launchBrowser();
  kantUrl = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
  kant = JSON.parse(await readFile(path.join(site.dataDir, 'iiif/presentation', KANT, 'manifest.json'), 'utf8')) as Json;
  const canvasId = (i: number) => (kant.items as Json[])[i]!.id as string;
  kantFixture('start-canvas.json', (m) => {
    m.start = { id: canvasId(2), type: 'Canvas' };
  });
  kantFixture('start-resource.json', (m) => {
    m.start = { id: `${site.baseUrl}/start/sr`, type: 'SpecificResource', source: { id: canvasId(3), type: 'Canvas' } };
  });
  kantFixture('top-to-bottom.json', (m) => {
    m.viewingDirection = 'top-to-bottom';
    m.behavior = ['individuals'];
  });
  kantFixture('continuous.json', (m) => {
    m.behavior = ['continuous'];
  });
  kantFixture('broken-page.json', (m) => {
    m.items[1].items[0].items[0].body.service[0].id = `${site.baseUrl}/iiif/image/no-such-image-anywhere`;
  });
  const collection = JSON.parse(await readFile(path.join(site.dataDir, 'iiif/presentation/collection.json'), 'utf8')) as Json;
  const print = (collection.items as Json[]).find((m) => !String(m.id).includes(KANT))!;
  fixtures.set('collection.json', {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: url('collection.json'),
    type: 'Collection',
    label: { nl: ['Proefcollectie van de leeszaal'], en: ['Reading room sample'] },
    items: [
      { id: kantUrl, type: 'Manifest', label: { none: ['Was ist Aufklärung?'] }, navDate: '1784-12-01T00:00:00Z' },
      { id: print.id, type: 'Manifest', label: print.label, navDate: '1650-01-01T00:00:00Z' },
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens the test page (with a query string for `sync-url`) and points the viewer at a manifest. */
async function open(attrs: Record<string, string>, query = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${site.baseUrl}/asks-page${query}`);
  await page.waitForFunction(() => customElements.get('leeszaal-viewer') !== undefined);
  await page.evaluate((a) => {
    const v = document.querySelector('leeszaal-viewer')!;
    for (const [k, val] of Object.entries(a)) v.setAttribute(k, val);
  }, attrs);
  return page;
}

async function firstTile(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

const soon = { timeout: 10_000 };
const pageSelect = (page: Page) => page.locator('leeszaal-viewer #page-select').inputValue();
const notice = (page: Page) => page.locator('leeszaal-viewer .notice[role="alert"]');

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('start (cookbook 0202)', () => {
  it.each([
    ['a Canvas', 'start-canvas.json', '2'],
    ['a SpecificResource', 'start-resource.json', '3'],
  ])('opens at the start canvas given as %s', async (_name, fixture, want) => {
    const page = await open({ manifest: url(fixture) });
    await firstTile(page);
    expect(await pageSelect(page)).toBe(want);
    await page.close();
  });

  it('lets a link’s page win over the start canvas', async () => {
    const page = await open({ manifest: url('start-canvas.json'), 'sync-url': '' }, '?page=page-0001');
    await firstTile(page);
    expect(await pageSelect(page)).toBe('0');
    await page.close();
  });
});

describe('a collection (cookbook 0032)', () => {
  it('shows its title and the items’ dates, and leads back to it from an item, by keyboard too', async () => {
    const page = await open({ manifest: url('collection.json') });
    const items = page.locator('leeszaal-viewer .collection button');
    await expect.poll(() => items.count(), soon).toBe(2);
    expect(await page.locator('leeszaal-viewer').getByRole('heading', { name: 'Proefcollectie van de leeszaal' }).isVisible()).toBe(true);
    expect(await items.nth(0).textContent()).toContain('1 december 1784');
    expect(await items.nth(1).textContent()).toContain('1650');
    expect(await page.locator('leeszaal-viewer').getByRole('list', { name: 'Proefcollectie van de leeszaal' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('asks-collection') });

    await items.nth(0).focus();
    await page.keyboard.press('Enter');
    await firstTile(page);
    const back = page.locator('leeszaal-viewer').getByRole('button', { name: 'Terug naar de collectie “Proefcollectie van de leeszaal”' });
    expect(await back.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('asks-collection-item') });

    await back.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count(), soon).toBe(2);
    // Focus is back on the item that was opened, and the screen reader hears where it is.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('leeszaal-viewer')!.shadowRoot!.activeElement?.textContent ?? ''), soon)
      .toContain('Was ist Aufklärung?');
    await expect
      .poll(() => page.locator('leeszaal-viewer [role="status"]').last().textContent(), soon)
      .toBe('Proefcollectie van de leeszaal: 2 items in deze collectie');
    expect(await back.count()).toBe(0);
    await page.close();
  });
});

/** The world's items in the order they are laid out: their bounds in canvas pixels. */
const worldBounds = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector('leeszaal-viewer') as unknown as {
      zoom: {
        osd: { world: { getItemCount(): number; getItemAt(i: number): { getBounds(): { x: number; y: number; width: number; height: number } } } };
      };
    };
    const w = v.zoom.osd.world;
    return Array.from({ length: w.getItemCount() }, (_, i) => w.getItemAt(i).getBounds()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height }));
  });

describe('top-to-bottom and continuous (cookbook 0011)', () => {
  it('shows a top-to-bottom book as pages one under another, scrolled by the wheel and by page', async () => {
    const page = await open({ manifest: url('top-to-bottom.json') });
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #mode-select').inputValue()).toBe('strip');
    const bounds = await worldBounds(page);
    expect(bounds).toHaveLength(4);
    for (let i = 1; i < bounds.length; i++) {
      expect(bounds[i]!.y).toBeGreaterThan(bounds[i - 1]!.y + bounds[i - 1]!.h);
      expect(Math.abs(bounds[i]!.x + bounds[i]!.w / 2 - (bounds[0]!.x + bounds[0]!.w / 2))).toBeLessThan(1);
    }
    await page.waitForTimeout(800);
    await page.screenshot({ path: await screenshotPath('asks-strip') });
    const stage = (await page.locator('leeszaal-viewer #osd').boundingBox())!;
    const shot = await page.screenshot({ clip: { x: stage.x + stage.width / 2 - 60, y: stage.y + 40, width: 120, height: 120 } });
    expect((await imageStats(shot)).mean).toBeGreaterThan(90);

    // The wheel scrolls down the strip (it does not zoom); the page being read follows.
    const zoomLevel = () =>
      page.evaluate(() =>
        (document.querySelector('leeszaal-viewer') as unknown as { zoom: { osd: { viewport: { getZoom(): number } } } }).zoom.osd.viewport.getZoom(),
      );
    const before = await zoomLevel();
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(50);
    }
    await expect.poll(() => pageSelect(page), soon).not.toBe('0');
    expect(Math.abs((await zoomLevel()) / before - 1)).toBeLessThan(0.01);
    await page.screenshot({ path: await screenshotPath('asks-strip-scrolled') });

    // The page buttons move along the strip without leaving it.
    await page.locator('leeszaal-viewer #page-select').selectOption('0');
    await expect.poll(() => pageSelect(page), soon).toBe('0');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Volgende pagina' }).click();
    await expect.poll(() => pageSelect(page), soon).toBe('1');
    expect(await worldBounds(page)).toHaveLength(4);
    await page.close();
  });

  it('joins the parts of a continuous object without gaps', async () => {
    const page = await open({ manifest: url('continuous.json') });
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #mode-select').inputValue()).toBe('strip');
    const bounds = await worldBounds(page);
    expect(bounds).toHaveLength(4);
    for (let i = 1; i < bounds.length; i++) expect(Math.abs(bounds[i]!.y - (bounds[i - 1]!.y + bounds[i - 1]!.h))).toBeLessThan(1);
    await page.close();
  });
});

const worldSources = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector('leeszaal-viewer') as unknown as {
      zoom: { osd: { world: { getItemCount(): number; getItemAt(i: number): { source: { id?: string; '@id'?: string } } } } };
    };
    const w = v.zoom.osd.world;
    return Array.from({ length: w.getItemCount() }, (_, i) => String(w.getItemAt(i).source.id ?? w.getItemAt(i).source['@id']));
  });

describe('a page whose image service fails', () => {
  it('says which page failed, visibly and aloud, and the reader goes on', async () => {
    const page = await open({ manifest: url('broken-page.json'), lang: 'en' });
    await firstTile(page);
    expect(await notice(page).textContent()).toBe('');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => notice(page).textContent(), soon).toMatch(/The image of page .+ \(2 of 4\) could not be loaded/);
    expect(await notice(page).isVisible()).toBe(true);
    // The facing page of the spread still shows.
    await expect.poll(() => worldSources(page), soon).toEqual([kant.items[2].items[0].items[0].body.service[0].id]);
    await page.waitForTimeout(800);
    await page.screenshot({ path: await screenshotPath('asks-image-failed') });
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => pageSelect(page), soon).toBe('3');
    await expect.poll(() => notice(page).textContent(), soon).toBe('');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => notice(page).textContent(), soon).toMatch(/\(2 of 4\) could not be loaded/);
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => pageSelect(page), soon).toBe('0');
    await expect.poll(() => notice(page).textContent(), soon).toBe('');
    await page.close();
  });
});

describe('a link’s page by its label', () => {
  it('opens the page printed 481', async () => {
    const page = await open({ manifest: kantUrl, 'sync-url': '' }, '?page=481');
    await firstTile(page);
    expect(await pageSelect(page)).toBe('2');
    await expect.poll(() => page.evaluate(() => location.search), soon).toBe('?page=page-0017');
    expect(await notice(page).textContent()).toBe('');
    await page.close();
  });

  it('says when no page has it, and leaves the link as it was until the reader turns', async () => {
    const page = await open({ manifest: kantUrl, 'sync-url': '' }, '?page=9999');
    await firstTile(page);
    await expect.poll(() => notice(page).textContent(), soon).toMatch(/^Pagina “9999” bestaat niet in dit item; pagina .+ wordt getoond\.$/);
    expect(await notice(page).isVisible()).toBe(true);
    expect(await page.evaluate(() => location.search)).toBe('?page=9999');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('asks-page-not-found') });
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Volgende pagina' }).click();
    await expect.poll(() => notice(page).textContent(), soon).toBe('');
    await expect.poll(() => page.evaluate(() => location.search), soon).toMatch(/^\?page=page-0016/);
    await page.close();
  });
});
