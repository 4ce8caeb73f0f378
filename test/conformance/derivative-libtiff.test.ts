// The derivative TIFFs of the published sample read by libtiff, the library iipsrv and most TIFF
// pyramid servers are built on, not only by libvips: Debian's tiff2rgba decodes every page of every
// derivative (all its tiles, through libtiff's JPEG codec) without a warning, and each page shows the
// same pixels as libvips reads from it.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { publishedSample } from '../support/sample.ts';

const run = promisify(execFile);
let derivatives: string[] = [];
let tmp: string;

beforeAll(async () => {
  const { dataDir } = await publishedSample();
  const dir = path.dirname(dataPaths(dataDir).derivative('x'));
  derivatives = (await readdir(dir)).filter((f) => f.endsWith('.tif')).map((f) => path.join(dir, f));
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-libtiff-'));
}, 300_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function grey(img: Sharp, width: number, height: number): Promise<Buffer> {
  return img.removeAlpha().resize(width, height, { fit: 'fill' }).toColourspace('b-w').raw().toBuffer();
}

describe('derivative TIFFs read by libtiff', () => {
  it('publishes derivatives', () => {
    expect(derivatives.length).toBeGreaterThanOrEqual(7);
  });

  it('decodes every page of every derivative cleanly and alike', async () => {
    for (const file of derivatives) {
      const out = path.join(tmp, `${path.basename(file)}.rgba.tif`);
      const { stderr } = await run('tiff2rgba', ['-c', 'none', file, out]);
      expect(stderr, path.basename(file)).toBe('');
      const pages = (await sharp(file).metadata()).pages ?? 1;
      expect((await sharp(out).metadata()).pages ?? 1).toBe(pages);
      for (let page = 0; page < pages; page++) {
        const m = await sharp(file, { page }).metadata();
        const mine = await grey(sharp(file, { page }), m.width, m.height);
        const theirs = await grey(sharp(out, { page }), m.width, m.height);
        let diff = 0;
        for (let i = 0; i < mine.length; i++) diff += Math.abs(mine[i]! - theirs[i]!);
        expect(diff / mine.length, `${path.basename(file)} page ${page}`).toBeLessThan(1.5);
      }
    }
  }, 120_000);
});
