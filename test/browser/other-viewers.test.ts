// Other IIIF viewers show our images right: the published sample opened in Mirador 4 (whose
// OpenSeadragon 5 reads info.json's `sizes` as its levels when their count fits) and in Universal
// Viewer 4, each page compared at the viewer's initial zoom with the scan itself. What OpenSeadragon
// painted is read from its canvas (WebGL is switched off in the page, so it draws with its 2D
// drawer, whose pixels can be read), cut to the painted box and correlated, small and grey, with
// the scan scaled to that box. A page smeared into streaks or cut off fails; a right one passes.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { type Box, correlation, paintedBox, shownRegion } from './pixels.ts';
import { launchBrowser, referenceViewers, screenshotPath, type Site, startSite } from './support.ts';

interface Viewport {
  width: number;
  height: number;
}
// OpenSeadragon draws the levels a page's size on screen needs: the smaller window shows a wrong
// level's tiles cut off, the larger one the 800-wide level drawn from 400-wide tiles, in streaks.
const SMALL = { width: 1000, height: 800 };
const LARGE = { width: 1400, height: 1300 };

/** Width the painted page and the scan are compared at. */
const COMPARE_WIDTH = 48;
/** Least correlation of a right page with its scan (right ones score above 0.95, smeared ones below 0.6). */
const MIN_CORRELATION = 0.85;

// Every page of the bundled sample (seven corpus pages), in sizes old info.json files got wrong
// (1456x2083, 1600x2867 and 1600x2458 each listed a thumbnail beside the level of nearly its size)
// and ones it got right.
const PAGES: { item: string; canvas: number; scan: string; facing?: string }[] = [
  { item: 'kant-aufklaerung-1784', canvas: 0, scan: 'kant-aufklaerung-1784/images/page-0001.tif' },
  // A paged book opens at a spread in both viewers: its second and third pages show side by side.
  {
    item: 'kant-aufklaerung-1784',
    canvas: 1,
    scan: 'kant-aufklaerung-1784/images/page-0016.tif',
    facing: 'kant-aufklaerung-1784/images/page-0017.tif',
  },
  {
    item: 'kant-aufklaerung-1784',
    canvas: 2,
    scan: 'kant-aufklaerung-1784/images/page-0016.tif',
    facing: 'kant-aufklaerung-1784/images/page-0017.tif',
  },
  { item: 'kant-aufklaerung-1784', canvas: 3, scan: 'kant-aufklaerung-1784/images/page-0018.tif' },
  { item: 'bengel-abriss-1751', canvas: 0, scan: 'prints-1653-1751/images/bengel_abriss01_1751-0007.jpg' },
  { item: 'eiteritz-1719', canvas: 0, scan: 'prints-1653-1751/images/eiteritz_affe_1719-0206.jpg' },
  { item: 'corvinus-frauenzimmer-1715', canvas: 0, scan: 'prints-1653-1751/images/corvinus_frauenzimmer_1715-0054.jpg' },
];

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite({ routers: [referenceViewers()] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Runs before the page's scripts: no WebGL, so OpenSeadragon draws on a 2D canvas. */
function noWebGl(): void {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
    if (type.startsWith('webgl') || type === 'experimental-webgl') return null;
    return (getContext as (...args: unknown[]) => RenderingContext | null).call(this, type, ...rest);
  } as typeof getContext;
}

/** The largest OpenSeadragon drawing canvas of the page (not its navigator), as PNG. */
async function osdCanvas(page: Page): Promise<Buffer | undefined> {
  const url = await page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.openseadragon-canvas canvas')];
    const largest = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0];
    return largest && largest.width > 0 ? largest.toDataURL('image/png') : undefined;
  });
  return url === undefined ? undefined : Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

interface Painted {
  grey: Buffer;
  box: Box;
  canvas: { width: number; height: number };
}

/** Greyscale samples, COMPARE_WIDTH wide, of what the canvas painted; undefined while it painted nothing. */
async function painted(png: Buffer): Promise<Painted | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const box = paintedBox(data, info.width, info.height);
  if (box === undefined || box.width < COMPARE_WIDTH) return undefined;
  const grey = await sharp(png)
    .extract(box)
    .flatten({ background: '#ffffff' })
    .resize(COMPARE_WIDTH, Math.round((COMPARE_WIDTH * box.height) / box.width), { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer();
  return { grey, box, canvas: { width: info.width, height: info.height } };
}

/** Waits until the viewer's canvas holds the same picture twice, 800 ms apart (tiles loaded, animation done). */
async function settledCanvas(page: Page): Promise<Painted> {
  let last: Painted | undefined;
  for (let tries = 0; tries < 40; tries++) {
    await page.waitForTimeout(800);
    const png = await osdCanvas(page);
    const now = png && (await painted(png));
    if (now && last?.grey.equals(now.grey)) return now;
    last = now;
  }
  throw new Error('the viewer never settled on a painted page');
}

async function openIn(context: BrowserContext, url: string, name: string, viewport: Viewport) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const outside: string[] = [];
  // Offline: anything from elsewhere is refused and reported.
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(site.baseUrl)) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  await page.addInitScript(noWebGl);
  await page.goto(url);
  const canvas = await settledCanvas(page);
  await page.screenshot({ path: await screenshotPath(name) });
  return { page, canvas, outside };
}

/** What the viewer should paint: the scan, or the scan and its facing page side by side (a spread), as PNG. */
async function expectedImage(p: (typeof PAGES)[number]): Promise<Buffer> {
  const left = await sharp(path.join(SAMPLE_SOURCE, p.scan)).png().toBuffer();
  if (p.facing === undefined) return left;
  const right = await sharp(path.join(SAMPLE_SOURCE, p.facing)).png().toBuffer();
  const [a, b] = await Promise.all([sharp(left).metadata(), sharp(right).metadata()]);
  return sharp({ create: { width: a.width + b.width, height: Math.max(a.height, b.height), channels: 3, background: '#ffffff' } })
    .composite([
      { input: left, left: 0, top: 0 },
      { input: right, left: a.width, top: 0 },
    ])
    .png()
    .toBuffer();
}

async function scanAt(image: Buffer, region: Box, width: number, height: number): Promise<Buffer> {
  return sharp(image).extract(region).resize(width, height, { fit: 'fill' }).greyscale().raw().toBuffer();
}

async function checkPage(viewer: string, url: string, p: (typeof PAGES)[number], viewport: Viewport) {
  const context = browser.context;
  const { page, canvas } = await openIn(context, url, `${viewer}-${p.item}-${viewport.width}`, viewport);
  try {
    const expected = await expectedImage(p);
    const meta = await sharp(expected).metadata();
    const region = shownRegion(meta, canvas.box, canvas.canvas);
    // Nearly the whole page (or spread) is shown (a page cut off is not), and it is the page.
    const shown = region === undefined ? 0 : Math.min(region.width / meta.width, region.height / meta.height);
    const r = region === undefined ? 0 : correlation(canvas.grey, await scanAt(expected, region, COMPARE_WIDTH, canvas.grey.length / COMPARE_WIDTH));
    const says = `correlation ${r.toFixed(3)}, ${(shown * 100).toFixed(1)}% of the page shown, painted ${JSON.stringify(canvas.box)}`;
    expect({ item: p.item, wholePage: shown >= 0.9, correlated: r >= MIN_CORRELATION }, says).toEqual({
      item: p.item,
      wholePage: true,
      correlated: true,
    });
  } finally {
    await page.close();
  }
}

describe('Mirador 4 (OpenSeadragon 5)', () => {
  it.each(PAGES.flatMap((p) => [SMALL, LARGE].map((viewport) => ({ ...p, viewport }))))(
    'shows page $canvas of $item right at its initial zoom in $viewport.width x $viewport.height',
    async ({ viewport, ...p }) => {
      const manifest = `${site.baseUrl}/iiif/presentation/${p.item}/manifest.json`;
      const canvas = (await (await fetch(manifest)).json()).items[p.canvas].id as string;
      const url = `${site.baseUrl}/bench/mirador.html?manifest=${encodeURIComponent(manifest)}&canvas=${encodeURIComponent(canvas)}`;
      await checkPage('mirador', url, p, viewport);
    },
  );
});

describe('Universal Viewer 4', () => {
  it.each(PAGES)('shows page $canvas of $item right at its initial zoom', async (p) => {
    const manifest = `${site.baseUrl}/iiif/presentation/${p.item}/manifest.json`;
    await checkPage('uv', `${site.baseUrl}/bench/uv.html?manifest=${encodeURIComponent(manifest)}&cv=${p.canvas}`, p, LARGE);
  });
});
