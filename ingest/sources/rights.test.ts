// Rights URIs: only rightsstatements.org and Creative Commons, in canonical form.
import { describe, expect, it } from 'vitest';
import { canonicalRightsUri, rightsFromText } from './rights.ts';

describe('canonicalRightsUri', () => {
  it.each([
    ['http://rightsstatements.org/vocab/InC/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'],
    ['https://rightsstatements.org/page/NoC-NC/1.0/', 'http://rightsstatements.org/vocab/NoC-NC/1.0/'],
    ['http://rightsstatements.org/vocab/NoC-OKLR/1.0', 'http://rightsstatements.org/vocab/NoC-OKLR/1.0/'],
    ['https://creativecommons.org/licenses/by/4.0/', 'https://creativecommons.org/licenses/by/4.0/'],
    ['http://creativecommons.org/licenses/by-nc-sa/4.0', 'https://creativecommons.org/licenses/by-nc-sa/4.0/'],
    ['https://creativecommons.org/licenses/by/3.0/nl/', 'https://creativecommons.org/licenses/by/3.0/nl/'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['https://creativecommons.org/publicdomain/mark/1.0', 'https://creativecommons.org/publicdomain/mark/1.0/'],
  ])('%s → %s', (value, uri) => expect(canonicalRightsUri(value)).toBe(uri));

  it.each([
    'http://rightsstatements.org/vocab/Free/1.0/',
    'https://creativecommons.org/licenses/nc/4.0/',
    'https://example.org/licenses/by/4.0/',
    'https://creativecommons.org/licenses/by/4.0/legalcode',
    'javascript:alert(1)',
    'public domain',
  ])('%s is rejected', (value) => expect(canonicalRightsUri(value)).toBeUndefined());
});

describe('rightsFromText', () => {
  it.each([
    ['CC BY-NC-SA 4.0 International', 'https://creativecommons.org/licenses/by-nc-sa/4.0/'],
    ['Creative Commons BY 4.0', 'https://creativecommons.org/licenses/by/4.0/'],
    ['cc by sa 3.0', 'https://creativecommons.org/licenses/by-sa/3.0/'],
    ['CC0 1.0 Universal', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['Public Domain Mark 1.0', 'https://creativecommons.org/publicdomain/mark/1.0/'],
    ['http://rightsstatements.org/vocab/InC/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'],
  ])('%j → %s', (text, uri) => expect(rightsFromText(text)).toBe(uri));

  it.each(['Alle rechten voorbehouden', 'CC BY-XX 4.0', ''])('%j names no licence', (text) => {
    expect(rightsFromText(text)).toBeUndefined();
  });
});
