// Choosing a page's image and full text among its METS files, and resolving FLocat hrefs, on the
// group names and MIMETYPEs Goobi, Kitodo, the DFG-Viewer profile and OCR-D write.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { hrefTarget, imageCandidates, type MetsFile, type MetsGroups, textCandidates, textFormatOf } from './mets-files.ts';

const config = loadConfig({});
const groups: MetsGroups = { images: config.METS_IMAGE_GROUPS, texts: config.METS_TEXT_GROUPS };
const file = (use: string, href: string, mimetype = '', groupIndex = 0): MetsFile => ({ id: `${use}_${href}`, use, href, mimetype, groupIndex });

describe('hrefTarget', () => {
  it.each([
    ['OCR-D-IMG/INPUT_0017.tif', '', { kind: 'inside', path: 'OCR-D-IMG/INPUT_0017.tif' }],
    ['./images/f001.png', '', { kind: 'inside', path: 'images/f001.png' }],
    ['file://images/f010.png', '', { kind: 'inside', path: 'images/f010.png' }],
    ['images%20scan/a%C3%A9.tif', '', { kind: 'inside', path: 'images scan/aé.tif' }],
    ['..\\images\\a.tif', 'mets', { kind: 'inside', path: 'images/a.tif' }],
    ['../a.tif', 'mets', { kind: 'inside', path: 'a.tif' }],
    ['../outside.tif', '', { kind: 'outside' }],
    ['images/../../outside.tif', '', { kind: 'outside' }],
    ['%2e%2e/outside.tif', '', { kind: 'outside' }],
    ['/mnt/scans/0002.tif', '', { kind: 'elsewhere', name: '0002.tif' }],
    ['file:///home/goobi/0001.tif', '', { kind: 'elsewhere', name: '0001.tif' }],
    ['https://digital.example.org/master/0001.tif?download=1', '', { kind: 'elsewhere', name: '0001.tif' }],
    ['C:\\scans\\0003.tif', '', { kind: 'elsewhere', name: '0003.tif' }],
  ])('%s (METS in %j)', (href, metsDir, expected) => {
    expect(hrefTarget(href, metsDir)).toEqual(expected);
  });
});

describe('textFormatOf', () => {
  it.each([
    [file('OCR-D-GT-ALTO', 'a.xml', 'application/alto+xml'), 'alto'],
    [file('OCR-D-GT-PAGE', 'a.xml', 'application/vnd.prima.page+xml'), 'page'],
    [file('OCR-D-OCR-TESS', 'a.xml', 'application/vnd.prima.page+xml'), 'page'],
    [file('FULLTEXT', 'a.xml', 'text/xml'), 'alto'],
    [file('ALTO', 'a.xml'), 'alto'],
    [file('HOCR', 'a.html', 'text/html'), 'hocr'],
    [file('OCR-D-OCR', 'a.xml', 'text/xml'), 'alto'],
    [file('DEFAULT', 'a.jpg', 'image/jpeg'), undefined],
    [file('SOMETHING', 'a.xml', 'text/xml'), undefined],
  ])('%j is %s', (f, expected) => {
    expect(textFormatOf(f, groups)).toBe(expected);
  });
});

describe('imageCandidates', () => {
  it('takes the configured groups in order, then others in file-section order, reduced copies last', () => {
    const files = [
      file('THUMBS', 't.jpg', 'image/jpeg', 0),
      file('OCR-D-IMG-BIN', 'b.png', 'image/png', 1),
      file('DEFAULT', 'd.jpg', 'image/jpeg', 2),
      file('OCR-D-IMG', 'i.tif', 'image/tiff', 3),
      file('OCR-D-GT-ALTO', 'a.xml', 'application/alto+xml', 4),
      file('MIN', 'm.jpg', 'image/jpeg', 5),
      file('SCANS', 's.tif', '', 6),
    ];
    expect(imageCandidates(files, groups).map((f) => f.use)).toEqual(['OCR-D-IMG', 'DEFAULT', 'OCR-D-IMG-BIN', 'SCANS', 'THUMBS', 'MIN']);
    expect(imageCandidates(files, { ...groups, images: ['DEFAULT'] }).map((f) => f.use)[0]).toBe('DEFAULT');
  });
});

describe('textCandidates', () => {
  it('takes the configured groups in their order (ALTO before PAGE), then unlisted ones in file-section order', () => {
    const files = [
      file('OCR-D-GT-PAGE', 'p.xml', 'application/vnd.prima.page+xml', 1),
      file('OCR-D-GT-ALTO', 'a.xml', 'application/alto+xml', 2),
      file('MY-ALTO-EXPORT', 'x.xml', 'application/alto+xml', 3),
      file('MY-HOCR', 'h.hocr', 'text/vnd.hocr+html', 4),
      file('CHECKSUMS', 'c.txt', 'text/plain', 5),
    ];
    expect(textCandidates(files, groups).map((f) => f.use)).toEqual(['OCR-D-GT-ALTO', 'OCR-D-GT-PAGE', 'MY-ALTO-EXPORT', 'MY-HOCR']);
  });

  it.each([
    // An OCR-D workspace after a workflow: each step's PAGE XML in its own group, in the order the steps ran.
    [
      ['OCR-D-SEG-REGION', 'OCR-D-SEG-LINE', 'OCR-D-OCR-TESS-frk'],
      ['OCR-D-OCR-TESS-frk', 'OCR-D-SEG-REGION', 'OCR-D-SEG-LINE'],
    ],
    [
      ['OCR-D-IMG-BIN', 'OCR-D-GT-SEG-LINE', 'OCR-D-OCR-CALAMARI', 'OCR-D-COR-CIS'],
      ['OCR-D-OCR-CALAMARI', 'OCR-D-COR-CIS', 'OCR-D-IMG-BIN', 'OCR-D-GT-SEG-LINE'],
    ],
    [
      ['OCR-D-SEG-LINE', 'OCR-D-GT-PAGE'],
      ['OCR-D-GT-PAGE', 'OCR-D-SEG-LINE'],
    ],
  ])('puts groups of layout without text (segmentation, image steps) after the OCR: %j', (uses, expected) => {
    const files = uses.map((use, i) => file(use, `${use}/p.xml`, 'application/vnd.prima.page+xml', i));
    expect(textCandidates(files, groups).map((f) => f.use)).toEqual(expected);
  });
});
