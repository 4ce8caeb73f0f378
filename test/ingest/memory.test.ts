// Bounded memory: one 20000x30000-pixel scan (600 megapixels, built here from the bundled sample's
// Kant page 481 repeated into a tiled TIFF) ingests through the CLI with a peak resident set under 1 GiB, read from the
// child's VmHWM in /proc while it runs.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublished } from './published-data.ts';
import { KANT_PAGE_0017 } from '../support/inputs.ts';
import { startCli } from './run-cli.ts';

const BASE = 'http://localhost:3000';
const WIDTH = 20_000;
const HEIGHT = 30_000;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-memory-'));
  const page = KANT_PAGE_0017;
  const { width, height } = await sharp(page).metadata();
  await mkdir(path.join(root, 'huge-scan', 'images'), { recursive: true });
  await sharp(page)
    .extend({ right: WIDTH - width, bottom: HEIGHT - height, extendWith: 'repeat' })
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, compression: 'jpeg', quality: 75 })
    .toFile(path.join(root, 'huge-scan', 'images', 'page-0001.tif'));
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Peak resident set (VmHWM) of a running process in bytes, or undefined once it has gone. */
async function peakRss(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status?.match(/^VmHWM:\s+(\d+) kB/m)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

describe('a 20000x30000 scan', () => {
  it('ingests completely with peak RSS under 1 GiB', async () => {
    const data = path.join(root, 'data');
    const { child, done } = startCli([path.join(root, 'huge-scan'), '--data', data], { PUBLIC_BASE_URL: BASE });
    let peak = 0;
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      const now = await peakRss(child.pid!);
      if (now !== undefined) peak = Math.max(peak, now);
      await sleep(50);
    }
    const r = await done;
    expect(r.stderr).toMatch(/published 1 item/);
    expect(r.code).toBe(0);
    expect(peak).toBeGreaterThan(50 * 2 ** 20);
    expect(peak).toBeLessThan(2 ** 30);
    const report = await checkPublished(data, BASE, { pixelSizes: false });
    expect(report.problems).toEqual([]);
    expect(report.files).toBeGreaterThan(40 * 60);
  }, 300_000);
});
