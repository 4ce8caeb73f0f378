import { describe, expect, it } from 'vitest';
import { publicUrls } from './layout.ts';
import { canonicalSize, coverPage, thumbnailResource, thumbnailSize } from './thumbnail.ts';

describe('thumbnailSize', () => {
  // The pyramid level nearest the target width (by ratio), never the exact width: a level, so that
  // info.json can list it without OpenSeadragon 5 taking it for another level.
  it.each([
    [1456, 2083, 200, 182, 261],
    [2083, 1456, 200, 261, 182],
    [4000, 3000, 200, 250, 188],
    [1600, 2867, 200, 200, 359],
    [201, 3, 200, 201, 3],
    [10_000, 10, 200, 157, 1],
    [200, 300, 200, 200, 300],
    [150, 100, 200, 150, 100],
    [1456, 2083, 400, 364, 521],
  ])('%ix%i at %i wide → %ix%i', (w, h, target, ew, eh) => {
    expect(thumbnailSize(w, h, target)).toEqual({ width: ew, height: eh });
  });

  it('defaults to about 200 wide', () => {
    expect(thumbnailSize(1000, 500)).toEqual({ width: 250, height: 125 });
  });

  it.each([
    [0, 10, 200],
    [10, -1, 200],
    [10.5, 10, 200],
    [10, 10, 0],
    [Number.NaN, 10, 200],
  ])('rejects %j x %j at %j', (w, h, t) => {
    expect(() => thumbnailSize(w, h, t)).toThrow(RangeError);
  });
});

describe('canonicalSize', () => {
  it.each([
    [{ width: 1456, height: 2083 }, { width: 182, height: 261 }, '182,261'],
    [{ width: 150, height: 100 }, { width: 150, height: 100 }, 'max'],
  ])('%j at %j → %s', (full, size, expected) => {
    expect(canonicalSize(full, size)).toBe(expected);
  });
});

describe('thumbnailResource', () => {
  it('names the static file of a pyramid level with its size and a level-0 service', () => {
    const urls = publicUrls('https://leeszaal.example/');
    expect(thumbnailResource(urls, { imageId: 'kant-page-0017', width: 1456, height: 2083 })).toEqual({
      id: 'https://leeszaal.example/iiif/image/kant-page-0017/full/182,261/0/default.jpg',
      type: 'Image',
      format: 'image/jpeg',
      width: 182,
      height: 261,
      service: [{ id: 'https://leeszaal.example/iiif/image/kant-page-0017', type: 'ImageService3', profile: 'level0' }],
    });
  });

  it('uses full/max for an image no wider than the thumbnail', () => {
    const urls = publicUrls('https://leeszaal.example');
    expect(thumbnailResource(urls, { imageId: 'tiny', width: 120, height: 80 }).id).toBe(
      'https://leeszaal.example/iiif/image/tiny/full/max/0/default.jpg',
    );
  });
});

describe('coverPage', () => {
  const pages = [{ key: 'a' }, { key: 'b' }];
  it.each([
    { thumbnailPage: undefined, cover: 'a' },
    { thumbnailPage: 'b', cover: 'b' },
    // A page the item no longer has (a re-ingest dropped it) falls back to the first.
    { thumbnailPage: 'gone', cover: 'a' },
  ])('thumbnail page $thumbnailPage → $cover', ({ thumbnailPage, cover }) => {
    expect(coverPage({ ...(thumbnailPage ? { thumbnailPage } : {}), pages })?.key).toBe(cover);
  });
  it('is undefined for an item without pages', () => {
    expect(coverPage({ pages: [] })).toBeUndefined();
  });
});
