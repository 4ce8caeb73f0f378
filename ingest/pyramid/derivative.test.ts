// The pyramidal TIFF assembled from the published tiles: one page per scale factor at the level's
// size, interior tiles carried over byte for byte (so they decode to exactly the published tile),
// edge tiles widened keeping their pixels (all but the last row and column exactly); grey tiles make a one-band page, and BigTIFF reads back. Read back
// with sharp (libvips), as the server reads it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { writeDerivative } from './derivative.ts';
import { tileSettings } from '../ingest.ts';
import { impliedTiles, levelSize, scaleFactorsFor, type Size } from '../../manifests/image/levels.ts';
import { writeTiles } from './tile.ts';
import { writeTiledTiff } from './tiff-writer.ts';

const SCAN = path.resolve(import.meta.dirname, '../sample/kant-aufklaerung-1784/images/page-0017.tif');
const TILE = 256;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-derivative-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function publish(source: string, name: string): Promise<{ tiles: string; tif: string; full: Size; scaleFactors: number[] }> {
  const tiles = path.join(dir, name);
  const settings = { ...tileSettings(loadConfig({})), tileSize: TILE };
  await writeTiles(source, tiles, settings);
  const meta = await sharp(source).metadata();
  const full = { width: meta.width, height: meta.height };
  const scaleFactors = scaleFactorsFor(full, TILE);
  const tif = path.join(dir, `${name}.tif`);
  await writeDerivative({ tilesDir: tiles, full, tileSize: TILE, scaleFactors, quality: 85 }, tif);
  return { tiles, tif, full, scaleFactors };
}

async function rawOf(img: Sharp): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function meanDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('derivative TIFF from the published tiles', () => {
  it('has one page per scale factor, each the size of its level', async () => {
    const { tif, full, scaleFactors } = await publish(SCAN, 'colour');
    const meta = await sharp(tif).metadata();
    expect(meta.pages).toBe(scaleFactors.length);
    for (const [page, sf] of scaleFactors.entries()) {
      const m = await sharp(tif, { page }).metadata();
      expect({ width: m.width, height: m.height }).toEqual(levelSize(full, sf));
      expect(m.channels).toBe(3);
    }
  });

  it('decodes an interior tile to exactly the published tile, and an edge tile to all but exactly it', async () => {
    const { tiles, tif, full, scaleFactors } = await publish(SCAN, 'pixels');
    for (const [page, sf] of scaleFactors.entries()) {
      const level = impliedTiles(full, TILE, [sf]);
      const interior = level.find((t) => t.size.width === TILE && t.size.height === TILE);
      const edge = level.at(-1)!;
      for (const [t, tolerance] of [
        [interior, 0],
        [edge, 0.5],
      ] as const) {
        if (t === undefined) continue;
        const published = await rawOf(sharp(path.join(tiles, t.path)));
        const fromTiff = await rawOf(
          sharp(tif, { page }).extract({ left: t.region.x / sf, top: t.region.y / sf, width: published.width, height: published.height }),
        );
        expect(meanDiff(published.data, fromTiff.data), `${t.path} on page ${page}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('refuses a tile size TIFF cannot hold', async () => {
    await expect(
      writeDerivative({ tilesDir: dir, full: { width: 100, height: 100 }, tileSize: 100, scaleFactors: [1], quality: 85 }, path.join(dir, 'x.tif')),
    ).rejects.toThrow(/multiple of 16/);
  });
});

describe('tiled TIFF writer', () => {
  it('writes grey tiles as a one-band page', async () => {
    const tile = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .toColourspace('b-w')
      .jpeg()
      .toBuffer();
    const file = path.join(dir, 'grey.tif');
    await writeTiledTiff(file, [{ width: 40, height: 20, tileSize: 32, components: 1, sampling: [1, 1], tileCount: 2 }], async () => tile);
    const meta = await sharp(file).metadata();
    expect({ width: meta.width, height: meta.height, channels: meta.channels }).toEqual({ width: 40, height: 20, channels: 1 });
    const { data } = await rawOf(sharp(file).toColourspace('b-w'));
    expect(Math.abs(data[0]! - 90)).toBeLessThanOrEqual(2);
  });

  it('refuses a page whose tile count does not match its size', async () => {
    await expect(
      writeTiledTiff(
        path.join(dir, 'wrong.tif'),
        [{ width: 100, height: 70, tileSize: 64, components: 3, sampling: [2, 2], tileCount: 3 }],
        async () => new Uint8Array(2),
      ),
    ).rejects.toThrow(/has 4 tiles, not 3/);
  });

  it('writes BigTIFF when asked, and libvips reads it', async () => {
    const tile = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 10, g: 200, b: 90 } } })
      .jpeg()
      .toBuffer();
    const file = path.join(dir, 'big.tif');
    await writeTiledTiff(
      file,
      [
        { width: 100, height: 70, tileSize: 64, components: 3, sampling: [2, 2], tileCount: 4 },
        { width: 50, height: 35, tileSize: 64, components: 3, sampling: [2, 2], tileCount: 1 },
      ],
      async () => tile,
      { bigTiff: true },
    );
    expect((await readFile(file)).readUInt16LE(2)).toBe(43);
    expect((await sharp(file).metadata()).pages).toBe(2);
    const { data } = await rawOf(sharp(file, { page: 1 }));
    expect([data[0], data[1], data[2]].map((v) => Math.round(v! / 10))).toEqual([1, 20, 9]);
  });
});
