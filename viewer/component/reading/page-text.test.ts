// Reading a published (or foreign) text AnnotationPage into blocks of lines, and finding the line
// under a point of the scan.
import { describe, expect, it } from 'vitest';
import { lineAt, type PageText, parsePageText } from './page-text.ts';

const C = 'https://x.example/canvas/p1';
const anno = (value: string, xywh: string, extra: Record<string, unknown> = {}) => ({
  id: `a-${value}`,
  type: 'Annotation',
  motivation: 'supplementing',
  body: { type: 'TextualBody', value, format: 'text/plain', language: 'de' },
  target: `${C}#xywh=${xywh}`,
  ...extra,
});
const page = (...items: unknown[]) => ({ type: 'AnnotationPage', items });
const texts = (t: PageText | undefined) => t?.blocks.map((b) => b.map((l) => l.text));

const SOFTWARE = { type: 'Software', name: 'tesseract 5.3.0 (Fraktur+frk)' };

describe('parsePageText', () => {
  it.each([
    ['lines without blocks are one block', page(anno('a', '0,0,10,10'), anno('b', '0,20,10,10')), [['a', 'b']]],
    [
      'block annotations open the blocks their lines follow',
      page(
        anno('a\nb', '0,0,10,30', { textGranularity: 'block' }),
        anno('a', '0,0,10,10', { textGranularity: 'line' }),
        anno('b', '0,20,10,10', { textGranularity: 'line' }),
        anno('c', '0,40,10,10', { textGranularity: 'block' }),
        anno('c', '0,40,10,10', { textGranularity: 'line' }),
      ),
      [['a', 'b'], ['c']],
    ],
    [
      'lines before any block form their own',
      page(anno('x', '0,0,1,1'), anno('c', '0,4,1,1', { textGranularity: 'block' }), anno('c', '0,4,1,1')),
      [['x'], ['c']],
    ],
    [
      'an empty block is dropped',
      page(anno('', '0,0,1,1', { textGranularity: 'block' }), anno('c', '0,4,1,1', { textGranularity: 'block' }), anno('c', '0,4,1,1')),
      [['c']],
    ],
    ['word annotations are not lines', page(anno('a', '0,0,1,1', { textGranularity: 'word' }), anno('ab', '0,0,2,1')), [['ab']]],
    ['painting and commenting annotations are skipped', page(anno('a', '0,0,1,1', { motivation: 'commenting' }), anno('b', '0,0,1,1')), [['b']]],
    [
      'blank lines and boxless targets are skipped',
      page(anno('  ', '0,0,1,1'), { ...anno('x', '0,0,1,1'), target: C }, anno('b', '0,0,1,1')),
      [['b']],
    ],
    [
      'selector targets and body arrays are read',
      page({
        type: 'Annotation',
        body: [{ type: 'TextualBody', value: 'sel' }],
        target: { source: C, selector: { type: 'FragmentSelector', value: 'xywh=1,2,3,4' } },
      }),
      [['sel']],
    ],
  ])('%s', (_name, json, expected) => {
    expect(texts(parsePageText(json))).toEqual(expected);
  });

  it.each<[string, unknown, { confidence?: number } | undefined]>([
    ['transcribed text is not machine-read', page(anno('a', '0,0,1,1')), undefined],
    [
      'a Software creator marks it, with the lines’ confidence averaged by letters',
      page(
        anno('abc\nd', '0,0,1,2', { textGranularity: 'block', creator: SOFTWARE, 'leeszaal:confidence': 0.1 }),
        anno('abc', '0,0,1,1', { textGranularity: 'line', creator: SOFTWARE, 'leeszaal:confidence': 0.9 }),
        anno('d', '0,1,1,1', { textGranularity: 'line', creator: [SOFTWARE], 'leeszaal:confidence': 0.5 }),
      ),
      { confidence: 0.8 },
    ],
    ['without confidences', page(anno('a', '0,0,1,1', { creator: SOFTWARE })), {}],
    ['a confidence out of range is ignored', page(anno('a', '0,0,1,1', { creator: SOFTWARE, 'leeszaal:confidence': 87 })), {}],
    ['a person as creator is not a machine', page(anno('a', '0,0,1,1', { creator: { type: 'Person', name: 'Transcriber' } })), undefined],
  ])('machine-read: %s', (_name, json, expected) => {
    const got = parsePageText(json)?.machineRead;
    if (expected?.confidence !== undefined) expect(got?.confidence).toBeCloseTo(expected.confidence, 10);
    else expect(got).toEqual(expected);
  });

  it('keeps text as published, the region in canvas pixels and the language', () => {
    expect(parsePageText(page(anno('Was iſt Aufklaͤrung?', '177,886,683,55')))).toEqual({
      language: 'de',
      blocks: [[{ id: 'a-Was iſt Aufklaͤrung?', text: 'Was iſt Aufklaͤrung?', region: { x: 177, y: 886, w: 683, h: 55 } }]],
    });
  });

  it.each([
    ['not an AnnotationPage', { type: 'Manifest', items: [] }],
    ['no items', { type: 'AnnotationPage' }],
    ['no text lines', page({ type: 'Annotation', motivation: 'painting', body: { type: 'Image' }, target: C })],
    ['garbage', 'x'],
  ])('%s: undefined', (_name, json) => {
    expect(parsePageText(json)).toBeUndefined();
  });
});

describe('lineAt', () => {
  const text = parsePageText(page(anno('wide', '0,0,100,20'), anno('inner', '10,5,20,10'), anno('low', '0,30,100,20')))!;
  it.each([
    [50, 10, 'wide'],
    [15, 8, 'inner'],
    [50, 40, 'low'],
    [50, 25, undefined],
    [150, 10, undefined],
  ])('(%d, %d) → %s', (x, y, expected) => {
    expect(lineAt(text, x, y)?.text).toBe(expected);
  });
});

describe('drop caps (manifests/drop-caps.ts)', () => {
  it('joins when parsing a page, and a click on the initial chooses the joined line', () => {
    const text = parsePageText(
      page(
        anno('A', '111,1055,55,63', { textGranularity: 'block' }),
        anno('A', '111,1055,55,63'),
        anno('ufklaͤrung iſt', '166,1054,700,60', { textGranularity: 'block' }),
        anno('ufklaͤrung iſt', '166,1054,700,60'),
        anno('der Ausgang', '110,1120,750,60'),
      ),
    )!;
    expect(texts(text)).toEqual([['Aufklaͤrung iſt', 'der Ausgang']]);
    // The line keeps its id and box, and the initial's box is outlined with it.
    expect(text.blocks[0]![0]).toEqual({
      id: 'a-ufklaͤrung iſt',
      text: 'Aufklaͤrung iſt',
      region: { x: 166, y: 1054, w: 700, h: 60 },
      initial: { x: 111, y: 1055, w: 55, h: 63 },
    });
    expect(lineAt(text, 120, 1060)?.text).toBe('Aufklaͤrung iſt');
    expect(lineAt(text, 500, 1140)?.text).toBe('der Ausgang');
  });
});
