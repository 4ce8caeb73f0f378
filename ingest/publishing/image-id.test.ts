// Image ids change exactly when the published tiles would: new content, tile size or quality.
import { describe, expect, it } from 'vitest';
import { isSafeImageId } from '../../manifests/layout.ts';
import { imageIdFor } from './image-id.ts';

const shape = { tileSize: 512, quality: 85 };
const base = imageIdFor('kant-aufklaerung-1784', 'page-0017', 'a'.repeat(64), shape);

describe('imageIdFor', () => {
  it('is <item>_<page>.<10 hex> and a safe image id', () => {
    expect(base).toMatch(/^kant-aufklaerung-1784_page-0017\.[0-9a-f]{10}$/);
    expect(isSafeImageId(base)).toBe(true);
    expect(imageIdFor('kant-aufklaerung-1784', 'page-0017', 'a'.repeat(64), { ...shape })).toBe(base);
  });

  it.each([
    ['content', imageIdFor('kant-aufklaerung-1784', 'page-0017', 'b'.repeat(64), shape)],
    ['tile size', imageIdFor('kant-aufklaerung-1784', 'page-0017', 'a'.repeat(64), { ...shape, tileSize: 256 })],
    ['quality', imageIdFor('kant-aufklaerung-1784', 'page-0017', 'a'.repeat(64), { ...shape, quality: 90 })],
  ])('changes with the %s', (_what, other) => {
    expect(other).not.toBe(base);
    expect(other.startsWith('kant-aufklaerung-1784_page-0017.')).toBe(true);
  });
});
