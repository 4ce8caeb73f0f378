import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../manifests/item.ts';
import { type CitationSource, formatCitation, parseRecord, sourceFromManifest, sourceFromRecord } from './citation.ts';
import type { ManifestModel } from './manifest-model.ts';

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

describe('sources', () => {
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
      authors: ['Kant, Immanuel', 'Biester, Johann Erich'],
      title: 'Was ist Aufklärung?',
      place: 'Berlin',
      printer: 'Haude und Spener',
      date: '1784',
      institution: 'SBB',
      shelfmark: 'Ac 6920',
      url,
    });
  });
  it('reads labelled metadata from a foreign manifest and strips its HTML', () => {
    const model = {
      label: { en: ['A <i>print</i>'] },
      metadata: [
        { label: { en: ['Author'] }, value: { none: ['<b>Rubens</b>'] } },
        { label: { nl: ['Drukker'] }, value: { none: ['Plantin &amp; Moretus'] } },
        { label: { fr: ['Lieu'] }, value: { none: ['Anvers'] } },
        { label: { en: ['Date'] }, value: { none: ['1653'] } },
        { label: { en: ['Shelfmark'] }, value: { none: ['B 12'] } },
        { label: { en: ['Colour'] }, value: { none: ['red'] } },
      ],
      provider: [{ label: { en: ['Public Library of Bruges'] } }],
    } as unknown as ManifestModel;
    expect(sourceFromManifest(model, 'en', url)).toEqual({
      authors: ['Rubens'],
      title: 'A print',
      printer: 'Plantin & Moretus',
      place: 'Anvers',
      date: '1653',
      shelfmark: 'B 12',
      institution: 'Public Library of Bruges',
      url,
    });
  });
});

describe('parseRecord', () => {
  it.each([
    ['null', null, undefined],
    ['an array', [], undefined],
    ['no label', { agents: [] }, undefined],
    ['a label of the wrong shape', { label: { de: 'x' }, agents: [] }, undefined],
    ['agents not a list', { label: { de: ['x'] }, agents: 'Kant' }, undefined],
    [
      'bad agents and fields dropped',
      { label: { de: ['x'] }, agents: [{ name: 'Kant', role: 'aut' }, { role: 'prt' }, 'x', { name: 'B', role: 3 }], place: 'Berlin', date: 1784 },
      { label: { de: ['x'] }, agents: [{ name: 'Kant', role: 'aut' }, { name: 'B' }], place: 'Berlin' },
    ],
  ])('%s', (_name, json, want) => {
    expect(parseRecord(json)).toEqual(want);
  });
});
