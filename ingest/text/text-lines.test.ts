// Scaling a source's boxes onto the master, table-driven: the sizes ALTO, PAGE XML and hOCR give for
// the image they were recognised on, against the master's.
import { describe, expect, it } from 'vitest';
import { boxScaler, scaleFactors, uniqueLineIds, unionBox } from './text-lines.ts';

describe('scaleFactors', () => {
  it.each([
    { name: 'same size', source: { width: 1000, height: 1500 }, perUnit: 1, sx: 1, sy: 1 },
    { name: 'one pixel off (ground truth)', source: { width: 1001, height: 1500 }, perUnit: 1, sx: 1, sy: 1 },
    { name: 'recognised at half size', source: { width: 500, height: 750 }, perUnit: 1, sx: 2, sy: 2 },
    { name: 'recognised at double size', source: { width: 2000, height: 3000 }, perUnit: 1, sx: 0.5, sy: 0.5 },
    { name: 'only the width given', source: { width: 500 }, perUnit: 1, sx: 2, sy: 2 },
    { name: 'only the height given', source: { height: 3000 }, perUnit: 1, sx: 0.5, sy: 0.5 },
    { name: 'no size, pixels', source: {}, perUnit: 1, sx: 1, sy: 1 },
    { name: 'no size, mm10 at 300 dpi', source: {}, perUnit: 300 / 254, sx: 300 / 254, sy: 300 / 254 },
    { name: 'mm10 page size wins over the unit', source: { width: 2000, height: 3000 }, perUnit: 300 / 254, sx: 0.5, sy: 0.5 },
    { name: 'a zero size is no size', source: { width: 0, height: 0 }, perUnit: 1, sx: 1, sy: 1 },
  ])('$name', ({ source, perUnit, sx, sy }) => {
    expect(scaleFactors({ width: 1000, height: 1500 }, source, perUnit)).toEqual({ sx, sy });
  });
});

describe('boxScaler', () => {
  const image = { width: 1000, height: 1500 };
  it.each([
    { name: 'as is', factors: { sx: 1, sy: 1 }, rect: [10, 20, 110, 70], box: { x: 10, y: 20, w: 100, h: 50 } },
    { name: 'scaled and rounded', factors: { sx: 2, sy: 2 }, rect: [10.4, 20, 110.6, 70], box: { x: 21, y: 40, w: 200, h: 100 } },
    { name: 'corners given the other way round', factors: { sx: 1, sy: 1 }, rect: [110, 70, 10, 20], box: { x: 10, y: 20, w: 100, h: 50 } },
    { name: 'clamped to the image', factors: { sx: 1, sy: 1 }, rect: [-5, 1490, 1020, 1600], box: { x: 0, y: 1490, w: 1000, h: 10 } },
  ])('$name', ({ factors, rect, box }) => {
    expect(boxScaler(image, factors)(...(rect as [number, number, number, number]))).toEqual(box);
  });
});

describe('line helpers', () => {
  it('unites boxes', () => {
    expect(
      unionBox([
        { x: 10, y: 10, w: 10, h: 10 },
        { x: 40, y: 5, w: 10, h: 30 },
      ]),
    ).toEqual({ x: 10, y: 5, w: 40, h: 30 });
  });

  it('keeps line ids unique', () => {
    const id = uniqueLineIds();
    expect([id('l1', 0), id('l1', 1), id(undefined, 2), id('', 3), id('line-3', 4)]).toEqual(['l1', 'l1-2', 'line-3', 'line-4', 'line-3-2']);
  });
});
