import { describe, expect, it } from 'vitest';
import { inLanguage, isLanguageMap, normaliseLanguageMap, pickString, toBcp47, trilingual } from './language-map.ts';

describe('toBcp47', () => {
  it.each([
    ['ger', 'de'],
    ['deu', 'de'],
    ['dut', 'nl'],
    ['nld', 'nl'],
    ['lat', 'la'],
    ['fre', 'fr'],
    ['fra', 'fr'],
    ['eng', 'en'],
    ['grc', 'grc'],
    ['GER', 'de'],
    ['de', 'de'],
    ['en-GB', 'en-GB'],
    ['und', undefined],
    ['mul', undefined],
    ['zxx', undefined],
    ['', undefined],
    ['not a code', undefined],
    ['d3', undefined],
  ])('%j → %j', (code, tag) => {
    expect(toBcp47(code)).toBe(tag);
  });
});

describe('inLanguage', () => {
  it.each([
    ['Aufklärung', 'ger', { de: ['Aufklärung'] }],
    ['Aufklärung', undefined, { none: ['Aufklärung'] }],
    ['Aufklärung', 'und', { none: ['Aufklärung'] }],
    [['a', 'b'], 'lat', { la: ['a', 'b'] }],
  ] as const)('%j in %j', (value, lang, expected) => {
    expect(inLanguage(value as string | string[], lang)).toEqual(expected);
  });
});

describe('pickString', () => {
  it.each([
    [{ nl: ['Titel'], en: ['Title'] }, ['en'], 'Title'],
    [{ nl: ['Titel'], en: ['Title'] }, ['fr'], 'Titel'],
    [{ de: ['Was iſt Aufklärung?'] }, ['nl', 'fr', 'en'], 'Was iſt Aufklärung?'],
    [{ none: ['x'], de: ['y'] }, ['fr'], 'x'],
    [{ none: ['a', 'b'] }, ['nl'], 'a; b'],
    [{}, ['nl'], undefined],
    [undefined, ['nl'], undefined],
  ])('%j preferring %j → %j', (map, preferred, expected) => {
    expect(pickString(map, preferred)).toBe(expected);
  });
});

describe('isLanguageMap', () => {
  it.each([
    [{ none: ['x'] }, true],
    [trilingual({ nl: 'a', fr: 'b', en: 'c' }), true],
    [{}, false],
    [{ en: [] }, false],
    [{ en: 'x' }, false],
    [{ en: [1] }, false],
    [['x'], false],
    ['x', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isLanguageMap(value)).toBe(expected);
  });
});

describe('normaliseLanguageMap', () => {
  it.each([
    [{ ger: ['Was iſt Aufklärung?'] }, { de: ['Was iſt Aufklärung?'] }],
    [{ DUT: ['a'], nl: ['b'] }, { nl: ['a', 'b'] }],
    [{ und: ['x'], none: ['y'] }, { none: ['x', 'y'] }],
    [{ 'en-GB': ['colour'], fre: [] }, { 'en-GB': ['colour'] }],
    [{ 'not a tag': ['z'] }, { none: ['z'] }],
  ])('%j → %j', (input, expected) => {
    expect(normaliseLanguageMap(input)).toEqual(expected);
  });
});
