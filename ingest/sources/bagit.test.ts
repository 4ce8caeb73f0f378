// The BagIt tag file parsers, on lines as RFC 8493 and real bags (bagit.py, OCR-D) write them.
import { describe, expect, it } from 'vitest';
import { bagIdentifier, manifestName, parseDeclaration, parseManifest, parseOxum, parseTagFile } from './bagit.ts';

const SHA512 = 'a'.repeat(128);

describe('parseTagFile', () => {
  it('reads labels in order, continuation lines and CRLF', () => {
    const text = 'Source-Organization: ZLB\r\nExternal-Description: Kant,\r\n  Was ist Aufklärung?\r\nContact-Name: A\nContact-Name: B\n';
    expect(parseTagFile(text, 'bag-info.txt')).toEqual({
      ok: true,
      value: [
        ['Source-Organization', 'ZLB'],
        ['External-Description', 'Kant, Was ist Aufklärung?'],
        ['Contact-Name', 'A'],
        ['Contact-Name', 'B'],
      ],
    });
  });

  it.each([
    ['  continued\nLabel: x', /bag-info\.txt line 1 continues a value/],
    ['Label: x\nno colon here', /bag-info\.txt line 2 is not "Label: value"/],
  ])('refuses %j', (text, reason) => {
    expect(parseTagFile(text, 'bag-info.txt')).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('parseDeclaration', () => {
  it.each([
    ['BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8', { ok: true, value: { version: '1.0' } }],
    ['BagIt-Version: 0.97\r\nTag-File-Character-Encoding: utf-8\r\n', { ok: true, value: { version: '0.97' } }],
    ['Tag-File-Character-Encoding: UTF-8', { ok: false, reason: 'bagit.txt has no BagIt-Version' }],
    [
      'BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8',
      { ok: false, reason: expect.stringMatching(/BagIt-Version 2\.0; versions 0\.93 to 1\.x/) },
    ],
    ['BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1', { ok: false, reason: expect.stringMatching(/ISO-8859-1; only UTF-8/) }],
  ])('%j', (text, expected) => {
    expect(parseDeclaration(text)).toEqual(expected);
  });
});

describe('parseOxum', () => {
  it.each([
    ['4374267.7', { ok: true, value: { octets: 4374267, files: 7 } }],
    [' 0.0 ', { ok: true, value: { octets: 0, files: 0 } }],
    ['4374267', { ok: false, reason: expect.stringMatching(/Payload-Oxum "4374267" is not "octets\.files"/) }],
  ])('%j', (value, expected) => {
    expect(parseOxum(value)).toEqual(expected);
  });
});

describe('manifestName', () => {
  it.each([
    ['manifest-sha512.txt', { file: 'manifest-sha512.txt', tag: false, algorithm: 'sha512' }],
    ['tagmanifest-md5.txt', { file: 'tagmanifest-md5.txt', tag: true, algorithm: 'md5' }],
    ['manifest-blake2b.txt', { file: 'manifest-blake2b.txt', tag: false, algorithm: 'blake2b' }],
    ['bag-info.txt', undefined],
    ['manifest-sha512.txt.bak', undefined],
  ])('%s', (file, expected) => {
    expect(manifestName(file)).toEqual(expected);
  });
});

describe('parseManifest', () => {
  it('reads paths with spaces, tabs and the three encoded characters', () => {
    const text = `${SHA512}  data/OCR-D-IMG/INPUT_0017.tif\n${SHA512.toUpperCase()}\tdata/a b%25c%0Ad.xml\r\n\n`;
    expect(parseManifest(text, 'manifest-sha512.txt', 'sha512')).toEqual({
      ok: true,
      value: new Map([
        ['data/OCR-D-IMG/INPUT_0017.tif', SHA512],
        ['data/a b%c\nd.xml', SHA512],
      ]),
    });
  });

  it.each([
    [`${SHA512}  ../etc/passwd`, /line 1 names "\.\.\/etc\/passwd", which is not a path inside the bag/],
    [`${SHA512}  data/../../x`, /not a path inside the bag/],
    [`${SHA512}  /etc/passwd`, /not a path inside the bag/],
    [`${SHA512}  data\\x.tif`, /not a path inside the bag/],
    [`${'a'.repeat(64)}  data/x.tif`, /line 1 has a 64-digit checksum; sha512 has 128/],
    ['data/x.tif', /line 1 is not "<checksum> <path>"/],
  ])('refuses %j', (text, reason) => {
    expect(parseManifest(text, 'manifest-sha512.txt', 'sha512')).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('bagIdentifier', () => {
  it.each<[[string, string][], string | undefined]>([
    [[['Ocrd-Identifier', 'ocrd:kant_aufklaerung_1784']], 'ocrd:kant_aufklaerung_1784'],
    [
      [
        ['Ocrd-Identifier', 'ocrd:x'],
        ['External-Identifier', 'PPN123'],
      ],
      'PPN123',
    ],
    [[['Bagging-Date', '2018-11-14']], undefined],
  ])('%j', (labels, expected) => {
    expect(bagIdentifier(labels)).toBe(expected);
  });
});
