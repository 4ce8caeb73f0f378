// The render cache keeps at most its byte budget, evicting the least recently used image first, and
// no image larger than its entry limit.
import { describe, expect, it } from 'vitest';
import { RenderCache } from './cache.ts';

const img = (bytes: number) => ({ body: Buffer.alloc(bytes), contentType: 'image/jpeg' });

describe('RenderCache', () => {
  it('evicts the least recently used entries beyond its budget', () => {
    const cache = new RenderCache(100);
    cache.set('a', img(40));
    cache.set('b', img(40));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', img(40));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.bytes).toBe(80);
  });

  it('replaces an entry without counting it twice', () => {
    const cache = new RenderCache(100);
    cache.set('a', img(40));
    cache.set('a', img(60));
    expect(cache.bytes).toBe(60);
    expect(cache.size).toBe(1);
  });

  it('does not keep anything larger than the whole budget, or anything with budget 0', () => {
    const cache = new RenderCache(100);
    cache.set('big', img(101));
    expect(cache.get('big')).toBeUndefined();
    const off = new RenderCache(0);
    off.set('a', img(1));
    expect(off.size).toBe(0);
  });

  it.each([
    { limit: 25, bytes: 25, kept: true },
    { limit: 25, bytes: 26, kept: false },
    { limit: 1000, bytes: 100, kept: true },
    { limit: 1000, bytes: 101, kept: false },
  ])('with an entry limit of $limit (budget 100), keeps a $bytes-byte image: $kept', ({ limit, bytes, kept }) => {
    const cache = new RenderCache(100, limit);
    cache.set('small', img(10));
    cache.set('x', img(bytes));
    expect(cache.get('x') !== undefined).toBe(kept);
    // A refused image evicts nothing.
    if (!kept) expect(cache.get('small')).toBeDefined();
  });
});
