// Shared set-up for the browser tests and the viewer benchmark: the real server (createApp with the
// search and site routers) on the published sample at a real port, the built site, other IIIF
// viewers (Mirador 4, Universal Viewer 4) served from node_modules, and Chromium launched through
// playwright-core with a fresh profile. Also small checks on what a reader sees.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RequestListener } from 'node:http';
import express, { Router } from 'express';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { loadConfig } from '../../config.ts';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/logger.ts';
import { createContentSearchRouter } from '../../server/routes/content-search.ts';
import { createSearchRouter } from '../../server/routes/search.ts';
import { createSiteRouter } from '../../server/routes/site.ts';
import { openSearchBackend } from '../../server/search/open.ts';
import { reindexAll } from '../../server/search/reindex.ts';
import { publishedSample, REPO_ROOT } from '../support/sample.ts';

export const SCREENSHOTS = path.join(REPO_ROOT, '.tmp', 'screenshots');
export const KANT = 'kant-aufklaerung-1784';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the site when viewer/dist is missing (`npm test` builds it first). */
export function ensureBuilt(): void {
  if (existsSync(path.join(REPO_ROOT, 'viewer', 'dist', 'item.nl.html'))) return;
  const vite = path.join(REPO_ROOT, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', 'viewer/vite.config.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * Other IIIF viewers, offline, under /bench/: Mirador 4 (its UMD bundle and test/bench/viewer-pages'
 * mirador.html) and Universal Viewer 4 (its built dist, at /bench/uv/uv.html#?manifest=…).
 */
export function referenceViewers(): Router {
  const router = Router();
  const modules = path.join(REPO_ROOT, 'node_modules');
  router.get('/bench/mirador.min.js', (_req, res) => res.sendFile(path.join(modules, 'mirador/dist/mirador.min.js')));
  router.use('/bench/uv', express.static(path.join(modules, 'universalviewer/dist'), { index: false }));
  router.use('/bench', express.static(path.join(REPO_ROOT, 'test/bench/viewer-pages'), { index: false }));
  return router;
}

/** Listens on 127.0.0.1 at a free port, with the handler set once the port (and so the base URL) is known. */
export async function listen(): Promise<{ server: http.Server; baseUrl: string; setHandler: (h: RequestListener) => void }> {
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}`, setHandler: (h) => (handler = h) };
}

export interface Site {
  baseUrl: string;
  dataDir: string;
  close: () => Promise<void>;
}

/**
 * The whole server as `npm start` runs it (IIIF, search, site) on the published sample, or on the
 * data folder `publish` makes for the server's base URL (removed on close); `routers` adds test pages.
 */
export async function startSite(options: { routers?: Router[]; publish?: (baseUrl: string) => Promise<{ dataDir: string }> } = {}): Promise<Site> {
  ensureBuilt();
  const { server, baseUrl, setHandler } = await listen();
  const { dataDir } = await (options.publish ?? publishedSample)(baseUrl);
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
  const backend = openSearchBackend(config);
  await reindexAll(dataDir, backend);
  const app = createApp({
    config,
    logger: createLogger(config),
    routers: [createSearchRouter(backend), createContentSearchRouter(backend, config), ...(options.routers ?? []), createSiteRouter(config)],
  });
  setHandler(app);
  return {
    baseUrl,
    dataDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      // The folder is this server's alone (named after its port); leaving it would fill the disk run by run.
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium with a fresh user-data-dir (removed again on close), set to Dutch as a reader in Flanders would have it; `extra` adds
 * switches and environment (speech), and a device pixel ratio (browser zoom: its viewport in CSS pixels shrinks as the ratio grows).
 */
export async function launchBrowser(
  viewport = { width: 1280, height: 900 },
  extra: { args?: string[]; env?: Record<string, string>; deviceScaleFactor?: number } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(extra.args ?? [])],
    headless: true,
    viewport,
    // A Flemish reader's browser: the site answers in the Accept-Language it sends when a link names no language.
    locale: 'nl-BE',
    ...(extra.deviceScaleFactor ? { deviceScaleFactor: extra.deviceScaleFactor } : {}),
    ...(extra.env ? { env: { ...process.env, ...extra.env } as Record<string, string> } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshotPath(name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/**
 * Brightness statistics of an image: a painted page of a book is light paper with dark ink
 * (high mean, real spread); an empty stage is the dark background, flat.
 */
export async function imageStats(png: Buffer): Promise<{ mean: number; stdev: number }> {
  const stats = await sharp(png).greyscale().stats();
  const channel = stats.channels[0]!;
  return { mean: channel.mean, stdev: channel.stdev };
}

/** Serves the JSON documents a test writes (manifests for the viewer to open) at `<base>/<name>`; 404 for any other name. */
export function serveJsonFixtures(router: Router, base: string, fixtures: ReadonlyMap<string, unknown>): void {
  router.get(`${base}/:name`, (req, res) => {
    const doc = fixtures.get(req.params.name);
    if (!doc) return void res.status(404).json({ error: 'no such fixture' });
    res.json(doc);
  });
}

/** Waits until the text view's bundled face for early print (viewer/component/reading/print-font.ts) has loaded. */
export async function printFontLoaded(page: Page, options: { timeout: number }): Promise<void> {
  await page.waitForFunction(
    () => [...document.fonts].some((f) => f.family.replaceAll('"', '') === 'Leeszaal Print' && f.status === 'loaded'),
    null,
    options,
  );
}

/** The width, in CSS pixels, of each string set inside the element (in its font and size). */
export async function textWidths<K extends string>(element: Locator, strings: Record<K, string>): Promise<Record<K, number>> {
  const all: Record<string, string> = strings;
  return element.evaluate((el, all: Record<string, string>) => {
    const width = (s: string) => {
      const span = document.createElement('span');
      span.textContent = s;
      el.append(span);
      const w = span.getBoundingClientRect().width;
      span.remove();
      return w;
    };
    return Object.fromEntries(Object.entries(all).map(([k, s]) => [k, width(s)]));
  }, all) as Promise<Record<K, number>>;
}

/** The viewer's page list: its shown text, and whether it fits its box (within its padding, beside the arrow). */
export async function pageListShows(page: Page): Promise<{ text: string; fits: boolean }> {
  const select = page.locator('leeszaal-viewer #page-select');
  const text = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
  // Measured in the toolbar, whose font the list inherits (a span inside a select is not drawn).
  const { width } = await textWidths(page.locator('leeszaal-viewer .toolbar'), { width: text });
  const room = await select.evaluate((el) => {
    const s = getComputedStyle(el);
    const ARROW = 20;
    return el.clientWidth - Number.parseFloat(s.paddingLeft) - Number.parseFloat(s.paddingRight) - ARROW;
  });
  return { text, fits: width <= room };
}
