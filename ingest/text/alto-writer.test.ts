// The ALTO written for pages whose text came as PAGE XML or hOCR: read back by the ALTO reader it
// gives the same lines, boxes, blocks and words; it says where it came from; its text is escaped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAlto } from './alto.ts';
import { altoFromLines } from './alto-writer.ts';
import { readFullText } from './full-text.ts';
import type { TextLine } from './text-lines.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const origin = { image: 'images/page-0017.tif', source: 'page/page-0017.xml', format: 'PAGE XML' };
const withoutWords = (lines: TextLine[]) => lines.map(({ words: _words, ...line }) => line);

describe('altoFromLines', () => {
  it.each([
    { file: 'kant-0017.page.xml', size: [1457, 2083] },
    { file: 'kant-0017.hocr', size: [1457, 2083] },
    { file: 'sample-2013.page.xml', size: [2000, 3000] },
  ])('$file read back through the ALTO reader gives the same lines', ({ file, size }) => {
    const [width, height] = size as [number, number];
    const { lines } = readFullText(fixture(file), width, height);
    const back = parseAlto(altoFromLines(lines, width, height, origin), width, height).lines;
    expect(withoutWords(back)).toEqual(withoutWords(lines));
  });

  it('keeps hOCR’s words, boxes and confidences (x_wconf as WC)', () => {
    const { lines } = readFullText(fixture('kant-0017.hocr'), 1457, 2083);
    const xml = altoFromLines(lines, 1457, 2083, { ...origin, format: 'hOCR' });
    expect(xml).toContain('<String CONTENT="Berliniſche" HPOS="114" VPOS="368" WIDTH="327" HEIGHT="68" WC="0.84"/>');
    expect(parseAlto(xml, 1457, 2083).lines.map((l) => l.words)).toEqual(lines.map((l) => l.words));
  });

  it('keeps the words when they spell the line, pairs them with the text’s words when as many, else one String on the line', () => {
    const box = { x: 0, y: 0, w: 10, h: 10 };
    const lines: TextLine[] = [
      {
        id: 'a',
        text: 'een twee',
        ...box,
        words: [
          { text: 'een', ...box },
          { text: 'twee', x: 20, y: 0, w: 10, h: 10 },
        ],
      },
      {
        id: 'b',
        text: '1784.',
        ...box,
        words: [
          { text: '1784', ...box },
          { text: '.', ...box },
        ],
      },
      {
        id: 'c',
        text: 'Fig. 1',
        ...box,
        words: [
          { text: 'Fig', ...box },
          { text: '1', x: 30, y: 0, w: 5, h: 10 },
        ],
      },
    ];
    const back = parseAlto(altoFromLines(lines, 100, 100, origin), 100, 100).lines;
    expect(back.map((l) => [l.text, l.words.map((w) => w.text)])).toEqual([
      ['een twee', ['een', 'twee']],
      ['1784.', ['1784.']],
      ['Fig. 1', ['Fig.', '1']],
    ]);
    expect(back[2]!.words[1]).toEqual({ text: '1', x: 30, y: 0, w: 5, h: 10 });
  });

  it('escapes text, replaces ids that are no XML ID, and names its source', () => {
    const box = { x: 0, y: 0, w: 10, h: 10 };
    const xml = altoFromLines([{ id: '1 bad', text: '<b> & "c"', block: 'x', ...box, words: [] }], 100, 100, {
      ...origin,
      source: 'hocr/a&b.hocr',
      format: 'hOCR',
    });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<alto xmlns="http:\/\/www.loc.gov\/standards\/alto\/ns-v4#"/);
    expect(xml).toContain('<TextLine ID="line-1-1"');
    expect(xml).toContain('<fileName>images/page-0017.tif</fileName>');
    expect(xml).toContain('from the hOCR file hocr/a&amp;b.hocr');
    expect(parseAlto(xml, 100, 100).lines[0]).toMatchObject({ text: '<b> & "c"', block: 'x' });
  });
});
