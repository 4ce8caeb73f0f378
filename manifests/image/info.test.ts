import { describe, expect, it } from 'vitest';
import { ImageInfoError, parseImageInfo } from './info.ts';

const published = {
  '@context': 'http://iiif.io/api/image/3/context.json',
  id: 'https://leeszaal.example/iiif/image/kant-page-0017',
  type: 'ImageService3',
  protocol: 'http://iiif.io/api/image',
  profile: 'level0',
  width: 1456,
  height: 2083,
  sizes: [{ width: 182, height: 261 }],
  tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8] }],
};

describe('parseImageInfo', () => {
  it('reads a published info.json, keeping the fields it does not check', () => {
    expect(parseImageInfo(JSON.stringify(published), 'info.json')).toEqual(published);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{', /^iiif\/image\/x\/info\.json is not JSON/],
    ['no width', JSON.stringify({ ...published, width: undefined }), /width/],
    ['a fractional height', JSON.stringify({ ...published, height: 20.5 }), /height/],
    ['a zero scale factor', JSON.stringify({ ...published, tiles: [{ width: 512, scaleFactors: [0] }] }), /tiles\.0\.scaleFactors\.0/],
    ['a size without height', JSON.stringify({ ...published, sizes: [{ width: 10 }] }), /sizes\.0\.height/],
  ])('refuses %s, naming the file and the field', (_what, input, message) => {
    expect(() => parseImageInfo(input, 'iiif/image/x/info.json')).toThrow(ImageInfoError);
    expect(() => parseImageInfo(input, 'iiif/image/x/info.json')).toThrow(message);
  });
});
