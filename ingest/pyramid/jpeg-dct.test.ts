// JPEG in the DCT domain, checked by decoding with libvips. Widening: a real scan cut into edge-sized
// tiles of each coding the derivative meets (colour 4:2:0 and 4:4:4, grey, optimised Huffman
// tables); the original pixels must come back exactly, only the last row and column may differ a
// little, where 4:2:0 chroma upsampling now sees the added blocks. Joining: a region cut into tiles
// as a pyramid level is; each tile's pixels must come back exactly, apart from 4:2:0 seams. Streams
// either cannot handle give undefined.
import path from 'node:path';
import sharp, { type JpegOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegFrame } from './jpeg-frame.ts';
import { joinJpegs, padJpeg } from './jpeg-dct.ts';

const SCAN = path.resolve(import.meta.dirname, '../sample/kant-aufklaerung-1784/images/page-0017.tif');

/** A region of the real scan (print, paper, edges: varied blocks) coded as asked. */
async function tile(width: number, height: number, grey: boolean, jpeg: JpegOptions): Promise<Buffer> {
  const img = sharp(SCAN).extract({ left: 300, top: 500, width, height });
  return (grey ? img.toColourspace('b-w') : img).jpeg({ quality: 85, optimiseCoding: false, ...jpeg }).toBuffer();
}

/** Decoded pixels of `data`'s top-left width x height, one byte per band (libvips outputs grey as 3 bands). */
async function raw(data: Uint8Array, width: number, height: number): Promise<{ pixels: Buffer; channels: number }> {
  const { data: pixels, info } = await sharp(data).extract({ left: 0, top: 0, width, height }).raw().toBuffer({ resolveWithObject: true });
  return { pixels, channels: info.channels };
}

describe('padJpeg', () => {
  it.each([
    { name: 'colour 4:2:0, width a multiple of 16', width: 272, height: 512, grey: false, jpeg: {} },
    { name: 'colour 4:2:0, ragged both ways', width: 392, height: 176 + 5, grey: false, jpeg: {} },
    { name: 'colour 4:2:0, full width (rows run on)', width: 512, height: 181, grey: false, jpeg: {} },
    { name: 'colour 4:2:0, one pixel', width: 1, height: 1, grey: false, jpeg: {} },
    { name: 'colour 4:4:4', width: 100, height: 37, grey: false, jpeg: { chromaSubsampling: '4:4:4' } },
    { name: 'grey', width: 301, height: 129, grey: true, jpeg: {} },
    { name: 'colour with optimised Huffman tables', width: 200, height: 200, grey: false, jpeg: { optimiseCoding: true } },
  ] as const)('widens a $name tile to 512x512 keeping its pixels', async ({ width, height, grey, jpeg }) => {
    const data = await tile(width, height, grey, jpeg);
    const padded = padJpeg(data, 512, 512);
    if (padded === undefined) {
      // Optimised tables may lack a code for the added blocks' DC differences: then the caller
      // re-encodes. Standard tables always have every code, so only this case may decline.
      expect(jpeg).toHaveProperty('optimiseCoding', true);
      return;
    }
    const frame = jpegFrame(padded);
    expect(frame).toMatchObject({ width: 512, height: 512, sequential: true, components: grey ? 1 : 3 });
    expect(frame?.sampling).toEqual(jpegFrame(data)?.sampling);
    const meta = await sharp(padded).metadata();
    expect([meta.width, meta.height]).toEqual([512, 512]);

    const { pixels: before, channels } = await raw(data, width, height);
    const { pixels: after } = await raw(padded, width, height);
    let inner = 0;
    let border = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) {
          const i = (y * width + x) * channels + c;
          const d = Math.abs(before[i]! - after[i]!);
          if (x < width - 1 && y < height - 1) inner = Math.max(inner, d);
          else border = Math.max(border, d);
        }
      }
    }
    expect(inner).toBe(0);
    expect(border).toBeLessThanOrEqual(grey ? 0 : 16);
  });

  it('re-codes a tile already at the size byte for byte', async () => {
    const data = await tile(512, 512, false, {});
    const padded = padJpeg(data, 512, 512);
    expect(padded && Buffer.from(padded).equals(data)).toBe(true);
  });

  it.each([
    { name: 'a progressive stream', make: () => tile(100, 100, false, { progressive: true }), size: 512 },
    { name: 'a target that is not a whole number of MCUs', make: () => tile(100, 100, false, {}), size: 200 },
    { name: 'a target smaller than the tile', make: () => tile(300, 300, false, {}), size: 256 },
    { name: 'a truncated stream', make: async () => (await tile(300, 300, false, {})).subarray(0, 2000), size: 512 },
    { name: 'a PNG', make: () => sharp(SCAN).resize(64).png().toBuffer(), size: 512 },
  ])('declines $name', async ({ make, size }) => {
    expect(padJpeg(await make(), size, size)).toBeUndefined();
  });
});

describe('joinJpegs', () => {
  /** The region at (200, 300) of the scan (or of `source`) cut into rows of tiles of `size`, each coded as asked. */
  async function level(
    width: number,
    height: number,
    size: number,
    grey: boolean,
    jpeg: (i: number, j: number) => JpegOptions,
    source: string | Buffer = SCAN,
  ) {
    const rows: Buffer[][] = [];
    for (let j = 0; j * size < height; j++) {
      const row: Buffer[] = [];
      for (let i = 0; i * size < width; i++) {
        const w = Math.min(size, width - i * size);
        const h = Math.min(size, height - j * size);
        const img = sharp(source).extract({ left: 200 + i * size, top: 300 + j * size, width: w, height: h });
        row.push(await (grey ? img.toColourspace('b-w') : img).jpeg({ quality: 85, optimiseCoding: false, ...jpeg(i, j) }).toBuffer());
      }
      rows.push(row);
    }
    return rows;
  }

  /** Gaussian noise: at quality 100 nearly every block is coded up to its last coefficient, with no end-of-block code. */
  const noise = () =>
    sharp({ create: { width: 1000, height: 900, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png()
      .toBuffer();

  it.each([
    { name: 'colour 4:2:0', grey: false, jpeg: {}, seam: 16, source: undefined },
    { name: 'colour 4:4:4', grey: false, jpeg: { chromaSubsampling: '4:4:4' }, seam: 0, source: undefined },
    { name: 'grey', grey: true, jpeg: {}, seam: 0, source: undefined },
    { name: 'noise at quality 100', grey: false, jpeg: { quality: 100, chromaSubsampling: '4:4:4' }, seam: 0, source: noise },
  ] as const)('joins $name tiles into one image with their pixels', async ({ grey, jpeg, seam, source }) => {
    const [width, height, size] = [700, 530, 256];
    const rows = await level(width, height, size, grey, () => jpeg, source ? await source() : SCAN);
    const joined = joinJpegs(rows);
    expect(joined).toBeDefined();
    const meta = await sharp(joined!).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([width, height, grey ? 1 : 3]);
    expect(jpegFrame(joined!)?.components).toBe(grey ? 1 : 3);
    const { pixels: all, channels } = await raw(joined!, width, height);
    let inner = 0;
    let atSeams = 0;
    for (const [j, row] of rows.entries()) {
      for (const [i, data] of row.entries()) {
        const { data: own, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
        for (let y = 0; y < info.height; y++) {
          for (let x = 0; x < info.width; x++) {
            const seamSide = x === 0 || y === 0 || x === info.width - 1 || y === info.height - 1;
            for (let c = 0; c < channels; c++) {
              const d = Math.abs(own[(y * info.width + x) * channels + c]! - all[((j * size + y) * width + i * size + x) * channels + c]!);
              if (seamSide) atSeams = Math.max(atSeams, d);
              else inner = Math.max(inner, d);
            }
          }
        }
      }
    }
    expect(inner).toBe(0);
    expect(atSeams).toBeLessThanOrEqual(seam);
  });

  it('joins a single tile into itself, byte for byte', async () => {
    const rows = await level(300, 200, 512, false, () => ({}));
    expect(Buffer.from(joinJpegs(rows)!).equals(rows[0]![0]!)).toBe(true);
  });

  it.each([
    { name: 'tiles coded with different quantisation tables', make: () => level(600, 300, 256, false, (i) => ({ quality: i === 1 ? 60 : 85 })) },
    { name: 'inner tiles that are not a whole number of MCUs wide', make: () => level(300, 200, 100, false, () => ({})) },
    {
      name: 'rows of different lengths',
      make: async () => [...(await level(600, 256, 256, false, () => ({}))), [(await level(256, 256, 256, false, () => ({})))[0]![0]!]],
    },
    { name: 'no tiles', make: async () => [] },
    {
      name: 'a damaged tile',
      make: async () => (await level(600, 256, 256, false, () => ({}))).map((row) => row.map((t, i) => (i === 1 ? t.subarray(0, 900) : t))),
    },
  ])('declines $name', async ({ make }) => {
    expect(joinJpegs(await make())).toBeUndefined();
  });
});
