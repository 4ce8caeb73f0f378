// ALTO reading against the Kant essay's ground truth (ALTO 2.0, long s) and small documents in v2,
// v3 and v4 with each MeasurementUnit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KANT_ALTO } from '../../test/support/inputs.ts';
import { parseAlto } from './alto.ts';

const kant = (page: keyof typeof KANT_ALTO) => readFileSync(KANT_ALTO[page], 'utf8');

function alto(version: 'v2' | 'v3' | 'v4', unit: string, page: string, lines: string): string {
  const ns = version === 'v2' ? 'http://www.loc.gov/standards/alto/ns-v2#' : `http://www.loc.gov/standards/alto/ns-${version}#`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="${ns}"><Description><MeasurementUnit>${unit}</MeasurementUnit></Description>
<Layout><Page ID="p" ${page}><PrintSpace><TextBlock ID="b">${lines}</TextBlock></PrintSpace></Page></Layout></alto>`;
}

describe('parseAlto on the Kant ground truth', () => {
  it.each([
    { page: 'page-0017' as const, lines: 24, first: 'Berliniſche Monatsſchrift.', contains: 'Was iſt Aufklaͤrung?' },
    { page: 'page-0020' as const, lines: 31, first: '( 484 )', contains: 'Zu dieſer Aufklaͤrung aber wird nichts erfordert' },
  ])('$page: $lines lines, spelling as printed', ({ page, lines, first, contains }) => {
    const text = parseAlto(kant(page), 1456, 2083);
    expect(text.lines).toHaveLength(lines);
    expect(text.lines[0]!.text).toBe(first);
    expect(text.lines.map((l) => l.text)).toContain(contains);
    const all = text.lines.map((l) => l.text).join('\n');
    expect(all).toContain('ſ');
    expect(all).not.toContain('Aufklärung'); // combining ͤ kept, never composed to ä
    for (const line of text.lines) {
      expect(line.x + line.w).toBeLessThanOrEqual(1456);
      expect(line.y + line.h).toBeLessThanOrEqual(2083);
      expect(line.words.map((w) => w.text).join('')).toBe(line.text.replaceAll(' ', ''));
    }
  });

  it('gives each line the TextBlock it was set in, in reading order', () => {
    const { lines } = parseAlto(kant('page-0017'), 1456, 2083);
    const blocks = lines.map((l) => l.block);
    expect(blocks.slice(0, 6)).toEqual(['r_1_1', 'r_1_2', 'r_1_3', 'r_2_1', 'r_2_2', 'r_2_2']);
    expect(blocks.every((b) => b !== undefined)).toBe(true);
    // Consecutive: a block's lines are never interleaved with another's.
    const runs = blocks.filter((b, i) => i === 0 || b !== blocks[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('names blocks without an ID, and leaves lines outside any block without one', () => {
    const xml = `<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="100" HEIGHT="100"><PrintSpace>
<TextLine HPOS="0" VPOS="0" WIDTH="50" HEIGHT="10"><String CONTENT="loose"/></TextLine>
<TextBlock><TextLine HPOS="0" VPOS="20" WIDTH="50" HEIGHT="10"><String CONTENT="one"/></TextLine></TextBlock>
<ComposedBlock><TextBlock><TextLine HPOS="0" VPOS="40" WIDTH="50" HEIGHT="10"><String CONTENT="two"/></TextLine></TextBlock></ComposedBlock>
</PrintSpace></Page></Layout></alto>`;
    expect(parseAlto(xml, 100, 100).lines.map((l) => [l.text, l.block])).toEqual([
      ['loose', undefined],
      ['one', 'block-1'],
      ['two', 'block-2'],
    ]);
  });

  it('keeps pixel coordinates as they are when the page is the image size within a pixel', () => {
    const [first] = parseAlto(kant('page-0017'), 1456, 2083).lines;
    expect(first).toMatchObject({ id: 'tl_1', x: 114, y: 366, w: 804, h: 72 });
    expect(first!.words[0]).toEqual({ text: 'Berliniſche', x: 114, y: 368, w: 328, h: 69 });
  });

  it('scales pixel coordinates when the image was scaled after OCR', () => {
    const [first] = parseAlto(kant('page-0017'), 728, 1042).lines;
    expect(first).toMatchObject({ x: 57, y: 183, w: 402, h: 36 });
  });

  it('keeps line ids unique and the lines in reading order', () => {
    const ids = parseAlto(kant('page-0020'), 1456, 2083).lines.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('parseAlto versions and measurement units', () => {
  const line = `<TextLine ID="l1" HPOS="100" VPOS="200" WIDTH="1000" HEIGHT="100">
    <String CONTENT="Vande" HPOS="100" VPOS="200" WIDTH="400" HEIGHT="100"/><SP WIDTH="50"/>
    <String CONTENT="ghe" HPOS="550" VPOS="200" WIDTH="200" HEIGHT="100"/><SP/>
    <String CONTENT="ſcre" HPOS="800" VPOS="200" WIDTH="250" HEIGHT="100" SUBS_TYPE="HypPart1" SUBS_CONTENT="ſcreven"/><HYP CONTENT="¬"/>
  </TextLine>`;
  it.each([
    { version: 'v2' as const, unit: 'pixel', page: 'WIDTH="2000" HEIGHT="3000"', image: [2000, 3000], box: { x: 100, y: 200, w: 1000, h: 100 } },
    { version: 'v2' as const, unit: 'pixel', page: 'WIDTH="4000" HEIGHT="6000"', image: [2000, 3000], box: { x: 50, y: 100, w: 500, h: 50 } },
    { version: 'v3' as const, unit: 'mm10', page: 'WIDTH="2000" HEIGHT="3000"', image: [1000, 1500], box: { x: 50, y: 100, w: 500, h: 50 } },
    { version: 'v4' as const, unit: 'inch1200', page: 'WIDTH="8000" HEIGHT="12000"', image: [2000, 3000], box: { x: 25, y: 50, w: 250, h: 25 } },
    // One side given: the other scales alike (a scan is scaled, not stretched).
    { version: 'v4' as const, unit: 'pixel', page: 'WIDTH="4000"', image: [2000, 3000], box: { x: 50, y: 100, w: 500, h: 50 } },
    { version: 'v3' as const, unit: 'mm10', page: 'HEIGHT="3000"', image: [1000, 1500], box: { x: 50, y: 100, w: 500, h: 50 } },
    // No page size: mm10 and inch1200 are converted at 300 dpi.
    { version: 'v3' as const, unit: 'mm10', page: '', image: [3000, 4000], box: { x: 118, y: 236, w: 1181, h: 118 } },
    { version: 'v4' as const, unit: 'inch1200', page: '', image: [3000, 4000], box: { x: 25, y: 50, w: 250, h: 25 } },
  ])('ALTO $version in $unit ($page) to a $image.0 px wide image', ({ version, unit, page, image, box }) => {
    const text = parseAlto(alto(version, unit, page, line), image[0]!, image[1]!);
    expect(text.lines).toHaveLength(1);
    expect(text.lines[0]).toMatchObject({ id: 'l1', text: 'Vande ghe ſcre¬', ...box });
    expect(text.lines[0]!.words.map((w) => w.text)).toEqual(['Vande', 'ghe', 'ſcre']);
  });

  it('rebuilds spaces from word gaps when there are no SP elements, punctuation flush', () => {
    const xml = alto(
      'v2',
      'pixel',
      'WIDTH="1000" HEIGHT="1000"',
      `<TextLine ID="l" HPOS="0" VPOS="0" WIDTH="900" HEIGHT="40">
      <String CONTENT="(" HPOS="0" VPOS="0" WIDTH="10" HEIGHT="40"/>
      <String CONTENT="Nur" HPOS="10" VPOS="0" WIDTH="60" HEIGHT="40"/>
      <String CONTENT="ein" HPOS="100" VPOS="0" WIDTH="50" HEIGHT="40"/>
      <String CONTENT="Herr" HPOS="150" VPOS="0" WIDTH="80" HEIGHT="40"/>
      <String CONTENT="," HPOS="230" VPOS="0" WIDTH="8" HEIGHT="40"/>
      <String CONTENT="ſagt" HPOS="270" VPOS="0" WIDTH="80" HEIGHT="40"/>
      <String CONTENT="—" HPOS="380" VPOS="0" WIDTH="30" HEIGHT="40"/>
    </TextLine>`,
    );
    expect(parseAlto(xml, 1000, 1000).lines[0]!.text).toBe('(Nur ein Herr, ſagt —');
  });

  it('keeps the word confidence (WC) OCR output gives, and none where a file gives none or a bad one', () => {
    const xml = alto(
      'v3',
      'pixel',
      'WIDTH="1000" HEIGHT="1000"',
      `<TextLine ID="l" HPOS="0" VPOS="0" WIDTH="900" HEIGHT="40">
      <String CONTENT="Was" HPOS="0" VPOS="0" WIDTH="60" HEIGHT="40" WC="0.93"/><SP/>
      <String CONTENT="iſt" HPOS="80" VPOS="0" WIDTH="40" HEIGHT="40" WC="0.0"/><SP/>
      <String CONTENT="Auf" HPOS="140" VPOS="0" WIDTH="60" HEIGHT="40"/><SP/>
      <String CONTENT="klärung" HPOS="220" VPOS="0" WIDTH="60" HEIGHT="40" WC="1.5"/>
    </TextLine>`,
    );
    expect(parseAlto(xml, 1000, 1000).lines[0]!.words.map((w) => w.confidence)).toEqual([0.93, 0, undefined, undefined]);
    expect(parseAlto(kant('page-0017'), 1456, 2083).lines[0]!.words[0]).not.toHaveProperty('confidence');
  });

  it('skips lines without text and clamps boxes to the image', () => {
    const xml = alto(
      'v4',
      'pixel',
      'WIDTH="100" HEIGHT="100"',
      `
      <TextLine ID="empty" HPOS="0" VPOS="0" WIDTH="10" HEIGHT="10"/>
      <TextLine ID="edge" HPOS="90" VPOS="95" WIDTH="20" HEIGHT="10"><String CONTENT="x" HPOS="90" VPOS="95" WIDTH="20" HEIGHT="10"/></TextLine>`,
    );
    expect(parseAlto(xml, 100, 100).lines).toEqual([
      { id: 'edge', text: 'x', x: 90, y: 95, w: 10, h: 5, block: 'b', words: [{ text: 'x', x: 90, y: 95, w: 10, h: 5 }] },
    ]);
  });

  it.each([
    { name: 'not XML', xml: 'OCR failed', error: /not well-formed XML/ },
    { name: 'not ALTO', xml: '<PcGts><Page/></PcGts>', error: /no <alto> root/ },
  ])('throws a clear error for $name', ({ xml, error }) => {
    expect(() => parseAlto(xml, 10, 10)).toThrow(error);
  });
});

describe('parseAlto refuses entity declarations', () => {
  const doc = (doctype: string, content: string) =>
    alto(
      'v4',
      'pixel',
      'WIDTH="100" HEIGHT="100"',
      `<TextLine ID="l" HPOS="0" VPOS="0" WIDTH="90" HEIGHT="10"><String CONTENT="${content}" HPOS="0" VPOS="0" WIDTH="90" HEIGHT="10"/></TextLine>`,
    ).replace('<alto', `${doctype}<alto`);
  it.each([
    ['an entity bomb', '<!DOCTYPE alto [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', '&b;', /declares the entity "a"/],
    ['an external entity', '<!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;', /declares the entity "x"/],
    ['a parameter entity', '<!DOCTYPE alto [<!ENTITY % p SYSTEM "http://example.org/p.dtd"> %p;]>', 'a', /declares the entity "p"/],
    ['an external DTD', '<!DOCTYPE alto PUBLIC "-//x//y" "http://example.org/alto.dtd">', 'a', /refers to an external DTD/],
  ])('%s', (_name, doctype, content, reason) => {
    expect(() => parseAlto(doc(doctype, content), 100, 100)).toThrow(reason);
  });

  it('still reads a document with a DOCTYPE that declares nothing', () => {
    expect(parseAlto(doc('<!DOCTYPE alto>', 'Aufklärung'), 100, 100).lines.map((l) => l.text)).toEqual(['Aufklärung']);
  });
});
