// Rights statements by name: every statement and licence that manifests/rights.ts accepts has a name
// in nl, fr and en; anything else stays its URI.
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from './language-map.ts';
import { rightsName, rightsNameAndUri, rightsNames } from './rights-names.ts';
import { STATEMENTS } from './rights.ts';

describe('rightsName', () => {
  it.each([
    ['http://creativecommons.org/publicdomain/mark/1.0/', 'nl', 'Publiek domein (Public Domain Mark 1.0)'],
    ['http://creativecommons.org/publicdomain/mark/1.0/', 'fr', 'Domaine public (Public Domain Mark 1.0)'],
    ['http://creativecommons.org/publicdomain/mark/1.0/', 'en', 'Public Domain Mark 1.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/legalcode', 'nl', 'CC0 1.0 (geen rechten voorbehouden)'],
    ['http://creativecommons.org/licenses/by/4.0/', 'en', 'CC BY 4.0 (attribution)'],
    ['http://creativecommons.org/licenses/by/4.0/', 'nl', 'CC BY 4.0 (naamsvermelding)'],
    ['http://creativecommons.org/licenses/by-sa/2.0/', 'fr', 'CC BY-SA 2.0 (partage dans les mêmes conditions)'],
    ['http://creativecommons.org/licenses/by-nc-sa/3.0/de/', 'nl', 'CC BY-NC-SA 3.0 DE'],
    ['https://creativecommons.org/licenses/by-nc-nd/4.0/', 'en', 'CC BY-NC-ND 4.0'],
    ['http://rightsstatements.org/vocab/InC/1.0/', 'en', 'In Copyright'],
    ['http://rightsstatements.org/vocab/InC/1.0/', 'nl', 'Auteursrechtelijk beschermd'],
    ['https://rightsstatements.org/page/NoC-NC/1.0/?language=nl', 'fr', "Pas de droit d'auteur – usage non commercial uniquement"],
    ['http://rightsstatements.org/vocab/NKC/1.0/', 'en', 'No Known Copyright'],
    // Unknown: the URI itself, as given.
    ['https://example.org/licence', 'nl', 'https://example.org/licence'],
    ['http://rightsstatements.org/vocab/Free/1.0/', 'en', 'http://rightsstatements.org/vocab/Free/1.0/'],
    ['Alle rechten voorbehouden', 'nl', 'Alle rechten voorbehouden'],
  ] as const)('%s in %s: %s', (uri, lang, name) => {
    expect(rightsName(uri, lang)).toBe(name);
  });

  it('names every RightsStatements.org statement in each language, each name its own', () => {
    for (const lang of UI_LANGUAGES) {
      const names = [...STATEMENTS].map((code) => rightsNames(`http://rightsstatements.org/vocab/${code}/1.0/`)?.[lang]);
      expect(names.every((n) => typeof n === 'string' && n !== '' && !n.startsWith('http'))).toBe(true);
      expect(new Set(names).size).toBe(STATEMENTS.size);
    }
  });

  it('names every Creative Commons licence kind', () => {
    for (const kind of ['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd']) {
      expect(rightsNames(`http://creativecommons.org/licenses/${kind}/4.0/`)?.en).toMatch(new RegExp(`^CC ${kind.toUpperCase()} 4\\.0`));
    }
  });

  it('keeps the URI beside the name for a file that travels alone', () => {
    expect(rightsNameAndUri('http://creativecommons.org/publicdomain/mark/1.0/', 'nl')).toBe(
      'Publiek domein (Public Domain Mark 1.0) <http://creativecommons.org/publicdomain/mark/1.0/>',
    );
    expect(rightsNameAndUri('https://example.org/licence', 'en')).toBe('https://example.org/licence');
  });
});
