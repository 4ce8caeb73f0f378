import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import { bibtexEscape, highwireTags, toBibtex, toCslJson, toRis } from './citation-formats.ts';
import type { ItemRecord } from './item.ts';

const links = { url: 'https://leeszaal.example.org/items/kant', pdf: 'https://leeszaal.example.org/downloads/kant/book.pdf' };

const kant: ItemRecord = itemRecord({
  id: 'kant',
  label: { none: ['Beantwortung der Frage: Was ist Aufklärung?'] },
  agents: [
    { name: 'Immanuel Kant', role: 'aut' },
    { name: 'Johann Erich Biester', role: 'edt' },
    { name: 'Haude und Spener', role: 'pbl' },
  ],
  place: 'Berlin',
  date: '1784',
  languages: ['ger'],
  subjects: ['Philosophie', 'Aufklärung'],
  holdingInstitution: 'Zentral- und Landesbibliothek Berlin',
  shelfmark: 'o XIV 16975-4.1784',
  partOf: 'Berlinische Monatsschrift',
  rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
  attribution: 'Deutsches Textarchiv',
});

describe('toRis', () => {
  it('writes every field as a tag line with CRLF line ends, ending with ER', () => {
    expect(toRis(kant, links).split('\r\n')).toEqual([
      'TY  - BOOK',
      'TI  - Beantwortung der Frage: Was ist Aufklärung?',
      'AU  - Immanuel Kant',
      'A2  - Johann Erich Biester',
      'PY  - 1784',
      'DA  - 1784',
      'CY  - Berlin',
      'PB  - Haude und Spener',
      'T2  - Berlinische Monatsschrift',
      'LA  - de',
      'KW  - Philosophie',
      'KW  - Aufklärung',
      'DB  - Zentral- und Landesbibliothek Berlin',
      'CN  - o XIV 16975-4.1784',
      `UR  - ${links.url}`,
      `L1  - ${links.pdf}`,
      'N1  - Rights: Public Domain Mark 1.0 <http://creativecommons.org/publicdomain/mark/1.0/>. Attribution: Deutsches Textarchiv',
      'ER  - ',
      '',
    ]);
  });

  it.each<{ fields: Partial<ItemRecord>; has: string[]; hasNot: string[] }>([
    { fields: { type: 'manuscript' }, has: ['TY  - MANSCPT'], hasNot: [] },
    { fields: { type: 'print', date: 'ca. 1715' }, has: ['TY  - ART', 'PY  - 1715', 'DA  - ca. 1715'], hasNot: [] },
    { fields: { date: 's.a.' }, has: ['DA  - s.a.'], hasNot: ['PY  -'] },
    { fields: { untitled: true }, has: [], hasNot: ['TI  -'] },
    { fields: { publisher: 'Line\nbreak' }, has: ['PB  - Line break'], hasNot: [] },
    { fields: { identifiers: [{ type: 'ISBN', value: '978-3-15-009714-4' }] }, has: ['SN  - 978-3-15-009714-4'], hasNot: [] },
  ])('$fields', ({ fields, has, hasNot }) => {
    const lines = toRis(itemRecord({ id: 'x', label: { nl: ['Titel'] }, ...fields }), { url: 'https://e.org/items/x' }).split('\r\n');
    for (const line of has) expect(lines).toContain(line);
    for (const tag of hasNot) expect(lines.some((l) => l.startsWith(tag))).toBe(false);
    expect(lines.some((l) => l.startsWith('L1'))).toBe(false);
  });
});

describe('toBibtex', () => {
  it('writes an entry keyed by the item id, the title braced to keep its capitals', () => {
    expect(toBibtex(kant, links)).toBe(
      [
        '@book{kant,',
        '  author = {Immanuel Kant},',
        '  editor = {Johann Erich Biester},',
        '  title = {{Beantwortung der Frage: Was ist Aufklärung?}},',
        '  year = {1784},',
        '  date = {1784},',
        '  address = {Berlin},',
        '  publisher = {Haude und Spener},',
        '  series = {Berlinische Monatsschrift},',
        '  language = {de},',
        '  keywords = {Philosophie, Aufklärung},',
        '  library = {Zentral- und Landesbibliothek Berlin},',
        '  shelfmark = {o XIV 16975-4.1784},',
        `  url = {${links.url}},`,
        `  file = {${links.pdf}},`,
        '  note = {Rights: Public Domain Mark 1.0 <http://creativecommons.org/publicdomain/mark/1.0/>. Attribution: Deutsches Textarchiv}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['50% & more_{x}', '50\\% \\& more\\_\\{x\\}'],
    ['a\\b ~c^ #1 $2', 'a\\textbackslash{}b \\textasciitilde{}c\\textasciicircum{} \\#1 \\$2'],
    ['  two\n lines ', 'two lines'],
    ['Aufklärung', 'Aufklärung'],
  ])('escapes %j as %j', (input, output) => {
    expect(bibtexEscape(input)).toBe(output);
  });

  it('braces a name with "and" in it, which BibTeX would split into two people', () => {
    const bib = toBibtex(itemRecord({ id: 'x', label: { nl: ['T'] }, agents: [{ name: 'Smith and Sons' }, { name: 'Anna Bijns' }] }), links);
    expect(bib).toContain('  author = {{Smith and Sons} and Anna Bijns},');
  });
});

describe('toCslJson', () => {
  it.each<{ fields: Partial<ItemRecord>; expected: Record<string, unknown> }>([
    {
      fields: {},
      expected: {
        id: 'kant',
        type: 'book',
        title: 'Beantwortung der Frage: Was ist Aufklärung?',
        author: [{ literal: 'Immanuel Kant' }],
        editor: [{ literal: 'Johann Erich Biester' }],
        issued: { 'date-parts': [[1784]] },
        publisher: 'Haude und Spener',
        'publisher-place': 'Berlin',
        'collection-title': 'Berlinische Monatsschrift',
        language: 'de',
        keyword: 'Philosophie, Aufklärung',
        archive: 'Zentral- und Landesbibliothek Berlin',
        'call-number': 'o XIV 16975-4.1784',
        URL: links.url,
        license: 'http://creativecommons.org/publicdomain/mark/1.0/',
        note: 'Rights: Public Domain Mark 1.0 <http://creativecommons.org/publicdomain/mark/1.0/>. Attribution: Deutsches Textarchiv',
      },
    },
    { fields: { date: '147X', type: 'map' }, expected: { type: 'map', issued: { literal: '147X' } } },
    { fields: { type: 'print' }, expected: { type: 'graphic' } },
  ])('$fields', ({ fields, expected }) => {
    const csl = toCslJson({ ...kant, ...fields }, links);
    if (Object.keys(fields).length === 0) expect(csl).toEqual(expected);
    else expect(csl).toMatchObject(expected);
  });
});

describe('highwireTags', () => {
  it('names title, authors, date, publisher, language and the PDF for Zotero', () => {
    expect(highwireTags(kant, links)).toEqual([
      ['citation_title', 'Beantwortung der Frage: Was ist Aufklärung?'],
      ['citation_author', 'Immanuel Kant'],
      ['citation_publication_date', '1784'],
      ['citation_date', '1784'],
      ['citation_publisher', 'Haude und Spener'],
      ['citation_place', 'Berlin'],
      ['citation_language', 'de'],
      ['citation_keywords', 'Philosophie; Aufklärung'],
      ['citation_series_title', 'Berlinische Monatsschrift'],
      ['citation_public_url', links.url],
      ['citation_pdf_url', links.pdf],
      ['dc.rights', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ]);
  });

  it('leaves out what the record does not have', () => {
    const tags = highwireTags(itemRecord({ id: 'x', label: { nl: ['T'] }, untitled: true }), { url: 'https://e.org/items/x' });
    expect(tags.map(([name]) => name)).toEqual(['citation_public_url', 'dc.rights']);
  });
});
