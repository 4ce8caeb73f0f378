import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import type { ItemRecord, TocEntry } from './item.ts';
import { publicUrls } from './layout.ts';
import { buildStructures } from './structures.ts';

const urls = publicUrls('https://x.example');
const canvas = (key: string) => ({ id: urls.canvas('book', key), type: 'Canvas' });

function item(toc: TocEntry[]): ItemRecord {
  return itemRecord({
    id: 'book',
    label: { none: ['Book'] },
    pages: ['p1', 'p2', 'p3', 'p4'].map((key) => ({ key, file: `${key}.jpg`, imageId: key, width: 10, height: 10 })),
    toc,
  });
}

describe('buildStructures', () => {
  it('is empty without a toc', () => {
    expect(buildStructures(item([]), urls)).toEqual([]);
  });

  it('makes a range per entry over its canvases', () => {
    expect(buildStructures(item([{ label: 'Titelblatt', type: 'title_page', pages: ['p1'], children: [] }]), urls)).toEqual([
      { id: urls.range('book', 'r1'), type: 'Range', label: { none: ['Titelblatt'] }, items: [canvas('p1')] },
    ]);
  });

  it('interleaves own canvases and nested ranges in reading order', () => {
    const [range] = buildStructures(
      item([
        {
          label: 'Chapter',
          pages: ['p1', 'p2', 'p3', 'p4'],
          children: [{ label: 'Section', pages: ['p2', 'p3'], children: [] }],
        },
      ]),
      urls,
    );
    expect(range?.items).toEqual([
      canvas('p1'),
      { id: urls.range('book', 'r1-1'), type: 'Range', label: { none: ['Section'] }, items: [canvas('p2'), canvas('p3')] },
      canvas('p4'),
    ]);
  });

  it('drops an entry with no pages at all', () => {
    expect(buildStructures(item([{ label: 'Empty', pages: [], children: [] }]), urls)).toEqual([]);
  });

  it('rejects a toc naming a page the item does not have', () => {
    expect(() => buildStructures(item([{ label: 'Ghost', pages: ['p9'], children: [] }]), urls)).toThrow(/"Ghost" names page "p9"/);
  });
});
