import { describe, expect, it } from 'vitest';
import { apiSearchUrl, century, formatSiteSearch, languageName, parseSiteSearch, type SiteSearch, toggleFilter } from './search-query.ts';

describe('parseSiteSearch', () => {
  it.each<[string, SiteSearch]>([
    ['', { q: '', filters: {}, page: 1 }],
    [
      '?q=+kant+&type=book&type=print&type=book&century=18&from=1700&to=1800&page=3',
      { q: 'kant', filters: { type: ['book', 'print'], century: ['18'] }, from: 1700, to: 1800, page: 3 },
    ],
    ['?from=1800&to=1700', { q: '', filters: {}, from: 1700, to: 1800, page: 1 }],
    ['?from=abc&to=12345&page=-1&sort=x&person=', { q: '', filters: {}, page: 1 }],
    ['?place=Brugge&lang=fr', { q: '', filters: { place: ['Brugge'] }, page: 1 }],
  ])('%s', (input, want) => {
    expect(parseSiteSearch(input)).toEqual(want);
  });
});

describe('URLs', () => {
  const state: SiteSearch = { q: 'ſo', filters: { language: ['ger'] }, from: 1600, page: 2 };
  it('formats the page URL, keeping the language', () => {
    expect(formatSiteSearch(state, 'fr')).toBe('?q=%C5%BFo&language=ger&from=1600&page=2&lang=fr');
    expect(formatSiteSearch({ q: '', filters: {}, page: 1 })).toBe('');
  });
  it('builds the API request with paging', () => {
    expect(apiSearchUrl(state)).toBe('/api/search?q=%C5%BFo&language=ger&from=1600&page=2&size=20');
  });
  it('round-trips', () => {
    expect(parseSiteSearch(formatSiteSearch(state, 'nl'))).toEqual(state);
  });
});

describe('facets', () => {
  it.each([
    ['1700', { filter: '18', fromYear: 1700, toYear: 1799 }],
    ['18', { filter: '18', fromYear: 1700, toYear: 1799 }],
    ['1600', { filter: '17', fromYear: 1600, toYear: 1699 }],
    ['x', undefined],
  ])('century(%s)', (value, want) => {
    expect(century(value)).toEqual(want);
  });
  it('toggles a value on and off and returns to page 1', () => {
    const s: SiteSearch = { q: 'a', filters: { type: ['book'] }, page: 4 };
    expect(toggleFilter(s, 'type', 'print')).toEqual({ q: 'a', filters: { type: ['book', 'print'] }, page: 1 });
    expect(toggleFilter(s, 'type', 'book')).toEqual({ q: 'a', filters: {}, page: 1 });
  });
  it.each([
    ['ger', 'nl', 'Duits'],
    ['fre', 'en', 'French'],
    ['lat', 'fr', 'latin'],
    ['zzz', 'nl', 'zzz'],
  ])('languageName(%s, %s)', (code, lang, want) => {
    expect(languageName(code, lang)).toBe(want);
  });
});
