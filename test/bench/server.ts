// Server benchmark, each side under the same autocannon load in one run, on the bundled sample:
// (1) pre-made tiles from this server vs nginx serving the same files (static level 0), and
// (2) rendered region+size requests from this server vs iipsrv (FastCGI behind lighttpd) on the same
// pyramidal TIFFs, every request distinct and this server's render cache off, so both decode.
// One worker process each side. Installs nginx-light, lighttpd and iipimage-server when missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { dataPaths } from '../../manifests/layout.ts';
import { publishedSample } from '../support/sample.ts';
import { freePort } from '../support/free-port.ts';
import { ensureDebianTools } from './debian-tools.ts';
import { tilePaths } from './published-tiles.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NGINX = '/usr/sbin/nginx';
const LIGHTTPD = '/usr/sbin/lighttpd';
const IIPSRV = '/usr/lib/iipimage-server/iipsrv.fcgi';
const DURATION_S = 20;
const ROUNDS = 4;
const WARMUP_S = 2;
const JPEG_QUALITY = 85;
const RENDER_WIDTH = 256;

interface Load {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function ensureTools(log: BenchLog): void {
  ensureDebianTools(log, [
    [NGINX, 'nginx-light'],
    [LIGHTTPD, 'lighttpd'],
    [IIPSRV, 'iipimage-server'],
  ]);
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer ${url} within 30 s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

async function startLeeszaal(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      JPEG_QUALITY: String(JPEG_QUALITY),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, child, 'Leeszaal');
  return { child, url };
}

async function startNginx(dataDir: string, tmp: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const dir = path.join(tmp, 'nginx');
  await mkdir(dir, { recursive: true });
  const conf = `
daemon off;
master_process off;
worker_processes 1;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server_tokens off;
  types { image/jpeg jpg; application/json json; }
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dataDir};
    location /iiif/image/ {
      etag on;
      add_header Access-Control-Allow-Origin "*";
      add_header Cache-Control "public, max-age=2592000, stale-while-revalidate=604800";
    }
  }
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function startIipsrv(derivatives: string, tmp: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const dir = path.join(tmp, 'lighttpd');
  await mkdir(dir, { recursive: true });
  const conf = `
server.modules = ("mod_fastcgi")
server.document-root = "${dir}"
server.bind = "127.0.0.1"
server.port = ${port}
server.errorlog = "${dir}/error.log"
server.tag = ""
fastcgi.server = ( "/iipsrv" => ((
  "socket" => "${dir}/iipsrv.sock",
  "check-local" => "disable",
  "max-procs" => 1,
  "bin-path" => "${IIPSRV}",
  "bin-environment" => (
    "FILESYSTEM_PREFIX" => "${derivatives}/",
    "JPEG_QUALITY" => "${JPEG_QUALITY}",
    "VERBOSITY" => "0",
    "LOGFILE" => "${dir}/iipsrv.log"
  )
)) )
`;
  await writeFile(path.join(dir, 'lighttpd.conf'), conf);
  const child = spawn(LIGHTTPD, ['-D', '-f', path.join(dir, 'lighttpd.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * Runs autocannon against `base`, each request taking the next path of the list (wrapping); the
 * cursor carries on across calls so later rounds ask for new paths rather than repeating.
 */
async function load(base: string, paths: string[], connections: number, seconds: number, cursor = { i: 0 }): Promise<Load> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: paths[cursor.i++ % paths.length] ?? '/' }),
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * Alternates short runs of each side (ROUNDS of DURATION_S / ROUNDS seconds), so a change in the
 * machine's load during the run falls on both sides alike. Throughput is the mean over the rounds;
 * p99 is the median of the rounds' p99s.
 */
async function compare(
  log: BenchLog,
  name: string,
  ours: (seconds: number) => Promise<Load>,
  theirs: (seconds: number) => Promise<Load>,
): Promise<[Load, Load]> {
  const seconds = Math.max(1, Math.round(DURATION_S / ROUNDS));
  const a: Load[] = [];
  const b: Load[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(await ours(seconds));
    b.push(await theirs(seconds));
  }
  const combine = (runs: Load[]): Load => {
    const p99s = runs.map((l) => l.p99).sort((x, y) => x - y);
    return {
      rps: runs.reduce((sum, l) => sum + l.rps, 0) / runs.length,
      p99: p99s[Math.floor(p99s.length / 2)] ?? 0,
      non2xx: runs.reduce((sum, l) => sum + l.non2xx, 0),
      errors: runs.reduce((sum, l) => sum + l.errors, 0),
    };
  };
  const [x, y] = [combine(a), combine(b)];
  log(
    `${name}: Leeszaal ${x.rps.toFixed(0)} req/s p99 ${x.p99} ms (non-2xx ${x.non2xx}, errors ${x.errors}); reference ${y.rps.toFixed(0)} req/s p99 ${y.p99} ms (non-2xx ${y.non2xx}, errors ${y.errors}); rounds ${a.map((l, i) => `${l.rps.toFixed(0)}/${b[i]?.rps.toFixed(0)}`).join(' ')}`,
  );
  if (x.non2xx + x.errors > 0 || y.non2xx + y.errors > 0) throw new Error(`${name}: failed requests during the run`);
  return [x, y];
}

/** Deterministic pseudo-random numbers, so every run asks for the same regions. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface RenderTarget {
  imageId: string;
  width: number;
  height: number;
}

function renderRequests(targets: RenderTarget[], count: number): Array<{ ours: string; iip: string }> {
  const rnd = prng(1784);
  const out: Array<{ ours: string; iip: string }> = [];
  for (let n = 0; n < count; n++) {
    const t = targets[n % targets.length] as RenderTarget;
    const w = 256 + Math.floor(rnd() * Math.min(768, t.width - 256));
    const h = 256 + Math.floor(rnd() * Math.min(768, t.height - 256));
    const x = Math.floor(rnd() * (t.width - w));
    const y = Math.floor(rnd() * (t.height - h));
    // Same pixels asked of both: Image API 3 and 2 agree on `x,y,w,h` and `w,` here.
    const params = `${x},${y},${w},${h}/${RENDER_WIDTH},/0/default.jpg`;
    out.push({ ours: `/iiif/image/${t.imageId}/${params}`, iip: `/iipsrv?IIIF=${t.imageId}.tif/${params}` });
  }
  return out;
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  ensureTools(log);
  log('publishing the bundled sample');
  const { dataDir } = await publishedSample();
  const paths = dataPaths(dataDir);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-server-'));
  const figures: BenchFigure[] = [];
  const children: ChildProcess[] = [];
  try {
    // (1) Pre-made tiles.
    const tiles = await tilePaths(dataDir);
    log(`${tiles.length} tiles; ${DURATION_S} s each side in ${ROUNDS} alternating rounds, 32 connections`);
    const leeszaal = await startLeeszaal(dataDir, {});
    children.push(leeszaal.child);
    const nginx = await startNginx(dataDir, tmp);
    children.push(nginx.child);
    await waitFor(`${nginx.url}${tiles[0]}`, nginx.child, 'nginx');
    await load(leeszaal.url, tiles, 8, WARMUP_S);
    await load(nginx.url, tiles, 8, WARMUP_S);
    const [ourTiles, nginxTiles] = await compare(
      log,
      'tiles',
      (t) => load(leeszaal.url, tiles, 32, t),
      (t) => load(nginx.url, tiles, 32, t),
    );
    figures.push({
      part: 'server',
      name: 'pre-made tiles, req/s vs nginx',
      ratio: ourTiles.rps / nginxTiles.rps,
      goal: '>= 0.5',
      detail: `Leeszaal ${ourTiles.rps.toFixed(0)} req/s (p99 ${ourTiles.p99} ms) vs nginx ${nginxTiles.rps.toFixed(0)} req/s (p99 ${nginxTiles.p99} ms); ${tiles.length} tiles, 1 worker each`,
    });
    await stop(leeszaal.child);
    await stop(nginx.child);

    // (2) Rendered region+size.
    const targets: RenderTarget[] = [];
    for (const id of await readdir(path.join(dataDir, 'iiif', 'image'))) {
      if (!existsSync(paths.derivative(id))) continue;
      const info = JSON.parse(await readFile(path.join(paths.imageDir(id), 'info.json'), 'utf8')) as { width: number; height: number };
      if (info.width >= 1024 && info.height >= 1024) targets.push({ imageId: id, width: info.width, height: info.height });
    }
    if (targets.length === 0) throw new Error('no published image is large enough for the render benchmark');
    const requests = renderRequests(targets, 20_000);
    log(`${targets.length} pyramidal TIFFs, ${requests.length} distinct region+size requests; render cache off`);
    const rendering = await startLeeszaal(dataDir, { RENDER_CACHE_MB: '0', RENDER_QUEUE: '1000' });
    children.push(rendering.child);
    const iip = await startIipsrv(path.join(dataDir, 'derivatives'), tmp);
    children.push(iip.child);
    await waitFor(`${iip.url}${requests[0]?.iip}`, iip.child, 'iipsrv');
    const ours = requests.map((r) => r.ours);
    const theirs = requests.map((r) => r.iip);
    const ourCursor = { i: 0 };
    const theirCursor = { i: 0 };
    // Warm-ups use the end of the list; the measured runs start from its beginning.
    await load(rendering.url, ours.slice(-500), 4, WARMUP_S);
    await load(iip.url, theirs.slice(-500), 4, WARMUP_S);
    const [ourRenders, iipRenders] = await compare(
      log,
      'renders',
      (t) => load(rendering.url, ours, 8, t, ourCursor),
      (t) => load(iip.url, theirs, 8, t, theirCursor),
    );
    figures.push({
      part: 'server',
      name: 'rendered region+size, req/s vs iipsrv',
      ratio: ourRenders.rps / iipRenders.rps,
      goal: '>= 1.0',
      detail: `Leeszaal ${ourRenders.rps.toFixed(0)} req/s (p99 ${ourRenders.p99} ms) vs iipsrv ${iipRenders.rps.toFixed(0)} req/s (p99 ${iipRenders.p99} ms); distinct requests, render cache off, 1 process each`,
    });
  } finally {
    await Promise.all(children.map(stop));
    await rm(tmp, { recursive: true, force: true });
  }
  return figures;
}
