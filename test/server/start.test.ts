// `npm start` as a real process: prints its URL and nothing else, refuses a bad configuration with a
// message naming the variable, publishes the bundled sample into an empty data folder, and on
// SIGTERM finishes the request in flight before exiting.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { freePort } from '../support/free-port.ts';
import { IMAGE_ID, buildFixture, repoRoot, type Fixture } from './fixture.ts';

let fx: Fixture;

beforeAll(async () => {
  fx = await buildFixture();
});

afterAll(async () => {
  await fx?.cleanup();
});

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** The image service of the first canvas of the first item, as a viewer would find it. */
async function firstImageService(base: string): Promise<string> {
  const collection = await (await fetch(`${base}/iiif/presentation/collection.json`)).json();
  const manifest = await (await fetch(collection.items[0].id)).json();
  return manifest.items[0].items[0].items[0].body.service[0].id;
}

function start(env: Record<string, string>, timeoutMs = 60_000): Promise<Started> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'start.mjs')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL printed within ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    child.stdout?.on('data', () => {
      const m = /Leeszaal: (http:\/\/localhost:\d+)\n/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing its URL; stderr: ${err}`));
    });
  });
}

describe('npm start', () => {
  it('prints its URL and nothing else, serves, and stops cleanly on SIGTERM', async () => {
    const s = await start({ DATA_DIR: fx.dataDir });
    try {
      expect(s.stdout()).toMatch(/^Leeszaal: http:\/\/localhost:\d+\n$/);
      const health = await fetch(`${s.url}/healthz`);
      expect(health.status).toBe(200);
      expect((await health.json()).items).toBe(1);
      // A slow render in flight when SIGTERM arrives still completes.
      const pending = fetch(`${s.url}/iiif/image/${IMAGE_ID}/full/max/33/default.png`);
      await new Promise((r) => setTimeout(r, 150));
      s.child.kill('SIGTERM');
      const res = await pending;
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect(await s.exited).toBe(0);
      expect(s.stderr()).toBe('');
    } finally {
      s.child.kill('SIGKILL');
    }
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ RENDER_QUEUE: '-1' }, /RENDER_QUEUE/],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, /PUBLIC_BASE_URL/],
  ])('refuses %o with a message naming it and exit code 1', async (env, message) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'start.mjs')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: fx.dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('publishes the bundled sample into an empty data folder, then serves it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-start-'));
    const s = await start({ DATA_DIR: path.join(dir, 'data') }, 300_000);
    try {
      expect(existsSync(dataPaths(path.join(dir, 'data')).collection)).toBe(true);
      const collection = await (await fetch(`${s.url}/iiif/presentation/collection.json`)).json();
      expect(collection.items.length).toBeGreaterThan(0);
      expect((await (await fetch(`${s.url}/healthz`)).json()).items).toBe(collection.items.length);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
      await rm(dir, { recursive: true, force: true });
    }
  }, 320_000);

  it('with only PORT set, publishes the sample under that port, and again under a new one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-port-'));
    const data = path.join(dir, 'data');
    try {
      for (const port of [await freePort(), await freePort()]) {
        const s = await start({ DATA_DIR: data, PORT: String(port) }, 300_000);
        try {
          expect(s.stdout()).toBe(`Leeszaal: http://localhost:${port}\n`);
          const service = await firstImageService(`http://127.0.0.1:${port}`);
          expect(service).toMatch(new RegExp(`^http://localhost:${port}/iiif/image/`));
          const info = await fetch(`${service.replace('localhost', '127.0.0.1')}/info.json`);
          expect(info.status).toBe(200);
          const tile = await fetch(`${service.replace('localhost', '127.0.0.1')}/full/200,/0/default.jpg`);
          expect(tile.status).toBe(200);
          expect(tile.headers.get('content-type')).toBe('image/jpeg');
        } finally {
          s.child.kill('SIGTERM');
          await s.exited;
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 620_000);

  it('has a favicon, also at the name browsers ask for by themselves', async () => {
    const s = await start({ DATA_DIR: fx.dataDir });
    try {
      const ico = await fetch(`${s.url}/favicon.ico`, { redirect: 'manual' });
      expect(ico.status).toBe(301);
      const svg = await fetch(new URL(ico.headers.get('location')!, s.url));
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const home = await (await fetch(s.url)).text();
      expect(home).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });
});
