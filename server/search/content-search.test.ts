import { describe, expect, it } from 'vitest';
import type { IndexPage } from './backend.ts';
import { completeTerms, findWordHits, searchResponse1, searchResponse2, wordBox } from './content-search.ts';
import { makeMatcher } from './snippet.ts';

const canvas = 'https://example.org/iiif/presentation/x/canvas/p1';
const page = (lines: string[]): IndexPage => ({
  key: 'p1',
  canvas,
  lines: lines.map((text, i) => ({ text, xywh: [100, 100 + i * 50, 1000, 40] })),
});

describe('wordBox', () => {
  it.each([
    [0, 10, 20, [100, 5, 500, 30]],
    [10, 20, 20, [600, 5, 500, 30]],
    [5, 6, 20, [350, 5, 50, 30]],
    [0, 0, 0, [100, 5, 1000, 30]],
  ])('characters %i-%i of %i', (start, end, length, box) => {
    expect(wordBox({ text: '', xywh: [100, 5, 1000, 30] }, start, end, length)).toEqual(box);
  });
});

describe('findWordHits', () => {
  it('finds each folded match with its quote context and box', () => {
    const hits = findWordHits([page(['Was iſt Aufklaͤrung?', 'nichts'])], makeMatcher(['aufklarung']));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ exact: 'Aufklärung', prefix: 'Was iſt ', suffix: '?', lineIndex: 0 });
    // `Aufklärung` is characters 8-18 of 19 in the displayed line.
    expect(hits[0]!.xywh).toEqual([100 + Math.round((1000 * 8) / 19), 100, Math.round((1000 * 18) / 19) - Math.round((1000 * 8) / 19), 40]);
  });

  it('finds a word hyphenated across a line end whole, on the line where it begins, boxed to its end', () => {
    const lines = ['ſelbſt verſchuldeten Unmuͤn-', 'digkeit. Unmuͤndigkeit iſt', 'dieſe Unmuͤn⸗', 'digkeit, wenn'];
    const hits = findWordHits([page(lines)], makeMatcher(['unmundigkeit']));
    expect(hits.map((h) => [h.lineIndex, h.exact, h.suffix])).toEqual([
      [0, 'Unmündigkeit', '.'],
      [1, 'Unmündigkeit', ' iſt'],
      [2, 'Unmündigkeit', ','],
    ]);
    // Line 0 displays as 27 characters (uͤ as one: ü); `Unmün-` is 21 to the end.
    expect(hits[0]!.xywh).toEqual([100 + Math.round((1000 * 21) / 27), 100, 1000 - Math.round((1000 * 21) / 27), 40]);
    // On the continuation's line the word after `digkeit. ` is where it is printed: characters 9-21 of 25.
    expect(hits[1]!.xywh).toEqual([100 + Math.round((1000 * 9) / 25), 150, Math.round((1000 * 21) / 25) - Math.round((1000 * 9) / 25), 40]);
    expect(hits[2]!.prefix).toBe('dieſe ');
  });

  it('finds the rest of a hyphenated word no more on its own, and still the words after it', () => {
    const lines = ['des Men-', 'ſchen aus ſeiner'];
    expect(findWordHits([page(lines)], makeMatcher(['schen']))).toEqual([]);
    expect(findWordHits([page(lines)], makeMatcher(['menschen'])).map((h) => h.lineIndex)).toEqual([0]);
    const aus = findWordHits([page(lines)], makeMatcher(['aus']));
    // `aus` is characters 6-9 of the printed `ſchen aus ſeiner` (16).
    expect(aus[0]!.xywh).toEqual([100 + Math.round((1000 * 6) / 16), 150, Math.round((1000 * 9) / 16) - Math.round((1000 * 6) / 16), 40]);
  });
});

describe('responses', () => {
  const many = findWordHits([page(Array.from({ length: 120 }, (_, i) => `wort ${i}`))], makeMatcher(['wort']));
  const ctx = { service: 'https://example.org/iiif/search/2/x', q: 'wort', ignored: [] as string[] };

  it('2.0 pages with partOf, next, prev and startIndex', () => {
    const first = searchResponse2(many, { ...ctx, page: 1 }) as any;
    expect(first.id).toBe('https://example.org/iiif/search/2/x?q=wort');
    expect(first.items).toHaveLength(50);
    expect(first.partOf).toEqual({
      id: 'https://example.org/iiif/search/2/x?q=wort',
      type: 'AnnotationCollection',
      total: 120,
      first: { id: 'https://example.org/iiif/search/2/x?q=wort', type: 'AnnotationPage' },
      last: { id: 'https://example.org/iiif/search/2/x?q=wort&page=3', type: 'AnnotationPage' },
    });
    expect(first.next).toEqual({ id: 'https://example.org/iiif/search/2/x?q=wort&page=2', type: 'AnnotationPage' });
    expect(first.prev).toBeUndefined();
    const last = searchResponse2(many, { ...ctx, page: 3 }) as any;
    expect(last.items).toHaveLength(20);
    expect(last.startIndex).toBe(100);
    expect(last.next).toBeUndefined();
    expect(last.prev.id).toBe('https://example.org/iiif/search/2/x?q=wort&page=2');
    expect(last.annotations[0].items[0].target.source.id).toBe(last.items[0].id);
  });

  it('2.0 with no hits is an empty page without annotations', () => {
    const none = searchResponse2([], { ...ctx, page: 1, ignored: ['date'] }) as any;
    expect(none).toEqual({
      '@context': 'http://iiif.io/api/search/2/context.json',
      id: 'https://example.org/iiif/search/2/x?q=wort',
      type: 'AnnotationPage',
      ignored: ['date'],
      items: [],
    });
  });

  it('1.0 pages with within.first/last and next', () => {
    const first = searchResponse1(many, { ...ctx, service: 'https://example.org/iiif/search/1/x', page: 1 }) as any;
    expect(first.within).toEqual({
      '@type': 'sc:Layer',
      total: 120,
      first: 'https://example.org/iiif/search/1/x?q=wort',
      last: 'https://example.org/iiif/search/1/x?q=wort&page=3',
      ignored: [],
    });
    expect(first.next).toBe('https://example.org/iiif/search/1/x?q=wort&page=2');
    expect(first.hits[0].annotations).toEqual([first.resources[0]['@id']]);
  });
});

describe('completeTerms', () => {
  it('completes a word hyphenated across a line end as the whole word', () => {
    expect(completeTerms([page(['der Unmuͤn-', 'digkeit, die Unmuͤndigkeit'])], 'unm', 5)).toEqual([{ value: 'unmündigkeit', total: 2 }]);
  });

  it('counts words by folded prefix, most frequent first, shown with umlauts', () => {
    const p = page(['Aufklaͤrung und Aufklärung', 'aufklaren Aufzug']);
    expect(completeTerms([p], 'AUFKL', 5)).toEqual([
      { value: 'aufklärung', total: 2 },
      { value: 'aufklaren', total: 1 },
    ]);
    expect(completeTerms([p], '??', 5)).toEqual([]);
  });
});
