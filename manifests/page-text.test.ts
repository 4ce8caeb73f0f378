import { describe, expect, it } from 'vitest';
import { pageBlock, parseTextPage, TextPageError, textHeader } from './page-text.ts';

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
      name: 'motivation given as a list',
      items: [line('a', `${canvas}#xywh=1,2,3,4`, ['supplementing'])],
      expected: [{ text: 'a', x: 1, y: 2, w: 3, h: 4 }],
    },
  ])('$name', ({ items, expected }) => {
    expect(parseTextPage(JSON.stringify({ type: 'AnnotationPage', items }), 'p.json')).toEqual(expected);
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
  it('names the title, link, rights and attribution', () => {
    expect(
      textHeader({ title: 'T', url: 'https://e.org/items/x', rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/', attribution: 'KBR' }),
    ).toBe('T\nhttps://e.org/items/x\nRights: http://rightsstatements.org/vocab/NoC-NC/1.0/\nAttribution: KBR\n\n');
  });
});
