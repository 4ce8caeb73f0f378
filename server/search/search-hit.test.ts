import { describe, expect, it } from 'vitest';
import type { SearchHit } from './backend.ts';
import { searchHit, type HitItem, type HitMatch } from './search-hit.ts';

/** An item with only the fields every hit has, and so also the hit it makes without a match. */
const kant: SearchHit = {
  id: 'kant',
  title: 'Was ist Aufklärung?',
  type: 'book',
  agents: [{ name: 'Immanuel Kant', role: 'aut' }],
  languages: ['de'],
};
const page = { key: 'p3', label: 'S. 3', canvas: 'https://example.org/canvas/3' };

describe('searchHit', () => {
  it.each<[string, HitItem, HitMatch | undefined, SearchHit]>([
    ['shows the item alone when there are no words to match', kant, undefined, kant],
    [
      'keeps the date, year range, printer and place the item has',
      { ...kant, date: '1784', yearFrom: 1784, yearTo: 1784, printer: 'Haude und Spener', place: 'Berlin' },
      undefined,
      { ...kant, date: '1784', yearFrom: 1784, yearTo: 1784, printer: 'Haude und Spener', place: 'Berlin' },
    ],
    ['leaves out empty date, printer and place', { ...kant, date: '', printer: '', place: '' }, undefined, kant],
    ['gives yearTo with yearFrom even when it is unknown', { ...kant, yearFrom: 1784 }, undefined, { ...kant, yearFrom: 1784, yearTo: undefined }],
    [
      'lists no agents or languages for a document stored without them',
      { id: 'x', title: 'X', type: 'print' },
      undefined,
      { id: 'x', title: 'X', type: 'print', agents: [], languages: [] },
    ],
    ['shows the matching page with its label', kant, { page }, { ...kant, page }],
    [
      'shows a page without a label as such',
      kant,
      { page: { key: 'p3', canvas: page.canvas } },
      { ...kant, page: { key: 'p3', canvas: page.canvas } },
    ],
    [
      'takes the page passage before the metadata one',
      kant,
      { snippets: ['<mark>Kant</mark> im Text', '<mark>Kant</mark>'] },
      { ...kant, snippet: '<mark>Kant</mark> im Text' },
    ],
    [
      'falls back to the first metadata passage there is',
      kant,
      { snippets: [undefined, undefined, 'von <mark>Kant</mark>', 'x'] },
      { ...kant, snippet: 'von <mark>Kant</mark>' },
    ],
    ['has no snippet when no passage matched', kant, { page, snippets: [undefined, undefined] }, { ...kant, page }],
  ])('%s', (_, input, match, expected) => {
    expect(searchHit(input, match)).toStrictEqual(expected);
  });

  it('makes no passage after the one it shows', () => {
    const made: string[] = [];
    function* snippets() {
      for (const s of [undefined, 'first', 'second']) {
        if (s) made.push(s);
        yield s;
      }
    }
    expect(searchHit(kant, { snippets: snippets() }).snippet).toBe('first');
    expect(made).toEqual(['first']);
  });

  it('copies only what a hit shows of a stored document', () => {
    const stored = { ...kant, labels: ['Was ist Aufklärung?'], rights: 'pd', pageCount: 3 };
    expect(Object.keys(searchHit(stored))).toEqual(['id', 'title', 'type', 'agents', 'languages']);
  });
});
