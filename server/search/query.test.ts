import { describe, expect, it } from 'vitest';
import { ParameterError, parseQueryText, parseSearchParams, parseSuggestParams } from './query.ts';

describe('parseQueryText', () => {
  it.each([
    [
      'Kant Aufklärung',
      [
        { words: ['Kant'], phrase: false, prefix: false },
        { words: ['Aufklärung'], phrase: false, prefix: false },
      ],
    ],
    ['"was ist aufklärung"', [{ words: ['was', 'ist', 'aufklärung'], phrase: true, prefix: false }]],
    ['title:Brugge', [{ words: ['Brugge'], field: 'title', phrase: false, prefix: false }]],
    ['person:"Immanuel Kant"', [{ words: ['Immanuel', 'Kant'], field: 'person', phrase: true, prefix: false }]],
    ['aufkl*', [{ words: ['aufkl'], phrase: false, prefix: true }]],
    [
      'Monats-ſchrift',
      [
        { words: ['Monats'], phrase: false, prefix: false },
        { words: ['ſchrift'], phrase: false, prefix: false },
      ],
    ],
    [
      'foo:bar',
      [
        { words: ['foo'], phrase: false, prefix: false },
        { words: ['bar'], phrase: false, prefix: false },
      ],
    ],
    ['  ?! -- ', []],
  ])('%s', (q, terms) => {
    expect(parseQueryText(q)).toEqual(terms);
  });
});

describe('parseSearchParams', () => {
  it('fills defaults', () => {
    expect(parseSearchParams({})).toEqual({ filters: {}, sort: 'title', page: 1, size: 20 });
    expect(parseSearchParams({ q: 'kant' })).toEqual({ q: 'kant', filters: {}, sort: 'relevance', page: 1, size: 20 });
  });

  it('reads repeated facet values, a year range, sort and paging', () => {
    expect(
      parseSearchParams({
        q: ' kant ',
        language: ['ger', 'dut', 'ger'],
        century: '18',
        from: '1700',
        to: '1799',
        sort: '-date',
        page: '2',
        size: '50',
      }),
    ).toEqual({ q: 'kant', filters: { language: ['ger', 'dut'], century: ['18'] }, from: 1700, to: 1799, sort: '-date', page: 2, size: 50 });
  });

  it.each([
    [{ size: '101' }, 'size'],
    [{ size: '0' }, 'size'],
    [{ page: 'two' }, 'page'],
    [{ page: '200', size: '100' }, 'page'],
    [{ sort: 'random' }, 'sort'],
    [{ from: '1800', to: '1700' }, 'from'],
    [{ from: '17.5' }, 'from'],
    [{ q: 'x'.repeat(501) }, 'q'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ century: 'eighteenth' }, 'century'],
    [{ language: { nested: 'x' } }, 'language'],
    [{ colour: 'red' }, 'colour'],
  ])('rejects %j naming %s', (raw, parameter) => {
    expect(() => parseSearchParams(raw)).toThrow(ParameterError);
    try {
      parseSearchParams(raw);
    } catch (err) {
      expect((err as ParameterError).parameter).toBe(parameter);
    }
  });
});

describe('parseSuggestParams', () => {
  it('needs q and bounds size', () => {
    expect(parseSuggestParams({ q: 'ka' })).toEqual({ q: 'ka', size: 8 });
    expect(() => parseSuggestParams({})).toThrow(/q: is required/);
    expect(() => parseSuggestParams({ q: 'ka', size: '50' })).toThrow(/size/);
  });
});
