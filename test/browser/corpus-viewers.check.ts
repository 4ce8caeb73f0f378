// The corpus check CI runs after `npm test` (`npm run check:corpus-viewers`, .ci/run): the
// maintainers' whole corpus, named by LEESZAAL_CORPUS, published into a fresh data folder and
// served as `npm start` serves it, then every page of every item opened in Mirador 4 (in a small
// and a large window) and in Universal Viewer 4, and what each painted at its initial zoom compared
// with the scan (painted-page.ts), as other-viewers.test.ts does for the bundled sample's seven
// pages. The corpus is not in the repository, so `npm test` cannot run this; without the corpus the
// check fails rather than passing on nothing. One browser; one tab per viewer and window size,
// reused from page to page; pages in sequence.
import { mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import { scanSource, sourceDefaults } from '../../ingest/sources/scan.ts';
import { formatSummary } from '../../ingest/summary.ts';
import { compareWithScan, expectedImage, LARGE, miradorUrl, SMALL, showIn, uvUrl, type Viewport, type ViewerTab, viewerTab } from './painted-page.ts';
import { shownTogether } from './spread.ts';
import { launchBrowser, referenceViewers, screenshotPath, type Site, startSite } from './support.ts';

/** The corpus folder from LEESZAAL_CORPUS; a clear error when it is unset or not a folder. */
async function corpusFolder(value: string | undefined): Promise<string> {
  if (!value?.trim()) {
    throw new Error('LEESZAAL_CORPUS is not set: set it to the sample corpus folder (its README lists four collections, 28 pages)');
  }
  const folder = path.resolve(value);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new Error(`LEESZAAL_CORPUS: ${folder} is not a folder`);
  return folder;
}

const CORPUS = await corpusFolder(process.env.LEESZAAL_CORPUS);
const source = await scanSource(CORPUS, sourceDefaults(loadConfig({})));
if (source.problems.length > 0 || source.items.length === 0) {
  const problems = source.problems.map((p) => `  ${p.item}${p.file ? ` (${p.file})` : ''}: ${p.reason}`);
  throw new Error(`LEESZAAL_CORPUS: ${CORPUS} holds no items to check${problems.length ? `:\n${problems.join('\n')}` : ''}`);
}

interface CorpusPage {
  item: string;
  index: number;
  /** The item's page scans, in canvas order (a spread needs the facing page's). */
  scans: string[];
}

const PAGES: CorpusPage[] = source.items.flatMap((item) => {
  const scans = item.pages.map((page) => path.join(item.folder, page.file));
  return scans.map((_, index) => ({ item: item.id, index, scans }));
});

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const tabs = new Map<string, ViewerTab>();
/** The last page's (or spread's) expected picture: the next view is mostly of the same (one kept: a spread is 18 MB). */
let lastExpected: { key: string; image: Promise<Buffer> } | undefined;
const manifests = new Map<string, Promise<{ behavior: string[]; viewingDirection: string; items: { id: string }[] }>>();

beforeAll(async () => {
  site = await startSite({
    routers: [referenceViewers()],
    publish: async (baseUrl) => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-corpus-check-'));
      const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
      const summary = await ingest({ source: CORPUS, dataDir, baseUrl, config });
      if (summary.failed.length > 0) throw new Error(`the corpus did not publish cleanly:\n${formatSummary(summary)}`);
      return { dataDir };
    },
  });
  browser = await launchBrowser();
}, 10 * 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function manifestOf(item: string) {
  let pending = manifests.get(item);
  if (!pending) {
    pending = fetch(`${site.baseUrl}/iiif/presentation/${item}/manifest.json`).then((r) => {
      if (!r.ok) throw new Error(`${item}: manifest answered ${r.status}`);
      return r.json();
    });
    manifests.set(item, pending);
  }
  return pending;
}

/**
 * The viewer's tab in this window size, opened once and reused for every page. Each page is opened
 * afresh in it, not turned to: Mirador keeps the zoom of the page turned from, and the check is of
 * the initial view.
 */
async function tabFor(viewer: string, viewport: Viewport): Promise<ViewerTab> {
  const key = `${viewer}-${viewport.width}`;
  let tab = tabs.get(key);
  if (!tab) {
    tab = await viewerTab(browser.context, site.baseUrl, viewport);
    tabs.set(key, tab);
  }
  return tab;
}

function expectedOnce(scans: string[]): Promise<Buffer> {
  const key = scans.join('\n');
  if (lastExpected?.key !== key) lastExpected = { key, image: expectedImage(scans) };
  return lastExpected.image;
}

async function checkPage(viewer: 'mirador' | 'uv', p: CorpusPage, viewport: Viewport): Promise<void> {
  const manifestUrl = `${site.baseUrl}/iiif/presentation/${p.item}/manifest.json`;
  const manifest = await manifestOf(p.item);
  expect(manifest.items.length, `${p.item}: canvases in the manifest against scans in the corpus`).toBe(p.scans.length);
  const canvas = manifest.items[p.index]!.id;
  const together = shownTogether({ ...manifest, canvases: manifest.items.length }, p.index);
  const tab = await tabFor(viewer, viewport);
  const shown = await showIn(tab, viewer === 'mirador' ? miradorUrl(site.baseUrl, manifestUrl, canvas) : uvUrl(site.baseUrl, manifestUrl, p.index));
  const { wholePage, correlated, says } = await compareWithScan(shown, await expectedOnce(together.map((i) => p.scans[i]!)));
  const verdict = { item: p.item, page: p.index + 1, wholePage, correlated };
  if (!wholePage || !correlated) {
    const screenshot = await screenshotPath(`corpus-${viewer}-${p.item}-${p.index + 1}-${viewport.width}`);
    await tab.page.screenshot({ path: screenshot });
    expect(verdict, `${says}; shows pages ${together.map((i) => i + 1).join(' and ')}; screenshot ${screenshot}`).toEqual({
      ...verdict,
      wholePage: true,
      correlated: true,
    });
  }
}

describe('Mirador 4 (OpenSeadragon 5) on the whole corpus', () => {
  it.each(PAGES.flatMap((p) => [SMALL, LARGE].map((viewport) => ({ ...p, page: p.index + 1, viewport }))))(
    'shows page $page of $item right at its initial zoom in $viewport.width x $viewport.height',
    async ({ viewport, ...p }) => {
      await checkPage('mirador', p, viewport);
    },
  );
});

describe('Universal Viewer 4 on the whole corpus', () => {
  it.each(PAGES.map((p) => ({ ...p, page: p.index + 1 })))('shows page $page of $item right at its initial zoom', async (p) => {
    await checkPage('uv', p, LARGE);
  });
});
