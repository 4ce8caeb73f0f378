// Table-driven tests of IIIF Image API 3 request parsing: every region, size, rotation, quality and
// format form, valid and invalid, against the expected pixels, canonical form or status code.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors.ts';
import type { SizeLimits as Limits } from '../../manifests/image/levels.ts';
import { canonicalNumber, fitRotated, parseImageRequest, rotatedSize } from './parse-request.ts';

const img = { width: 1000, height: 800 };
const roomy: Limits = { maxWidth: 10_000, maxHeight: 10_000, maxArea: 40_000_000 };
const tight: Limits = { maxWidth: 500, maxHeight: 600, maxArea: 200_000 };

function req(path: string, limits: Limits = roomy, dims = img) {
  const [region = '', size = '', rotation = '', qualityFormat = ''] = path.split('/');
  return parseImageRequest({ region, size, rotation, qualityFormat }, dims, limits);
}

function statusOf(path: string, limits: Limits = roomy, dims = img): number {
  try {
    req(path, limits, dims);
    return 200;
  } catch (err) {
    if (err instanceof HttpError) return err.status;
    throw err;
  }
}

describe('valid requests resolve to pixels and a canonical form', () => {
  const cases: Array<[string, { region: number[]; size: number[]; canonical: string }, Limits?]> = [
    ['full/max/0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.jpg' }],
    ['square/max/0/default.jpg', { region: [100, 0, 800, 800], size: [800, 800], canonical: '100,0,800,800/max/0/default.jpg' }],
    ['0,0,1000,800/max/0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.jpg' }],
    ['10,20,300,200/max/0/default.jpg', { region: [10, 20, 300, 200], size: [300, 200], canonical: '10,20,300,200/max/0/default.jpg' }],
    // Clipped at the edge rather than padded.
    ['900,700,500,500/max/0/default.jpg', { region: [900, 700, 100, 100], size: [100, 100], canonical: '900,700,100,100/max/0/default.jpg' }],
    ['0,0,5000,5000/max/0/default.png', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.png' }],
    ['pct:10,25,50,50/max/0/default.jpg', { region: [100, 200, 500, 400], size: [500, 400], canonical: '100,200,500,400/max/0/default.jpg' }],
    ['pct:0,0,100,100/max/0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.jpg' }],
    ['pct:41.6,7.5,66.6,100/max/0/default.jpg', { region: [416, 60, 584, 740], size: [584, 740], canonical: '416,60,584,740/max/0/default.jpg' }],
    ['full/^max/0/default.jpg', { region: [0, 0, 1000, 800], size: [7071, 5656], canonical: 'full/^max/0/default.jpg' }],
    ['full/500,/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/500,400/0/default.jpg' }],
    ['full/1000,/0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.jpg' }],
    ['full/^1500,/0/default.jpg', { region: [0, 0, 1000, 800], size: [1500, 1200], canonical: 'full/^1500,1200/0/default.jpg' }],
    ['full/^500,/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/500,400/0/default.jpg' }],
    ['full/,400/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/500,400/0/default.jpg' }],
    ['full/^,1600/0/default.jpg', { region: [0, 0, 1000, 800], size: [2000, 1600], canonical: 'full/^2000,1600/0/default.jpg' }],
    ['full/pct:25/0/default.jpg', { region: [0, 0, 1000, 800], size: [250, 200], canonical: 'full/250,200/0/default.jpg' }],
    ['full/pct:100/0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.jpg' }],
    ['full/^pct:150/0/default.jpg', { region: [0, 0, 1000, 800], size: [1500, 1200], canonical: 'full/^1500,1200/0/default.jpg' }],
    ['full/300,100/0/default.jpg', { region: [0, 0, 1000, 800], size: [300, 100], canonical: 'full/300,100/0/default.jpg' }],
    ['full/^1200,100/0/default.jpg', { region: [0, 0, 1000, 800], size: [1200, 100], canonical: 'full/^1200,100/0/default.jpg' }],
    ['full/!500,500/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/500,400/0/default.jpg' }],
    ['full/!2000,2000/0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0/default.jpg' }],
    ['full/^!2000,2000/0/default.jpg', { region: [0, 0, 1000, 800], size: [2000, 1600], canonical: 'full/^2000,1600/0/default.jpg' }],
    ['full/!225,100/0/default.jpg', { region: [0, 0, 1000, 800], size: [125, 100], canonical: 'full/125,100/0/default.jpg' }],
    ['0,0,512,512/512,/0/default.jpg', { region: [0, 0, 512, 512], size: [512, 512], canonical: '0,0,512,512/max/0/default.jpg' }],
    ['512,512,512,512/244,/0/default.jpg', { region: [512, 512, 488, 288], size: [244, 144], canonical: '512,512,488,288/244,144/0/default.jpg' }],
    // Server limits: max and !w,h shrink to fit; ^max grows only to them.
    ['full/max/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/max/0/default.jpg' }, tight],
    ['full/500,400/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/max/0/default.jpg' }, tight],
    ['full/^max/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/max/0/default.jpg' }, tight],
    ['0,0,100,100/^max/0/default.jpg', { region: [0, 0, 100, 100], size: [447, 447], canonical: '0,0,100,100/^max/0/default.jpg' }, tight],
    ['full/!900,900/0/default.jpg', { region: [0, 0, 1000, 800], size: [500, 400], canonical: 'full/max/0/default.jpg' }, tight],
    // Rotation canonical forms; quality and format kept.
    ['full/max/90/gray.png', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/90/gray.png' }],
    ['full/max/!0/bitonal.webp', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/!0/bitonal.webp' }],
    ['full/max/22.50/color.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/22.5/color.jpg' }],
    ['full/max/090.0/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/90/default.jpg' }],
    ['full/max/.5/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/0.5/default.jpg' }],
    ['full/max/!360/default.jpg', { region: [0, 0, 1000, 800], size: [1000, 800], canonical: 'full/max/!360/default.jpg' }],
  ];
  it.each(cases)('%s', (path, want, limits) => {
    const r = req(path, limits);
    expect([r.region.x, r.region.y, r.region.w, r.region.h]).toEqual(want.region);
    expect([r.size.w, r.size.h]).toEqual(want.size);
    expect(r.canonical.path).toBe(want.canonical);
  });

  it('square of a square image is full', () => {
    expect(req('square/max/0/default.jpg', roomy, { width: 600, height: 600 }).canonical.region).toBe('full');
  });

  it('parses mirroring and angle', () => {
    const r = req('full/max/!22.5/default.png');
    expect([r.mirror, r.degrees]).toEqual([true, 22.5]);
  });
});

describe('invalid requests get the status the spec asks for', () => {
  const cases: Array<[string, number, RegExp, Limits?]> = [
    ['0,0,0,100/max/0/default.jpg', 400, /region: width and height/],
    ['0,0,100,0/max/0/default.jpg', 400, /region/],
    ['1000,0,10,10/max/0/default.jpg', 400, /region: .*outside/],
    ['0,800,10,10/max/0/default.jpg', 400, /outside/],
    ['pct:0,0,0,10/max/0/default.jpg', 400, /region/],
    ['pct:100,0,10,10/max/0/default.jpg', 400, /outside/],
    ['pct:0,0,0.01,10/max/0/default.jpg', 400, /less than one pixel/],
    ['-1,0,10,10/max/0/default.jpg', 400, /region: x must be/],
    ['0,0,10/max/0/default.jpg', 400, /region: expected/],
    ['0,0,10,10,10/max/0/default.jpg', 400, /region/],
    ['1.5,0,10,10/max/0/default.jpg', 400, /region/],
    ['pct:+1,0,10,10/max/0/default.jpg', 400, /region/],
    ['pct:1e2,0,10,10/max/0/default.jpg', 400, /region/],
    ['squares/max/0/default.jpg', 400, /region/],
    ['FULL/max/0/default.jpg', 400, /region/],
    ['full/full/0/default.jpg', 400, /size/],
    ['full/1001,/0/default.jpg', 400, /size: .*\^ to upscale/],
    ['full/,801/0/default.jpg', 400, /size/],
    ['full/pct:101/0/default.jpg', 400, /size: pct:101/],
    ['full/pct:0/0/default.jpg', 400, /size/],
    ['full/1001,10/0/default.jpg', 400, /size/],
    ['full/10,801/0/default.jpg', 400, /size/],
    ['full/0,/0/default.jpg', 400, /size/],
    ['full/,/0/default.jpg', 400, /size/],
    ['full/!0,10/0/default.jpg', 400, /size/],
    ['0,0,1000,1/1,/0/default.jpg', 400, /less than one pixel/],
    ['full/^^max/0/default.jpg', 400, /size/],
    ['full/!^100,100/0/default.jpg', 400, /size/],
    ['full/^10001,/0/default.jpg', 400, /exceeds the server's limits/],
    ['full/600,/0/default.jpg', 400, /exceeds/, tight],
    ['full/^pct:1000/0/default.jpg', 400, /exceeds/],
    ['full/max/361/default.jpg', 400, /rotation: 361 is over 360/],
    ['full/max/-90/default.jpg', 400, /rotation/],
    ['full/max/!!90/default.jpg', 400, /rotation/],
    ['full/max/1e2/default.jpg', 400, /rotation/],
    ['full/max/0/native.jpg', 400, /quality: "native"/],
    ['full/max/0/grey.jpg', 400, /quality/],
    ['full/max/0/default', 400, /quality: expected quality.format/],
    ['full/max/0/.jpg', 400, /quality/],
    ['full/max/0/default.jpeg', 400, /format: "jpeg" is not an image format/],
    ['full/max/0/default.tif', 400, /format: "tif" is not offered/],
    ['full/max/0/default.JPG', 400, /format/],
  ];
  it.each(cases)('%s → %i', (path, status, message, limits) => {
    expect(statusOf(path, limits)).toBe(status);
    expect(() => req(path, limits)).toThrow(message);
  });
});

describe('limits apply to the rotated image that is sent', () => {
  const big = { width: 9000, height: 9000 };
  // max and !w,h shrink until the rotated bounding box fits; the canonical form still says max.
  const shrinking: Array<[string, Limits, { width: number; height: number }, string]> = [
    ['full/^!99999,99999/45/default.png', roomy, big, 'full/max/45/default.png'],
    ['full/^!99999,99999/45/default.png', roomy, { width: 3000, height: 2000 }, 'full/^max/45/default.png'],
    ['full/max/45/default.png', roomy, big, 'full/max/45/default.png'],
    ['full/^max/30/default.jpg', roomy, big, 'full/max/30/default.jpg'],
    ['full/max/45/default.jpg', tight, img, 'full/max/45/default.jpg'],
    ['full/!900,900/10/default.jpg', tight, img, 'full/max/10/default.jpg'],
    ['full/max/!22.5/default.jpg', { maxWidth: 10_000, maxHeight: 1000, maxArea: 40_000_000 }, img, 'full/max/!22.5/default.jpg'],
  ];
  it.each(shrinking)('%s fits the limits after rotation', (path, limits, dims, canonical) => {
    const r = req(path, limits, dims);
    const box = rotatedSize(r.size.w, r.size.h, r.degrees);
    expect(box.w).toBeLessThanOrEqual(limits.maxWidth);
    expect(box.h).toBeLessThanOrEqual(limits.maxHeight);
    expect(box.w * box.h).toBeLessThanOrEqual(limits.maxArea);
    // Shrunk no more than rounding needs: a pixel more on each side would not fit.
    const more = rotatedSize(r.size.w + 2, r.size.h + 2, r.degrees);
    expect(more.w > limits.maxWidth || more.h > limits.maxHeight || more.w * more.h > limits.maxArea).toBe(true);
    expect(r.canonical.path).toBe(canonical);
  });

  it('keeps an unrotated or right-angled request as it was', () => {
    expect(fitRotated({ w: 1000, h: 800 }, 0, roomy)).toEqual({ w: 1000, h: 800 });
    expect(rotatedSize(1000, 800, 90)).toEqual({ w: 800, h: 1000 });
    expect(rotatedSize(1000, 800, 270)).toEqual({ w: 800, h: 1000 });
    expect(rotatedSize(1000, 800, 360)).toEqual({ w: 1000, h: 800 });
    expect(rotatedSize(1000, 800, 45)).toEqual({ w: 1273, h: 1273 });
  });

  // An explicit size is exactly what the client asked for: 400 naming the limit, not another size.
  const refused: Array<[string, Limits, { width: number; height: number }, RegExp]> = [
    ['full/6000,6000/45/default.jpg', roomy, big, /6000x6000 rotated by 45 degrees is 8486x8486, which exceeds .*maxArea 40000000/],
    ['full/500,400/45/default.jpg', tight, img, /rotated by 45 degrees is 637x637, which exceeds .*maxWidth 500/],
    ['full/pct:100/!30/default.jpg', tight, { width: 500, height: 400 }, /rotated by !30 degrees/],
  ];
  it.each(refused)('%s → 400', (path, limits, dims, message) => {
    expect(statusOf(path, limits, dims)).toBe(400);
    expect(() => req(path, limits, dims)).toThrow(message);
  });
});

describe('canonicalNumber', () => {
  it.each([
    ['0', '0'],
    ['000', '0'],
    ['90', '90'],
    ['090', '90'],
    ['22.50', '22.5'],
    ['22.0', '22'],
    ['.5', '0.5'],
    ['0.25', '0.25'],
  ])('%s → %s', (input, out) => expect(canonicalNumber(input)).toBe(out));
});
