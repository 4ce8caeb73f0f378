import { describe, expect, it } from 'vitest';
import { chooseSiteLang, cookieValue, fromAcceptLanguage } from './site-language.ts';

describe('chooseSiteLang', () => {
  it.each([
    ['nothing asked', undefined, undefined, undefined, 'nl'],
    ['?lang= first', 'en', 'leeszaal-lang=fr', 'fr', 'en'],
    ['an unknown ?lang= falls through to the cookie', '<script>', 'leeszaal-lang=fr', 'en', 'fr'],
    ['a repeated ?lang= (an array) falls through', ['fr', 'en'], undefined, 'en', 'en'],
    ['the cookie before Accept-Language', undefined, 'other=1; leeszaal-lang=en', 'fr', 'en'],
    ['an unknown cookie value falls through', undefined, 'leeszaal-lang=de', 'fr-BE,fr;q=0.9', 'fr'],
    ['Accept-Language', undefined, undefined, 'de-DE,de;q=0.9,en;q=0.5,fr;q=0.4', 'en'],
    ['nothing supported', undefined, undefined, 'de, it', 'nl'],
  ])('%s', (_name, query, cookie, acceptLanguage, want) => {
    expect(chooseSiteLang({ query, cookie, acceptLanguage })).toBe(want);
  });
});

describe('fromAcceptLanguage', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['fr-BE', 'fr'],
    ['EN-gb, nl;q=0.8', 'en'],
    ['nl;q=0.5, fr;q=0.9', 'fr'],
    ['fr;q=0, en;q=0.1', 'en'],
    ['en, fr', 'en'],
    ['*', undefined],
    ['nl ; q=0.7 , fr ; q=0.7', 'nl'],
  ])('%j → %s', (header, want) => {
    expect(fromAcceptLanguage(header)).toBe(want);
  });
});

describe('cookieValue', () => {
  it.each([
    [undefined, undefined],
    ['leeszaal-lang=fr', 'fr'],
    ['a=1; leeszaal-lang=en; b=2', 'en'],
    ['xleeszaal-lang=en', undefined],
    ['leeszaal-lang', undefined],
  ])('%j → %s', (header, want) => {
    expect(cookieValue(header, 'leeszaal-lang')).toBe(want);
  });
});
