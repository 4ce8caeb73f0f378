// Benchmark part `upload`: a 1 GB file sent through the curators' resumable endpoint (tus: one
// creation request, then 64 MB PATCHes as the uploads page sends them, signed in as a curator, into a
// server process composed as start.ts composes it) against the same file sent to Debian's nginx with
// `client_body_in_file_only on` (nginx writes the body to a file, which is what receiving an upload
// is), in the same run and with the same client, curl, on one connection each. Figures: throughput
// as a ratio to nginx's (goal ≥ 0.5), and the server's peak RSS while receiving (goal under 200 MB;
// ratio = 200 MB / peak). Installs nginx-light and curl when missing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeAccounts, PASSWORD, startPublishingServer } from '../admin/server-process.ts';
import { create, newBatch } from '../admin/tus-requests.ts';
import { signIn } from '../support/admin.ts';
import { freePort } from '../support/free-port.ts';
import { ensureDebianTools } from './debian-tools.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const NGINX = '/usr/sbin/nginx';
const CURL = '/usr/bin/curl';
const SIZE = 1024 * 2 ** 20;
/** What viewer/admin/upload.ts sends per request. */
const CHUNK = 64 * 2 ** 20;
const MEMORY_GOAL_MB = 200;
const ROUNDS = 3;

/** The file and its 64 MB parts (what the page sends per request), written before anything is timed. */
async function makeFile(file: string): Promise<string> {
  // 16 MB of random bytes, repeated: incompressible, and quick to write.
  const block = randomBytes(16 * 2 ** 20);
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  for (let written = 0; written < SIZE; written += block.length) {
    await handle.write(block);
    hash.update(block);
  }
  await handle.close();
  // The file repeats the block, and a part is a whole number of blocks, so every part is the same.
  const part = Buffer.concat(Array.from({ length: CHUNK / block.length }, () => block));
  for (let at = 0; at < SIZE; at += CHUNK) await writeFile(`${file}.${at}`, part);
  return hash.digest('hex');
}

async function startNginx(tmp: string): Promise<{ child: ChildProcess; url: string; bodies: string }> {
  const port = await freePort();
  const backend = await freePort();
  const dir = path.join(tmp, 'nginx');
  const bodies = path.join(dir, 'body');
  await mkdir(bodies, { recursive: true });
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `
daemon off;
master_process off;
worker_processes 1;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${bodies};
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location /upload {
      # The whole body goes to a file (and stays there) before the request is answered.
      client_body_in_file_only on;
      client_max_body_size 2g;
      proxy_pass_request_body off;
      proxy_set_header X-File $request_body_file;
      proxy_set_header Content-Length "";
      proxy_pass http://127.0.0.1:${backend}/done;
    }
  }
  server {
    listen 127.0.0.1:${backend};
    client_max_body_size 0;
    location /done { return 204; }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  await sleep(500);
  return { child, url: `http://127.0.0.1:${port}/upload`, bodies };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  ensureDebianTools(log, [
    [NGINX, 'nginx-light'],
    [CURL, 'curl'],
  ]);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-upload-'));
  const children: ChildProcess[] = [];
  try {
    const file = path.join(tmp, 'master.tif');
    const sha = await makeFile(file);
    const dataDir = path.join(tmp, 'data');
    await makeAccounts(dataDir, [['bench', 'curator']]);
    const server = await startPublishingServer({ DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    children.push(server.child);
    const session = await signIn(server.url, 'bench', PASSWORD);
    const startRss = await peakRssMb(server.child.pid!);
    const nginx = await startNginx(tmp);
    children.push(nginx.child);

    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch = await newBatch(server.url, session);
      ours.push(
        await timed(async () => {
          const created = await create(server.url, session, batch, 'master/master.tif', SIZE);
          if (created.status !== 201) throw new Error(`tus creation answered ${created.status}`);
          const url = new URL(created.headers.get('location')!, server.url).href;
          // Every PATCH in one curl, one after the other on one connection (`--next`).
          const args = ['-sS', '-f', '-o', '/dev/null'];
          for (let at = 0; at < SIZE; at += CHUNK) {
            if (at > 0) args.push('--next', '-sS', '-f', '-o', '/dev/null');
            args.push('-X', 'PATCH', '-H', 'Expect:', '-H', `cookie: ${session.cookie}`, '-H', `x-csrf-token: ${session.csrf}`);
            args.push('-H', 'Tus-Resumable: 1.0.0', '-H', `Upload-Offset: ${at}`, '-H', 'Content-Type: application/offset+octet-stream');
            args.push('--upload-file', `${file}.${at}`, url);
          }
          const r = spawnSync(CURL, args, { stdio: 'inherit' });
          if (r.status !== 0) throw new Error('curl PATCHes to the upload endpoint failed');
        }),
      );
      const staged = path.join(dataDir, '.leeszaal', 'uploads', batch, 'master', 'master.tif');
      if ((await stat(staged)).size !== SIZE) throw new Error(`the staged file is ${(await stat(staged)).size} bytes, not ${SIZE}`);
      await rm(path.dirname(path.dirname(staged)), { recursive: true });
      theirs.push(
        await timed(async () => {
          const r = spawnSync(CURL, ['-sS', '-f', '-o', '/dev/null', '-H', 'Expect:', '--upload-file', file, nginx.url], { stdio: 'inherit' });
          if (r.status !== 0) throw new Error('curl to nginx failed');
        }),
      );
      for (const f of await readdir(nginx.bodies, { recursive: true, withFileTypes: true })) {
        if (f.isFile()) await rm(path.join(f.parentPath, f.name));
      }
      log(`round ${round + 1}: tus ${ours.at(-1)?.toFixed(2)} s, curl→nginx ${theirs.at(-1)?.toFixed(2)} s`);
    }
    const peak = await peakRssMb(server.child.pid!);
    const oursMBs = SIZE / 2 ** 20 / median(ours);
    const theirsMBs = SIZE / 2 ** 20 / median(theirs);
    log(`sha256 of the file ${sha.slice(0, 12)}…; server RSS peak ${startRss.toFixed(0)} MB at start, ${peak.toFixed(0)} MB after`);
    await server.stop();
    return [
      {
        part: 'upload',
        name: '1 GB resumable upload (tus, 64 MB PATCHes) vs nginx (client_body_in_file_only), both from curl',
        ratio: oursMBs / theirsMBs,
        goal: '≥ 0.5',
        detail: `ours ${oursMBs.toFixed(0)} MB/s, nginx ${theirsMBs.toFixed(0)} MB/s (median of ${ROUNDS})`,
      },
      {
        part: 'upload',
        name: `server peak memory receiving 1 GB (ratio = ${MEMORY_GOAL_MB} MB / peak)`,
        ratio: MEMORY_GOAL_MB / peak,
        goal: '≥ 1',
        detail: `peak RSS ${peak.toFixed(0)} MB (${startRss.toFixed(0)} MB before the first upload)`,
      },
    ];
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    await rm(tmp, { recursive: true, force: true });
  }
}
