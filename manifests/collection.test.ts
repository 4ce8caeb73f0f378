import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import { buildCollection } from './collection.ts';
import type { ItemRecord } from './item.ts';
import { publicUrls } from './layout.ts';

const urls = publicUrls('https://leeszaal.example');

function item(id: string, date: string | undefined, pages = 1): ItemRecord {
  return itemRecord({
    id,
    type: 'print',
    label: { none: [`Prent ${id}`] },
    ...(date === undefined ? {} : { date }),
    behavior: 'individuals',
    pages: Array.from({ length: pages }, (_, i) => ({ key: `p${i}`, file: `p${i}.jpg`, imageId: `${id}-p${i}`, width: 1000, height: 1500 })),
  });
}

describe('buildCollection', () => {
  it('lists every item as a Manifest reference with label, thumbnail and navDate, in the order given', () => {
    const c = buildCollection([item('b', '1751'), item('a', 's.a.')], { urls, label: { nl: ['Leeszaal'] } });
    expect(c).toMatchObject({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: 'https://leeszaal.example/iiif/presentation/collection.json',
      type: 'Collection',
      label: { nl: ['Leeszaal'] },
    });
    expect(c.items).toEqual([
      {
        id: 'https://leeszaal.example/iiif/presentation/b/manifest.json',
        type: 'Manifest',
        label: { none: ['Prent b'] },
        thumbnail: [
          {
            id: 'https://leeszaal.example/iiif/image/b-p0/full/250,375/0/default.jpg',
            type: 'Image',
            format: 'image/jpeg',
            width: 250,
            height: 375,
            service: [{ id: 'https://leeszaal.example/iiif/image/b-p0', type: 'ImageService3', profile: 'level0' }],
          },
        ],
        navDate: '1751-01-01T00:00:00Z',
      },
      expect.not.objectContaining({ navDate: expect.anything() }),
    ]);
  });

  it('is valid when empty, and carries a sanitised summary and the provider', () => {
    const c = buildCollection([], {
      urls,
      label: { en: ['Empty'] },
      summary: { en: ['<b>new</b><script>x</script>'] },
      provider: { label: 'OB Brugge' },
    });
    expect(c.items).toEqual([]);
    expect(c.summary).toEqual({ en: ['<b>new</b>'] });
    expect(c.provider?.[0]?.label).toEqual({ none: ['OB Brugge'] });
  });
});
