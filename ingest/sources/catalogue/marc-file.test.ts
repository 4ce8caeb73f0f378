// Reading MARC files: MARCXML in the forms catalogues and OAI-PMH export it, binary MARC 21 made by
// the MARC library from the same records, and the damaged or hostile files a reader must refuse.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMarc } from './marc-fields.ts';
import { type MarcReading, readIso2709, readMarcFile, readMarcXml } from './marc-file.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const SLIM = 'http://www.loc.gov/MARC21/slim';
const RECORD_BODY = (prefix: string, title: string) =>
  `<${prefix}leader>00000nam a2200000 c 4500</${prefix}leader><${prefix}controlfield tag="001">${title}-1</${prefix}controlfield>` +
  `<${prefix}datafield tag="245" ind1="1" ind2="0"><${prefix}subfield code="a">${title}</${prefix}subfield></${prefix}datafield>`;

function titles(readings: MarcReading[]): (string | undefined)[] {
  return readings.map((r) => {
    if ('error' in r) return `error: ${r.error}`;
    const field = r.record.fields.find((f) => f.tag === '245');
    return field && 'subfields' in field ? field.subfields[0]?.value : undefined;
  });
}

describe('readMarcXml', () => {
  it.each<[string, string, string[]]>([
    ['one record, default namespace', `<record xmlns="${SLIM}">${RECORD_BODY('', 'A')}</record>`, ['A']],
    ['one record, marc: prefix', `<marc:record xmlns:marc="${SLIM}">${RECORD_BODY('marc:', 'A')}</marc:record>`, ['A']],
    [
      'a collection',
      `<collection xmlns="${SLIM}"><record>${RECORD_BODY('', 'A')}</record><record>${RECORD_BODY('', 'B')}</record></collection>`,
      ['A', 'B'],
    ],
    [
      'an OAI-PMH ListRecords of marc21 records',
      `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header><identifier>oai:x:1</identifier></header><metadata><marc:record xmlns:marc="${SLIM}">${RECORD_BODY('marc:', 'A')}</marc:record></metadata></record></ListRecords></OAI-PMH>`,
      ['A'],
    ],
  ])('%s', async (_name, xml, expected) => {
    expect(titles(await readMarcXml(xml))).toEqual(expected);
  });

  it('keeps the positions of a leader and an 008 that begin with spaces', async () => {
    const xml = `<record xmlns="${SLIM}"><leader>     ntm a22     7a 4500</leader><controlfield tag="008">      q14701480be            000 0 dut d</controlfield><datafield tag="245" ind1="0" ind2="0"><subfield code="a">Getijdenboek</subfield></datafield></record>`;
    const [reading] = await readMarcXml(xml);
    if (!reading || !('record' in reading)) throw new Error('not read');
    expect(reading.record.leader).toBe('     ntm a22     7a 4500');
    expect(describeMarc(reading.record)).toMatchObject({ type: 'manuscript', date: '1470-1480', languages: ['dut'] });
  });

  it('keeps the positions of 008 (runs of spaces are not collapsed)', async () => {
    const [reading] = await readMarcXml(await readFile(path.join(FIXTURES, 'kant-aufklaerung-1784/marc.xml'), 'utf8'));
    const fixed = reading && 'record' in reading ? reading.record.fields.find((f) => f.tag === '008') : undefined;
    expect(fixed && 'value' in fixed ? fixed.value.slice(35, 38) : undefined).toBe('ger');
  });

  it.each<[string, string, RegExp]>([
    ['malformed XML', `<record xmlns="${SLIM}"><leader>x</leader><datafield tag="245"></record>`, /not well-formed XML/],
    [
      'an internal entity (billion laughs)',
      `<!DOCTYPE record [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><record xmlns="${SLIM}"><datafield tag="245" ind1="0" ind2="0"><subfield code="a">&lol2;</subfield></datafield></record>`,
      /refused: its DTD declares the entity "lol"/,
    ],
    [
      'an external entity (file read)',
      `<!DOCTYPE record [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><record xmlns="${SLIM}"><datafield tag="245" ind1="0" ind2="0"><subfield code="a">&xxe;</subfield></datafield></record>`,
      /refused: its DTD declares the entity "xxe"/,
    ],
    [
      'an external DTD',
      `<!DOCTYPE record SYSTEM "http://evil.example/marc.dtd"><record xmlns="${SLIM}">${RECORD_BODY('', 'A')}</record>`,
      /external DTD/,
    ],
    ['no MARC record at all', '<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>A</title></titleInfo></mods>', /holds no MARCXML record/],
  ])('refuses %s', async (_name, xml, reason) => {
    await expect(readMarcXml(xml)).rejects.toThrow(reason);
  });

  it('reports a record with a broken field by its number and reads the others', async () => {
    const xml = `<collection xmlns="${SLIM}"><record>${RECORD_BODY('', 'A')}<datafield tag="2450" ind1=" " ind2=" "><subfield code="a">x</subfield></datafield></record><record>${RECORD_BODY('', 'B')}</record></collection>`;
    const readings = await readMarcXml(xml);
    expect(readings[0]).toEqual({ index: 1, error: 'a field has the tag "2450", which is not three digits or letters' });
    expect(titles(readings.slice(1))).toEqual(['B']);
  });

  it.each<[string, string, string]>([
    ['a data field without subfields', '<datafield tag="500" ind1=" " ind2=" "/>', 'field 500 has no subfields'],
    [
      'a two-character indicator',
      '<datafield tag="500" ind1="10" ind2=" "><subfield code="a">x</subfield></datafield>',
      'field 500 has the indicators "10 ", not one character each',
    ],
    [
      'a subfield without a code',
      '<datafield tag="500" ind1=" " ind2=" "><subfield>x</subfield></datafield>',
      'field 500 has the subfield code "", not one character',
    ],
  ])('refuses a record with %s', async (_name, field, error) => {
    const [reading] = await readMarcXml(`<record xmlns="${SLIM}">${RECORD_BODY('', 'A')}${field}</record>`);
    expect(reading).toEqual({ index: 1, error });
  });

  it('refuses a record without fields', async () => {
    const [reading] = await readMarcXml(`<record xmlns="${SLIM}"><leader>00000nam a2200000 c 4500</leader></record>`);
    expect(reading).toEqual({ index: 1, error: 'the record has no fields' });
  });

  it('refuses a binary record with a data field without subfields (the library validates it)', async () => {
    const { to } = await import('@natlibfi/marc-record-serializers/dist/iso2709.js');
    const { MarcRecord } = await import('@natlibfi/marc-record');
    const empty = Object.assign(new MarcRecord(), {
      leader: '00000nam a2200000 c 4500',
      fields: [
        { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'A' }] },
        { tag: '500', ind1: ' ', ind2: ' ', subfields: [] },
      ],
    });
    const [reading] = await readIso2709(Buffer.from(to(empty), 'utf8'));
    expect(reading).toMatchObject({ index: 1, error: expect.stringMatching(/^it could not be decoded: Record is invalid/) });
  });
});

describe('binary MARC 21 (ISO 2709)', () => {
  it('reads the records the library wrote from the MARCXML fixtures, field for field', async () => {
    for (const [xmlFile, binaryFile] of [
      ['kant-aufklaerung-1784/marc.xml', 'kant-mrc/record.mrc'],
      ['sbb-collection/catalogue.marcxml', 'sbb-collection-mrc/catalogue.mrc'],
    ]) {
      const fromXml = await readMarcFile(await readFile(path.join(FIXTURES, xmlFile!)));
      const fromBinary = await readMarcFile(await readFile(path.join(FIXTURES, binaryFile!)));
      expect(fromBinary.length).toBe(fromXml.length);
      for (const [i, reading] of fromBinary.entries()) {
        const xmlReading = fromXml[i]!;
        if (!('record' in reading) || !('record' in xmlReading)) throw new Error(`record ${i + 1} not read`);
        expect(reading.record.fields).toEqual(xmlReading.record.fields);
      }
    }
  });

  it('reports a truncated record by its number, after reading the whole ones before it', async () => {
    const bytes = await readFile(path.join(FIXTURES, 'sbb-collection-mrc/catalogue.mrc'));
    const cut = bytes.subarray(0, bytes.length - 40);
    const readings = await readIso2709(cut);
    expect(readings.map((r) => ('error' in r ? r.error : 'ok'))).toEqual([
      'ok',
      'ok',
      'it has no record terminator (hex 1D) at its end: the file is truncated',
    ]);
  });

  it('refuses a record whose leader length does not match it', async () => {
    const bytes = Buffer.from(await readFile(path.join(FIXTURES, 'kant-mrc/record.mrc')));
    // Bytes cut out of the middle: still terminated, but shorter than its leader says.
    const damaged = Buffer.concat([bytes.subarray(0, 300), bytes.subarray(400)]);
    const [reading] = await readIso2709(damaged);
    expect(reading).toEqual({
      index: 1,
      error: `its leader gives a length of ${bytes.length} bytes but the record has ${damaged.length}: the file is truncated or damaged`,
    });
  });

  it('refuses bytes that are not MARC', async () => {
    const [reading] = await readIso2709(Buffer.from('%PDF-1.7 not a catalogue record\x1d'));
    expect(reading).toMatchObject({ error: expect.stringMatching(/not MARC 21/) });
  });

  it('reads MARC-8 (leader/09 blank) when it is plain ASCII, and refuses it otherwise', async () => {
    const { to } = await import('@natlibfi/marc-record-serializers/dist/iso2709.js');
    const { MarcRecord } = await import('@natlibfi/marc-record');
    const marc8 = (title: string) =>
      Buffer.from(
        to(
          new MarcRecord({
            leader: '00000nam  2200000 c 4500',
            fields: [{ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: title }] }],
          }),
        ),
        'utf8',
      );
    const ascii = await readIso2709(marc8('Der Herold'));
    expect(titles(ascii)).toEqual(['Der Herold']);
    const accented = await readIso2709(marc8('Was ist Aufklärung?'));
    expect(accented[0]).toMatchObject({ error: expect.stringMatching(/MARC-8 \(leader position 9 is blank\).*export it as UTF-8/) });
    // An escape to the Greek set (ESC g) makes ASCII bytes mean other letters.
    const escaped = await readIso2709(marc8('\x1bgabg\x1bs'));
    expect(escaped[0]).toMatchObject({ error: expect.stringMatching(/MARC-8/) });
  });

  it('refuses a UTF-8 record whose bytes are not UTF-8', async () => {
    const bytes = Buffer.from(await readFile(path.join(FIXTURES, 'kant-mrc/record.mrc')));
    const at = bytes.indexOf(Buffer.from('Aufkl'));
    bytes[at] = 0xff;
    const [reading] = await readIso2709(bytes);
    expect(reading).toMatchObject({ error: 'it could not be decoded: it is not valid UTF-8' });
  });
});
