// Language values as sources write them, to ISO 639-2/B.
import { describe, expect, it } from 'vitest';
import { normaliseLanguage } from './languages.ts';

describe('normaliseLanguage', () => {
  it.each([
    ['ger', 'ger'],
    ['deu', 'ger'],
    ['DEU', 'ger'],
    ['nld', 'dut'],
    ['dut', 'dut'],
    ['fra', 'fre'],
    ['lat', 'lat'],
    ['dum', 'dum'],
    ['nl', 'dut'],
    ['de', 'ger'],
    ['fr-BE', 'fre'],
    ['nl_BE', 'dut'],
    ['Nederlands', 'dut'],
    ['néerlandais', 'dut'],
    ['Latijn', 'lat'],
    ['allemand', 'ger'],
    ['English', 'eng'],
    [' Frans ', 'fre'],
  ])('%j → %s', (value, code) => expect(normaliseLanguage(value)).toBe(code));

  it.each(['', 'Klingon', 'x', 'zz', 'deutsch-ish'])('%j is unknown', (value) => {
    expect(normaliseLanguage(value)).toBeUndefined();
  });
});
