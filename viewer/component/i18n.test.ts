import { describe, expect, it } from 'vitest';
import { LANGS, messages, pickLang, t } from './i18n.ts';

describe('message catalogue', () => {
  it.each(Object.entries(messages))('%s has all three languages with the same placeholders', (_key, entry) => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const lang of LANGS) expect(entry[lang].trim()).not.toBe('');
    expect(names(entry.fr)).toEqual(names(entry.nl));
    expect(names(entry.en)).toEqual(names(entry.nl));
  });
});

describe('pickLang', () => {
  it.each([
    [['fr-BE'], 'fr'],
    [['EN_gb'], 'en'],
    [['de', 'nl-BE'], 'nl'],
    [['de'], 'nl'],
    [[null, undefined, ''], 'nl'],
    [['', 'fr'], 'fr'],
  ] as const)('%j → %s', (input, want) => {
    expect(pickLang(...input)).toBe(want);
  });
});

describe('t', () => {
  it.each([
    ['nl', 'nav.pageOf', { label: '481', n: 17, total: 20 }, 'Pagina 481 (17 van 20)'],
    ['fr', 'nav.pageOf', { label: '481', n: 17, total: 20 }, 'Page 481 (17 sur 20)'],
    ['en', 'search.found', { n: 1200, q: 'Aufklärung' }, '1,200 results for “Aufklärung”.'],
    ['nl', 'search.found', { n: 1200, q: 'x' }, '1.200 resultaten voor “x”.'],
    ['en', 'nav.pageOf', {}, 'Page {label} ({n} of {total})'],
  ] as const)('%s %s', (lang, key, params, want) => {
    expect(t(lang, key, params)).toBe(want);
  });
});
