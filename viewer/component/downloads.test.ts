// What the download panel and the item page offer, from the manifest a Leeszaal server sends and from
// manifests elsewhere, and the PDF URLs a choice of pages and size makes.
import { describe, expect, it } from 'vitest';
import { bookDownloads, offersBookDownloads, pageDownloads, pdfRange, pdfUrl, textUrl } from './downloads.ts';

const D = 'https://lz.example/downloads/kant-1784';
const pdf = { id: `${D}/book.pdf`, format: 'application/pdf' };
const text = { id: `${D}/book.txt`, format: 'text/plain' };

describe('bookDownloads', () => {
  it.each([
    {
      name: 'a Leeszaal manifest: PDF with its citations, and the text',
      rendering: [pdf, text],
      expected: {
        pdf: pdf.id,
        text: text.id,
        citations: { ris: `${D}/citation.ris`, bib: `${D}/citation.bib`, json: `${D}/citation.json` },
        other: [],
      },
    },
    { name: 'a Leeszaal book without text', rendering: [pdf], expected: { pdf: pdf.id, citations: expect.any(Object), other: [] } },
    { name: 'a static publication: nothing', rendering: [], expected: { other: [] } },
    {
      name: 'another server’s PDF is linked as it is, with no options and no citations',
      rendering: [{ id: 'https://elsewhere.example/kant.pdf', format: 'application/pdf' }],
      expected: { other: [{ id: 'https://elsewhere.example/kant.pdf', format: 'application/pdf' }] },
    },
    {
      name: 'a PDF path with a query is not ours to add options to',
      rendering: [{ id: `${D}/book.pdf?x=1`, format: 'application/pdf' }],
      expected: { other: [{ id: `${D}/book.pdf?x=1`, format: 'application/pdf' }] },
    },
    {
      name: 'the right path in the wrong format is not taken for the PDF',
      rendering: [{ id: `${D}/book.pdf`, format: 'text/html' }],
      expected: { other: [{ id: `${D}/book.pdf`, format: 'text/html' }] },
    },
  ])('$name', ({ rendering, expected }) => {
    expect(bookDownloads(rendering)).toEqual(expected);
  });
});

describe('pageDownloads', () => {
  it.each([
    {
      name: 'a Leeszaal canvas with text and ALTO',
      page: {
        rendering: [{ id: `${D}/pages/page-0017.txt`, format: 'text/plain' }],
        alto: { id: 'https://lz.example/records/kant-1784/alto/page-0017.xml' },
      },
      expected: { text: `${D}/pages/page-0017.txt`, alto: 'https://lz.example/records/kant-1784/alto/page-0017.xml', other: [] },
    },
    { name: 'a canvas without text', page: {}, expected: { other: [] } },
    {
      name: 'another server’s rendering',
      page: { rendering: [{ id: 'https://o.example/p1.html', format: 'text/html' }] },
      expected: { other: [{ id: 'https://o.example/p1.html', format: 'text/html' }] },
    },
  ])('$name', ({ page, expected }) => {
    expect(pageDownloads(page)).toEqual(expected);
  });
});

describe('pdfUrl', () => {
  it.each([
    { name: 'the whole book names no pages', choice: { from: 0, to: 3, size: 1000, lang: 'nl' }, url: `${D}/book.pdf?size=1000&lang=nl` },
    { name: 'page 481, the third page', choice: { from: 2, to: 2, size: 1000, lang: 'nl' }, url: `${D}/book.pdf?size=1000&pages=3-3&lang=nl` },
    { name: 'a range chosen backwards', choice: { from: 3, to: 1, size: 2000, lang: 'fr' }, url: `${D}/book.pdf?size=2000&pages=2-4&lang=fr` },
    { name: 'the largest size', choice: { from: 0, to: 1, size: 'max', lang: 'en' }, url: `${D}/book.pdf?size=max&pages=1-2&lang=en` },
    { name: 'beyond the book is clamped to it', choice: { from: -5, to: 99, size: 1000, lang: 'en' }, url: `${D}/book.pdf?size=1000&lang=en` },
  ] as const)('$name', ({ choice, url }) => {
    expect(pdfUrl(`${D}/book.pdf`, choice, 4)).toBe(url);
  });
});

describe('pdfRange', () => {
  it.each([
    { from: 0, to: 3, count: 4, range: [0, 3] },
    { from: 3, to: 0, count: 4, range: [0, 3] },
    { from: Number.NaN, to: 2, count: 4, range: [0, 2] },
    { from: 1.7, to: 1.2, count: 4, range: [1, 1] },
    { from: 0, to: 0, count: 1, range: [0, 0] },
  ])('$from–$to of $count', ({ from, to, count, range }) => {
    expect(pdfRange({ from, to }, count)).toEqual(range);
  });
});

describe('textUrl and offersBookDownloads', () => {
  it.each([
    ['nl', 'printed', `${D}/pages/page-0017.txt?lang=nl`],
    ['fr', 'modern', `${D}/pages/page-0017.txt?spelling=modern&lang=fr`],
    ['en', 'modern', `${D}/pages/page-0017.txt?spelling=modern&lang=en`],
  ] as const)('asks for the header in %s, the text %s', (lang, spelling, expected) => {
    expect(textUrl(`${D}/pages/page-0017.txt`, lang, spelling)).toBe(expected);
  });
  it.each([
    { rendering: [pdf], offers: true },
    { rendering: [], offers: false },
  ])('offers book downloads: $offers', ({ rendering, offers }) => {
    expect(offersBookDownloads({ rendering })).toBe(offers);
  });
});
