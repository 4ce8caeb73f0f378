// Bounded memory: one 20000x30000-pixel scan (600 megapixels, built here from the bundled sample's
// Kant page 481 repeated into a tiled TIFF) ingests through the CLI with a peak resident set under 1 GiB, read from the
// child's VmHWM in /proc while it runs. And a JPEG 2000 master, 10000x14000 greyscale in 1024-pixel
// tiles (the full 20000x30000 one takes minutes to make and decode on two cores, so it is measured
// by `npm run bench jpeg2000`): the whole process tree, ingest and its decoder, stays under 1 GiB,
// and the decoder alone under half of what OpenJPEG would hold for the whole image (4 bytes a sample).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublished } from './published-data.ts';
import { KANT_PAGE_0017 } from '../support/inputs.ts';
import { startCli } from './run-cli.ts';
import { peakRss, watchTree } from '../support/process-tree.ts';

const BASE = 'http://localhost:3000';
const WIDTH = 20_000;
const HEIGHT = 30_000;
const JP2_WIDTH = 10_000;
const JP2_HEIGHT = 14_000;
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
  // The page's green channel repeated, encoded by libvips' JPEG 2000 writer a row of tiles at a time.
  const run = promisify(execFile);
  await mkdir(path.join(root, 'jp2-master', 'images'), { recursive: true });
  await run('vips', ['extract_band', page, path.join(root, 'grey.v'), '1']);
  await run('vips', ['replicate', path.join(root, 'grey.v'), path.join(root, 'repeated.v'), '7', '7']);
  const master = path.join(root, 'jp2-master', 'images', 'page-0001.jp2');
  await run('vips', [
    'crop',
    path.join(root, 'repeated.v'),
    `${master}[tile-width=1024,tile-height=1024,Q=40]`,
    '0',
    '0',
    String(JP2_WIDTH),
    String(JP2_HEIGHT),
  ]);
  await rm(path.join(root, 'grey.v'));
  await rm(path.join(root, 'repeated.v'));
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

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

describe('a 10000x14000 JPEG 2000 master in 1024-pixel tiles', () => {
  it('ingests completely with the peak RSS of ingest and its decoder together under 1 GiB', async () => {
    const data = path.join(root, 'jp2-data');
    const { child, done } = startCli([path.join(root, 'jp2-master'), '--data', data], { PUBLIC_BASE_URL: BASE });
    const { treePeak, childPeak: decoderPeak } = await watchTree(child.pid!, done);
    const r = await done;
    expect(r.stderr).toMatch(/published 1 item/);
    expect(r.code).toBe(0);
    // The decoder was seen, and held far less than the image.
    expect(decoderPeak).toBeGreaterThan(20 * 2 ** 20);
    expect(decoderPeak).toBeLessThan((JP2_WIDTH * JP2_HEIGHT * 4) / 2);
    expect(treePeak).toBeLessThan(2 ** 30);
    const report = await checkPublished(data, BASE, { pixelSizes: false });
    expect(report.problems).toEqual([]);
    // Every full-resolution tile at least: 20 x 28 of 512 pixels.
    expect(report.files).toBeGreaterThan(20 * 28);
  }, 300_000);
});
