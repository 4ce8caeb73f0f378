import { describe, expect, it } from 'vitest';
import { parseImageRequest } from './parse-request.ts';
import { premadeCandidates, type PublishedLevel0 } from './premade.ts';

// The Kant page as published: 1457x2083, 512-pixel tiles, three listed sizes.
const KANT: PublishedLevel0 = {
  width: 1457,
  height: 2083,
  sizes: [
    { width: 183, height: 261 },
    { width: 200, height: 286 },
    { width: 365, height: 521 },
  ],
  tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8] }],
};
// A scan larger than the limits: its published max is a pyramid level.
const LARGE: PublishedLevel0 = {
  width: 10000,
  height: 14000,
  maxWidth: 5000,
  maxHeight: 7000,
  tiles: [{ width: 512, scaleFactors: [1, 2, 4, 8, 16, 32] }],
};
const LIMITS = { maxWidth: 10000, maxHeight: 10000, maxArea: 40_000_000 };

function candidates(info: PublishedLevel0, url: string): string[] {
  const [region, size, rotation, qualityFormat] = url.split('/') as [string, string, string, string];
  return premadeCandidates(info, parseImageRequest({ region, size, rotation, qualityFormat }, info, LIMITS));
}

describe('premadeCandidates', () => {
  it.each([
    ['a full-resolution tile', KANT, '0,0,512,512/512,/0/default.jpg', ['0,0,512,512/512,512/0/default.jpg']],
    ['a tile asked for as max', KANT, '512,1024,512,512/max/0/default.jpg', ['512,1024,512,512/512,512/0/default.jpg']],
    ['an edge tile at scale factor 2', KANT, '1024,0,433,1024/217,512/0/default.jpg', ['1024,0,433,1024/217,512/0/default.jpg']],
    ['the bottom strip at scale factor 4', KANT, '0,2048,1457,35/365,9/0/default.jpg', ['0,2048,1457,35/365,9/0/default.jpg']],
    ['a listed size', KANT, 'full/200,/0/default.jpg', ['full/200,286/0/default.jpg']],
    ['the one-tile pyramid level', KANT, 'full/183,261/0/default.jpg', ['full/183,261/0/default.jpg']],
    ['full/max of an image within the limits', KANT, 'full/max/0/default.jpg', ['full/max/0/default.jpg']],
    ['full/max of an image beyond the limits', LARGE, 'full/5000,7000/0/default.jpg', ['full/max/0/default.jpg']],
    [
      'a whole image that fits in one tile',
      { width: 400, height: 300, tiles: [{ width: 512, scaleFactors: [1] }] },
      'full/400,/0/default.jpg',
      ['full/max/0/default.jpg', 'full/400,300/0/default.jpg'],
    ],
    ['a region off the grid', KANT, '100,100,512,512/512,/0/default.jpg', []],
    ['a tile at a size no level has', KANT, '0,0,512,512/300,/0/default.jpg', []],
    ['a region of the size of a tile at the wrong scale', KANT, '0,0,1024,1024/256,/0/default.jpg', []],
    ['a rotated tile', KANT, '0,0,512,512/512,/90/default.jpg', []],
    ['a grey tile', KANT, '0,0,512,512/512,/0/gray.jpg', []],
    ['a png tile', KANT, '0,0,512,512/512,/0/default.png', []],
    ['a size no one published', KANT, 'full/300,/0/default.jpg', []],
  ])('%s', (_name, info, url, want) => {
    expect(candidates(info, url)).toEqual(want);
  });
});
