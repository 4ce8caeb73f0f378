// Viewer benchmark: in one headless Chromium, opens the same manifest from the same server in
// Leeszaal's item page and in Mirador 4 (the reference), each in a fresh browser context (cold
// cache), and measures (1) the time from navigation to the first tile painted and (2) the
// JavaScript the page loads, gzipped. "Painted" is the first time an OpenSeadragon canvas draws or
// uploads an image (2D drawImage or WebGL texImage2D), hooked the same way in both viewers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, KANT, referenceViewers, startSite } from '../browser/support.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const RUNS = 5;

/** Runs in the page before any of its scripts: records when a tile first reaches a canvas. */
function hookFirstPaint(): void {
  const w = window as unknown as { __firstTile?: number };
  const isImage = (a: unknown) =>
    (a instanceof HTMLImageElement && a.naturalWidth > 16) ||
    (typeof ImageBitmap !== 'undefined' && a instanceof ImageBitmap && a.width > 16) ||
    (a instanceof HTMLCanvasElement && a.width > 16);
  const wrap = (proto: object | undefined, name: string) => {
    if (!proto) return;
    const target = proto as Record<string, (...args: unknown[]) => unknown>;
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (w.__firstTile === undefined && args.some(isImage)) w.__firstTile = performance.now();
      return original.apply(this, args);
    };
  };
  wrap(CanvasRenderingContext2D.prototype, 'drawImage');
  for (const gl of [globalThis.WebGLRenderingContext, globalThis.WebGL2RenderingContext]) {
    wrap(gl?.prototype, 'texImage2D');
    wrap(gl?.prototype, 'texSubImage2D');
  }
}

interface Sample {
  firstTileMs: number;
  jsGzipBytes: number;
}

async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(hookFirstPaint);
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (res) => {
      const type = res.request().resourceType();
      if (type === 'script' || /\.m?js(\?|$)/.test(res.url()))
        scripts.set(
          res.url(),
          res.body().catch(() => Buffer.alloc(0)),
        );
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __firstTile?: number }).__firstTile !== undefined, null, { timeout: 60_000 });
    const firstTileMs = await page.evaluate(() => (window as unknown as { __firstTile: number }).__firstTile);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    let jsGzipBytes = 0;
    for (const body of scripts.values()) jsGzipBytes += gzipSync(await body, { level: 9 }).length;
    return { firstTileMs, jsGzipBytes };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  if (!existsSync('/usr/bin/chromium')) {
    log('installing Chromium (apt-get) …');
    const r = spawnSync('bash', [path.join(repo, '.ci/install-system.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('Chromium is missing and could not be installed');
  }
  const site = await startSite({ routers: [referenceViewers()] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    await readFile(path.join(repo, 'node_modules/mirador/dist/mirador.min.js')).catch(() => {
      throw new Error('node_modules/mirador/dist/mirador.min.js is missing; run npm ci');
    });
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const ours = `${site.baseUrl}/items/${KANT}`;
    const mirador = `${site.baseUrl}/bench/mirador.html?manifest=${encodeURIComponent(manifest)}`;
    // One untimed run each warms the server's file cache, so both viewers meet the same server.
    await measure(browser, ours);
    await measure(browser, mirador);
    const a: Sample[] = [];
    const b: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(await measure(browser, ours));
      b.push(await measure(browser, mirador));
      log(`run ${i + 1}/${RUNS}: first tile Leeszaal ${a[i]!.firstTileMs.toFixed(0)} ms, Mirador ${b[i]!.firstTileMs.toFixed(0)} ms`);
    }
    const oursTile = median(a.map((s) => s.firstTileMs));
    const refTile = median(b.map((s) => s.firstTileMs));
    const oursJs = median(a.map((s) => s.jsGzipBytes));
    const refJs = median(b.map((s) => s.jsGzipBytes));
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    return [
      {
        part: 'viewer',
        name: 'first tile painted (Leeszaal / Mirador 4, lower is better)',
        ratio: oursTile / refTile,
        goal: '≤ 0.50',
        detail: `median of ${RUNS} cold loads: ${oursTile.toFixed(0)} ms vs ${refTile.toFixed(0)} ms`,
      },
      {
        part: 'viewer',
        name: 'JavaScript gzipped (Leeszaal / Mirador 4, lower is better)',
        ratio: oursJs / refJs,
        goal: '≤ 0.25',
        detail: `${kb(oursJs)} vs ${kb(refJs)}`,
      },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
