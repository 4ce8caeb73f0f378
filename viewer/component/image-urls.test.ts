import { describe, expect, it } from 'vitest';
import { dragAndDropUrl, pageUrl, regionUrl } from './image-urls.ts';
import type { Page } from './manifest-model.ts';

const withService: Page = {
  index: 0,
  canvasId: 'c',
  key: 'p',
  label: { none: ['1'] },
  width: 1456,
  height: 2083,
  image: {
    service: { id: 'https://ex.org/iiif/image/p1', version: 3 },
    url: 'https://ex.org/iiif/image/p1/full/max/0/default.jpg',
    width: 1456,
    height: 2083,
  },
};
const plain: Page = { ...withService, image: { url: 'https://ex.org/p.jpg', width: 800, height: 1000 } };
const big: Page = { ...withService, width: 9000, height: 12000 };

describe('image URLs', () => {
  it.each([
    [withService, { x: 10.2, y: 20, w: 300, h: 400 }, 0, 'https://ex.org/iiif/image/p1/10,20,300,400/300,/0/default.jpg'],
    [withService, { x: -50, y: 0, w: 3000, h: 5000 }, 90, 'https://ex.org/iiif/image/p1/0,0,1456,2083/1456,/90/default.jpg'],
    [big, { x: 0, y: 0, w: 9000, h: 12000 }, 0, 'https://ex.org/iiif/image/p1/0,0,9000,12000/2000,/0/default.jpg'],
    [withService, { x: 5000, y: 0, w: 10, h: 10 }, 0, undefined],
    [plain, { x: 0, y: 0, w: 10, h: 10 }, 0, undefined],
  ] as const)('regionUrl %#', (page, region, rotation, want) => {
    expect(regionUrl(page, region, rotation)).toBe(want);
  });
  it.each([
    [withService, { url: 'https://ex.org/iiif/image/p1/full/1456,/0/default.jpg', width: 1456 }],
    [big, { url: 'https://ex.org/iiif/image/p1/full/2000,/0/default.jpg', width: 2000 }],
    [plain, { url: 'https://ex.org/p.jpg', width: 800 }],
  ] as const)('pageUrl %#', (page, want) => {
    expect(pageUrl(page)).toEqual(want);
  });
  it('makes the drag-and-drop link', () => {
    const m = 'https://ex.org/iiif/presentation/kant/manifest.json';
    expect(dragAndDropUrl(m)).toBe(`${m}?manifest=${encodeURIComponent(m)}`);
  });
});
