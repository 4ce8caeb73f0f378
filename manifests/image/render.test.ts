// Choosing the pyramid level to read: the smallest one that still has at least the pixels the
// output needs, so thumbnails decode little and full-resolution crops stay sharp; and the memory a
// render is charged for, which rotation makes grow.
import { describe, expect, it } from 'vitest';
import type { ImageOperation } from './request.ts';
import { chooseLevel, renderBytes, type SourceLevel } from './render.ts';

const full = { width: 4000, height: 3000 };
const levels: SourceLevel[] = [
  { width: 4000, height: 3000 },
  { width: 2000, height: 1500, page: 1 },
  { width: 1000, height: 750, page: 2 },
  { width: 500, height: 375, page: 3 },
];

describe('chooseLevel', () => {
  it.each([
    ['full size', { w: 4000, h: 3000 }, { w: 4000, h: 3000 }, 4000],
    ['half', { w: 4000, h: 3000 }, { w: 2000, h: 1500 }, 2000],
    ['more than half', { w: 4000, h: 3000 }, { w: 2100, h: 1575 }, 4000],
    ['a thumbnail', { w: 4000, h: 3000 }, { w: 200, h: 150 }, 500],
    ['a crop at full resolution', { w: 512, h: 512 }, { w: 512, h: 512 }, 4000],
    ['a crop at a quarter', { w: 1024, h: 1024 }, { w: 256, h: 256 }, 1000],
    ['upscaling', { w: 100, h: 100 }, { w: 400, h: 400 }, 4000],
    ['distorted, width-bound', { w: 4000, h: 3000 }, { w: 1000, h: 10 }, 1000],
  ])('%s', (_name, region, size, width) => {
    expect(chooseLevel(levels, full, { region: { x: 0, y: 0, ...region }, size }).width).toBe(width);
  });

  it('takes a level rounded down by a pixel as half (odd full sizes)', () => {
    const odd = { width: 1457, height: 2083 };
    const pyramid = [
      { width: 1457, height: 2083 },
      { width: 728, height: 1041, page: 1 },
    ];
    expect(chooseLevel(pyramid, odd, { region: { x: 0, y: 0, w: 1457, h: 2083 }, size: { w: 729, h: 1042 } }).width).toBe(728);
  });

  it('uses the only level of a plain image even when it is smaller than the full image', () => {
    expect(chooseLevel([{ width: 1000, height: 750 }], full, { region: { x: 0, y: 0, w: 4000, h: 3000 }, size: { w: 4000, h: 3000 } }).width).toBe(
      1000,
    );
  });
});

describe('renderBytes', () => {
  const source = { file: 'x.tif', version: '1', levels };
  const op = (size: { w: number; h: number }, degrees = 0, mirror = false): ImageOperation => ({
    region: { x: 0, y: 0, w: 4000, h: 3000 },
    size,
    degrees,
    mirror,
    quality: 'default',
    format: 'png',
  });
  it.each([
    // Decoded at the level read (500x375 for a thumbnail) plus the output, 4 bytes a pixel.
    ['a thumbnail', op({ w: 200, h: 150 }), (500 * 375 + 200 * 150) * 4],
    ['full size', op({ w: 4000, h: 3000 }), 4000 * 3000 * 2 * 4],
    // Rotating hands the resized image over whole, then holds its bounding box too.
    ['rotated 90', op({ w: 200, h: 150 }, 90), (500 * 375 + 200 * 150 * 3) * 4],
    ['rotated 45', op({ w: 1000, h: 1000 }, 45), (2000 * 1500 + 1000 * 1000 * 2 + 1415 * 1415) * 4],
    ['mirrored', op({ w: 200, h: 150 }, 0, true), (500 * 375 + 200 * 150 * 3) * 4],
  ])('%s', (_name, req, bytes) => {
    expect(renderBytes(req, full, source)).toBe(bytes);
  });
});
