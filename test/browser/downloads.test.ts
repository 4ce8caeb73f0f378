// Taking Kant's essay away in a real Chromium, as a reader would: in the viewer's download panel,
// choose page 481 alone (the third page) at 1000 pixels, follow the PDF link and read the file back
// with poppler-utils (a first page in the reader's language, then page 481 with "Aufklärung" in its
// text layer); the page's text and ALTO links answer; the item page offers the same for the whole
// book; a static publication's manifest (no `rendering`) gets no download link that leads nowhere;
// axe finds nothing with the panel open on a desktop and at 360 pixels.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { Router } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT, launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

const run = promisify(execFile);
let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let tmp: string;
let staticManifest: string;

/** The manifest as published in the data folder, as a static host would send it: no downloads named. */
function staticRouter(): Router {
  const router = Router();
  router.get('/static-host/manifest.json', (_req, res) => res.type('json').send(staticManifest));
  router.get('/downloads-test-page', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Downloads test</title>
<script type="module" src="/embed/leeszaal-viewer.js"></script></head>
<body><main><h1>Test</h1><leeszaal-viewer style="--leeszaal-height: 700px"></leeszaal-viewer></main></body></html>`);
  });
  return router;
}

beforeAll(async () => {
  site = await startSite({ routers: [staticRouter()] });
  browser = await launchBrowser();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-browser-downloads-'));
  staticManifest = await readFile(path.join(site.dataDir, 'iiif/presentation', KANT, 'manifest.json'), 'utf8');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const soon = { timeout: 10_000 };
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(axeTags).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

async function firstTile(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

/** Fetches `url` to a file and reads it back with pdfinfo and pdftotext. */
async function readPdf(url: string): Promise<{ status: number; info: string; pages: string[] }> {
  const res = await fetch(url);
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const info = (await run('pdfinfo', [file])).stdout;
  const count = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1] ?? 0);
  const pages: string[] = [];
  for (let n = 1; n <= count; n++) pages.push((await run('pdftotext', ['-f', String(n), '-l', String(n), file, '-'])).stdout);
  return { status: res.status, info, pages };
}

const hrefs = (page: Page, selector: string) => page.locator(selector).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));

describe('the download panel', () => {
  it('makes a PDF of the pages and size chosen, in the reader’s language, and links the page’s text and ALTO', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017`);
    await firstTile(page);
    await page.locator('leeszaal-viewer #open-download').click();
    const panel = page.locator('leeszaal-viewer .panel');
    await expect.poll(() => panel.locator('#pdf-link a').count(), soon).toBe(1);

    // The whole book at 1000 pixels until the reader chooses.
    const D = `${site.baseUrl}/downloads/${KANT}`;
    expect(await panel.locator('#pdf-link a').getAttribute('href')).toBe(`${D}/book.pdf?size=1000&lang=nl`);
    expect(await panel.getByLabel('Van pagina').inputValue()).toBe('0');
    expect(await panel.getByLabel('Tot en met pagina').inputValue()).toBe('3');
    expect(await panel.getByRole('group', { name: 'Het boek als PDF (doorzoekbaar)' }).count()).toBe(1);

    await panel.getByLabel('Van pagina').selectOption({ label: '481' });
    await panel.getByLabel('Tot en met pagina').selectOption({ label: '481' });
    await panel.getByLabel('Grootte van de afbeeldingen').selectOption('1000');
    const link = panel.locator('#pdf-link a');
    expect(await link.textContent()).toBe('Download de PDF (pagina 481 tot 481)');
    const pdfHref = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(pdfHref).toBe(`${D}/book.pdf?size=1000&pages=3-3&lang=nl`);
    await page.screenshot({ path: await screenshotPath('downloads-panel') });

    const pdf = await readPdf(pdfHref);
    expect(pdf.status).toBe(200);
    // The first page, then page 481.
    expect(pdf.info).toMatch(/^Pages:\s+2$/m);
    expect(pdf.pages[0]).toContain('Rechten');
    expect(pdf.pages[0]).toContain('Vaste link');
    expect(pdf.pages[1]).toContain('Aufklärung');

    // This page (the whole page is in view, so no part of it is offered): the page's image, its text
    // as printed and modern, its ALTO; then the book; then the manifest and the drag-and-drop link.
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const pageLinks = [
      `${D}/pages/page-0017.txt?lang=nl`,
      `${D}/pages/page-0017.txt?spelling=modern&lang=nl`,
      `${site.baseUrl}/records/${KANT}/alto/page-0017.xml`,
    ];
    const book = [
      pdfHref,
      `${D}/book.txt?lang=nl`,
      `${D}/book.txt?spelling=modern&lang=nl`,
      `${D}/citation.ris`,
      `${D}/citation.bib`,
      `${D}/citation.json`,
    ];
    expect(await hrefs(page, 'leeszaal-viewer leeszaal-book-downloads a')).toEqual(book);
    const all = await hrefs(page, 'leeszaal-viewer .panel a');
    expect(all[0]).toMatch(/\/full\/1457,\/0\/default\.jpg$/);
    expect(all.toSorted()).toEqual([all[0]!, ...pageLinks, ...book, manifest, `${manifest}?manifest=${encodeURIComponent(manifest)}`].toSorted());
    // In reading order on screen: this page's links above the book's, the IIIF links below.
    const top = (href: string) => page.locator(`leeszaal-viewer .panel a[href="${href}"]`).evaluate((a) => a.getBoundingClientRect().top);
    expect(await top(pageLinks[2]!)).toBeLessThan(await top(pdfHref));
    expect(await top(book[5]!)).toBeLessThan(await top(manifest));
    const printed = await fetch(pageLinks[0]!);
    expect(printed.status).toBe(200);
    const printedText = await printed.text();
    expect(printedText).toContain('=== 481 ===');
    expect(printedText).toContain('Was iſt Aufklaͤrung?');
    // Its header in the reader's language, as the PDF's first page.
    expect(printedText).toContain('\nRechten: Publiek domein (Public Domain Mark 1.0) <http://creativecommons.org/publicdomain/mark/1.0/>\n');
    const modern = await (await fetch(pageLinks[1]!)).text();
    expect(modern).toContain('Was ist Aufklärung?');
    expect(modern).not.toContain('ſ');
    const alto = await fetch(pageLinks[2]!);
    expect(alto.status).toBe(200);
    expect(await alto.text()).toContain('<alto');
    for (const [href, type] of [
      [`${D}/citation.ris`, 'application/x-research-info-systems'],
      [`${D}/citation.bib`, 'application/x-bibtex'],
      [`${D}/citation.json`, 'application/vnd.citationstyles.csl+json'],
    ] as const) {
      const res = await fetch(href);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
    }
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('passes axe with the panel open at 360 pixels, its controls still reachable', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017&lang=fr`);
    await firstTile(page);
    await page.locator('leeszaal-viewer #more').click();
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Télécharger' }).click();
    const panel = page.locator('leeszaal-viewer .panel');
    await expect.poll(() => panel.locator('#pdf-link a').count(), soon).toBe(1);
    await panel.getByLabel('Taille des images').selectOption('max');
    await panel.locator('#pdf-link').scrollIntoViewIfNeeded();
    expect(await panel.locator('#pdf-link a').getAttribute('href')).toBe(`${site.baseUrl}/downloads/${KANT}/book.pdf?size=max&lang=fr`);
    await page.screenshot({ path: await screenshotPath('downloads-panel-phone') });
    expect(await axe(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.close();
  });

  it('offers no download a static host cannot answer (a published manifest names none)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.baseUrl}/downloads-test-page`);
    await page.waitForFunction(() => customElements.get('leeszaal-viewer') !== undefined);
    await page.evaluate((m) => document.querySelector('leeszaal-viewer')!.setAttribute('manifest', m), `${site.baseUrl}/static-host/manifest.json`);
    await firstTile(page);
    await page.locator('leeszaal-viewer #page-select').selectOption('2');
    await page.locator('leeszaal-viewer #open-download').click();
    await expect.poll(() => page.locator('leeszaal-viewer .panel a').count(), soon).toBeGreaterThan(0);
    const all = await hrefs(page, 'leeszaal-viewer .panel a');
    expect(all.filter((h) => /\/downloads\/|\/alto\//.test(h))).toEqual([]);
    expect(await page.locator('leeszaal-viewer .panel #pdf-link').count()).toBe(0);
    // The whole page's image, the manifest and the drag-and-drop link remain.
    expect(all).toHaveLength(3);
    expect(all[0]).toMatch(/\/full\/1457,\/0\/default\.jpg$/);
    await page.close();
  });
});

describe('the item page', () => {
  it('offers the whole book in a Download section: PDF with range and size, text, citations, in the page’s language', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.baseUrl}/items/${KANT}?lang=en`);
    const section = page.locator('#downloads-section');
    await expect.poll(() => section.isVisible(), soon).toBe(true);
    expect(await page.getByRole('heading', { name: 'Download', level: 2 }).count()).toBeGreaterThan(0);
    const D = `${site.baseUrl}/downloads/${KANT}`;
    await section.getByLabel('From page').selectOption({ label: '[2]' });
    await section.getByLabel('To page').selectOption({ label: '481' });
    await section.getByLabel('Image size').selectOption('2000');
    const link = section.locator('#pdf-link a');
    expect(await link.textContent()).toBe('Download the PDF (pages [2] to 481)');
    expect(await hrefs(page, '#downloads-section a')).toEqual([
      `${D}/book.pdf?size=2000&pages=2-3&lang=en`,
      `${D}/book.txt?lang=en`,
      `${D}/book.txt?spelling=modern&lang=en`,
      `${D}/citation.ris`,
      `${D}/citation.bib`,
      `${D}/citation.json`,
    ]);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: await screenshotPath('downloads-item-page'), fullPage: true });
    expect(await axe(page)).toEqual([]);

    // Switching language translates the section in place, the PDF's first page with it.
    await page.goto(`${site.baseUrl}/items/${KANT}?lang=fr`);
    await expect.poll(() => section.locator('#pdf-link a').getAttribute('href'), soon).toBe(`${D}/book.pdf?size=1000&lang=fr`);
    expect(await section.getByRole('group', { name: 'Le livre en PDF (avec texte)' }).count()).toBe(1);
    const pdf = await readPdf(`${D}/book.pdf?size=1000&pages=3-3&lang=fr`);
    expect(pdf.pages[0]).toContain('Droits');
    await page.close();
  });
});
