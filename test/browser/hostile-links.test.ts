// Nothing from outside runs as ours: a manifest whose links are `javascript:` URLs (rights, provider
// homepage, homepage, seeAlso, metadata HTML, its image) shown by the viewer on a page without any
// Content Security Policy, and item pages handed a Content State that points elsewhere. Real
// server, real Chromium; every anchor in the viewer's shadow trees is inspected and clicked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { Router } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeContentState } from '../../viewer/component/content-state.ts';
import { KANT, launchBrowser, screenshotPath, type Site, startSite, serveJsonFixtures } from './support.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixtures = new Map<string, Json>();
let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let kant: Json;

const PWN = (n: number) => `javascript:window.__pwned=${n}`;

function fixtureRouter(): Router {
  const router = Router();
  serveJsonFixtures(router, '/test-fixtures', fixtures);
  // An embedding site with no Content Security Policy at all: only the viewer stands between a
  // hostile manifest and the page's script.
  router.get('/test-page', (_req, res) => {
    res.removeHeader('Content-Security-Policy');
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embedding site</title>
<script type="module" src="/embed/leeszaal-viewer.js"></script></head>
<body><main><h1>Embedding site</h1><leeszaal-viewer lang="en" style="--leeszaal-height: 600px"></leeszaal-viewer></main></body></html>`);
  });
  return router;
}

beforeAll(async () => {
  site = await startSite({ routers: [fixtureRouter()] });
  browser = await launchBrowser();
  kant = JSON.parse(await readFile(path.join(site.dataDir, 'iiif/presentation', KANT, 'manifest.json'), 'utf8')) as Json;

  const hostile = structuredClone(kant);
  hostile.id = `${site.baseUrl}/test-fixtures/hostile.json`;
  hostile.rights = PWN(1);
  hostile.homepage = [{ id: PWN(2), type: 'Text', label: { en: ['Home'] }, format: 'text/html' }];
  hostile.provider = [
    {
      id: `${site.baseUrl}/provider`,
      type: 'Agent',
      label: { en: ['Provider'] },
      homepage: [{ id: ` java\tscript:window.__pwned=3`, type: 'Text', label: { en: ['x'] } }],
    },
  ];
  hostile.seeAlso = [{ id: PWN(4), type: 'Dataset', label: { en: ['Record'] }, format: 'application/json' }];
  hostile.requiredStatement = {
    label: { en: ['Attribution'] },
    value: { en: [`<span><a href="${PWN(5)}">credit</a> <a href="https://example.org/ok">ok</a></span>`] },
  };
  hostile.metadata = [{ label: { en: ['Link'] }, value: { none: [`<p><a href="JaVaScRiPt:window.__pwned=6">click</a></p>`] } }];
  fixtures.set('hostile.json', hostile);

  // A page whose image is a script URL: the download links are made from it.
  const badImage = structuredClone(kant);
  badImage.id = `${site.baseUrl}/test-fixtures/bad-image.json`;
  badImage.items = [structuredClone(kant.items[0])];
  const body = badImage.items[0].items[0].items[0].body as Json;
  body.id = `${PWN(7)};//x.jpg`;
  body.service = [{ id: `${PWN(8)};//`, type: 'ImageService3', profile: 'level0' }];
  fixtures.set('bad-image.json', badImage);

  const foreign = structuredClone(kant);
  foreign.label = { en: ['A manifest from elsewhere'] };
  fixtures.set('foreign.json', foreign);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Every anchor in the document and in every shadow root under it: href attribute and text. */
function anchors(page: Page): Promise<{ href: string | null; text: string }[]> {
  return page.evaluate(() => {
    const found: { href: string | null; text: string }[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const a of root.querySelectorAll('a')) found.push({ href: a.getAttribute('href'), text: a.textContent ?? '' });
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return found;
  });
}

/** Clicks every element in the viewer whose text is one of `texts`, then reports whether any script ran. */
async function clickAll(page: Page, texts: string[]): Promise<unknown> {
  for (const text of texts) {
    const hits = page.locator('leeszaal-viewer').getByText(text, { exact: true });
    for (let i = 0; i < (await hits.count()); i++) await hits.nth(i).click({ force: true, noWaitAfter: true });
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
}

const isWebHref = (href: string | null) => href === null || /^(https?:\/\/|\/|\?|#)/i.test(href);

async function openViewer(manifest: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${site.baseUrl}/test-page`);
  await page.waitForFunction(() => customElements.get('leeszaal-viewer') !== undefined);
  await page.evaluate((m) => document.querySelector('leeszaal-viewer')!.setAttribute('manifest', m), manifest);
  await page.locator('leeszaal-viewer #open-info').waitFor();
  return page;
}

describe('a hostile manifest in the viewer, on a page without a CSP', () => {
  it('makes no anchor of a script URL, shows the text, and clicking runs nothing', async () => {
    const page = await openViewer(`${site.baseUrl}/test-fixtures/hostile.json`);
    await page.locator('leeszaal-viewer #open-info').click();
    await expect.poll(() => page.locator('leeszaal-viewer .panel dd').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    await page.screenshot({ path: await screenshotPath('hostile-links-about') });
    const all = await anchors(page);
    expect(all.filter((a) => !isWebHref(a.href))).toEqual([]);
    // The rights URL stays readable as text; the safe link beside the hostile one is kept.
    expect(await page.locator('leeszaal-viewer leeszaal-about-panel dl').textContent()).toContain(PWN(1));
    expect(all).toContainEqual({ href: 'https://example.org/ok', text: 'ok' });
    expect(await clickAll(page, [PWN(1), 'Provider', 'credit', 'click'])).toBeUndefined();
    await page.close();
  });

  it('makes no download link of a script image URL', async () => {
    const page = await openViewer(`${site.baseUrl}/test-fixtures/bad-image.json`);
    await page.locator('leeszaal-viewer #open-download').click();
    // The view and whole-page entries are there, as text: their URLs would be the script.
    const entries = page.locator('leeszaal-viewer leeszaal-download-panel li');
    await expect.poll(() => entries.allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^Whole page/)]));
    const all = await anchors(page);
    expect(all.filter((a) => !isWebHref(a.href))).toEqual([]);
    for (const text of ['Current view', 'Whole page']) {
      const entry = entries.filter({ hasText: text });
      if ((await entry.count()) === 0) continue;
      expect(await entry.locator('a').count()).toBe(0);
      await entry.click();
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe('item pages and Content States', () => {
  const kantTitle = async (page: Page) => (await page.locator('h1#title').textContent())?.trim();

  it('refuse a Content State that points to a manifest elsewhere, and say so', async () => {
    // Another origin (localhost for 127.0.0.1) serving a manifest that claims a title of its own.
    const elsewhere = site.baseUrl.replace('127.0.0.1', 'localhost');
    const state = encodeContentState({ manifest: `${elsewhere}/test-fixtures/foreign.json` });
    const page = await browser.context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto(`${site.baseUrl}/items/${KANT}?iiif-content=${state}&lang=en`);
    await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
    const notice = page.locator('p.notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe(
      `This link pointed to a manifest from ${new URL(elsewhere).host}, which is not part of this collection. It was not opened; this page shows its own item.`,
    );
    await page.waitForTimeout(500);
    expect(fetched.filter((u) => u.includes('foreign.json'))).toEqual([]);
    const title = await kantTitle(page);
    expect(title).toMatch(/Aufklärung/);
    expect(await page.title()).not.toContain('elsewhere');
    expect(await page.locator('#citation').textContent()).not.toContain('elsewhere');
    await page.screenshot({ path: await screenshotPath('item-foreign-content-state') });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.close();
  });

  it('move to the item a Content State names when it is another item of this site', async () => {
    const collection = JSON.parse(await readFile(path.join(site.dataDir, 'iiif/presentation/collection.json'), 'utf8')) as Json;
    const other = (collection.items as Json[]).map((m) => String(m.id)).find((id) => !id.includes(KANT))!;
    const otherId = /\/presentation\/([^/]+)\/manifest\.json$/.exec(other)![1]!;
    const page = await browser.context.newPage();
    await page.goto(`${site.baseUrl}/items/${KANT}?iiif-content=${encodeContentState({ manifest: other })}`);
    await page.waitForURL((u) => u.pathname === `/items/${otherId}`);
    expect(await page.locator('p.notice').isVisible()).toBe(false);
    await page.close();
  });
});
