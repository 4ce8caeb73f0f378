// Which full-text files an item folder offers for its pages: ALTO, PAGE XML and hOCR folders and
// hOCR beside the scans, by stem, ALTO first when several have a file for the same page.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readItemFiles } from './item-folder.ts';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-item-folder-'));
  const files = [
    'images/p1.tif',
    'images/p2.tif',
    'images/p3.tif',
    'images/p4.tif',
    'images/p5.tif',
    'images/p5.hocr',
    'p6.jpg',
    'p6.hocr',
    'images/p1.hocr',
    'alto/p1.xml',
    'page/p1.xml',
    'page/p2.xml',
    'hocr/p2.hocr',
    'hocr/p3.hocr',
    'OCR-D-GT-PAGE/p4.xml',
    'hocr/notes.txt',
    'captions/p4.xml',
  ];
  for (const file of files) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), '');
  }
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('readItemFiles: full-text files', () => {
  it.each([
    { stem: 'p1', file: 'alto/p1.xml', why: 'ALTO before PAGE XML' },
    { stem: 'p2', file: 'page/p2.xml', why: 'PAGE XML before hOCR' },
    { stem: 'p3', file: 'hocr/p3.hocr', why: 'hOCR by its .hocr name' },
    { stem: 'p4', file: 'OCR-D-GT-PAGE/p4.xml', why: 'a workflow export’s PAGE folder' },
    { stem: 'p5', file: 'images/p5.hocr', why: 'hOCR beside its scan in images/' },
    { stem: 'p6', file: 'p6.hocr', why: 'hOCR beside its scan at the top' },
  ])('$stem: $file ($why)', async ({ stem, file }) => {
    expect((await readItemFiles(folder)).altoByStem.get(stem)).toBe(file);
  });

  it('takes nothing from other folders or other file types', async () => {
    expect([...(await readItemFiles(folder)).altoByStem.values()].sort()).toEqual([
      'OCR-D-GT-PAGE/p4.xml',
      'alto/p1.xml',
      'hocr/p3.hocr',
      'images/p5.hocr',
      'p6.hocr',
      'page/p2.xml',
    ]);
  });

  it('reports no hOCR beside the scans as an image it cannot tile', async () => {
    expect((await readItemFiles(folder)).unsupported).toEqual([]);
  });
});
