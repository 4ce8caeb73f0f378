import { describe, expect, it } from 'vitest';
import { publicUrls } from './layout.ts';
import { validatePresentation } from './validate.ts';
import { buildTextPage, type TextLine } from './text-page.ts';

const urls = publicUrls('https://leeszaal.example');
const CANVAS = 'https://leeszaal.example/iiif/presentation/kant/canvas/page-0017';

function targets(lines: TextLine[], opts = { width: 1456, height: 2083 }) {
  return buildTextPage('kant', 'page-0017', lines, urls, opts).items?.map((a) => a.target);
}

describe('buildTextPage', () => {
  it('makes one supplementing annotation per line, text verbatim, language as BCP 47', () => {
    const page = buildTextPage(
      'kant',
      'page-0017',
      [
        { id: 'line_1', text: 'Beantwortung der Frage:', x: 120, y: 300, w: 900, h: 60 },
        { id: 'line_2', text: 'Was iſt Aufklärung?', x: 200, y: 380, w: 700, h: 58 },
      ],
      urls,
      { language: 'ger', width: 1456, height: 2083 },
    );
    expect(page).toEqual({
      '@context': ['http://iiif.io/api/extension/text-granularity/context.json', 'http://iiif.io/api/presentation/3/context.json'],
      id: 'https://leeszaal.example/iiif/presentation/kant/annotations/page-0017.json',
      type: 'AnnotationPage',
      items: [
        {
          id: 'https://leeszaal.example/iiif/presentation/kant/annotation/page-0017-line-line_1',
          type: 'Annotation',
          motivation: 'supplementing',
          textGranularity: 'line',
          body: { type: 'TextualBody', value: 'Beantwortung der Frage:', format: 'text/plain', language: 'de' },
          target: `${CANVAS}#xywh=120,300,900,60`,
        },
        {
          id: 'https://leeszaal.example/iiif/presentation/kant/annotation/page-0017-line-line_2',
          type: 'Annotation',
          motivation: 'supplementing',
          textGranularity: 'line',
          body: { type: 'TextualBody', value: 'Was iſt Aufklärung?', format: 'text/plain', language: 'de' },
          target: `${CANVAS}#xywh=200,380,700,58`,
        },
      ],
    });
  });

  it('marks machine-read text: Software creator on every annotation, line and block confidence, a trilingual page label; valid IIIF', () => {
    const page = buildTextPage(
      'kant',
      'page-0018',
      [
        { id: 'line_0', block: 'block_0', text: 'Aufklärung', x: 100, y: 100, w: 500, h: 50, confidence: 0.914 },
        { id: 'line_1', block: 'block_0', text: 'iſt', x: 100, y: 160, w: 100, h: 50, confidence: 0.5 },
        { id: 'line_2', text: 'Té', x: 100, y: 300, w: 50, h: 50 },
      ],
      urls,
      {
        language: 'ger',
        width: 1456,
        height: 2083,
        machineRead: { software: 'tesseract 5.3.0', models: 'Fraktur+frk', homepage: 'https://tesseract-ocr.github.io/' },
      },
    ) as unknown as { label: Record<string, string[]>; items: Record<string, unknown>[] };
    const creator = { type: 'Software', name: 'tesseract 5.3.0 (Fraktur+frk)', homepage: 'https://tesseract-ocr.github.io/' };
    for (const a of page.items) expect(a.creator).toEqual(creator);
    expect(page.items.map((a) => [a.textGranularity, a['leeszaal:confidence']])).toEqual([
      ['block', 0.82], // (10 × 0.914 + 3 × 0.5) / 13 letters
      ['line', 0.91],
      ['line', 0.5],
      ['line', undefined],
    ]);
    expect(page.items[3]).not.toHaveProperty('leeszaal:confidence');
    expect(page.label).toEqual({
      nl: ['Machinaal gelezen tekst (tesseract 5.3.0, Fraktur+frk), betrouwbaarheid 82%'],
      fr: ['Texte lu par machine (tesseract 5.3.0, Fraktur+frk), confiance 82 %'],
      en: ['Machine-read text (tesseract 5.3.0, Fraktur+frk), confidence 82%'],
    });
    expect(validatePresentation(page, { baseUrl: 'https://leeszaal.example' })).toEqual({ ok: true, errors: [] });
  });

  it('adds no creator, confidence or label to transcribed text', () => {
    const page = buildTextPage('kant', 'page-0017', [{ id: 'l', text: 'Was', x: 1, y: 1, w: 9, h: 9 }], urls) as unknown as Record<string, unknown>;
    expect(page).not.toHaveProperty('label');
    expect(JSON.stringify(page)).not.toMatch(/creator|confidence/);
  });

  it.each([
    ['fractional boxes grow to whole pixels', { x: 10.6, y: 20.2, w: 100.1, h: 30 }, '#xywh=10,20,101,31'],
    ['negative origins clip to 0', { x: -5, y: -2, w: 50, h: 20 }, '#xywh=0,0,45,18'],
    ['boxes past the edge clip to the canvas', { x: 1400, y: 2050, w: 100, h: 100 }, '#xywh=1400,2050,56,33'],
  ])('%s', (_name, box, fragment) => {
    expect(targets([{ id: 'l', text: 'x', ...box }])).toEqual([`${CANVAS}${fragment}`]);
  });

  it.each([
    ['empty text', { id: 'l', text: '  ', x: 1, y: 1, w: 10, h: 10 }],
    ['a box wholly outside the canvas', { id: 'l', text: 'x', x: 1500, y: 1, w: 10, h: 10 }],
    ['a zero-area box', { id: 'l', text: 'x', x: 5, y: 5, w: 0, h: 10 }],
    ['a box with NaN', { id: 'l', text: 'x', x: Number.NaN, y: 5, w: 4, h: 10 }],
  ])('skips %s', (_name, line) => {
    expect(targets([line])).toEqual([]);
  });

  it('leaves boxes unclipped when the canvas size is not given, and omits an unknown language', () => {
    const page = buildTextPage('kant', 'page-0017', [{ id: 'l', text: 'x', x: 1400, y: 0, w: 100, h: 10 }], urls, { language: 'und' });
    expect(page.items?.[0]?.target).toBe(`${CANVAS}#xywh=1400,0,100,10`);
    expect(page.items?.[0]?.body).toEqual({ type: 'TextualBody', value: 'x', format: 'text/plain' });
  });

  it('gives every annotation a unique, URL-safe id even for duplicate, empty or odd line ids', () => {
    const page = buildTextPage(
      'kant',
      'page-0017',
      [
        { id: 'a b/c', text: 'one', x: 0, y: 0, w: 5, h: 5 },
        { id: 'a b/c', text: 'two', x: 0, y: 0, w: 5, h: 5 },
        { id: '', text: 'three', x: 0, y: 0, w: 5, h: 5 },
      ],
      urls,
    );
    const ids = page.items?.map((a) => a.id) ?? [];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/\/annotation\/page-0017-line-[A-Za-z0-9%_.-]+$/);
  });

  type Row = [string, TextLine[], string[]];
  const line = (id: string, block: string | undefined, y: number): TextLine => ({
    id,
    text: id,
    x: 10,
    y,
    w: 100,
    h: 20,
    ...(block ? { block } : {}),
  });
  it.each<Row>([
    ['no blocks: lines only', [line('a', undefined, 0), line('b', undefined, 30)], ['line a', 'line b']],
    [
      'each block before its lines, box the union of theirs',
      [line('a', 'p1', 0), line('b', 'p1', 30), line('c', 'p2', 60)],
      ['block p1 0,50 a\nb', 'line a', 'line b', 'block p2 60,20 c', 'line c'],
    ],
    [
      'a block split by another keeps distinct ids',
      [line('a', 'p1', 0), line('b', 'p2', 30), line('c', 'p1', 60)],
      ['block p1 0,20 a', 'line a', 'block p2 30,20 b', 'line b', 'block p1-3 60,20 c', 'line c'],
    ],
    ['a skipped (empty) line is left out of its block', [line('a', 'p1', 0), { ...line('b', 'p1', 30), text: ' ' }], ['block p1 0,20 a', 'line a']],
    [
      'lines without a block between blocks stand alone',
      [line('a', 'p1', 0), line('b', undefined, 30), line('c', 'p2', 60)],
      ['block p1 0,20 a', 'line a', 'line b', 'block p2 60,20 c', 'line c'],
    ],
  ])('blocks (textGranularity): %s', (_name, lines, expected) => {
    const page = buildTextPage('kant', 'page-0017', lines, urls, { width: 1456, height: 2083 });
    const summary = (page.items ?? []).map((a) => {
      const anno = a as unknown as { id: string; textGranularity: string; body: { value: string }; target: string };
      if (anno.textGranularity === 'line') return `line ${anno.body.value}`;
      const [, y, , h] = anno.target.split('#xywh=')[1]!.split(',');
      return `block ${decodeURIComponent(anno.id.split('-block-')[1]!)} ${y},${h} ${anno.body.value}`;
    });
    expect(summary).toEqual(expected);
  });
});
