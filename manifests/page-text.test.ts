import { describe, expect, it } from 'vitest';
import { pageBlock, parseTextPage, readTextPage, TextPageError, textHeader } from './page-text.ts';

const canvas = 'https://e.org/iiif/presentation/kant/canvas/page-0017';
const line = (value: unknown, target: unknown, motivation: unknown = 'supplementing') => ({
  type: 'Annotation',
  motivation,
  body: { type: 'TextualBody', value, format: 'text/plain' },
  target,
});

describe('parseTextPage', () => {
  it.each<{ name: string; items: unknown[]; expected: unknown[] }>([
    {
      name: 'lines with boxes, in order',
      items: [line('Was iſt Aufklaͤrung?', `${canvas}#xywh=10,20,300,40`), line('Unmün⸗', `${canvas}#xywh=10,70,100.5,40`)],
      expected: [
        { text: 'Was iſt Aufklaͤrung?', x: 10, y: 20, w: 300, h: 40 },
        { text: 'Unmün⸗', x: 10, y: 70, w: 100.5, h: 40 },
      ],
    },
    {
      name: 'a target object with an id',
      items: [line('a', { id: `${canvas}#xywh=1,2,3,4`, type: 'Canvas' })],
      expected: [{ text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
    { name: 'other motivations skipped', items: [line('a', `${canvas}#xywh=1,2,3,4`, 'commenting')], expected: [] },
    { name: 'a target without a box skipped', items: [line('a', canvas)], expected: [] },
    { name: 'a body without text skipped', items: [line(42, `${canvas}#xywh=1,2,3,4`)], expected: [] },
    {
      name: 'block annotations (IIIF Text Granularity) skipped: their lines say it once',
      items: [
        { ...line('Beantwortung der Frage:\nWas iſt Aufklaͤrung?', `${canvas}#xywh=177,805,683,136`), textGranularity: 'block' },
        { ...line('Beantwortung der Frage:', `${canvas}#xywh=233,805,564,55`), textGranularity: 'line' },
        { ...line('Was iſt Aufklaͤrung?', `${canvas}#xywh=177,886,683,55`), textGranularity: 'line' },
        { ...line('Was', `${canvas}#xywh=177,886,100,55`), textGranularity: 'word' },
      ],
      expected: [
        { text: 'Beantwortung der Frage:', x: 233, y: 805, w: 564, h: 55 },
        { text: 'Was iſt Aufklaͤrung?', x: 177, y: 886, w: 683, h: 55 },
      ],
    },
    {
      name: 'a drop cap published as a block of its own joins the line it begins, the box widened to take it in',
      items: [
        { ...line('A', `${canvas}#xywh=112,1056,53,59`), textGranularity: 'block' },
        { ...line('A', `${canvas}#xywh=112,1056,53,59`), textGranularity: 'line' },
        { ...line('ufklaͤrung iſt der Ausgang\nder Menſchen', `${canvas}#xywh=170,1050,700,120`), textGranularity: 'paragraph' },
        { ...line('ufklaͤrung iſt der Ausgang', `${canvas}#xywh=170,1050,700,55`), textGranularity: 'line' },
        { ...line('der Menſchen', `${canvas}#xywh=110,1115,760,55`), textGranularity: 'line' },
      ],
      expected: [
        { text: 'Aufklaͤrung iſt der Ausgang', x: 112, y: 1050, w: 758, h: 55 },
        { text: 'der Menſchen', x: 110, y: 1115, w: 760, h: 55 },
      ],
    },
    {
      name: 'a capital before a capitalised block stays a line of its own',
      items: [
        { ...line('A', `${canvas}#xywh=1,2,3,4`), textGranularity: 'block' },
        line('A', `${canvas}#xywh=1,2,3,4`),
        { ...line('Treatiſe', `${canvas}#xywh=5,2,30,4`), textGranularity: 'block' },
        line('Treatiſe', `${canvas}#xywh=5,2,30,4`),
      ],
      expected: [
        { text: 'A', x: 1, y: 2, w: 3, h: 4 },
        { text: 'Treatiſe', x: 5, y: 2, w: 30, h: 4 },
      ],
    },
    {
      name: 'motivation given as a list',
      items: [line('a', `${canvas}#xywh=1,2,3,4`, ['supplementing'])],
      expected: [{ text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
    {
      name: 'no motivation read as a text line',
      items: [{ type: 'Annotation', body: { type: 'TextualBody', value: 'a' }, target: `${canvas}#xywh=1,2,3,4` }],
      expected: [{ text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
    {
      name: "the annotation's id kept, for search hits to point at",
      items: [{ ...line('a', `${canvas}#xywh=1,2,3,4`), id: `${canvas}/text/l1` }],
      expected: [{ id: `${canvas}/text/l1`, text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
    {
      name: 'a SpecificResource target with a fragment selector, and a body list',
      items: [
        {
          type: 'Annotation',
          motivation: 'supplementing',
          body: [{ type: 'TextualBody', value: 'a' }],
          target: { type: 'SpecificResource', source: { id: canvas, type: 'Canvas' }, selector: { type: 'FragmentSelector', value: 'xywh=1,2,3,4' } },
        },
      ],
      expected: [{ text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
    {
      name: 'items that are not annotations skipped',
      items: ['garbage', 7, null, line('a', `${canvas}#xywh=1,2,3,4`)],
      expected: [{ text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
  ])('$name', ({ items, expected }) => {
    expect(parseTextPage(JSON.stringify({ type: 'AnnotationPage', items }), 'p.json')).toEqual(expected);
  });

  it('gives the canvas the lines are on', () => {
    const json = JSON.stringify({ type: 'AnnotationPage', items: [line('a', `${canvas}#xywh=1,2,3,4`)] });
    expect(readTextPage(json, 'p.json').canvas).toBe(canvas);
    expect(readTextPage(JSON.stringify({ type: 'AnnotationPage', items: [] }), 'p.json')).toEqual({ canvas: undefined, lines: [] });
  });

  it.each([
    ['{', /^p\.json is not JSON/],
    ['{"type":"Canvas","items":[]}', /^p\.json is not a text page: .*type/],
    ['{"type":"AnnotationPage"}', /^p\.json is not a text page: .*items/],
  ])('refuses %s naming the file and field', (json, message) => {
    expect(() => parseTextPage(json, 'p.json')).toThrow(TextPageError);
    expect(() => parseTextPage(json, 'p.json')).toThrow(message);
  });
});

describe('pageBlock', () => {
  const lines = ['Was iſt Aufklaͤrung? Aufklaͤrung iſt der', 'Ausgang des Menſchen aus ſeiner ſelbſt verſchul⸗', 'deten Unmuͤndigkeit.'];
  it.each<{ spelling: 'printed' | 'modern'; expected: string }>([
    { spelling: 'printed', expected: `=== 481 ===\n${lines.join('\n')}\n\n` },
    {
      spelling: 'modern',
      expected: '=== 481 ===\nWas ist Aufklärung? Aufklärung ist der\nAusgang des Menschen aus seiner selbst verschuldeten\nUnmündigkeit.\n\n',
    },
  ])('$spelling', ({ spelling, expected }) => {
    expect(pageBlock('481', lines, spelling)).toBe(expected);
  });

  it('heads a page without text with its label alone', () => {
    expect(pageBlock('[Titelblatt]', [], 'modern')).toBe('=== [Titelblatt] ===\n\n');
  });
});

describe('textHeader', () => {
  const header = { title: 'T', url: 'https://e.org/items/x', rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/', attribution: 'KBR' };
  it.each([
    ['en', 'Rights', 'No Copyright – Non-Commercial Use Only', 'Attribution'],
    ['nl', 'Rechten', 'Geen auteursrecht – niet-commercieel gebruik', 'Naamsvermelding'],
    ['fr', 'Droits', "Pas de droit d'auteur – usage non commercial uniquement", 'Attribution'],
  ] as const)('names the title, link, rights (by name, with the URI) and attribution, labelled in %s', (lang, rights, name, attribution) => {
    expect(textHeader(header, lang)).toBe(
      `T\nhttps://e.org/items/x\n${rights}: ${name} <http://rightsstatements.org/vocab/NoC-NC/1.0/>\n${attribution}: KBR\n\n`,
    );
  });

  it('keeps rights it cannot name as they are', () => {
    expect(textHeader({ ...header, rights: 'https://example.org/terms' }, 'nl')).toContain('\nRechten: https://example.org/terms\n');
  });
});
