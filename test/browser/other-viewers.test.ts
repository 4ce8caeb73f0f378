// Other IIIF viewers show our images right: the published sample opened in Mirador 4 (whose
// OpenSeadragon 5 reads info.json's `sizes` as its levels when their count fits) and in Universal
// Viewer 4, each page compared at the viewer's initial zoom with the scan itself (painted-page.ts:
// OpenSeadragon's canvas read and correlated with the scan). A page smeared into streaks or cut off
// fails; a right one passes. CI checks every page of the whole corpus the same way
// (corpus-viewers.check.ts).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { compareWithScan, expectedImage, LARGE, miradorUrl, SMALL, showIn, uvUrl, type Viewport, viewerTab } from './painted-page.ts';
import { launchBrowser, referenceViewers, screenshotPath, type Site, startSite } from './support.ts';

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

async function checkPage(viewer: string, url: string, p: (typeof PAGES)[number], viewport: Viewport) {
  const tab = await viewerTab(browser.context, site.baseUrl, viewport);
  try {
    const shown = await showIn(tab, url);
    await tab.page.screenshot({ path: await screenshotPath(`${viewer}-${p.item}-${viewport.width}`) });
    const scans = [p.scan, ...(p.facing === undefined ? [] : [p.facing])].map((scan) => path.join(SAMPLE_SOURCE, scan));
    const { wholePage, correlated, says } = await compareWithScan(shown, await expectedImage(scans));
    expect({ item: p.item, wholePage, correlated }, says).toEqual({ item: p.item, wholePage: true, correlated: true });
  } finally {
    await tab.page.close();
  }
}

describe('Mirador 4 (OpenSeadragon 5)', () => {
  it.each(PAGES.flatMap((p) => [SMALL, LARGE].map((viewport) => ({ ...p, viewport }))))(
    'shows page $canvas of $item right at its initial zoom in $viewport.width x $viewport.height',
    async ({ viewport, ...p }) => {
      const manifest = `${site.baseUrl}/iiif/presentation/${p.item}/manifest.json`;
      const canvas = (await (await fetch(manifest)).json()).items[p.canvas].id as string;
      await checkPage('mirador', miradorUrl(site.baseUrl, manifest, canvas), p, viewport);
    },
  );
});

describe('Universal Viewer 4', () => {
  it.each(PAGES)('shows page $canvas of $item right at its initial zoom', async (p) => {
    const manifest = `${site.baseUrl}/iiif/presentation/${p.item}/manifest.json`;
    await checkPage('uv', uvUrl(site.baseUrl, manifest, p.canvas), p, LARGE);
  });
});
