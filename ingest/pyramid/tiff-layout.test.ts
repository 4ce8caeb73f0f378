// The TIFF layout reader on real files libvips writes (tiled and striped, classic and BigTIFF) and
// on what is not a TIFF or is cut short: only a tiled TIFF counts as tiled.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTiledTiff, tiffKind } from './tiff-layout.ts';

let dir: string;
const image = () => sharp({ create: { width: 300, height: 200, channels: 3, background: '#a0522d' } });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-tiff-layout-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isTiledTiff', () => {
  it.each([
    ['tiled, JPEG', { tile: true, tileWidth: 64, tileHeight: 64, compression: 'jpeg' }, true],
    ['tiled, BigTIFF', { tile: true, tileWidth: 64, tileHeight: 64, bigtiff: true }, true],
    ['tiled pyramid', { tile: true, tileWidth: 64, tileHeight: 64, pyramid: true }, true],
    ['striped, LZW', { compression: 'lzw' }, false],
    ['striped, BigTIFF', { bigtiff: true }, false],
  ] as const)('%s: %s', async (name, options, tiled) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.tif`);
    await image().tiff(options).toFile(file);
    expect(await isTiledTiff(file)).toBe(tiled);
  });

  it.each([
    ['a JPEG', () => image().jpeg().toBuffer()],
    ['an empty file', async () => Buffer.alloc(0)],
    ['a header pointing past the end', async () => Buffer.from([0x49, 0x49, 42, 0, 0xff, 0xff, 0, 0])],
    ['a tiled TIFF cut after its header', async () => (await image().tiff({ tile: true, tileWidth: 64, tileHeight: 64 }).toBuffer()).subarray(0, 8)],
  ])('not tiled: %s', async (name, bytes) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.bin`);
    await writeFile(file, await bytes());
    expect(await isTiledTiff(file)).toBe(false);
  });

  it('not tiled: a missing file', async () => {
    expect(await isTiledTiff(path.join(dir, 'missing.tif'))).toBe(false);
  });
});

describe('tiffKind', () => {
  it.each([
    ['little-endian classic', [0x49, 0x49, 42, 0, 8, 0, 0, 0], { little: true, big: false, ifd: 8 }],
    ['big-endian classic', [0x4d, 0x4d, 0, 42, 0, 0, 1, 0], { little: false, big: false, ifd: 256 }],
    ['little-endian BigTIFF', [0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0], { little: true, big: true, ifd: 16 }],
    ['wrong magic', [0x49, 0x49, 41, 0, 8, 0, 0, 0], undefined],
    ['not a TIFF', [0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0], undefined],
    ['BigTIFF cut short', [0x49, 0x49, 43, 0, 8, 0, 0, 0], undefined],
  ])('%s', (_, bytes, kind) => {
    expect(tiffKind(Uint8Array.from(bytes))).toEqual(kind);
  });
});
