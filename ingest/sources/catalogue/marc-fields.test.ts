// The MARC 21 to item-record mapping, field by field, on fields written as catalogues write them
// (ISBD punctuation, relator terms in several languages, 264 by its second indicator).
import type { MarcField } from '@natlibfi/marc-record';
import { describe, expect, it } from 'vitest';
import type { CatalogueDescription } from './description.ts';
import { dateFrom008, describeMarc, typeFromLeader, withoutIsbd } from './marc-fields.ts';

const BOOK = '00000nam a2200000 c 4500';

/** A data field from `245 10 $a Title /$c Author.`-like shorthand: tag, indicators, then `$code value` pairs. */
function field(spec: string): MarcField {
  const [head, ...parts] = spec.split('$');
  const tag = head!.slice(0, 3);
  const ind = head!.slice(4, 6).padEnd(2, ' ');
  if (tag < '010') return { tag, value: head!.slice(4) };
  return {
    tag,
    ind1: ind[0] === '_' ? ' ' : ind[0]!,
    ind2: ind[1] === '_' ? ' ' : ind[1]!,
    subfields: parts.map((p) => ({ code: p[0]!, value: p.slice(1).replace(/^ /, '').replace(/ $/, '') })),
  };
}

function marc(...specs: string[]): CatalogueDescription {
  return describeMarc({ leader: BOOK, fields: specs.map(field) });
}

describe('describeMarc', () => {
  it.each<{ name: string; fields: string[]; expected: Partial<CatalogueDescription> }>([
    {
      name: '245 $a $b with ISBD punctuation, $c left out',
      fields: ['245 10$a Des Grafen sämtliche Werke der Punctirkunst :$b nach welcher ein jeder sich selbst die Nativität stellen kan /$c Pembroke.'],
      expected: { title: 'Des Grafen sämtliche Werke der Punctirkunst: nach welcher ein jeder sich selbst die Nativität stellen kan' },
    },
    {
      name: '245 part number and name',
      fields: ['245 00$a Der Herold.$n 1839,$p Beilage 3.'],
      expected: { title: 'Der Herold. 1839. Beilage 3' },
    },
    {
      name: 'a question mark before the slash is kept',
      fields: ['245 10$a Beantwortung der Frage: Was ist Aufklärung? /$c Immanuel Kant.'],
      expected: { title: 'Beantwortung der Frage: Was ist Aufklärung?' },
    },
    {
      name: 'names: 100 with dates and relator term, 700 with $4 code and URI, 710 with units, 711 with $j',
      fields: [
        '100 1_$a Kant, Immanuel,$d 1724-1804,$e Verfasser$0 (DE-588)118559796$0 http://d-nb.info/gnd/118559796',
        '700 1_$a Mansion, Colard,$4 http://id.loc.gov/vocabulary/relators/prt',
        '710 2_$a Openbare Bibliotheek Brugge.$b Erfgoedbibliotheek,$e former owner.',
        '711 2_$a Concilium Tridentinum$d 1545-1563$j auteur',
        '700 1_$a Anoniem',
      ],
      expected: {
        agents: [
          { name: 'Kant, Immanuel, 1724-1804', role: 'aut', uri: 'http://d-nb.info/gnd/118559796' },
          { name: 'Mansion, Colard', role: 'prt' },
          { name: 'Openbare Bibliotheek Brugge. Erfgoedbibliotheek', role: 'fmo' },
          { name: 'Concilium Tridentinum, 1545-1563', role: 'aut' },
          { name: 'Anoniem' },
        ],
      },
    },
    {
      name: 'relator terms in Dutch and French',
      fields: ['700 1_$a Plantijn, Christoffel$e drukker', '700 1_$a Dupont, Jean$e éditeur scientifique'],
      expected: {
        agents: [
          { name: 'Plantijn, Christoffel', role: 'prt' },
          { name: 'Dupont, Jean', role: 'edt' },
        ],
      },
    },
    {
      // Pre-RDA records (AACR2, RAK) abbreviate the role: Library of Congress and OCLC records carry `$e ill.`, `$e ed.`.
      name: 'relator terms abbreviated as AACR2, RAK and Dutch and French rules wrote them',
      fields: [
        '700 1_$a Rand, Ted,$e ill.',
        '700 1_$a Smith, John,$e ed.',
        '700 1_$a Jones, Ann,$e tr.',
        '700 1_$a Brown, Bob,$e comp.',
        '700 1_$a Müller, Hans,$e Hrsg.',
        '700 1_$a Meier, Eva,$e Übers.',
        '700 1_$a Jansen, Piet,$e vert.',
        '700 1_$a Martin, Paul,$e trad.',
        '700 1_$a Doe, Jane,$e joint author.',
      ],
      expected: {
        agents: [
          { name: 'Rand, Ted', role: 'ill' },
          { name: 'Smith, John', role: 'edt' },
          { name: 'Jones, Ann', role: 'trl' },
          { name: 'Brown, Bob', role: 'com' },
          { name: 'Müller, Hans', role: 'edt' },
          { name: 'Meier, Eva', role: 'trl' },
          { name: 'Jansen, Piet', role: 'trl' },
          { name: 'Martin, Paul', role: 'trl' },
          { name: 'Doe, Jane', role: 'aut' },
        ],
      },
    },
    {
      name: '260 place, publisher and date',
      fields: ['260 __$a Berlin :$b Haude und Spener,$c 1784.'],
      expected: { place: 'Berlin', publisher: 'Haude und Spener', date: '1784' },
    },
    {
      name: '260 several places; $f manufacturer as printer',
      fields: ['260 __$a Ulm ;$a Leipzig :$b Stettin,$c 1766$f Wagner'],
      expected: { place: 'Ulm; Leipzig', publisher: 'Stettin', date: '1766', agents: [{ name: 'Wagner', role: 'prt' }] },
    },
    {
      name: '264 _1 is the publication, 264 _3 the printer',
      fields: ['264 _3$a Antwerpen :$b Plantijn,$c 1570.', '264 _1$a Antwerpen :$b Jan Moretus,$c 1571.'],
      expected: { place: 'Antwerpen', publisher: 'Jan Moretus', date: '1571', agents: [{ name: 'Plantijn', role: 'prt' }] },
    },
    {
      name: 'only a manufacture statement: it gives place, printer and date',
      fields: ['264 _3$a Gent :$b Arend de Keysere,$c 1483.'],
      expected: { place: 'Gent', publisher: 'Arend de Keysere', date: '1483', agents: [{ name: 'Arend de Keysere', role: 'prt' }] },
    },
    {
      name: '008 date when 260/264 has none, unknown digits as X',
      fields: ['008 850101s147u    be            000 0 dut d'],
      expected: { date: '147X', languages: ['dut'] },
    },
    {
      name: '008 and 041 languages, run-together codes, T codes to B, duplicates once',
      fields: ['008 180516s1784    gw            000 0 ger d', '041 0_$a gerlat$a fra'],
      expected: { languages: ['ger', 'lat', 'fre'] },
    },
    {
      name: '008 with no language (blanks, fill characters, zxx)',
      fields: ['008 180516s1784    gw            000 0 zxx d'],
      expected: { languages: [] },
    },
    {
      name: 'a language that is no code',
      fields: ['041 0_$a d?u'],
      expected: { languages: [], unknownLanguages: ['d?u'] },
    },
    {
      name: '6XX subjects with subdivisions after --',
      fields: [
        '600 10$a Kant, Immanuel,$d 1724-1804$x Criticism and interpretation.',
        '650 _0$a Enlightenment$z Germany$x History$y 18th century.',
        '651 _7$a Brugge$v Maps$2 gnd',
        '650 _7$a Philosophie$2 DTA',
        '650 _7$a Philosophie$2 gnd',
      ],
      expected: {
        subjects: [
          'Kant, Immanuel, 1724-1804 -- Criticism and interpretation',
          'Enlightenment -- Germany -- History -- 18th century',
          'Brugge -- Maps',
          'Philosophie',
        ],
      },
    },
    {
      name: '852 institution and shelfmark ($j)',
      fields: ['852 __$a Openbare Bibliotheek Brugge$b Erfgoed$j Hs. 314'],
      expected: { holdingInstitution: 'Openbare Bibliotheek Brugge', shelfmark: 'Hs. 314' },
    },
    {
      name: '852 classification and item parts when there is no $j',
      fields: ['852 __$a DE-1$h Na$i 3722'],
      expected: { holdingInstitution: 'DE-1', shelfmark: 'Na 3722' },
    },
    { name: '090 local call number', fields: ['090 __$a PT 2378$b .A1 1784'], expected: { shelfmark: 'PT 2378 .A1 1784' } },
    {
      name: '001/003, 035 with and without prefix, ISBN, 024 URN',
      fields: [
        '001 991234567',
        '003 BE-GnUNI',
        '035 __$a (OCoLC)12345678',
        '035 __$a 000123',
        '020 __$a 9789061531234 :',
        '024 7_$a urn:nbn:de:kobv:b4-1$2 urn',
      ],
      expected: {
        identifiers: [
          { type: 'BE-GnUNI', value: '991234567' },
          { type: 'OCoLC', value: '12345678' },
          { type: 'system', value: '000123' },
          { type: 'isbn', value: '9789061531234' },
          { type: 'urn', value: 'urn:nbn:de:kobv:b4-1' },
        ],
      },
    },
    {
      name: '500 notes joined by line, 520 summary',
      fields: ['500 __$a Gedrukt op perkament.', '500 __$a Met houtsneden.', '520 __$a Getijdenboek voor het gebruik van Rome.'],
      expected: { note: 'Gedrukt op perkament.\nMet houtsneden.', summary: 'Getijdenboek voor het gebruik van Rome.' },
    },
    {
      name: '856 $u: the first http(s) link; a javascript: link is refused',
      fields: ['856 40$u javascript:alert(1)', '856 41$u https://lib.example.org/record/1'],
      expected: { externalUrl: 'https://lib.example.org/record/1' },
    },
    {
      // The Library of Congress' and the DNB's enrichment links name a part of the book, not the item.
      name: '856 $u: a table of contents, publisher description or related resource is not the item link',
      fields: [
        '856 41$3 Table of contents$u http://www.loc.gov/catdir/toc/92005291.html',
        '856 42$3 Publisher description$u http://www.loc.gov/catdir/description/hol051/92005291.html',
        '856 42$m B:DE-101$q application/pdf$u http://d-nb.info/1009876543/04$3 Inhaltsverzeichnis',
        '856 40$u https://hdl.loc.gov/loc.rbc/rbc0001.2009gen12345',
      ],
      expected: { externalUrl: 'https://hdl.loc.gov/loc.rbc/rbc0001.2009gen12345' },
    },
    {
      name: '540 with a Creative Commons URI, 506 words that are no licence',
      fields: ['506 __$a Vrij toegankelijk', '540 __$a CC BY 4.0$u https://creativecommons.org/licenses/by/4.0/'],
      expected: { rights: 'http://creativecommons.org/licenses/by/4.0/' },
    },
    {
      name: '540 with a rights statement',
      fields: ['540 __$u http://rightsstatements.org/vocab/NoC-NC/1.0/'],
      expected: { rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/' },
    },
    { name: '773 host title as part of', fields: ['773 08$t Berlinische Monatsschrift$g 1784'], expected: { partOf: 'Berlinische Monatsschrift' } },
    {
      name: '490 series',
      fields: ['490 1_$a Deutsches Territorialrecht des 19. Jahrhunderts ;$v 3'],
      expected: { partOf: 'Deutsches Territorialrecht des 19. Jahrhunderts' },
    },
  ])('$name', ({ fields, expected }) => {
    expect(marc(...fields)).toMatchObject(expected);
  });

  it('gives no item link when the 856 links are all enrichment or related resources', () => {
    expect(marc('856 41$3 Table of contents$u http://www.loc.gov/catdir/toc/92005291.html', '856 42$u http://example.org/review')).not.toHaveProperty(
      'externalUrl',
    );
  });

  it('reports a non-web 856 link for the item reader to refuse', () => {
    expect(marc('856 40$u javascript:alert(1)').refusedUrls).toEqual([
      'MARC 856 $u "javascript:alert(1)" is a javascript: URL; only http and https links are accepted',
    ]);
  });

  it('has no title without 245', () => {
    expect(marc('100 1_$a Kant, Immanuel').title).toBeUndefined();
  });
});

describe('withoutIsbd', () => {
  it.each([
    ['Berlin :', 'Berlin'],
    ['Haude und Spener,', 'Haude und Spener'],
    ['1784.', '1784'],
    ['Title /', 'Title'],
    ['Vol. 1 ;', 'Vol. 1'],
    ['Was ist Aufklärung? /', 'Was ist Aufklärung?'],
    ['Kant, I.', 'Kant, I.'],
    ['und so weiter ...', 'und so weiter ...'],
    ['Hs. 314', 'Hs. 314'],
  ])('%j → %j', (input, output) => {
    expect(withoutIsbd(input)).toBe(output);
  });
});

describe('dateFrom008', () => {
  it.each<[string, string | undefined]>([
    ['180516s1784    gw            000 0 ger d', '1784'],
    ['850101m15701575be            000 0 dut d', '1570-1575'],
    ['850101s147u    be            000 0 dut d', '147X'],
    ['850101c18399999gw wr p       0   b0ger d', '1839'],
    ['850101r17841766gw            000 0 ger d', '1784'],
    ['850101nuuuuuuuuxx            000 0 und d', undefined],
    ['short', undefined],
  ])('%j → %j', (fixed, date) => {
    expect(dateFrom008(fixed)).toBe(date);
  });
});

describe('typeFromLeader', () => {
  it.each<[string, string | undefined]>([
    ['00000nam a2200000 c 4500', 'book'],
    ['00000naa a2200000 c 4500', 'book'],
    ['00000nas a2200000 c 4500', 'periodical'],
    ['00000nab a2200000 c 4500', 'periodical'],
    ['00000ntm a2200000 c 4500', 'manuscript'],
    ['00000ndm a2200000 c 4500', 'manuscript'],
    ['00000nem a2200000 c 4500', 'map'],
    ['00000nfm a2200000 c 4500', 'map'],
    ['00000nkm a2200000 c 4500', 'print'],
    ['00000ngm a2200000 c 4500', 'other'],
    ['', undefined],
  ])('%j → %s', (leader, type) => {
    expect(typeFromLeader(leader)).toBe(type);
  });
});
