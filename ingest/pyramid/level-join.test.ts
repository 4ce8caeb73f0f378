// Whole-image levels joined from a real scan's tiles on a worker thread: the joined file has the
// level's size and the tiles' pixels; a missing tile makes the worker fail, which joinLevelImages
// turns into "not joined" (completeImage renders it) without leaving a half-written file; the
// worker itself lives on for the next job.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { tileSettings } from '../ingest.ts';
import { impliedTiles, levelSize, scaleFactorsFor } from '../../manifests/image/levels.ts';
import { joinLevels, reserveLevelJoiner } from './level-join.ts';
import { joinLevelImages, writeTiles } from './tile.ts';

const SCAN = path.resolve(import.meta.dirname, '../sample/kant-aufklaerung-1784/images/page-0017.tif');
const settings = { ...tileSettings(loadConfig({})), tileSize: 256 };
let dir: string;
let full: { width: number; height: number };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-level-join-'));
  const meta = await sharp(SCAN).metadata();
  full = { width: meta.width, height: meta.height };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tiles(name: string): Promise<string> {
  const out = path.join(dir, name);
  await writeTiles(SCAN, out, settings);
  return out;
}

function job(tilesDir: string, sf: number, target: string) {
  const files = impliedTiles(full, settings.tileSize, [sf]).map((t) => path.join(tilesDir, t.path));
  const across = Math.ceil(levelSize(full, sf).width / settings.tileSize);
  return { target, rows: Array.from({ length: files.length / across }, (_, j) => files.slice(j * across, (j + 1) * across)) };
}

describe('joining pyramid levels on a worker', () => {
  it('writes the level as one JPEG with the tiles pixels', async () => {
    const out = await tiles('ok');
    const sf = 2;
    const target = path.join(out, 'joined.jpg');
    await joinLevels([job(out, sf, target)]);
    const size = levelSize(full, sf);
    const meta = await sharp(target).metadata();
    expect([meta.width, meta.height]).toEqual([size.width, size.height]);
    const t = impliedTiles(full, settings.tileSize, [sf])[0]!;
    const own = await sharp(path.join(out, t.path)).extract({ left: 0, top: 0, width: 200, height: 200 }).raw().toBuffer();
    const joined = await sharp(target).extract({ left: 0, top: 0, width: 200, height: 200 }).raw().toBuffer();
    expect(joined.equals(own)).toBe(true);
  });

  it('keeps a worker whose job failed usable for the next job', async () => {
    const out = await tiles('reuse');
    const joiner = reserveLevelJoiner();
    try {
      await expect(joiner.join([job(path.join(dir, 'no-such-tiles'), 2, path.join(out, 'x.jpg'))])).rejects.toThrow(/no-such-tiles/);
      const target = path.join(out, 'after-failure.jpg');
      await joiner.join([job(out, 2, target)]);
      const size = levelSize(full, 2);
      const meta = await sharp(target).metadata();
      expect([meta.width, meta.height]).toEqual([size.width, size.height]);
    } finally {
      joiner.release();
    }
  });

  it('fails when a tile is missing, and joinLevelImages then leaves the file to be rendered', async () => {
    const out = await tiles('broken');
    const scaleFactors = scaleFactorsFor(full, settings.tileSize);
    for (const sf of scaleFactors) await rm(path.join(out, impliedTiles(full, settings.tileSize, [sf])[0]!.path));
    await expect(joinLevels([job(out, 2, path.join(out, 'x.jpg'))])).rejects.toThrow();
    await expect(joinLevelImages(out, full, settings, [])).resolves.toBeUndefined();
    expect(existsSync(path.join(out, 'full/max/0/default.jpg'))).toBe(false);
    const left = await readdir(out, { recursive: true });
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
