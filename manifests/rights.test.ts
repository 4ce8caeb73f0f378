// Rights URIs: only RightsStatements.org and Creative Commons, in the form IIIF requires, from URIs
// and licences in words.
import { describe, expect, it } from 'vitest';
import { canonicalRights, rightsFromText } from './rights.ts';

describe('canonicalRights', () => {
  it.each([
    ['http://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://creativecommons.org/publicdomain/zero/1.0', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ['https://creativecommons.org/publicdomain/zero/1.0/legalcode', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ['https://creativecommons.org/licenses/by-sa/4.0/', 'http://creativecommons.org/licenses/by-sa/4.0/'],
    ['http://creativecommons.org/licenses/by-nc-sa/4.0', 'http://creativecommons.org/licenses/by-nc-sa/4.0/'],
    ['https://creativecommons.org/licenses/by/3.0/nl/', 'http://creativecommons.org/licenses/by/3.0/nl/'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode', 'http://creativecommons.org/licenses/by/4.0/'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode.nl', 'http://creativecommons.org/licenses/by/4.0/'],
    ['https://www.creativecommons.org/licenses/BY-NC/4.0/', 'http://creativecommons.org/licenses/by-nc/4.0/'],
    ['http://rightsstatements.org/vocab/InC/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'],
    ['https://rightsstatements.org/page/NoC-NC/1.0/', 'http://rightsstatements.org/vocab/NoC-NC/1.0/'],
    ['https://rightsstatements.org/page/NoC-NC/1.0/?language=nl', 'http://rightsstatements.org/vocab/NoC-NC/1.0/'],
    ['http://rightsstatements.org/vocab/NoC-OKLR/1.0', 'http://rightsstatements.org/vocab/NoC-OKLR/1.0/'],
    ['https://rightsstatements.org/vocab/InC-EDU/1.0', 'http://rightsstatements.org/vocab/InC-EDU/1.0/'],
    [' http://creativecommons.org/licenses/by/4.0/ ', 'http://creativecommons.org/licenses/by/4.0/'],
    ['http://rightsstatements.org/vocab/Free/1.0/', undefined],
    ['https://creativecommons.org/licenses/nc/4.0/', undefined],
    ['https://creativecommons.org/licenses/foo/', undefined],
    ['https://example.org/licenses/by/4.0/', undefined],
    ['http://creativecommons.org.evil.example/licenses/by/4.0/', undefined],
    ['javascript:alert(1)', undefined],
    ['Public domain', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(canonicalRights(input)).toBe(expected);
  });
});

describe('rightsFromText', () => {
  it.each([
    ['CC BY-NC-SA 4.0 International', 'http://creativecommons.org/licenses/by-nc-sa/4.0/'],
    ['Creative Commons BY 4.0', 'http://creativecommons.org/licenses/by/4.0/'],
    ['cc by sa 3.0', 'http://creativecommons.org/licenses/by-sa/3.0/'],
    ['CC0 1.0 Universal', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ['Public Domain Mark 1.0', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://rightsstatements.org/page/InC/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'],
    // A licence ported to a jurisdiction (German and Belgian libraries' 3.0 and 2.0 licences) is that port, not the unported one.
    ['CC BY-NC-SA 3.0 DE', 'http://creativecommons.org/licenses/by-nc-sa/3.0/de/'],
    ['CC BY-SA 2.0 BE', 'http://creativecommons.org/licenses/by-sa/2.0/be/'],
    ['CC BY 3.0 Unported', 'http://creativecommons.org/licenses/by/3.0/'],
  ])('%j → %s', (text, uri) => expect(rightsFromText(text)).toBe(uri));

  it.each(['Alle rechten voorbehouden', 'CC BY-XX 4.0', ''])('%j names no licence', (text) => {
    expect(rightsFromText(text)).toBeUndefined();
  });
});
