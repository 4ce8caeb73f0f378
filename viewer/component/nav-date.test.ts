import { describe, expect, it } from 'vitest';
import type { Lang } from './i18n.ts';
import { formatNavDate } from './nav-date.ts';

describe('formatNavDate', () => {
  it.each<[string | undefined, Lang, string | undefined]>([
    ['1784-01-01T00:00:00Z', 'nl', '1784'],
    ['1986-01-01T00:00:00+00:00', 'en', '1986'],
    ['1784-12-05T00:00:00Z', 'nl', '5 december 1784'],
    ['1784-12-05T00:00:00Z', 'fr', '5 décembre 1784'],
    ['1784-12-05T00:00:00Z', 'en', '5 December 1784'],
    // A late hour with an offset is still that day (never shifted by the browser's time zone).
    ['1900-03-01T23:30:00-05:00', 'en', '1 March 1900'],
    ['0850-06-15', 'en', '15 June 850'],
    ['-0044-03-15T00:00:00Z', 'en', '-44'],
    ['1784', 'nl', undefined],
    ['1784-13-01T00:00:00Z', 'nl', undefined],
    ['yesterday', 'nl', undefined],
    [undefined, 'nl', undefined],
  ])('%s in %s → %s', (value, lang, want) => {
    expect(formatNavDate(value, lang)).toBe(want);
  });
});
