// The pixel comparisons the viewer tests rely on, against hand-made cases.
import { describe, expect, it } from 'vitest';
import { correlation, paintedBox, shownRegion } from './pixels.ts';

describe('correlation', () => {
  it.each([
    [[1, 2, 3, 4], [2, 4, 6, 8], 1],
    [[1, 2, 3, 4], [4, 3, 2, 1], -1],
    [[1, 2, 3, 4], [5, 5, 5, 5], 0],
    [[1, 0, 1, 0], [1, 1, 0, 0], 0],
  ])('of %j and %j is %d', (a, b, r) => {
    expect(correlation(a, b)).toBeCloseTo(r, 10);
  });

  it('refuses samples of different lengths', () => {
    expect(() => correlation([1, 2], [1])).toThrow(RangeError);
  });
});

describe('paintedBox', () => {
  const rgba = (w: number, h: number, opaque: Array<[number, number]>) => {
    const px = new Uint8Array(w * h * 4);
    for (const [x, y] of opaque) px[(y * w + x) * 4 + 3] = 255;
    return px;
  };
  it.each<[number, number, Array<[number, number]>, object | undefined]>([
    [4, 3, [[1, 1]], { left: 1, top: 1, width: 1, height: 1 }],
    [
      4,
      3,
      [
        [0, 2],
        [3, 0],
      ],
      { left: 0, top: 0, width: 4, height: 3 },
    ],
    [4, 3, [], undefined],
  ])('of a %ix%i canvas painted at %j is %j', (w, h, opaque, box) => {
    expect(paintedBox(rgba(w, h, opaque), w, h)).toEqual(box);
  });
});

describe('shownRegion', () => {
  const page = { width: 1000, height: 2000 };
  const canvas = { width: 800, height: 600 };
  it.each([
    // The whole page, spanning neither axis: all of it.
    [
      { left: 250, top: 0, width: 300, height: 599 },
      { left: 0, top: 0, width: 1000, height: 2000 },
    ],
    [
      { left: 250, top: 10, width: 290, height: 580 },
      { left: 0, top: 0, width: 1000, height: 2000 },
    ],
    // 400 wide: 2000 tall at that scale, so the middle 1500 of the page's height is shown.
    [
      { left: 200, top: 0, width: 400, height: 600 },
      { left: 0, top: 250, width: 1000, height: 1500 },
    ],
    [{ left: 0, top: 0, width: 800, height: 600 }, undefined],
  ])('of a %j box', (box, region) => {
    expect(shownRegion(page, box, canvas)).toEqual(region);
  });
});
