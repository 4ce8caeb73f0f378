import { mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfCache } from './pdf-cache.ts';

const root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-pdf-cache-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const key = (n: number) => String(n).repeat(16);

async function put(cache: PdfCache, k: string, bytes: number): Promise<void> {
  const w = await cache.writer(k);
  w?.stream.write(Buffer.alloc(bytes, 1));
  await w?.commit();
}

describe('PdfCache', () => {
  it('finds a PDF only once it is complete, and never a dropped one', async () => {
    const cache = new PdfCache(path.join(root, 'a'), 1000);
    const w = await cache.writer(key(1));
    w?.stream.write('%PDF-');
    expect(await cache.lookup(key(1))).toBeUndefined();
    await w?.commit();
    expect(await readFile((await cache.lookup(key(1))) ?? '', 'utf8')).toBe('%PDF-');
    const dropped = await cache.writer(key(2));
    dropped?.stream.write('%PDF-');
    await dropped?.abort();
    expect(await cache.lookup(key(2))).toBeUndefined();
    expect(await readdir(path.join(root, 'a', 'part'))).toEqual([]);
  });

  it('keeps within its bound, dropping the least recently used first', async () => {
    const cache = new PdfCache(path.join(root, 'b'), 250);
    await put(cache, key(1), 100);
    await put(cache, key(2), 100);
    const past = new Date(Date.now() - 60_000);
    await utimes(path.join(root, 'b', `${key(2)}.pdf`), past, past);
    await utimes(path.join(root, 'b', `${key(1)}.pdf`), past, past);
    await cache.lookup(key(1));
    await put(cache, key(3), 100);
    expect((await readdir(path.join(root, 'b'))).filter((n) => n.endsWith('.pdf')).sort()).toEqual([`${key(1)}.pdf`, `${key(3)}.pdf`]);
  });

  it('keeps nothing when its bound is 0', async () => {
    const cache = new PdfCache(path.join(root, 'c'), 0);
    expect(await cache.writer(key(1))).toBeUndefined();
    expect(await cache.lookup(key(1))).toBeUndefined();
  });
});
