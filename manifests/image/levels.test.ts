// Level-0 arithmetic against hand-computed cases: the pyramid, the tiles OpenSeadragon asks for
// (edge tiles cropped, sizes rounded up), canonical region names, listed sizes and the max size.
import { describe, expect, it } from 'vitest';
import {
  impliedSizes,
  impliedTiles,
  levelScaleFactor,
  levelSize,
  levelSizesOnly,
  listedSizes,
  maxSize,
  pyramidScaleFactors,
  regionSegment,
  scaleFactorsFor,
} from './levels.ts';

const KANT = { width: 1456, height: 2083 };

describe('level-0 files of an image', () => {
  it.each([
    [KANT, 512, [1, 2, 4, 8]],
    [{ width: 512, height: 512 }, 512, [1]],
    [{ width: 513, height: 100 }, 512, [1, 2]],
    [{ width: 20000, height: 30000 }, 512, [1, 2, 4, 8, 16, 32, 64]],
    [{ width: 300, height: 200 }, 256, [1, 2]],
  ])('scale factors of %o with tiles of %i', (full, tile, factors) => {
    expect(scaleFactorsFor(full, tile)).toEqual(factors);
  });

  it.each([
    [KANT, 1, { width: 1456, height: 2083 }],
    [KANT, 4, { width: 364, height: 521 }],
    [KANT, 8, { width: 182, height: 261 }],
  ])('level size of %o at scale factor %i', (full, sf, size) => {
    expect(levelSize(full, sf)).toEqual(size);
  });

  it('names a whole-image region `full`, any other x,y,w,h', () => {
    expect(regionSegment(KANT, { x: 0, y: 0, w: 1456, h: 2083 })).toBe('full');
    expect(regionSegment(KANT, { x: 0, y: 0, w: 1024, h: 1024 })).toBe('0,0,1024,1024');
  });

  it('lists the tiles a viewer asks for, edge tiles cropped and sizes rounded up', () => {
    const paths = impliedTiles(KANT, 512, [1, 2, 4, 8]).map((f) => f.path);
    expect(paths).toHaveLength(15 + 6 + 2 + 1);
    expect(paths).toContain('0,0,512,512/512,512/0/default.jpg');
    expect(paths).toContain('1024,2048,432,35/432,35/0/default.jpg');
    expect(paths).toContain('1024,2048,432,35/216,18/0/default.jpg');
    expect(paths).toContain('0,2048,1456,35/364,9/0/default.jpg');
    expect(paths).toContain('full/182,261/0/default.jpg');
  });

  it('lists whole-image sizes and full/max', () => {
    const files = impliedSizes(KANT, [{ width: 182, height: 261 }], KANT).map((f) => f.path);
    expect(files).toEqual(['full/182,261/0/default.jpg', 'full/max/0/default.jpg']);
  });

  it('lists pyramid levels up to a long side, and at least the smallest', () => {
    expect(listedSizes(KANT, [1, 2, 4, 8], 1024)).toEqual([
      { width: 182, height: 261 },
      { width: 364, height: 521 },
    ]);
    expect(listedSizes(KANT, [1, 2, 4, 8], 100)).toEqual([{ width: 182, height: 261 }]);
  });

  it('never lists the full size, so an image of one level lists none', () => {
    expect(listedSizes({ width: 300, height: 200 }, [1], 1024)).toEqual([]);
    expect(listedSizes({ width: 600, height: 400 }, [1, 2], 1024)).toEqual([{ width: 300, height: 200 }]);
  });

  const AWKWARD = { width: 1600, height: 2867 };
  it.each([
    [AWKWARD, { width: 1600, height: 2867 }, 1],
    [AWKWARD, { width: 200, height: 359 }, 8],
    [AWKWARD, { width: 200, height: 358 }, undefined],
    [AWKWARD, { width: 400, height: 716 }, undefined],
    [AWKWARD, { width: 1, height: 1 }, 4096],
    [AWKWARD, { width: 3200, height: 5734 }, undefined],
    [{ width: 1, height: 1 }, { width: 1, height: 1 }, 1],
  ])('of %o, %o is the level of scale factor %s', (full, size, sf) => {
    expect(levelScaleFactor(full, size)).toBe(sf);
  });

  it.each([
    // The thumbnail is one of libvips' levels: nothing to add.
    [AWKWARD, 512, [{ width: 200, height: 359 }], [1, 2, 4, 8]],
    // A landscape page: libvips stops at 500x375, the thumbnail is the level below.
    [{ width: 2000, height: 1500 }, 512, [{ width: 250, height: 188 }], [1, 2, 4, 8]],
    [{ width: 4000, height: 1000 }, 1024, [{ width: 250, height: 63 }], [1, 2, 4, 8, 16]],
    [{ width: 300, height: 200 }, 512, [{ width: 300, height: 200 }], [1]],
  ])('the pyramid of %o in tiles of %i reaches %o', (full, tile, reach, factors) => {
    expect(pyramidScaleFactors(full, tile, reach)).toEqual(factors);
  });

  it('refuses to reach a size that is no level', () => {
    expect(() => pyramidScaleFactors(AWKWARD, 512, [{ width: 200, height: 358 }])).toThrow(/200x358 is no pyramid level of 1600x2867/);
  });

  it('keeps of the listed sizes only the levels below full, as the server tells level-2 clients', () => {
    // What ingest listed before: a thumbnail 200 wide beside the 200x359 level.
    const before = [
      { width: 200, height: 358 },
      { width: 200, height: 359 },
      { width: 400, height: 717 },
    ];
    expect(levelSizesOnly(AWKWARD, before, [1, 2, 4, 8])).toEqual([
      { width: 200, height: 359 },
      { width: 400, height: 717 },
    ]);
    expect(levelSizesOnly(AWKWARD, [{ width: 200, height: 359 }], [1, 2, 4])).toEqual([]);
    expect(levelSizesOnly(AWKWARD, [AWKWARD], [1, 2, 4, 8])).toEqual([]);
  });

  it.each([
    [KANT, { maxWidth: 10_000, maxHeight: 10_000, maxArea: 40_000_000 }, KANT],
    [
      { width: 20_000, height: 30_000 },
      { maxWidth: 10_000, maxHeight: 10_000, maxArea: 40_000_000 },
      { width: 5000, height: 7500 },
    ],
    [
      { width: 12_000, height: 3_000 },
      { maxWidth: 10_000, maxHeight: 10_000, maxArea: 400_000_000 },
      { width: 6000, height: 1500 },
    ],
    [
      { width: 10_001, height: 5 },
      { maxWidth: 10_000, maxHeight: 10_000, maxArea: 400_000_000 },
      { width: 5001, height: 3 },
    ],
  ])('max size of %o under %o', (full, limits, max) => {
    const m = maxSize(full, limits);
    expect(m).toEqual(max);
    expect(m.width * m.height).toBeLessThanOrEqual(limits.maxArea);
  });
});
