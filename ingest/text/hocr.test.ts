// hOCR reading against Tesseract's own output for Kant's page 481 and small documents for the line
// classes, title properties, scaling and refusals.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bboxOf, parseHocr, titleProperties } from './hocr.ts';
import { parsePageXml } from './page-xml.ts';
import type { Box } from './text-lines.ts';

const tesseract = readFileSync(path.join(import.meta.dirname, 'fixtures', 'kant-0017.hocr'), 'utf8');

function hocr(body: string, pageBox = '0 0 1000 1500'): string {
  return `<!DOCTYPE html><html><head><meta name="ocr-system" content="test"></head><body>
<div class="ocr_page" id="page_1" title="image &quot;scan.tif&quot;; bbox ${pageBox}; ppageno 0">${body}</div></body></html>`;
}

describe('parseHocr on Tesseract 5 output', () => {
  const { lines } = parseHocr(tesseract, 1457, 2083);

  it('reads every ocr_line in document order, grouped by its ocr_par', () => {
    expect(lines).toHaveLength(22);
    expect(lines[0]).toMatchObject({ id: 'line_1_1', text: 'Berliniſche Monats\\chrift,', block: 'par_1_1', x: 114, y: 367, w: 803, h: 69 });
    expect(lines.slice(1, 3).map((l) => [l.id, l.block])).toEqual([
      ['line_1_2', 'par_1_2'],
      ['line_1_3', 'par_1_2'],
    ]);
    expect(lines.map((l) => l.text)).toContain('fich ſeines Verſtandes ohne Leitung eines anderen');
  });

  it('keeps each ocrx_word with its bbox, and the line text is its words', () => {
    expect(lines[0]!.words).toEqual([
      { text: 'Berliniſche', x: 114, y: 368, w: 327, h: 68, confidence: 0.84 },
      { text: 'Monats\\chrift,', x: 482, y: 367, w: 435, h: 69, confidence: 0.36 },
    ]);
    for (const line of lines) expect(line.words.map((w) => w.text).join(' ')).toBe(line.text);
  });

  it('scales from the ocr_page bbox to a master of another size', () => {
    expect(parseHocr(tesseract, 2914, 4166).lines[0]).toMatchObject({ x: 228, y: 734, w: 1606, h: 138 });
  });

  it('accepts the XHTML DOCTYPE Tesseract writes (the DTD is never fetched)', () => {
    expect(tesseract).toContain('<!DOCTYPE html PUBLIC');
    expect(parseHocr(tesseract, 1457, 2083).lines).toHaveLength(22);
  });
});

describe('parseHocr on Tesseract output for a half-size copy of the scan', () => {
  const half = readFileSync(path.join(import.meta.dirname, 'fixtures', 'kant-0017-half.hocr'), 'utf8');
  const truth = parsePageXml(readFileSync(path.join(import.meta.dirname, 'fixtures', 'kant-0017.page.xml'), 'utf8'), 1457, 2083).lines;

  const overlap = (a: Box, b: Box) => {
    const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
    const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
    return (ix * iy) / (a.w * a.h + b.w * b.h - ix * iy);
  };

  it('reads its ocr_line and ocr_caption lines', () => {
    expect(parseHocr(half, 1457, 2083).lines).toHaveLength(28);
  });

  it.each(['Berliniſche Monatsſchrift.', '1784 .', 'Zwoͤlftes Stuͤk . December .', 'Beantwortung der Frage:', 'Was iſt Aufklaͤrung?'])(
    'scales its boxes from the 728 x 1041 ocr_page onto the master: “%s” lands on the ground truth’s line',
    (text) => {
      const { lines } = parseHocr(half, 1457, 2083);
      const expected = truth.find((l) => l.text === text)!;
      expect(Math.max(...lines.map((l) => overlap(l, expected)))).toBeGreaterThan(0.85);
      // Unscaled, the half-size boxes would miss it.
      const unscaled = parseHocr(half.replace('bbox 0 0 728 1041', 'bbox 0 0 1457 2083'), 1457, 2083).lines;
      expect(Math.max(...unscaled.map((l) => overlap(l, expected)))).toBeLessThan(0.5);
    },
  );
});

describe('parseHocr on kraken output (properties separated by commas)', () => {
  const kraken = readFileSync(path.join(import.meta.dirname, 'fixtures', 'kant-0017-kraken.hocr'), 'utf8');

  it('keeps the words and scales from the ocr_page bbox to the master', () => {
    const { lines } = parseHocr(kraken, 2914, 4166);
    expect(lines.map((l) => l.text)).toEqual(['Berliniſche Monatsſchrift.', '1784.']);
    expect(lines[0]).toMatchObject({ x: 228, y: 732, w: 1608, h: 144 });
    expect(lines[0]!.words).toEqual([
      { text: 'Berliniſche', x: 228, y: 736, w: 656, h: 138 },
      { text: 'Monatsſchrift.', x: 964, y: 734, w: 872, h: 138 },
    ]);
  });
});

describe('parseHocr on small documents', () => {
  it.each([
    { cls: 'ocr_line', kept: true },
    { cls: 'ocr_header', kept: true },
    { cls: 'ocr_caption', kept: true },
    { cls: 'ocr_textfloat', kept: true },
    { cls: 'ocr_separator', kept: false },
  ])('$cls is a line: $kept', ({ cls, kept }) => {
    const doc = hocr(`<span class="${cls}" id="l" title="bbox 10 10 200 40"><span class="ocrx_word" title="bbox 10 10 200 40">Titel</span></span>`);
    expect(parseHocr(doc, 1000, 1500).lines.map((l) => l.text)).toEqual(kept ? ['Titel'] : []);
  });

  it('groups by the innermost block: the ocr_par inside an ocr_carea, else the carea', () => {
    const doc = hocr(`
      <div class="ocr_carea" id="area"><p class="ocr_par" id="par"><span class="ocr_line" id="a" title="bbox 0 0 10 10">een</span></p>
        <span class="ocr_line" id="b" title="bbox 0 20 10 30">twee</span></div>
      <span class="ocr_line" id="c" title="bbox 0 40 10 50">drie</span>`);
    expect(parseHocr(doc, 1000, 1500).lines.map((l) => [l.text, l.block])).toEqual([
      ['een', 'par'],
      ['twee', 'area'],
      ['drie', undefined],
    ]);
  });

  it('decodes HTML entities and collapses white space; a line without words keeps its text', () => {
    const doc = hocr(`<span class="ocr_line" id="l" title="bbox 0 0 500 30; baseline 0 -5">  Smit  &amp;
      Zonen&nbsp;&#383;</span>`);
    expect(parseHocr(doc, 1000, 1500).lines[0]).toMatchObject({ text: 'Smit & Zonen ſ', words: [] });
  });

  it('takes the line box from its words when the line has no bbox, and leaves words without a bbox out of the boxes only', () => {
    const doc = hocr(`<span class="ocr_line" id="l"><span class="ocrx_word" title="bbox 10 10 50 30">a</span>
      <span class="ocrx_word">b</span><span class="ocrx_word" title="bbox 60 12 90 35; x_wconf 90">c</span></span>`);
    const [first] = parseHocr(doc, 1000, 1500).lines;
    expect(first).toMatchObject({ text: 'a b c', x: 10, y: 10, w: 80, h: 25 });
    expect(first!.words.map((w) => w.text)).toEqual(['a', 'c']);
  });

  it('reads XHTML with self-closing elements', () => {
    const doc = hocr(`<br/><span class="ocr_line" id="l" title="bbox 0 0 10 10"><span class="ocrx_word" title="bbox 0 0 10 10">x</span></span>`);
    expect(parseHocr(doc, 1000, 1500).lines.map((l) => l.text)).toEqual(['x']);
  });
});

describe('hOCR titles', () => {
  it.each([
    { title: 'bbox 10 20 30 40; x_wconf 93', name: 'x_wconf', values: ['93'] },
    { title: 'image "C:\\scans\\a;b.tif"; bbox 0 0 5 5', name: 'image', values: ['C:\\scans\\a;b.tif'] },
    { title: 'image "C:\\scans\\a;b.tif"; bbox 0 0 5 5', name: 'bbox', values: ['0', '0', '5', '5'] },
    { title: 'baseline 0.01 -3; x_size 52.5', name: 'x_size', values: ['52.5'] },
  ])('$title: $name', ({ title, name, values }) => {
    expect(titleProperties(title).get(name)).toEqual(values);
  });

  it.each([
    { title: 'bbox 1 2 3 4', box: [1, 2, 3, 4] },
    // kraken separates properties with a comma.
    { title: 'bbox 0 0 1457 2083, image page-0017.png', box: [0, 0, 1457, 2083] },
    { title: 'bbox 114 368 442 437, x_confs 0.99 0.98', box: [114, 368, 442, 437] },
    { title: 'bbox 1 2 3', box: undefined },
    { title: 'bbox 1 2 3 4,5', box: undefined },
    { title: 'bbox 1 2 x 4', box: undefined },
    { title: 'x_wconf 3', box: undefined },
    { title: undefined, box: undefined },
  ])('bbox of $title', ({ title, box }) => {
    expect(bboxOf(title)).toEqual(box);
  });
});

describe('parseHocr refuses bad input', () => {
  it.each([
    { name: 'HTML that is not hOCR', html: '<html><body><p>Hallo</p></body></html>', error: /not hOCR: no element of class ocr_page/ },
    { name: 'several pages in one file', html: hocr('') + hocr(''), error: /holds several pages \(ocr_page\); give one file per page image/ },
    {
      name: 'an entity declaration',
      html: `<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>${hocr('<span class="ocr_line" title="bbox 0 0 1 1">&x;</span>')}`,
      error: /declares the entity "x"/,
    },
  ])('$name', ({ html, error }) => {
    expect(() => parseHocr(html, 1000, 1500)).toThrow(error);
  });
});
