// The band planner: which images are split, where the cuts fall (on tile edges of every level up
// to the band scale, so band tiles equal the whole image's), and which band scale it weighs best.
import { describe, expect, it } from 'vitest';
import { planBands } from './bands.ts';
import { scaleFactorsFor } from '../../manifests/image/levels.ts';

const plan = (width: number, height: number, count: number, tileSize = 512) =>
  planBands({ width, height }, tileSize, scaleFactorsFor({ width, height }, tileSize), count);

describe('planBands', () => {
  it.each([
    // width, height, pipelines, expected cuts (band tops), band scale
    [10_000, 14_000, 2, [0, 8192], 16],
    [20_000, 30_000, 2, [0, 16_384], 32],
    [20_000, 30_000, 4, [0, 8192, 16_384, 24_576], 16],
    [10_000, 14_000, 4, [0, 4096, 8192, 12_288], 8],
    [4000, 4200, 2, [0, 2048], 4],
    // At most MAX_BANDS, and fewer for a wide scan: 30000 pixels wide leaves room for two.
    [10_000, 14_000, 8, [0, 4096, 8192, 12_288], 8],
    [30_000, 20_000, 4, [0, 10_240], 4],
  ])('%ix%i in %i pipelines: bands at %j, levels up to %i', (width, height, count, tops, bandScale) => {
    const p = plan(width, height, count);
    expect(p?.bands.map((b) => b.top)).toEqual(tops);
    expect(p?.bandScale).toBe(bandScale);
  });

  it.each([
    ['one pipeline', 10_000, 14_000, 1],
    ['under the pixel minimum', 3000, 5000, 2],
    ['too short to cut on a level-2 tile edge', 16_000, 1000, 2],
    ['too wide for two pipelines', 45_000, 20_000, 4],
  ])('does not split: %s', (_, width, height, count) => {
    expect(plan(width, height, count)).toBeUndefined();
  });

  it.each([
    [10_000, 14_000, 2, 512],
    [12_345, 17_777, 3, 512],
    [7001, 9999, 4, 256],
    [40_000, 5000, 2, 1024],
  ])('%ix%i in %i pipelines, tile %i: bands cover the image on edges of every band level', (width, height, count, tileSize) => {
    const p = plan(width, height, count, tileSize)!;
    expect(p.bands.length).toBeGreaterThanOrEqual(2);
    expect(p.bands.length).toBeLessThanOrEqual(count);
    expect(p.bands[0]!.top).toBe(0);
    p.bands.forEach((b, i) => {
      expect(b.height).toBeGreaterThan(0);
      expect(b.top % (tileSize * p.bandScale)).toBe(0);
      expect(b.top + b.height).toBe(p.bands[i + 1]?.top ?? height);
    });
    expect(p.bandScale).toBeGreaterThanOrEqual(2);
    expect(scaleFactorsFor({ width, height }, tileSize).at(-1)).toBeGreaterThan(p.bandScale);
  });
});
