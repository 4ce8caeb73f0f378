// The check a curator's upload gets on arrival, on files as libraries bring them: every format ingest
// publishes passes (JPEG 2000 made here with OpenJPEG, hOCR from Tesseract, PAGE XML from OCR-D,
// binary MARC and MARCXML, ISO-8859-1 XML, BagIt's tag files), and what ingest refuses is named.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadProblem } from './upload-check.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const from = (rel: string) => path.join(ROOT, rel);
let dir: string;
const at = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-upload-check-'));
  const tif = from('ingest/sample/kant-aufklaerung-1784/images/page-0001.tif');
  await copyFile(tif, at('page.tif'));
  // A small RGB PPM for opj_compress, which reads PNM, not PNG.
  const { data, info } = await sharp(tif).resize(300).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  await writeFile(at('page.ppm'), Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
  await promisify(execFile)('opj_compress', ['-i', at('page.ppm'), '-o', at('page.jp2')]);
  const jp2 = await readFile(at('page.jp2'));
  await writeFile(at('cut.jp2'), jp2.subarray(0, Math.floor(jp2.length / 3)));
  await copyFile(from('ingest/text/fixtures/kant-0017.hocr'), at('page.hocr'));
  await copyFile(from('ingest/text/fixtures/kant-0017.page.xml'), at('page.xml'));
  await copyFile(from('ingest/sources/catalogue/fixtures/kant-mrc/record.mrc'), at('record.mrc'));
  await copyFile(from('ingest/sources/catalogue/fixtures/kant-aufklaerung-1784/marc.xml'), at('kant.marcxml'));
  await writeFile(at('latin1.xml'), Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r>Aufkl\xe4rung</r>', 'latin1'));
  await writeFile(at('bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  await writeFile(at('items.csv'), 'id,title\nkant,Was ist Aufklärung?\n');
  await writeFile(at('item.json'), '{"title": "Was ist Aufklärung?"}');
  await writeFile(at('broken.xml'), '<mets><fileSec></mets>');
  await writeFile(at('entity.xml'), '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><r>&a;</r>');
  await writeFile(at('external.xml'), '<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>');
  await writeFile(at('entity.hocr'), '<!DOCTYPE html [<!ENTITY a "x">]><html><body class="ocr_page">&a;</body></html>');
  await writeFile(at('bad.json'), '{"title": ');
  await writeFile(at('bad.mrc'), '00099nam a2200049 a 4500 this is no MARC record');
  await writeFile(at('empty.xml'), '');
  await writeFile(at('latin1.csv'), Buffer.from('id,title\nkant,Aufkl\xe4rung\n', 'latin1'));
  await writeFile(at('notes.docx'), 'PK');
  await writeFile(at('fake.tif'), 'this is not a TIFF');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uploadProblem', () => {
  it.each(['page.tif', 'page.jp2', 'page.hocr', 'page.xml', 'record.mrc', 'kant.marcxml', 'latin1.xml', 'bagit.txt', 'items.csv', 'item.json'])(
    'takes %s',
    async (name) => {
      expect(await uploadProblem(at(name))).toBeUndefined();
    },
  );

  it.each([
    ['cut.jp2', /truncated|cut short/i],
    ['fake.tif', /not a readable image/],
    ['broken.xml', /not readable XML: not well-formed XML/],
    ['entity.xml', /declares the entity "a"/],
    ['external.xml', /external DTD/],
    ['entity.hocr', /declares the entity "a"/],
    ['bad.json', /not valid JSON/],
    ['bad.mrc', /MARC/],
    ['empty.xml', /the file is empty/],
    ['latin1.csv', /not UTF-8 text/],
    ['notes.docx', /ingest does not read \.docx files/],
  ])('names what is wrong with %s', async (name, reason) => {
    expect(await uploadProblem(at(name))).toMatch(reason);
  });
});
