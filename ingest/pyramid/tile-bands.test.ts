// A large tiled TIFF tiled in bands by two pipelines at once: the same files as one pipeline writes,
// the band levels' tiles byte for byte the same, the levels above made from them close to one
// pipeline's; the band levels are announced final before the levels above are made; a scan damaged
// in its second band fails and leaves no band folder behind.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { planBands } from './bands.ts';
import { tileSettings } from '../ingest.ts';
import { impliedTiles, scaleFactorsFor } from '../../manifests/image/levels.ts';
import { writeTiles } from './tile.ts';
import { isTiledTiff } from './tiff-layout.ts';

const PAGE = path.resolve(import.meta.dirname, '../sample/kant-aufklaerung-1784/images/page-0017.tif');
const full = { width: 4000, height: 4200 };
const settings = tileSettings(loadConfig({}));
let dir: string;
let scan: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bands-'));
  scan = path.join(dir, 'scan.tif');
  const page = await sharp(PAGE).metadata();
  await sharp(PAGE)
    .extend({ right: full.width - page.width, bottom: full.height - page.height, extendWith: 'repeat' })
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, compression: 'jpeg', quality: 80 })
    .toFile(scan);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file and folder under `root`, folders with a trailing slash. */
async function entries(root: string, sub = ''): Promise<string[]> {
  const found = await readdir(path.join(root, sub), { withFileTypes: true });
  const nested = await Promise.all(
    found.map(async (e) =>
      e.isDirectory() ? [`${path.join(sub, e.name)}/`, ...(await entries(root, path.join(sub, e.name)))] : [path.join(sub, e.name)],
    ),
  );
  return nested.flat().sort();
}

async function psnr(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((f) => sharp(f).raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += (x![i]! - y![i]!) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / x!.length));
}

describe('tiling in bands', () => {
  it('writes what one pipeline writes', async () => {
    const plan = planBands(full, settings.tileSize, scaleFactorsFor(full, settings.tileSize), 2);
    expect(plan?.bands.length).toBe(2);
    const one = path.join(dir, 'one');
    const two = path.join(dir, 'two');
    const scales = scaleFactorsFor(full, settings.tileSize);
    const bandLevels = impliedTiles(
      full,
      settings.tileSize,
      scales.filter((s) => s <= plan!.bandScale),
    );
    const upper = impliedTiles(
      full,
      settings.tileSize,
      scales.filter((s) => s > plan!.bandScale),
    );
    const announced: { upTo: number; bandLevelsThere: boolean; upperThere: boolean }[] = [];
    const announce = (out: string) => (upTo: number) =>
      announced.push({
        upTo,
        bandLevelsThere: bandLevels.every((t) => existsSync(path.join(out, t.path))),
        upperThere: upper.some((t) => existsSync(path.join(out, t.path))),
      });
    await writeTiles(scan, one, { ...settings, bands: 1 }, announce(one));
    await writeTiles(scan, two, { ...settings, bands: 2 }, announce(two));
    expect(announced).toEqual([
      { upTo: Infinity, bandLevelsThere: true, upperThere: true },
      { upTo: plan!.bandScale, bandLevelsThere: true, upperThere: false },
    ]);

    expect(await entries(two)).toEqual(await entries(one));
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['one', 'two']));
    expect((await readdir(dir)).filter((f) => f.includes('.'))).toEqual(['scan.tif']);

    expect(bandLevels.length).toBeGreaterThan(50);
    for (const t of bandLevels) {
      expect(Buffer.compare(await readFile(path.join(two, t.path)), await readFile(path.join(one, t.path))), t.path).toBe(0);
    }
    expect(upper.length).toBeGreaterThan(0);
    for (const t of upper) {
      const [a, b] = await Promise.all([one, two].map((d) => sharp(path.join(d, t.path)).metadata()));
      expect([b!.width, b!.height], t.path).toEqual([a!.width, a!.height]);
      expect(await psnr(path.join(one, t.path), path.join(two, t.path)), t.path).toBeGreaterThan(35);
    }
  }, 60_000);

  it('fails on a scan damaged in its second band and leaves no band folder', async () => {
    const damaged = path.join(dir, 'damaged.tif');
    const bytes = Buffer.from(await readFile(scan));
    // libvips writes the tiles row by row, then the directory: zeroing a stretch of the last rows'
    // tiles keeps the header readable, so the scan is still planned in bands.
    const directory = bytes.readUInt32LE(4);
    bytes.fill(0, Math.floor(directory * 0.8), Math.floor(directory * 0.9));
    await writeFile(damaged, bytes);
    expect(await isTiledTiff(damaged)).toBe(true);
    expect((await sharp(damaged).metadata()).height).toBe(full.height);
    const out = path.join(dir, 'damaged-tiles');
    await expect(writeTiles(damaged, out, { ...settings, bands: 2 })).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.bands`)).toBe(false);
  }, 60_000);
});
