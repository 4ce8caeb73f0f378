import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../manifests/item.ts';
import type { IndexPage } from './backend.ts';
import { buildIndexDocument, displayTitle, matchLines, pageText, parseTextPage } from './document.ts';

const canvas = 'http://localhost:3000/iiif/presentation/x/canvas/p1';

const record: ItemRecord = {
  id: 'x',
  type: 'book',
  label: { fr: ['Le titre'], nl: ['De titel'] },
  summary: { en: ['A summary'] },
  agents: [{ name: 'Colard Mansion', role: 'prt' }, { name: 'Boethius', role: 'aut' }, { name: 'Anoniem' }],
  publisher: 'Mansion',
  place: 'Brugge',
  date: 'ca. 1690-1710',
  languages: ['fre'],
  subjects: ['Filosofie'],
  shelfmark: 'Ms. 1',
  identifiers: [{ type: 'local', value: 'B-1' }],
  partOf: 'Incunabelen',
  rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
  attribution: 'Leeszaal',
  behavior: 'paged',
  viewingDirection: 'left-to-right',
  pages: [],
  toc: [],
};

describe('buildIndexDocument', () => {
  it('indexes labels in every language, facets by role and centuries of the date range', () => {
    const doc = buildIndexDocument(record, []);
    expect(doc.title).toBe('De titel');
    expect(doc.labels).toEqual(['Le titre', 'De titel']);
    expect(doc.summaries).toEqual(['A summary']);
    expect(doc.facets).toEqual({
      type: ['book'],
      language: ['fre'],
      century: ['17', '18'],
      person: ['Boethius', 'Anoniem'],
      place: ['Brugge'],
      printer: ['Mansion', 'Colard Mansion'],
      subject: ['Filosofie'],
      collection: ['Incunabelen'],
    });
    expect(doc).toMatchObject({ yearFrom: 1690, yearTo: 1710, printer: 'Mansion', identifiers: ['B-1'], shelfmark: 'Ms. 1' });
  });

  it('leaves dates it cannot read out of the range and the century facet', () => {
    const doc = buildIndexDocument({ ...record, date: 's.a.' }, []);
    expect(doc.yearFrom).toBeUndefined();
    expect(doc.facets.century).toEqual([]);
    expect(doc.date).toBe('s.a.');
  });
});

describe('displayTitle', () => {
  it.each([
    [{ en: ['E'], nl: ['N'] }, 'N'],
    [{ fr: ['F'], en: ['E'] }, 'E'],
    [{ la: ['L'] }, 'L'],
    [{}, ''],
  ])('%j → %s', (label, title) => {
    expect(displayTitle(label)).toBe(title);
  });
});

describe('parseTextPage', () => {
  it('reads supplementing line annotations with xywh targets, string or selector form', () => {
    const page = parseTextPage(
      JSON.stringify({
        type: 'AnnotationPage',
        items: [
          {
            id: 'a1',
            type: 'Annotation',
            motivation: 'supplementing',
            body: { type: 'TextualBody', value: 'Was iſt' },
            target: `${canvas}#xywh=10,20,300,40`,
          },
          {
            type: 'Annotation',
            body: [{ type: 'TextualBody', value: 'Aufklaͤrung' }],
            target: {
              type: 'SpecificResource',
              source: { id: canvas, type: 'Canvas' },
              selector: { type: 'FragmentSelector', value: 'xywh=10,70,200,40' },
            },
          },
          { type: 'Annotation', body: { type: 'TextualBody', value: '   ' }, target: `${canvas}#xywh=1,1,1,1` },
          { type: 'Annotation', body: { type: 'Image' }, target: canvas },
          'garbage',
        ],
      }),
      { key: 'p1', label: '481' },
    );
    expect(page).toEqual({
      key: 'p1',
      label: '481',
      canvas,
      lines: [
        { id: 'a1', text: 'Was iſt', xywh: [10, 20, 300, 40] },
        { text: 'Aufklaͤrung', xywh: [10, 70, 200, 40] },
      ],
    });
  });

  it.each([
    ['block', false],
    ['page', false],
    ['word', false],
    ['line', true],
    [undefined, true],
  ])('textGranularity %s: indexed %s (block annotations repeat their lines and are not indexed twice)', (granularity, indexed) => {
    const anno = (value: string, textGranularity?: string) => ({
      type: 'Annotation',
      motivation: 'supplementing',
      ...(textGranularity ? { textGranularity } : {}),
      body: { type: 'TextualBody', value },
      target: `${canvas}#xywh=10,20,300,40`,
    });
    const page = parseTextPage(JSON.stringify({ type: 'AnnotationPage', items: [anno('anchor', 'line'), anno('Was iſt', granularity)] }), {
      key: 'p1',
    });
    expect(page?.lines.map((l) => l.text)).toEqual(indexed ? ['anchor', 'Was iſt'] : ['anchor']);
  });

  it('indexes each line of a published page with blocks exactly once', async () => {
    const { buildTextPage } = await import('../../manifests/text-page.ts');
    const { publicUrls } = await import('../../manifests/layout.ts');
    const lines = [
      { id: 'l1', block: 'b1', text: 'Beantwortung der Frage:', x: 10, y: 10, w: 300, h: 40 },
      { id: 'l2', block: 'b1', text: 'Was iſt Aufklaͤrung?', x: 10, y: 60, w: 300, h: 40 },
      { id: 'l3', block: 'b2', text: 'Aufklaͤrung iſt der Ausgang', x: 10, y: 120, w: 300, h: 40 },
    ];
    const published = JSON.stringify(buildTextPage('kant', 'p1', lines, publicUrls('https://x.example')));
    expect(JSON.parse(published).items).toHaveLength(5);
    expect(parseTextPage(published, { key: 'p1' })?.lines.map((l) => l.text)).toEqual(lines.map((l) => l.text));
  });

  it('joins a drop cap that the source made a block of its own to the line it begins, on that line', async () => {
    const { buildTextPage } = await import('../../manifests/text-page.ts');
    const { publicUrls } = await import('../../manifests/layout.ts');
    const lines = [
      { id: 'l1', block: 'b1', text: 'A', x: 10, y: 120, w: 60, h: 90 },
      { id: 'l2', block: 'b2', text: 'ufklaͤrung iſt der Ausgang', x: 80, y: 120, w: 300, h: 40 },
      { id: 'l3', block: 'b2', text: 'ſchen aus ſeiner ſelbſt', x: 80, y: 170, w: 300, h: 40 },
    ];
    const published = JSON.stringify(buildTextPage('kant', 'p1', lines, publicUrls('https://x.example')));
    const page = parseTextPage(published, { key: 'p1' });
    expect(page?.lines.map((l) => l.text)).toEqual(['Aufklaͤrung iſt der Ausgang', 'ſchen aus ſeiner ſelbſt']);
    // The line's box widened to take in the initial, so a hit outlines the whole printed word.
    expect(page?.lines[0]?.xywh).toEqual([10, 120, 370, 40]);
    // …and keeps the id of the line annotation it began as, which search hits point at.
    const begun = JSON.parse(published).items.find(
      (a: { textGranularity: string; body: { value: string } }) => a.textGranularity === 'line' && a.body.value.startsWith('ufkl'),
    );
    expect(begun.id).toMatch(/^https:/);
    expect(page?.lines[0]?.id).toBe(begun.id);
  });

  it('returns undefined for something that is not an AnnotationPage', () => {
    expect(parseTextPage(JSON.stringify({ type: 'Manifest' }), { key: 'p1' })).toBeUndefined();
    expect(parseTextPage('{', { key: 'p1' })).toBeUndefined();
    expect(parseTextPage(JSON.stringify({ type: 'AnnotationPage', items: [] }), { key: 'p1' })).toBeUndefined();
  });
});

describe('pageText', () => {
  const page = (lines: string[]): IndexPage => ({ key: 'p1', canvas, lines: lines.map((text) => ({ text, xywh: [0, 0, 10, 10] })) });

  it.each<[string[], string]>([
    [['verſchuldeten Unmuͤn-', 'digkeit. Unmuͤndigkeit'], 'verſchuldeten Unmuͤndigkeit.\nUnmuͤndigkeit'],
    [['des Men⸗', 'ſchen aus'], 'des Menſchen\naus'],
    [['Faul¬', 'heit'], 'Faulheit\n'],
    [['Nord-', 'Amerika'], 'Nord-\nAmerika'],
    [['ein Wort', 'allein'], 'ein Wort\nallein'],
  ])('%j reads %j', (lines, text) => {
    expect(pageText(page(lines))).toBe(text);
  });

  it('leaves the lines as published, so hits point at real line annotations', () => {
    const p = page(['Unmuͤn-', 'digkeit iſt']);
    expect(matchLines(p).map((l) => l.text)).toEqual(['Unmuͤndigkeit', 'iſt']);
    expect(p.lines.map((l) => l.text)).toEqual(['Unmuͤn-', 'digkeit iſt']);
  });
});
