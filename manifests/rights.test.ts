import { describe, expect, it } from 'vitest';
import { canonicalRights } from './rights.ts';

describe('canonicalRights', () => {
  it.each([
    ['http://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://creativecommons.org/publicdomain/zero/1.0', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ['https://creativecommons.org/licenses/by-sa/4.0/', 'http://creativecommons.org/licenses/by-sa/4.0/'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode', 'http://creativecommons.org/licenses/by/4.0/'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode.nl', 'http://creativecommons.org/licenses/by/4.0/'],
    ['http://rightsstatements.org/vocab/InC/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'],
    ['https://rightsstatements.org/page/NoC-NC/1.0/?language=nl', 'http://rightsstatements.org/vocab/NoC-NC/1.0/'],
    ['https://rightsstatements.org/vocab/InC-EDU/1.0', 'http://rightsstatements.org/vocab/InC-EDU/1.0/'],
    [' http://creativecommons.org/licenses/by/4.0/ ', 'http://creativecommons.org/licenses/by/4.0/'],
    ['Public domain', undefined],
    ['https://example.org/licence', undefined],
    ['http://creativecommons.org.evil.example/licenses/by/4.0/', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(canonicalRights(input)).toBe(expected);
  });
});
