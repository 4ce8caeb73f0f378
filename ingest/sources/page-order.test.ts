// Page order and keys: natural file-name order and safe, unique, stable keys.
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../manifests/layout.ts';
import { fileStem, naturalFileOrder, pageKeys } from './page-order.ts';

describe('naturalFileOrder', () => {
  it.each([
    { files: ['p10.tif', 'p2.tif', 'p1.tif'], order: ['p1.tif', 'p2.tif', 'p10.tif'] },
    { files: ['images/page-0010.tif', 'images/page-0009.tif'], order: ['images/page-0009.tif', 'images/page-0010.tif'] },
    { files: ['Scan 10.png', 'scan 9.png', 'Scan 1.png'], order: ['Scan 1.png', 'scan 9.png', 'Scan 10.png'] },
    { files: ['b/2.jpg', 'a/10.jpg', 'a/2.jpg'], order: ['a/2.jpg', 'b/2.jpg', 'a/10.jpg'] },
  ])('$files → $order', ({ files, order }) => {
    expect(naturalFileOrder(files)).toEqual(order);
  });
});

describe('fileStem', () => {
  it.each([
    ['images/page-0017.tif', 'page-0017'],
    ['images\\page-0017.tif', 'page-0017'],
    ['archive.tar.gz', 'archive.tar'],
    ['.hidden', '.hidden'],
  ])('%s → %s', (file, stem) => expect(fileStem(file)).toBe(stem));
});

describe('pageKeys', () => {
  it.each([
    { files: ['images/page-0001.tif', 'images/page-0002.tif'], keys: ['page-0001', 'page-0002'] },
    { files: ['Folio 1r.TIF', 'Folio 1v.TIF'], keys: ['folio-1r', 'folio-1v'] },
    { files: ['p1.tif', 'p1.jpg', 'P1.png'], keys: ['p1', 'p1-2', 'p1-3'] },
    { files: ['Blätter_ſ.jpg'], keys: ['blatter_s'] },
    { files: ['....jpg', '!!.png'], keys: ['page', 'page-2'] },
  ])('$files → $keys', ({ files, keys }) => {
    const result = pageKeys(files);
    expect(result).toEqual(keys);
    for (const key of result) expect(key).toMatch(ID_PATTERN);
  });
});
