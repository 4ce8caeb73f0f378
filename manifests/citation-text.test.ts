// The one citation text (the Cite panel, the item page's "Cite this" and its copy button), table by
// table, and its agreement with the citation files on who and what it names.
import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import { toBibtex, toRis } from './citation-formats.ts';
import { type CitationSource, formatCitation, sourceFromRecord } from './citation-text.ts';
import type { ItemRecord } from './item.ts';

const accessed = new Date('2026-11-21T10:00:00Z');
const url = 'https://leeszaal.example/items/kant?page=page-0017';

describe('formatCitation', () => {
  const full: CitationSource = {
    authors: ['Kant, Immanuel'],
    title: 'Beantwortung der Frage: Was ist Aufklärung?',
    place: 'Berlin',
    printer: 'Haude und Spener',
    date: '1784',
    institution: 'Staatsbibliothek zu Berlin',
    shelfmark: 'Ac 6920',
    pageLabel: '481',
    url,
  };
  it.each<[string, CitationSource, 'nl' | 'fr' | 'en', string]>([
    [
      'full, Dutch',
      full,
      'nl',
      `Kant, Immanuel. Beantwortung der Frage: Was ist Aufklärung? Berlin: Haude und Spener, 1784. Staatsbibliothek zu Berlin, Ac 6920, p. 481. ${url} (geraadpleegd op 21 november 2026).`,
    ],
    [
      'full, English',
      full,
      'en',
      `Kant, Immanuel. Beantwortung der Frage: Was ist Aufklärung? Berlin: Haude und Spener, 1784. Staatsbibliothek zu Berlin, Ac 6920, p. 481. ${url} (accessed 21 November 2026).`,
    ],
    ['bare, French', { authors: [], title: 'Estampe.', url }, 'fr', `Anonyme. Estampe. s.l., s.d. ${url} (consulté le 21 novembre 2026).`],
    [
      'two authors, no printer',
      { authors: ['A.', 'B'], title: 'T', place: 'Gent', date: 'ca. 1475', url },
      'en',
      `A.; B. T. Gent, ca. 1475. ${url} (accessed 21 November 2026).`,
    ],
  ])('%s', (_name, src, lang, want) => {
    expect(formatCitation(src, lang, accessed)).toBe(want);
  });
});

describe('sourceFromRecord', () => {
  it('reads an ItemRecord: authors by role, printer from publisher or prt', () => {
    const record = {
      id: 'kant',
      type: 'periodical',
      label: { de: ['Was ist Aufklärung?'] },
      agents: [
        { name: 'Kant, Immanuel', role: 'aut' },
        { name: 'Biester, Johann Erich', role: 'edt' },
        { name: 'Haude und Spener', role: 'prt' },
      ],
      place: 'Berlin',
      date: '1784',
      languages: ['ger'],
      subjects: [],
      identifiers: [],
      shelfmark: 'Ac 6920',
      holdingInstitution: 'SBB',
      rights: 'x',
      attribution: 'x',
      behavior: 'paged',
      viewingDirection: 'left-to-right',
      pages: [],
      toc: [],
    } satisfies ItemRecord;
    expect(sourceFromRecord(record, 'nl', url)).toEqual({
      authors: ['Kant, Immanuel'],
      editors: ['Biester, Johann Erich'],
      title: 'Was ist Aufklärung?',
      place: 'Berlin',
      printer: 'Haude und Spener',
      date: '1784',
      institution: 'SBB',
      shelfmark: 'Ac 6920',
      url,
    });
  });
});

describe('the text and the citation files', () => {
  const zlb = itemRecord({
    id: 'kant',
    label: { none: ['Beantwortung der Frage: Was ist Aufklärung?'] },
    agents: [
      { name: 'Kant, Immanuel', role: 'aut' },
      { name: 'Biester, Johann Erich', role: 'edt' },
      { name: 'Haude und Spener', role: 'pbl' },
      { name: 'Unger, Johann Friedrich', role: 'ill' },
    ],
    place: 'Berlin',
    date: '1784',
    holdingInstitution: 'Zentral- und Landesbibliothek Berlin',
    shelfmark: 'Berlin ZLB, in: o XIV 16975-4.1784',
  });
  const text = formatCitation({ ...sourceFromRecord(zlb, 'en', url), pageLabel: '481' }, 'en', accessed);
  const ris = toRis(zlb, { url });
  const bib = toBibtex(zlb, { url });

  it('names the holding institution, never the software', () => {
    expect(text).toBe(
      `Kant, Immanuel; Biester, Johann Erich (ed.). Beantwortung der Frage: Was ist Aufklärung? Berlin: Haude und Spener, 1784. Zentral- und Landesbibliothek Berlin, Berlin ZLB, in: o XIV 16975-4.1784, p. 481. ${url} (accessed 21 November 2026).`,
    );
    expect(text).not.toContain('Leeszaal');
  });

  it.each([
    ['author', 'Kant, Immanuel', 'AU  - Kant, Immanuel', 'author = {Kant, Immanuel}'],
    ['editor', 'Biester, Johann Erich', 'A2  - Biester, Johann Erich', 'editor = {Biester, Johann Erich}'],
    ['printer', 'Haude und Spener', 'PB  - Haude und Spener', 'publisher = {Haude und Spener}'],
    [
      'institution',
      'Zentral- und Landesbibliothek Berlin',
      'DB  - Zentral- und Landesbibliothek Berlin',
      'library = {Zentral- und Landesbibliothek Berlin}',
    ],
    [
      'shelfmark',
      'Berlin ZLB, in: o XIV 16975-4.1784',
      'CN  - Berlin ZLB, in: o XIV 16975-4.1784',
      'shelfmark = {Berlin ZLB, in: o XIV 16975-4.1784}',
    ],
  ])('the %s is the same in the text, RIS and BibTeX', (_field, inText, inRis, inBib) => {
    expect(text).toContain(inText);
    expect(ris.split('\r\n')).toContain(inRis);
    expect(bib).toContain(inBib);
  });

  it('cites no one of another role (an illustrator) in any of them', () => {
    for (const form of [text, ris, bib]) expect(form).not.toContain('Unger');
  });
});
