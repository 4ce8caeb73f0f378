import { describe, expect, it } from 'vitest';
import { type Activity, buildDiscovery, DISCOVERY_CONTEXT } from './discovery.ts';
import { publicUrls } from './layout.ts';

const urls = publicUrls('https://leeszaal.example');

function log(n: number): Activity[] {
  return Array.from({ length: n }, (_, i) => ({
    type: i % 3 === 0 ? 'Create' : i % 3 === 1 ? 'Update' : 'Delete',
    itemId: `item-${i}`,
    endTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  }));
}

describe('buildDiscovery', () => {
  it('shows a Move from the earlier manifest URL to the current one', () => {
    const { pages } = buildDiscovery(
      [
        { type: 'Create', itemId: 'boek', endTime: '2026-01-01T00:00:00Z' },
        { type: 'Move', itemId: 'boek', from: 'http://localhost:3000/iiif/presentation/boek/manifest.json', endTime: '2026-02-01T00:00:00Z' },
      ],
      urls,
    );
    expect(pages[0]?.orderedItems).toEqual([
      {
        type: 'Create',
        object: { id: 'https://leeszaal.example/iiif/presentation/boek/manifest.json', type: 'Manifest' },
        endTime: '2026-01-01T00:00:00Z',
      },
      {
        type: 'Move',
        object: { id: 'http://localhost:3000/iiif/presentation/boek/manifest.json', type: 'Manifest' },
        target: { id: 'https://leeszaal.example/iiif/presentation/boek/manifest.json', type: 'Manifest' },
        endTime: '2026-02-01T00:00:00Z',
      },
    ]);
  });

  it('builds one empty page for an empty log, so first and last resolve', () => {
    const { collection, pages } = buildDiscovery([], urls);
    expect(collection).toEqual({
      '@context': DISCOVERY_CONTEXT,
      id: 'https://leeszaal.example/iiif/discovery/collection.json',
      type: 'OrderedCollection',
      totalItems: 0,
      first: { id: 'https://leeszaal.example/iiif/discovery/page-0.json', type: 'OrderedCollectionPage' },
      last: { id: 'https://leeszaal.example/iiif/discovery/page-0.json', type: 'OrderedCollectionPage' },
    });
    expect(pages).toHaveLength(1);
    expect(pages[0]?.orderedItems).toEqual([]);
    expect(pages[0]).not.toHaveProperty('prev');
    expect(pages[0]).not.toHaveProperty('next');
  });

  it.each([
    [1, 100, 1],
    [100, 100, 1],
    [101, 100, 2],
    [7, 3, 3],
    [9, 3, 3],
  ])('%i activities at %i a page make %i pages, linked and indexed', (n, size, pageCount) => {
    const { collection, pages } = buildDiscovery(log(n), urls, size);
    expect(pages).toHaveLength(pageCount);
    expect(collection.totalItems).toBe(n);
    expect(collection.last.id).toBe(urls.discoveryPage(pageCount - 1));
    pages.forEach((page, i) => {
      expect(page.id).toBe(urls.discoveryPage(i));
      expect(page.partOf).toEqual({ id: urls.discovery, type: 'OrderedCollection' });
      expect(page.startIndex).toBe(i * size);
      expect(page.prev?.id).toBe(i > 0 ? urls.discoveryPage(i - 1) : undefined);
      expect(page.next?.id).toBe(i < pageCount - 1 ? urls.discoveryPage(i + 1) : undefined);
    });
    expect(pages.flatMap((p) => p.orderedItems.map((a) => a.object.id))).toEqual(log(n).map((a) => urls.manifest(a.itemId)));
  });

  it('orders activities oldest first by endTime, ties in log order, and normalises times to UTC', () => {
    const { pages } = buildDiscovery(
      [
        { type: 'Update', itemId: 'b', endTime: '2026-03-01T12:00:00+01:00' },
        { type: 'Create', itemId: 'a', endTime: '2026-03-01T10:00:00Z' },
        { type: 'Delete', itemId: 'c', endTime: '2026-03-01T11:00:00Z' },
      ],
      urls,
    );
    expect(pages[0]?.orderedItems).toEqual([
      { type: 'Create', object: { id: urls.manifest('a'), type: 'Manifest' }, endTime: '2026-03-01T10:00:00Z' },
      { type: 'Update', object: { id: urls.manifest('b'), type: 'Manifest' }, endTime: '2026-03-01T11:00:00Z' },
      { type: 'Delete', object: { id: urls.manifest('c'), type: 'Manifest' }, endTime: '2026-03-01T11:00:00Z' },
    ]);
  });

  it('rejects a bad endTime or page size with a message naming it', () => {
    expect(() => buildDiscovery([{ type: 'Create', itemId: 'x', endTime: 'yesterday' }], urls)).toThrow(/endTime "yesterday"/);
    expect(() => buildDiscovery([], urls, 0)).toThrow(/page size/);
  });
});
