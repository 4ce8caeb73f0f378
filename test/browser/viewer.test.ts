// <leeszaal-viewer> on its own (the standalone bundle on a plain page) against manifests made from
// the published sample: a book of 1,000 pages, a right-to-left Presentation 2 book, a Content State,
// a collection, a page without an image service, hostile metadata, compare mode, the share, cite
// and download panels, events and CSS parts. Real server, real Chromium, nothing mocked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContentState, encodeContentState } from '../../viewer/component/content-state.ts';
import { imageStats, KANT, launchBrowser, screenshotPath, type Site, startSite, serveJsonFixtures, printFontLoaded, textWidths } from './support.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixtures = new Map<string, Json>();
let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let kant: Json;

function fixtureRouter(): Router {
  const router = Router();
  serveJsonFixtures(router, '/test-fixtures', fixtures);
  router.get('/test-page', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Viewer test</title>
<link rel="stylesheet" href="/test-fixtures-css"><script type="module" src="/embed/leeszaal-viewer.js"></script></head>
<body><main><h1>Test</h1><leeszaal-viewer></leeszaal-viewer></main></body></html>`);
  });
  router.get('/test-fixtures-css', (_req, res) => {
    res.type('css').send('leeszaal-viewer { --leeszaal-height: 700px; } leeszaal-viewer::part(toolbar) { background: rgb(10, 20, 30); }');
  });
  return router;
}

const url = (name: string) => `${site.baseUrl}/test-fixtures/${name}`;

beforeAll(async () => {
  site = await startSite({ routers: [fixtureRouter()] });
  browser = await launchBrowser();
  kant = JSON.parse(await readFile(path.join(site.dataDir, 'iiif/presentation', KANT, 'manifest.json'), 'utf8')) as Json;
  const canvases = kant.items as Json[];
  const body = (c: Json) => c.items[0].items[0].body as Json;

  const big = structuredClone(kant);
  big.id = url('big.json');
  big.structures = [
    {
      id: `${site.baseUrl}/test/big/range/r1`,
      type: 'Range',
      label: { nl: ['Deel twee'] },
      items: [
        {
          id: `${site.baseUrl}/test/big/range/r2`,
          type: 'Range',
          label: { nl: ['Hoofdstuk vijfhonderd'] },
          items: [{ id: `${site.baseUrl}/test/big/canvas/p0500`, type: 'Canvas' }],
        },
      ],
    },
  ];
  big.items = Array.from({ length: 1000 }, (_, i) => {
    const c = structuredClone(canvases[i % canvases.length]!);
    c.id = `${site.baseUrl}/test/big/canvas/p${String(i + 1).padStart(4, '0')}`;
    c.label = { none: [String(i + 1)] };
    c.items[0].items[0].target = c.id;
    return c;
  });
  fixtures.set('big.json', big);

  fixtures.set('p2-rtl.json', {
    '@context': 'http://iiif.io/api/presentation/2/context.json',
    '@id': url('p2-rtl.json'),
    '@type': 'sc:Manifest',
    label: 'Right to left',
    viewingHint: 'paged',
    viewingDirection: 'right-to-left',
    sequences: [
      {
        '@type': 'sc:Sequence',
        canvases: canvases.map((c, i) => ({
          '@id': `${site.baseUrl}/test/rtl/canvas/c${i + 1}`,
          '@type': 'sc:Canvas',
          label: `folio ${i + 1}`,
          width: c.width,
          height: c.height,
          images: [
            {
              '@type': 'oa:Annotation',
              motivation: 'sc:painting',
              on: `${site.baseUrl}/test/rtl/canvas/c${i + 1}`,
              resource: {
                '@id': body(c).id,
                '@type': 'dctypes:Image',
                service: { '@context': 'http://iiif.io/api/image/3/context.json', '@id': body(c).service[0].id, profile: 'level0' },
              },
            },
          ],
        })),
      },
    ],
  });

  const plain = structuredClone(kant);
  plain.id = url('plain.json');
  plain.items = [structuredClone(canvases[2]!)];
  delete plain.items[0].items[0].items[0].body.service;
  plain.items[0].items[0].items[0].body.id = `${body(canvases[2]!).service[0].id}/full/800,/0/default.jpg`;
  fixtures.set('plain.json', plain);

  const hostile = structuredClone(kant);
  hostile.id = url('hostile.json');
  hostile.metadata = [
    { label: { en: ['Safe'] }, value: { none: ['<p>A <b>bold</b> <i>claim</i> with <a href="https://example.org/x">a link</a><sup>1</sup></p>'] } },
    { label: { en: ['Script'] }, value: { none: ['<p>before<script>window.__pwned = 1</script>after</p>'] } },
    { label: { en: ['Handler'] }, value: { none: ['<span><img src="x" onerror="window.__pwned = 2">x</span>'] } },
    {
      label: { en: ['Link'] },
      value: {
        none: ['<p><a href="javascript:window.__pwned=3">click</a><iframe src="https://example.org"></iframe><div style="color:red">div</div></p>'],
      },
    },
    { label: { en: ['Text'] }, value: { none: ['1 < 2 and <b>not html'] } },
  ];
  fixtures.set('hostile.json', hostile);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens the test page and points the viewer at a manifest (or other attributes). */
async function open(attrs: Record<string, string>, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${site.baseUrl}/test-page`);
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

async function centre(page: Page, selector: string, name: string) {
  const box = (await page.locator(`leeszaal-viewer ${selector}`).boundingBox())!;
  const side = Math.min(120, box.width / 3, box.height / 3);
  const png = await page.screenshot({
    path: await screenshotPath(name),
    clip: { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side },
  });
  return imageStats(png);
}

const soon = { timeout: 10_000 };

/** The manifest URL of a one-page print of the sample collection (any item but Kant's). */
async function otherPrintManifest(): Promise<string> {
  const collection = JSON.parse(await readFile(path.join(site.dataDir, 'iiif/presentation/collection.json'), 'utf8')) as Json;
  return (collection.items as Json[]).find((m) => !String(m.id).includes(KANT))!.id as string;
}

/**
 * In compare mode, opens the one-page manifest at `manifestUrl` beside the item and checks that the
 * right-hand view shows its page (screenshot `<shot>.png`).
 */
async function compareWith(page: Page, manifestUrl: string, shot: string): Promise<void> {
  await page.locator('leeszaal-viewer #compare-url').fill(manifestUrl);
  await page.locator('leeszaal-viewer').getByRole('button', { name: 'Openen' }).click();
  await expect.poll(() => page.locator('leeszaal-viewer #compare-page option').count(), soon).toBe(1);
  await page.locator('leeszaal-viewer').getByRole('button', { name: 'Hele pagina tonen' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: await screenshotPath(shot) });
  expect((await centre(page, '#osd2', `${shot}-right`)).stdev).toBeGreaterThan(10);
}
/** Internal state read in tests (the viewer's private fields are plain properties at run time). */
const viewerState = <T>(page: Page, fn: string): Promise<T> =>
  page.evaluate(`(() => { const v = document.querySelector('leeszaal-viewer'); return (${fn})(v); })()`) as Promise<T>;

describe('a book of 1,000 pages', () => {
  it('keeps the thumbnail strip small and lazy, and jumps anywhere', async () => {
    const page = await open({ manifest: url('big.json') });
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #page-select option').count()).toBe(1000);
    const rendered = await page.locator('leeszaal-viewer leeszaal-thumbnails button').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    // Thumbnails are whole-image sizes, `full/w,h` (a pyramid level, so no longer always 200 wide).
    const images = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /\/full\/\d+,\d+\/0\//.test(r.name)).length);
    expect(images).toBeGreaterThan(0);
    expect(images).toBeLessThan(40);
    await page.locator('leeszaal-viewer #page-select').selectOption('999');
    await expect
      .poll(() => page.locator('leeszaal-viewer leeszaal-thumbnails button[aria-current="page"]').getAttribute('aria-label'), soon)
      .toBe('Ga naar pagina 1000');
    expect(await page.locator('leeszaal-viewer leeszaal-thumbnails button').count()).toBeLessThan(40);
    await page.screenshot({ path: await screenshotPath('viewer-1000-pages') });
    await page.locator('leeszaal-viewer #open-contents').click();
    await page.locator('leeszaal-viewer .toc button', { hasText: 'Hoofdstuk vijfhonderd' }).click();
    await expect.poll(() => page.locator('leeszaal-viewer #page-select').inputValue(), soon).toBe('499');
    await page.close();
  });
});

describe('Presentation 2, right to left, paged', () => {
  it('opens in book view with the later page on the left', async () => {
    const page = await open({ manifest: url('p2-rtl.json') });
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #mode-select').inputValue()).toBe('book');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Volgende pagina' }).click();
    await expect.poll(() => page.locator('leeszaal-viewer #page-select').inputValue(), soon).toBe('1');
    await page.waitForTimeout(800);
    // World items in visual order, left to right: folio 3, then folio 2.
    const sources = await viewerState<string[]>(
      page,
      `(v) => { const w = v.zoom.osd.world; return Array.from({ length: w.getItemCount() }, (_, i) => w.getItemAt(i)).sort((a, b) => a.getBounds().x - b.getBounds().x).map((it) => String(it.source.id ?? it.source['@id'])) }`,
    );
    const services = (kant.items as Json[]).map((c) => c.items[0].items[0].body.service[0].id as string);
    expect(sources).toEqual([services[2], services[1]]);
    // The thumbnail strip runs from the right too.
    const first = (await page.locator('leeszaal-viewer leeszaal-thumbnails button[data-index="0"]').boundingBox())!;
    const last = (await page.locator('leeszaal-viewer leeszaal-thumbnails button[data-index="3"]').boundingBox())!;
    expect(first.x).toBeGreaterThan(last.x);
    await page.screenshot({ path: await screenshotPath('viewer-rtl-book') });
    await page.close();
  });
});

describe('IIIF Content State', () => {
  it('opens the canvas and region it names', async () => {
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const canvas = (kant.items as Json[])[2]!.id as string;
    const state = encodeContentState({ manifest, canvas, region: { x: 200, y: 300, w: 500, h: 400 } });
    const page = await open({ 'iiif-content': state });
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #page-select').inputValue()).toBe('2');
    const region = await viewerState<{ x: number; y: number; w: number; h: number }>(page, '(v) => v.region');
    expect(region.x).toBeLessThanOrEqual(205);
    expect(region.x + region.w).toBeGreaterThanOrEqual(695);
    expect(region.w).toBeLessThan(1400);
    await page.close();
  });
});

describe('the embeddable viewer', () => {
  it('sets early print in the face it carries inside its one file', async () => {
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const page = await open({ 'iiif-content': encodeContentState({ manifest, canvas: (kant.items as Json[])[2]!.id as string }) });
    await firstTile(page);
    await page.locator('leeszaal-viewer #open-text').click();
    await page.locator('leeszaal-viewer leeszaal-text-view .text.print .line').first().waitFor(soon);
    await printFontLoaded(page, soon);
    const widths = await textWidths(page.locator('leeszaal-viewer leeszaal-text-view .text'), { a: 'a', ae: 'a\u0364' });
    // Drawn by the face, the superscript e takes no width of its own; a missing-glyph box would.
    expect(widths.ae).toBeCloseTo(widths.a, 1);
    await page.close();
  });
});

describe('a collection', () => {
  it('lists its items and opens one', async () => {
    const page = await open({ manifest: `${site.baseUrl}/iiif/presentation/collection.json` });
    const items = page.locator('leeszaal-viewer .collection button');
    await expect.poll(() => items.count(), soon).toBe(4);
    await page.locator('leeszaal-viewer .collection button', { hasText: 'Aufklärung' }).click();
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #page-select option').count()).toBe(4);
    await page.close();
  });
});

describe('a page without an image service', () => {
  it('shows the plain image', async () => {
    const page = await open({ manifest: url('plain.json') });
    await firstTile(page);
    const { mean, stdev } = await centre(page, '#osd', 'viewer-plain-image');
    expect(mean).toBeGreaterThan(90);
    expect(stdev).toBeGreaterThan(10);
    await page.close();
  });
});

describe('metadata HTML', () => {
  it('keeps what IIIF allows and drops scripts, handlers and other tags', async () => {
    const page = await open({ manifest: url('hostile.json'), lang: 'en' });
    await firstTile(page);
    await page.locator('leeszaal-viewer #open-info').click();
    const dd = page.locator('leeszaal-viewer .panel dd');
    await expect.poll(() => dd.count(), soon).toBeGreaterThan(4);
    const html = await page.locator('leeszaal-viewer .panel dl').innerHTML();
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer" target="_blank">a link</a>');
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|<div|style=/);
    expect(await dd.nth(4).textContent()).toBe('1 < 2 and <b>not html');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe('compare', () => {
  it('shows a second page beside the first and zooms them together', async () => {
    const page = await open({ manifest: `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json` });
    await firstTile(page);
    await page.locator('leeszaal-viewer #mode-select').selectOption('compare');
    await expect.poll(() => page.locator('leeszaal-viewer #osd2').isVisible(), soon).toBe(true);
    await page.locator('leeszaal-viewer #compare-page').selectOption('2');
    await page.waitForTimeout(1500);
    const right = await centre(page, '#osd2', 'viewer-compare-right');
    expect(right.mean).toBeGreaterThan(90);
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Inzoomen' }).click();
    await page.waitForTimeout(1200);
    const [a, b] = await viewerState<[number, number]>(page, '(v) => [v.zoom.relativeBounds().w, v.zoom2.relativeBounds().w]');
    expect(Math.abs(a - b) / a).toBeLessThan(0.05);
    await page.screenshot({ path: await screenshotPath('viewer-compare') });
    // Another item beside this one: a print from the same collection, by its manifest URL.
    await compareWith(page, await otherPrintManifest(), 'viewer-compare-items');
    await page.close();
  });
});

describe('compare with another server', () => {
  it('opens a manifest from another origin beside this item', async () => {
    // The same server under another host name is another origin, as a library's IIIF server would be.
    const elsewhere = site.baseUrl.replace('127.0.0.1', 'localhost');
    // A one-page print, so that its arrival shows in the page list of the compared item.
    const print = await readFile(path.join(site.dataDir, new URL(await otherPrintManifest()).pathname), 'utf8');
    const moved = JSON.parse(print.replaceAll(site.baseUrl, elsewhere)) as Json;
    expect(moved.items).toHaveLength(1);
    fixtures.set('elsewhere.json', { ...moved, id: `${elsewhere}/test-fixtures/elsewhere.json` });
    const page = await open({ manifest: `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json` });
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await firstTile(page);
    await page.locator('leeszaal-viewer #mode-select').selectOption('compare');
    await compareWith(page, `${elsewhere}/test-fixtures/elsewhere.json`, 'viewer-compare-elsewhere');
    expect(blocked).toEqual([]);
    await page.close();
  });
});

describe('share, cite and download', () => {
  it('give a stable link, a content state for the view, a citation and image URLs that work', async () => {
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const page = await open({ manifest });
    await firstTile(page);
    await page.locator('leeszaal-viewer #page-select').selectOption('2');
    await page.waitForTimeout(500);
    for (let i = 0; i < 2; i++) await page.locator('leeszaal-viewer').getByRole('button', { name: 'Inzoomen' }).click();
    await page.waitForTimeout(1200);

    await page.locator('leeszaal-viewer #open-share').click();
    const link = await page.locator('leeszaal-viewer #share-link').inputValue();
    expect(link).toMatch(new RegExp(`^${site.baseUrl}/items/${KANT}\\?page=page-0017&xywh=\\d+,\\d+,\\d+,\\d+$`));
    const target = decodeContentState(await page.locator('leeszaal-viewer #share-state').inputValue());
    expect(target.manifest).toBe(manifest);
    expect(target.canvas).toBe((kant.items as Json[])[2]!.id);
    expect(target.region).toBeDefined();

    await page.locator('leeszaal-viewer #open-cite').click();
    const citation = await page.locator('leeszaal-viewer #citation').inputValue();
    expect(citation).toContain('Kant');
    expect(citation).toContain('Berlin: Haude und Spener, 1784');
    expect(citation).toContain('p. 481');
    expect(citation).toContain(link);
    expect(citation).toMatch(/geraadpleegd op \d+ \w+ \d{4}/);

    await page.locator('leeszaal-viewer #open-download').click();
    const hrefs = await page.locator('leeszaal-viewer .panel a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    // The view, the whole page, the page's text (as printed and modern) and ALTO, the manifest and
    // the drag-and-drop link; then the book, as the served manifest's `rendering` offers it (the PDF
    // of the whole book in the interface's language, its text as printed and modern with its header
    // in that language, the citations),
    // drawn in its own element (Playwright lists a nested shadow root's links after its host's).
    const downloads = `${site.baseUrl}/downloads/${KANT}`;
    expect(hrefs).toHaveLength(13);
    expect(hrefs[0]).toMatch(/\/\d+,\d+,\d+,\d+\/\d+,\/0\/default\.jpg$/);
    expect(hrefs[1]).toMatch(/\/full\/1457,\/0\/default\.jpg$/);
    expect(hrefs[2]).toBe(`${downloads}/pages/page-0017.txt?lang=nl`);
    expect(hrefs[3]).toBe(`${downloads}/pages/page-0017.txt?spelling=modern&lang=nl`);
    expect(hrefs[4]).toBe(`${site.baseUrl}/records/${KANT}/alto/page-0017.xml`);
    expect(hrefs[5]).toBe(manifest);
    expect(hrefs[6]).toBe(`${manifest}?manifest=${encodeURIComponent(manifest)}`);
    expect(hrefs[7]).toMatch(new RegExp(`/downloads/${KANT}/book\\.pdf\\?size=1000&lang=nl$`));
    expect(hrefs[8]).toMatch(new RegExp(`/downloads/${KANT}/book\\.txt\\?lang=nl$`));
    expect(hrefs.slice(9)).toEqual([
      `${downloads}/book.txt?spelling=modern&lang=nl`,
      `${downloads}/citation.ris`,
      `${downloads}/citation.bib`,
      `${downloads}/citation.json`,
    ]);
    for (const href of hrefs.slice(0, 2)) {
      const res = await fetch(href);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
    }
    const text = await fetch(hrefs[8]!);
    expect(text.status).toBe(200);
    expect(await text.text()).toContain('Aufkla');
    await page.close();
  });
});

describe('integration with the host page', () => {
  it('fires canvas-change and search events, announces zoom, takes ::part styles and goes full screen', async () => {
    const page = await open({ manifest: `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`, lang: 'fr' });
    await page.evaluate(() => {
      const w = window as unknown as { events: string[] };
      w.events = [];
      const v = document.querySelector('leeszaal-viewer')!;
      v.addEventListener('canvas-change', (e) => w.events.push(`canvas-change:${(e as CustomEvent<{ key: string }>).detail.key}`));
      v.addEventListener('search', (e) => w.events.push(`search:${(e as CustomEvent<{ q: string; total: number }>).detail.total}`));
    });
    await firstTile(page);
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Page suivante' }).click();
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Zoom avant' }).click();
    await expect.poll(() => page.locator('leeszaal-viewer [role="status"]').last().textContent(), soon).toMatch(/^Zoom \d+ %$/);
    await page.evaluate(() =>
      (document.querySelector('leeszaal-viewer') as unknown as { searchText: (q: string) => Promise<void> }).searchText('Unmündigkeit'),
    );
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events), soon)
      // Unmündigkeit three times on page 481, twice hyphenated across a line end.
      .toEqual(['canvas-change:page-0001', 'canvas-change:page-0016', 'search:3']);
    // The hit is on page-0017, already shown beside page-0016 in book view: outlined without turning.
    await expect.poll(() => page.locator('leeszaal-viewer .hit.current').count(), soon).toBe(1);
    const background = await page.locator('leeszaal-viewer .toolbar').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(10, 20, 30)');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Plein écran' }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName), soon).toBe('LEESZAAL-VIEWER');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Quitter le plein écran' }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement ?? null), soon).toBe(null);
    await page.close();
  });
});
