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

function start(env: Record<string, string>, timeoutMs = 60_000): Promise<Started> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/start.mjs')], {
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
    const child = spawn(process.execPath, [path.join(repoRoot, 'server/start.mjs')], {
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
});
