import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import { ItemRecordError, parseItemRecord } from './item-reader.ts';

const good = itemRecord({
  id: 'kant',
  label: { de: ['Was ist Aufklärung?'] },
  pages: [{ key: 'page-0017', label: '481', file: 'images/page-0017.tif', imageId: 'kant_page-0017.ab12', width: 1456, height: 2083 }],
});
const text = (value: unknown) => JSON.stringify(value);

describe('parseItemRecord', () => {
  it('reads a record as ingest publishes it, unchanged', () => {
    expect(parseItemRecord(text(good), 'records/kant/record.json', 'kant')).toEqual(good);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"id": "kant"', /^records\/kant\/record\.json is not JSON/],
    ['an array', text([good]), /is not an item record/],
    ['no pages', text({ ...good, pages: undefined }), /pages/],
    ['a page without a size', text({ ...good, pages: [{ ...good.pages[0]!, width: 0 }] }), /pages\.0\.width/],
    ['an unknown type', text({ ...good, type: 'scroll' }), /type/],
    ['a label that is no language map', text({ ...good, label: 'Kant' }), /label/],
    [
      'a nested toc entry without pages',
      text({ ...good, toc: [{ label: 'I', pages: [], children: [{ label: 'a', children: [] }] }] }),
      /toc\.0\.children\.0\.pages/,
    ],
    ["another item's record", text({ ...good, id: 'other' }), /is the record of "other", not of "kant"/],
  ])('refuses %s, naming the file and the field', (_what, input, message) => {
    expect(() => parseItemRecord(input, 'records/kant/record.json', 'kant')).toThrow(ItemRecordError);
    expect(() => parseItemRecord(input, 'records/kant/record.json', 'kant')).toThrow(message);
  });
});
