// Robustness benchmark, one part, about two minutes:
// (1) a curator's CSV of 100,000 rows that all claim one id: the time the scan takes to report them
//     against csv-parse alone (duplicate-csv-rows.ts), in this process before any server starts;
// then, on a copy of the bundled sample, one `npm start` process, loopback only:
// (2) a flood of huge rotated renders (200 connections of `full/^!99999,99999/<angle>/default.png`
//     for 30 s, every angle distinct so no cache answers, long enough for RENDER_TIMEOUT_MS's 503s)
//     while a few clients read tiles, manifests and search: the server's peak resident memory, and
//     the cheap requests' rate against the same clients' rate without the flood, measured just before;
// (3) the server's resident memory 30 s after the flood ends against its idle memory before it:
//     whether the memory is given back;
// (4) a client reading the old manifest's images (info.json, tiles, renders) while the item is
//     re-published three times: the requests that failed (goal 0).
// Each figure is one entry of the returned list.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { freePort } from '../support/free-port.ts';
import { duplicateCsvRows } from './duplicate-csv-rows.ts';
import { tilePaths } from './published-tiles.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FLOOD_CONNECTIONS = 200;
const CHEAP_CONNECTIONS = 8;
/** The issue's flood: 30 s, past RENDER_TIMEOUT_MS (20 s), so renders waiting that long get their 503. */
const FLOOD_S = 30;
/** The cheap clients' measurement: unloaded, then under the flood from its 2nd second to 2 s before its end. */
const UNLOADED_S = 10;
const FLOOD_WARMUP_S = 2;
const LOADED_S = FLOOD_S - 2 * FLOOD_WARMUP_S;
/** When, after the flood's clients hang up, the server's memory is read again. */
const SETTLE_S = 30;
const RSS_GOAL_BYTES = 1024 ** 3;
const SETTLED_ALLOWANCE_BYTES = 200 * 1024 ** 2;
const REPUBLISHES = 3;
const ITEM = 'kant-aufklaerung-1784';

/** Starts `npm start` on `port`, the one the data was published for (another would re-publish it). */
async function startLeeszaal(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(repoRoot, 'start.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: url, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`Leeszaal exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, url };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('Leeszaal did not become healthy within 60 s');
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** Resident memory of a process, from /proc (Linux). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;

interface Load {
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  bytes: number;
  statuses: Record<string, number>;
}

/** autocannon over `paths` in turn, `connections` at once, for `seconds`, from a process of its own (load-client.ts). */
async function load(base: string, paths: string[], connections: number, seconds: number): Promise<Load> {
  const job = JSON.stringify({ url: base, paths, connections, seconds });
  const child = spawn(process.execPath, [path.join(repoRoot, 'test', 'bench', 'load-client.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin?.end(job);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`load client exited with ${code}`);
  return JSON.parse(out) as Load;
}

/** Tiles, manifests and searches: what readers ask for most, none of it rendered. */
async function cheapPaths(dataDir: string): Promise<string[]> {
  const out = await tilePaths(dataDir);
  const items = (await readdir(dataPaths(dataDir).presentation, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const mixed: string[] = [];
  const searches = ['/api/search?q=aufklarung', '/api/search?q=kant', '/api/search?century=18', '/api/suggest?q=auf'];
  for (let n = 0; n < out.length; n++) {
    mixed.push(out[n] as string);
    if (n % 4 === 0) mixed.push(`/iiif/presentation/${items[n % items.length]}/manifest.json`);
    if (n % 4 === 2) mixed.push(searches[n % searches.length] as string);
  }
  return mixed;
}

/** The image with the most pixels: the flood's target. */
async function largestImage(dataDir: string): Promise<string> {
  let best = { id: '', pixels: 0 };
  for (const id of await readdir(path.join(dataDir, 'iiif', 'image'))) {
    const info = JSON.parse(await readFile(path.join(dataPaths(dataDir).imageDir(id), 'info.json'), 'utf8')) as { width: number; height: number };
    if (info.width * info.height > best.pixels) best = { id, pixels: info.width * info.height };
  }
  return best.id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function flood(log: BenchLog, dataDir: string, url: string, pid: number): Promise<BenchFigure[]> {
  const cheap = await cheapPaths(dataDir);
  const target = await largestImage(dataDir);
  // Every angle distinct (two decimals), so neither the render cache nor the in-flight sharing helps.
  const heavy = Array.from({ length: 20_000 }, (_, i) => `/iiif/image/${target}/full/^!99999,99999/${(1 + (i % 8900) / 100).toFixed(2)}/default.png`);

  await load(url, cheap, CHEAP_CONNECTIONS, 2);
  const unloaded = await load(url, cheap, CHEAP_CONNECTIONS, UNLOADED_S);
  // Idle: after the cheap clients have filled the tile cache, as they keep it filled under the flood.
  const idleRss = await rssOf(pid);
  log(`unloaded: cheap ${unloaded.rps.toFixed(0)} req/s (${unloaded.non2xx} non-2xx); RSS ${mb(idleRss)}`);

  let peak = await rssOf(pid);
  const sampler = setInterval(() => void rssOf(pid).then((r) => (peak = Math.max(peak, r))), 100);
  const [loadedCheap, floodLoad] = await Promise.all([
    // The flood starts first and outlasts the measurement, so the whole measurement is under it.
    sleep(FLOOD_WARMUP_S * 1000).then(() => load(url, cheap, CHEAP_CONNECTIONS, LOADED_S)),
    load(url, heavy, FLOOD_CONNECTIONS, FLOOD_S),
  ]);
  clearInterval(sampler);
  const renders = floodLoad.statuses['200'] ?? 0;
  log(
    `flood: ${floodLoad.total} renders answered (${JSON.stringify(floodLoad.statuses)}, ${floodLoad.errors} errors, ${mb(floodLoad.bytes)} received); cheap ${loadedCheap.rps.toFixed(0)} req/s (${loadedCheap.non2xx} non-2xx, ${loadedCheap.errors} errors); RSS peak ${mb(peak)}`,
  );
  // The flood's clients have hung up; what the server still holds after a while is what it keeps.
  const settling: string[] = [];
  for (let s = 5; s <= SETTLE_S; s += 5) {
    await sleep(5000);
    settling.push(`${s} s ${mb(await rssOf(pid))}`);
  }
  const settledRss = await rssOf(pid);
  log(`after the flood: ${settling.join(', ')}`);
  const settledGoal = idleRss + SETTLED_ALLOWANCE_BYTES;
  return [
    {
      part: 'robustness',
      name: 'heavy-render flood: peak RSS (1 GB / peak)',
      ratio: RSS_GOAL_BYTES / peak,
      goal: '>= 1 (peak under 1 GB)',
      detail: `peak ${mb(peak)} (idle ${mb(idleRss)}); ${FLOOD_CONNECTIONS} connections of rotated ^!99999,99999 PNG renders for ${FLOOD_S} s: ${Object.entries(
        floodLoad.statuses,
      )
        .map(([s, n]) => `${n}× ${s}`)
        .join(', ')}${renders > 0 ? ` (${mb(floodLoad.bytes / renders)} a render)` : ''}`,
    },
    {
      part: 'robustness',
      name: 'cheap requests under the flood, req/s loaded / unloaded',
      ratio: loadedCheap.rps / unloaded.rps,
      goal: '>= 0.5',
      detail: `tiles, manifests, search: ${loadedCheap.rps.toFixed(0)} req/s under the flood (its seconds ${FLOOD_WARMUP_S} to ${FLOOD_WARMUP_S + LOADED_S}) vs ${unloaded.rps.toFixed(0)} without (${CHEAP_CONNECTIONS} connections; ${loadedCheap.non2xx + loadedCheap.errors} failed under the flood)`,
    },
    {
      part: 'robustness',
      name: `memory given back: RSS ${SETTLE_S} s after the flood, (idle + ${mb(SETTLED_ALLOWANCE_BYTES)}) / settled`,
      ratio: settledGoal / settledRss,
      goal: `>= 1 (within ${mb(SETTLED_ALLOWANCE_BYTES)} of idle)`,
      detail: `${mb(settledRss)} ${SETTLE_S} s after the flood vs ${mb(idleRss)} idle before it (after: ${settling.join(', ')})`,
    },
  ];
}

async function republish(log: BenchLog, source: string, dataDir: string, url: string): Promise<BenchFigure> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: url, DATA_DIR: dataDir });
  const record = JSON.parse(await readFile(dataPaths(dataDir).record(ITEM), 'utf8')) as ItemRecord;
  const paths = record.pages.flatMap((p, n) => [
    `/iiif/image/${p.imageId}/info.json`,
    `/iiif/image/${p.imageId}/0,0,512,512/512,512/0/default.jpg`,
    `/iiif/image/${p.imageId}/full/${180 + n},/0/default.jpg`,
  ]);
  const failures: Record<string, number> = {};
  let requests = 0;
  let reading = true;
  const reader = async (offset: number) => {
    for (let i = offset; reading; i++) {
      // Renders vary in size, so each is a new one, read from the files being replaced.
      const p = (paths[i % paths.length] as string).replace(/full\/(\d+),/, (_m, w: string) => `full/${Number(w) + (i % 50)},`);
      try {
        const res = await fetch(`${url}${p}`);
        await res.arrayBuffer();
        if (res.status !== 200) failures[res.status] = (failures[res.status] ?? 0) + 1;
      } catch {
        failures.error = (failures.error ?? 0) + 1;
      }
      requests += 1;
    }
  };
  const readers = [0, 1, 2, 3].map((o) => reader(o * 7));
  const images = path.join(source, ITEM, 'images');
  const scans = ['page-0001.tif', 'page-0017.tif', 'page-0018.tif'];
  const started = Date.now();
  for (let n = 0; n < REPUBLISHES; n++) {
    await copyFile(path.join(images, scans[n % scans.length] as string), path.join(images, 'page-0016.tif'));
    const summary = await ingest({ source, dataDir, baseUrl: url, config, jobs: 1 });
    if (!summary.published.includes(ITEM)) throw new Error(`re-publish ${n + 1} did not publish ${ITEM}`);
  }
  await new Promise((r) => setTimeout(r, 2500));
  reading = false;
  await Promise.all(readers);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  log(
    `re-publishing ${REPUBLISHES}× in ${((Date.now() - started) / 1000).toFixed(0)} s: ${requests} requests, ${failed} failed ${JSON.stringify(failures)}`,
  );
  return {
    part: 'robustness',
    name: 'reading the old manifest while re-publishing: failed requests',
    ratio: (requests - failed) / requests,
    goal: '1.00 (0 failed)',
    detail: `${failed} of ${requests} failed (info.json, tiles and renders of the replaced manifest's images, 4 readers) during ${REPUBLISHES} re-publishes of ${ITEM}`,
  };
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-robust-'));
  const source = path.join(tmp, 'sample');
  const dataDir = path.join(tmp, 'data');
  let child: ChildProcess | undefined;
  try {
    const figures = [await duplicateCsvRows(log)];
    await cp(SAMPLE_SOURCE, source, { recursive: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    log('publishing a copy of the bundled sample');
    const first = await ingest({ source, dataDir, baseUrl: url, config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: url }) });
    if (first.failed.length > 0) throw new Error('the sample did not publish');
    const started = await startLeeszaal(dataDir, port);
    child = started.child;
    figures.push(...(await flood(log, dataDir, started.url, child.pid as number)));
    // The flood's last renders finish (or time out) before the readers start.
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const res = await fetch(`${started.url}/iiif/image/${await largestImage(dataDir)}/full/99,/0/default.jpg`);
      await res.arrayBuffer();
      if (res.status === 200) break;
      await sleep(1000);
    }
    figures.push(await republish(log, source, dataDir, started.url));
    return figures;
  } finally {
    if (child) await stop(child);
    await rm(tmp, { recursive: true, force: true });
  }
}
