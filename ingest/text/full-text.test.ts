// The full-text entry point: which reader a file goes to, by content (table-driven), and the
// error for a file that is none of ALTO, PAGE XML and hOCR.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KANT_ALTO } from '../../test/support/inputs.ts';
import { detectTextFormat, readFullText, rootElement } from './full-text.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('detectTextFormat', () => {
  it.each([
    { name: 'ALTO 2 (Kant ground truth)', content: readFileSync(KANT_ALTO['page-0017'], 'utf8'), format: 'alto' },
    { name: 'PAGE 2019 (Kant ground truth)', content: fixture('kant-0017.page.xml'), format: 'page-xml' },
    { name: 'PAGE 2013 after a comment', content: fixture('sample-2013.page.xml'), format: 'page-xml' },
    { name: 'hOCR as Tesseract writes it', content: fixture('kant-0017.hocr'), format: 'hocr' },
    {
      name: 'ALTO with a prefix and a BOM',
      content: '\uFEFF<?xml version="1.0"?>\n<a:alto xmlns:a="http://www.loc.gov/standards/alto/ns-v4#"/>',
      format: 'alto',
    },
    {
      name: 'PAGE with a prefix',
      content: '<pc:PcGts xmlns:pc="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"/>',
      format: 'page-xml',
    },
    { name: 'an internal DTD subset holding >', content: '<!DOCTYPE alto [<!-- > -->]><alto/>', format: 'alto' },
    { name: 'an HTML fragment with an ocr_page', content: '<div class="ocr_page" title="bbox 0 0 1 1"></div>', format: 'hocr' },
    { name: 'METS', content: '<mets:mets xmlns:mets="http://www.loc.gov/METS/"/>', format: undefined },
    { name: 'plain text', content: 'OCR failed', format: undefined },
    { name: 'an unclosed comment', content: '<!-- <alto/>', format: undefined },
  ])('$name: $format', ({ content, format }) => {
    expect(detectTextFormat(content)).toBe(format);
  });

  it('finds the root element past the prolog', () => {
    expect(rootElement('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x>\n<x:PcGts/>')).toBe('PcGts');
  });
});

describe('readFullText', () => {
  it.each([
    { file: 'kant-0017.page.xml', format: 'page-xml', lines: 24 },
    { file: 'kant-0017.hocr', format: 'hocr', lines: 22 },
  ])('reads $file as $format', ({ file, format, lines }) => {
    const text = readFullText(fixture(file), 1457, 2083);
    expect(text.format).toBe(format);
    expect(text.lines).toHaveLength(lines);
  });

  it('reads ALTO as before', () => {
    const text = readFullText(readFileSync(KANT_ALTO['page-0017'], 'utf8'), 1457, 2083);
    expect(text.format).toBe('alto');
    expect(text.lines[0]!.text).toBe('Berliniſche Monatsſchrift.');
  });

  it.each([
    { content: '<mets xmlns="http://www.loc.gov/METS/"/>', error: /not a full-text file: its root element is <mets>; expected ALTO/ },
    { content: 'OCR failed', error: /not a full-text file: it does not start with an XML or HTML element/ },
  ])('names what it found in a file that is no full text: $content', ({ content, error }) => {
    expect(() => readFullText(content, 10, 10)).toThrow(error);
  });
});
