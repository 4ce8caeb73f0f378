// Full-text files that belong to no page of an item, table-driven.
import { describe, expect, it } from 'vitest';
import { unmatchedTextFiles } from './unmatched-text.ts';

describe('unmatchedTextFiles', () => {
  const images = ['images/page-0001.tif', 'images/page-0002.tif'];
  it.each([
    { name: 'every file has its page', text: { 'page-0001': 'alto/page-0001.xml', 'page-0002': 'page/page-0002.xml' }, used: {}, unmatched: [] },
    { name: 'a file named after no image', text: { 'page-0001': 'alto/page-0001.xml', p3: 'hocr/p3.hocr' }, used: {}, unmatched: ['hocr/p3.hocr'] },
    {
      name: 'a file a page names explicitly (item.json)',
      text: { 'ocr-1': 'page/ocr-1.xml' },
      used: { 'page-0001': 'page/ocr-1.xml' },
      unmatched: [],
    },
    {
      name: 'a page naming another file leaves this one unmatched',
      text: { 'ocr-1': 'page/ocr-1.xml' },
      used: { 'page-0001': 'alto/a.xml' },
      unmatched: ['page/ocr-1.xml'],
    },
  ])('$name', ({ text, used, unmatched }) => {
    const pages = images.map((file, i) => {
      const key = `page-000${i + 1}`;
      const alto = (used as Record<string, string>)[key];
      return { key, file, ...(alto ? { alto } : {}) };
    });
    const found = unmatchedTextFiles({ images, altoByStem: new Map(Object.entries(text)) }, pages);
    expect(found.map((f) => f.file)).toEqual(unmatched);
    for (const f of found) expect(f.reason).toMatch(/matches no page: no page image is named/);
  });
});
