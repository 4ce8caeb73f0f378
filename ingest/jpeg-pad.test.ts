// Widening JPEG tiles in the DCT domain: a real scan cut into edge-sized tiles of each coding the
// derivative meets (colour 4:2:0 and 4:4:4, grey, optimised Huffman tables), widened, then decoded by
// libvips. The original pixels must come back exactly; only the last row and column may differ a
// little, where the chroma upsampling now sees the added blocks. Streams it cannot widen give undefined.
import path from 'node:path';
import sharp, { type JpegOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegFrame } from './jpeg-frame.ts';
import { padJpeg } from './jpeg-pad.ts';

const SCAN = path.resolve(import.meta.dirname, 'sample/kant-aufklaerung-1784/images/page-0017.tif');

/** A region of the real scan (print, paper, edges: varied blocks) coded as asked. */
async function tile(width: number, height: number, grey: boolean, jpeg: JpegOptions): Promise<Buffer> {
  const img = sharp(SCAN).extract({ left: 300, top: 500, width, height });
  return (grey ? img.toColourspace('b-w') : img).jpeg({ quality: 85, optimiseCoding: false, ...jpeg }).toBuffer();
}

async function raw(data: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(data).extract({ left: 0, top: 0, width, height }).raw().toBuffer();
}

describe('padJpeg', () => {
  it.each([
    { name: 'colour 4:2:0, width a multiple of 16', width: 272, height: 512, grey: false, jpeg: {} },
    { name: 'colour 4:2:0, ragged both ways', width: 392, height: 176 + 5, grey: false, jpeg: {} },
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

    const before = await raw(data, width, height);
    const after = await raw(padded, width, height);
    const channels = grey ? 1 : 3;
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
