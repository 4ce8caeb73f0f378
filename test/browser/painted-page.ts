// What another IIIF viewer (Mirador 4, Universal Viewer 4) painted of a page, compared with the scan,
// for the browser test on the bundled sample and the corpus check. The viewer runs offline in a tab
// without WebGL, so OpenSeadragon draws with its 2D drawer, whose canvas can be read; once the canvas
// holds the same picture twice, it is cut to the painted box and correlated, small and grey, with
// the scan (or the spread of two scans) scaled to the part shown. A page smeared into streaks or cut
// off fails; a right one passes.
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { type Box, correlation, paintedBox, shownRegion } from './pixels.ts';

export interface Viewport {
  width: number;
  height: number;
}
// OpenSeadragon draws the levels a page's size on screen needs: the smaller window shows a wrong
// level's tiles cut off, the larger one the 800-wide level drawn from 400-wide tiles, in streaks.
export const SMALL: Viewport = { width: 1000, height: 800 };
export const LARGE: Viewport = { width: 1400, height: 1300 };

/** Width the painted page and the scan are compared at. */
const COMPARE_WIDTH = 48;
/** Least correlation of a right page with its scan (right ones score above 0.95, smeared ones below 0.6). */
const MIN_CORRELATION = 0.85;
/** Least share of the page (or spread) shown, on its more cut axis: a page cut off shows less. */
const MIN_SHOWN = 0.9;

/** Mirador 4 (test/bench/viewer-pages/mirador.html) at one canvas of a manifest. */
export function miradorUrl(baseUrl: string, manifest: string, canvasId: string): string {
  return `${baseUrl}/bench/mirador.html?manifest=${encodeURIComponent(manifest)}&canvas=${encodeURIComponent(canvasId)}`;
}

/** Universal Viewer 4 (test/bench/viewer-pages/uv.html) at one canvas, by index, of a manifest. */
export function uvUrl(baseUrl: string, manifest: string, canvasIndex: number): string {
  return `${baseUrl}/bench/uv.html?manifest=${encodeURIComponent(manifest)}&cv=${canvasIndex}`;
}

/** Runs before the page's scripts: no WebGL, so OpenSeadragon draws on a 2D canvas. */
function noWebGl(): void {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
    if (type.startsWith('webgl') || type === 'experimental-webgl') return null;
    return (getContext as (...args: unknown[]) => RenderingContext | null).call(this, type, ...rest);
  } as typeof getContext;
}

export interface ViewerTab {
  page: Page;
  /** Requests for anything not from `baseUrl`, refused. */
  outside: string[];
}

/** A tab of `viewport` for other viewers: offline (anything not from `baseUrl` is refused and noted), without WebGL. */
export async function viewerTab(context: BrowserContext, baseUrl: string, viewport: Viewport): Promise<ViewerTab> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(baseUrl)) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  await page.addInitScript(noWebGl);
  return { page, outside };
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

export interface Painted {
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

/** How often the canvas is read while waiting for it to settle. */
const POLL_MS = 200;
/** How long the canvas must hold one picture to count as settled (tiles loaded, animation done). */
const STEADY_MS = 800;

/** Waits until the viewer's canvas has held the same picture for STEADY_MS, read every POLL_MS. */
async function settledCanvas(page: Page): Promise<Painted> {
  let last: Painted | undefined;
  let since = 0;
  const deadline = Date.now() + 32_000;
  while (Date.now() < deadline) {
    await page.waitForTimeout(POLL_MS);
    const png = await osdCanvas(page);
    const now = png && (await painted(png));
    if (now === undefined || !last?.grey.equals(now.grey)) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= STEADY_MS) {
      return now;
    }
  }
  throw new Error('the viewer never settled on a painted page');
}

/** Opens `url` (a viewer at a page) in the tab and returns what it painted once settled. */
export async function showIn(tab: ViewerTab, url: string): Promise<Painted> {
  await tab.page.goto(url);
  return settledCanvas(tab.page);
}

/** What the viewer should paint: a scan, or two side by side (a spread, left first), as PNG (uncompressed: it is read again at once). */
export async function expectedImage(scans: readonly string[]): Promise<Buffer> {
  const images = await Promise.all(scans.map((scan) => sharp(scan).png({ compressionLevel: 0 }).toBuffer()));
  const [left, right] = images;
  if (left === undefined || images.length > 2) throw new RangeError(`a viewer shows one page or two, not ${images.length}`);
  if (right === undefined) return left;
  const [a, b] = await Promise.all([sharp(left).metadata(), sharp(right).metadata()]);
  return sharp({ create: { width: a.width + b.width, height: Math.max(a.height, b.height), channels: 3, background: '#ffffff' } })
    .composite([
      { input: left, left: 0, top: 0 },
      { input: right, left: a.width, top: 0 },
    ])
    .png({ compressionLevel: 0 })
    .toBuffer();
}

export interface Verdict {
  /** Nearly the whole page (or spread) is shown: a page cut off is not. */
  wholePage: boolean;
  /** What was painted is the page. */
  correlated: boolean;
  /** The figures behind the verdict, for the failure message. */
  says: string;
}

/** Whether what the viewer `painted` is the whole of `expected` (a PNG from expectedImage). */
export async function compareWithScan(shown: Painted, expected: Buffer): Promise<Verdict> {
  const meta = await sharp(expected).metadata();
  const region = shownRegion(meta, shown.box, shown.canvas);
  const share = region === undefined ? 0 : Math.min(region.width / meta.width, region.height / meta.height);
  const scan =
    region &&
    (await sharp(expected)
      .extract(region)
      .resize(COMPARE_WIDTH, shown.grey.length / COMPARE_WIDTH, { fit: 'fill' })
      .greyscale()
      .raw()
      .toBuffer());
  const r = scan === undefined ? 0 : correlation(shown.grey, scan);
  return {
    wholePage: share >= MIN_SHOWN,
    correlated: r >= MIN_CORRELATION,
    says: `correlation ${r.toFixed(3)}, ${(share * 100).toFixed(1)}% of the page shown, painted ${JSON.stringify(shown.box)}`,
  };
}
