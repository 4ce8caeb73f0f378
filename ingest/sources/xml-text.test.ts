// XML files in the encodings catalogues and workflows export them, decoded as they declare.
import { describe, expect, it } from 'vitest';
import { parseAlto } from '../text/alto.ts';
import { readMarcFile } from './catalogue/marc-file.ts';
import { xmlEncoding, xmlText } from './xml-text.ts';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf16 = (text: string, littleEndian: boolean) => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return littleEndian ? le : Buffer.from(le).swap16();
};
const TITLE = 'Was ist Aufklärung? München';

describe('xmlText', () => {
  it.each([
    { name: 'UTF-8 without a declaration', bytes: Buffer.from(`<t>${TITLE}</t>`), encoding: 'utf-8' },
    { name: 'UTF-8 with a byte order mark', bytes: Buffer.from(`\uFEFF<t>${TITLE}</t>`), encoding: 'utf-8' },
    { name: 'ISO-8859-1 declared', bytes: latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><t>${TITLE}</t>`), encoding: 'iso-8859-1' },
    {
      name: 'ISO-8859-1 declared in single quotes',
      bytes: latin1(`<?xml version='1.0' encoding='iso-8859-1' ?><t>${TITLE}</t>`),
      encoding: 'iso-8859-1',
    },
    { name: 'Windows-1252 declared', bytes: latin1(`<?xml version="1.0" encoding="windows-1252"?><t>${TITLE}</t>`), encoding: 'windows-1252' },
    {
      name: 'UTF-16 little-endian with its mark',
      bytes: utf16(`<?xml version="1.0" encoding="UTF-16"?><t>${TITLE}</t>`, true),
      encoding: 'utf-16le',
    },
    { name: 'UTF-16 big-endian with its mark', bytes: utf16(`<?xml version="1.0" encoding="UTF-16"?><t>${TITLE}</t>`, false), encoding: 'utf-16be' },
  ])('$name', ({ bytes, encoding }) => {
    expect(xmlEncoding(bytes)).toBe(encoding);
    const text = xmlText(bytes);
    expect(text.endsWith(`<t>${TITLE}</t>`)).toBe(true);
    expect(text[0]).toBe('<');
  });

  it('names an encoding it cannot decode', () => {
    expect(() => xmlText(latin1('<?xml version="1.0" encoding="x-mac-klingon"?><t/>'))).toThrow(
      'its XML declaration names the encoding "x-mac-klingon", which ingest cannot read: save the file as UTF-8',
    );
  });
});

describe('files in ISO-8859-1 as library systems export them', () => {
  it('a MARCXML record keeps its accented letters', async () => {
    const [reading] = await readMarcFile(
      latin1(`<?xml version="1.0" encoding="ISO-8859-1"?>
<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 c 4500</leader>
<datafield tag="245" ind1="1" ind2="0"><subfield code="a">${TITLE}</subfield></datafield></record>`),
    );
    expect(reading && 'record' in reading && reading.record.get('245')[0]).toMatchObject({ subfields: [{ code: 'a', value: TITLE }] });
  });

  it('an ALTO file keeps them too', () => {
    const alto = xmlText(
      latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><alto><Layout><Page WIDTH="100" HEIGHT="100"><PrintSpace><TextBlock>
<TextLine HPOS="0" VPOS="0" WIDTH="90" HEIGHT="10"><String CONTENT="Aufklärung" HPOS="0" VPOS="0" WIDTH="90" HEIGHT="10"/></TextLine>
</TextBlock></PrintSpace></Page></Layout></alto>`),
    );
    expect(parseAlto(alto, 100, 100).lines[0]!.text).toBe('Aufklärung');
  });
});
