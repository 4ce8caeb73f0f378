// PAGE XML reading against the OCR-D ground truth of Kant's page 481 (2019 schema), a PAGE 2013
// page written from the schema (reading order, TextEquiv choices, scaling), 2010-era Point
// coordinates, and refusals.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KANT_ALTO } from '../../test/support/inputs.ts';
import { parseAlto } from './alto.ts';
import { parsePageXml, preferredText } from './page-xml.ts';
import { parseOrdered, walk } from './ordered-xml.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const KANT_W = 1457;
const KANT_H = 2083;

function page(body: string, pageAttributes = 'imageWidth="100" imageHeight="100"', ns = '2019-07-15'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/${ns}"><Metadata><Creator>t</Creator></Metadata>
<Page imageFilename="x.png" ${pageAttributes}>${body}</Page></PcGts>`;
}
const region = (id: string, lines: string) => `<TextRegion id="${id}"><Coords points="0,0 100,0 100,100 0,100"/>${lines}</TextRegion>`;
const line = (id: string, text: string, points = '0,0 50,0 50,10 0,10') =>
  `<TextLine id="${id}"><Coords points="${points}"/><TextEquiv><Unicode>${text}</Unicode></TextEquiv></TextLine>`;

describe('parsePageXml on the Kant ground truth', () => {
  const kant = parsePageXml(fixture('kant-0017.page.xml'), KANT_W, KANT_H);

  it('reads its 24 lines in reading order, each in its region, spelling as transcribed', () => {
    expect(kant.lines).toHaveLength(24);
    expect(kant.lines[0]).toMatchObject({ id: 'tl_1', text: 'Berliniſche Monatsſchrift.', block: 'r_1_1', x: 114, y: 366, w: 804, h: 72 });
    expect(kant.lines.map((l) => l.text)).toContain('Was iſt Aufklaͤrung?');
    expect(kant.lines.map((l) => l.block).slice(0, 6)).toEqual(['r_1_1', 'r_1_2', 'r_1_3', 'r_2_1', 'r_2_2', 'r_2_2']);
  });

  it('gives the same lines and boxes as the ALTO made from the same ground truth', () => {
    const alto = parseAlto(readFileSync(KANT_ALTO['page-0017'], 'utf8'), KANT_W, KANT_H);
    const strip = (l: { text: string; x: number; y: number; w: number; h: number; block?: string }) => [l.x, l.y, l.w, l.h, l.block];
    expect(kant.lines.map(strip)).toEqual(alto.lines.map(strip));
    // The line TextEquiv is taken as written: the PAGE ground truth spaces off some punctuation.
    expect(kant.lines[1]!.text).toBe('1784 .');
  });

  it('keeps the words with their polygons’ bounding boxes', () => {
    expect(kant.lines[0]!.words).toEqual([
      { text: 'Berliniſche', x: 114, y: 368, w: 328, h: 69 },
      { text: 'Monatsſchrift', x: 482, y: 367, w: 420, h: 69 },
      { text: '.', x: 902, y: 367, w: 16, h: 69 },
    ]);
  });

  it('scales to a master smaller than the image the text was made on', () => {
    const half = parsePageXml(fixture('kant-0017.page.xml'), Math.round(KANT_W / 2), Math.round(KANT_H / 2));
    expect(half.lines[0]).toMatchObject({ x: 57, y: 183, w: 402, h: 36 });
  });
});

describe('parsePageXml on a PAGE 2013 page', () => {
  const { lines } = parsePageXml(fixture('sample-2013.page.xml'), 2000, 3000);

  it('follows the ReadingOrder, nested groups by index, and skips lines without text', () => {
    expect(lines.map((l) => [l.id, l.block])).toEqual([
      ['heading-l1', 'heading'],
      ['para-1-l1', 'para-1'],
      ['para-1-l2', 'para-1'],
      ['para-2-l1', 'para-2'],
      ['caption-l1', 'caption'],
    ]);
  });

  it.each([
    { id: 'heading-l1', text: 'Vande gheſcreuen', why: 'the TextEquiv with the lowest index, its character reference decoded' },
    { id: 'para-1-l1', text: 'Eerſte regel', why: 'no line TextEquiv: the words joined, each its Unicode over its PlainText' },
    { id: 'caption-l1', text: 'Fig. 1. De Leeszaal', why: 'PlainText when there is no Unicode' },
  ])('$id: $why', ({ id, text }) => {
    expect(lines.find((l) => l.id === id)!.text).toBe(text);
  });

  it('scales from the 1000 x 1500 image it was made on to the 2000 x 3000 master, polygons to their bounding box', () => {
    expect(lines[1]).toMatchObject({ x: 200, y: 600, w: 1600, h: 100 });
    expect(lines[1]!.words).toEqual([
      { text: 'Eerſte', x: 200, y: 600, w: 400, h: 100 },
      { text: 'regel', x: 640, y: 600, w: 360, h: 100 },
    ]);
  });
});

describe('parsePageXml: details of the schemas', () => {
  it('reads the Point children of 2010-era Coords', () => {
    const xml = page(
      region(
        'r',
        '<TextLine id="l"><Coords><Point x="10" y="20"/><Point x="60" y="20"/><Point x="60" y="35"/><Point x="10" y="35"/></Coords><TextEquiv><Unicode>oud</Unicode></TextEquiv></TextLine>',
      ),
      'imageWidth="100" imageHeight="100"',
      '2010-03-19',
    );
    expect(parsePageXml(xml, 100, 100).lines).toEqual([{ id: 'l', text: 'oud', x: 10, y: 20, w: 50, h: 15, block: 'r', words: [] }]);
  });

  it.each([
    {
      name: 'document order without a ReadingOrder',
      body: region('b', line('b1', 'twee')) + region('a', line('a1', 'een')),
      order: ['twee', 'een'],
    },
    {
      name: 'an UnorderedGroup in document order of its refs',
      body: `<ReadingOrder><UnorderedGroup id="g"><RegionRef regionRef="a"/><RegionRef regionRef="b"/></UnorderedGroup></ReadingOrder>${region('b', line('b1', 'twee'))}${region('a', line('a1', 'een'))}`,
      order: ['een', 'twee'],
    },
    {
      name: 'regions the ReadingOrder leaves out after the others',
      body: `<ReadingOrder><OrderedGroup id="g"><RegionRefIndexed index="0" regionRef="b"/></OrderedGroup></ReadingOrder>${region('a', line('a1', 'vergeten'))}${region('b', line('b1', 'genoemd'))}`,
      order: ['genoemd', 'vergeten'],
    },
    {
      name: 'text regions nested in a referenced table at its place',
      body: `<ReadingOrder><OrderedGroup id="g"><RegionRefIndexed index="0" regionRef="t"/><RegionRefIndexed index="1" regionRef="a"/></OrderedGroup></ReadingOrder>${region('a', line('a1', 'na'))}<TableRegion id="t"><Coords points="0,0 1,1"/>${region('c', line('c1', 'cel'))}</TableRegion>`,
      order: ['cel', 'na'],
    },
  ])('$name', ({ body, order }) => {
    expect(parsePageXml(page(body), 100, 100).lines.map((l) => l.text)).toEqual(order);
  });

  it.each([
    { name: 'document order', custom: ['', ''], order: ['een', 'twee'] },
    {
      name: 'Transkribus custom readingOrder',
      custom: ['readingOrder {index:1;}', 'readingOrder {index:0;} structure {type:heading;}'],
      order: ['twee', 'een'],
    },
    { name: 'document order when a line has no custom index', custom: ['readingOrder {index:1;}', ''], order: ['een', 'twee'] },
  ])('lines of a region: $name', ({ custom, order }) => {
    const lines = ['een', 'twee'].map(
      (text, i) =>
        `<TextLine id="l${i}" custom="${custom[i]}"><Coords points="0,${i * 20} 50,${i * 20} 50,${i * 20 + 10} 0,${i * 20 + 10}"/><TextEquiv><Unicode>${text}</Unicode></TextEquiv></TextLine>`,
    );
    expect(parsePageXml(page(region('r', lines.join(''))), 100, 100).lines.map((l) => l.text)).toEqual(order);
  });

  it.each([
    {
      name: 'lowest index',
      equivs: '<TextEquiv index="3"><Unicode>c</Unicode></TextEquiv><TextEquiv index="0"><Unicode>a</Unicode></TextEquiv>',
      text: 'a',
    },
    {
      name: 'first when none has an index',
      equivs: '<TextEquiv><Unicode>a</Unicode></TextEquiv><TextEquiv><Unicode>b</Unicode></TextEquiv>',
      text: 'a',
    },
    { name: 'Unicode over PlainText', equivs: '<TextEquiv><PlainText>p</PlainText><Unicode>u</Unicode></TextEquiv>', text: 'u' },
    { name: 'PlainText when Unicode is empty', equivs: '<TextEquiv><Unicode></Unicode><PlainText>p</PlainText></TextEquiv>', text: 'p' },
    { name: 'nothing', equivs: '', text: undefined },
  ])('preferredText: $name', ({ equivs, text }) => {
    const [node] = [...walk(parseOrdered(`<TextLine>${equivs}</TextLine>`, 'PAGE XML'), 'TextLine')];
    expect(preferredText(node!)).toBe(text);
  });

  it('keeps a word’s confidence from its preferred TextEquiv', () => {
    const xml = page(
      region(
        'r',
        '<TextLine id="l"><Coords points="0,0 50,0 50,10 0,10"/><Word id="w"><Coords points="0,0 20,0 20,10 0,10"/><TextEquiv index="1" conf="0.4"><Unicode>b</Unicode></TextEquiv><TextEquiv index="0" conf="0.93"><Unicode>a</Unicode></TextEquiv></Word></TextLine>',
      ),
    );
    expect(parsePageXml(xml, 100, 100).lines[0]!.words).toEqual([{ text: 'a', x: 0, y: 0, w: 20, h: 10, confidence: 0.93 }]);
  });

  it('takes the line box from its words when the line has no Coords', () => {
    const xml = page(
      region(
        'r',
        '<TextLine id="l"><Word id="w1"><Coords points="10,10 20,10 20,20 10,20"/><TextEquiv><Unicode>a</Unicode></TextEquiv></Word><Word id="w2"><Coords points="30,12 40,12 40,25 30,25"/><TextEquiv><Unicode>b</Unicode></TextEquiv></Word></TextLine>',
      ),
    );
    expect(parsePageXml(xml, 100, 100).lines[0]).toMatchObject({ text: 'a b', x: 10, y: 10, w: 30, h: 15 });
  });
});

describe('parsePageXml on lines eScriptorium exports without a mask (a Baseline, no Coords)', () => {
  // app/escriptorium/templates/export/pagexml_line.xml writes Coords only when the line has a mask.
  const escriptorium = (lines: string) =>
    page(
      `<TextRegion id="eSc_textblock_1" custom="structure {type:Main;}"><Coords points="0,0 1000,0 1000,1000 0,1000"/>${lines}</TextRegion>`,
      'imageWidth="1000" imageHeight="1000"',
    );
  const masked = `<TextLine id="eSc_line_1"><Coords points="100,100 900,100 900,140 100,140"/><Baseline points="100,130 900,130"/><TextEquiv conf="0.97"><Unicode>Berliniſche Monatsſchrift.</Unicode></TextEquiv></TextLine>`;
  const bare = `<TextLine id="eSc_line_2"><Baseline points="400,230 520,232 600,230"/><TextEquiv><Unicode>1784.</Unicode></TextEquiv></TextLine>`;

  it.each([
    { what: 'beside masked lines: as high as they are, above its baseline', lines: masked + bare, box: { x: 400, y: 192, w: 200, h: 40 } },
    { what: 'alone on the page: a fiftieth of the page high', lines: bare, box: { x: 400, y: 212, w: 200, h: 20 } },
  ])('keeps its text, boxed $what', ({ lines, box }) => {
    const read = parsePageXml(escriptorium(lines), 1000, 1000).lines;
    expect(read.at(-1)).toMatchObject({ id: 'eSc_line_2', text: '1784.', ...box });
  });
});

describe('parsePageXml on regions transcribed without lines', () => {
  // The PRImA layout datasets and region-level ground truth give a TextRegion's text and no TextLine.
  it("keeps a region's own text, as one line in its box, when none of its lines has text", () => {
    const xml = page(
      `<TextRegion id="r1"><Coords points="10,10 90,10 90,40 10,40"/><TextEquiv><Unicode>Beantwortung der Frage:
Was iſt Aufklaͤrung?</Unicode></TextEquiv></TextRegion>` +
        `<TextRegion id="r2"><Coords points="10,50 90,50 90,90 10,90"/><TextLine id="l1"><Coords points="10,50 90,50 90,60 10,60"/></TextLine><TextEquiv><Unicode>Von I. Kant.</Unicode></TextEquiv></TextRegion>`,
      'imageWidth="100" imageHeight="100"',
      '2010-03-19',
    );
    expect(parsePageXml(xml, 100, 100).lines).toEqual([
      { id: 'r1', text: 'Beantwortung der Frage: Was iſt Aufklaͤrung?', x: 10, y: 10, w: 80, h: 30, block: 'r1', words: [] },
      { id: 'r2', text: 'Von I. Kant.', x: 10, y: 50, w: 80, h: 40, block: 'r2', words: [] },
    ]);
  });

  it("takes the lines, not the region's text, when the lines have text", () => {
    const xml = page(
      region('r1', line('l1', 'Was iſt') + line('l2', 'Aufklaͤrung?')).replace(
        '</TextRegion>',
        '<TextEquiv><Unicode>Was iſt Aufklaͤrung?</Unicode></TextEquiv></TextRegion>',
      ),
    );
    expect(parsePageXml(xml, 100, 100).lines.map((l) => l.text)).toEqual(['Was iſt', 'Aufklaͤrung?']);
  });
});

describe('parsePageXml refuses bad input', () => {
  it.each([
    { name: 'malformed XML', xml: page(region('r', '<TextLine id="l">')), error: /PAGE XML is not well-formed XML/ },
    { name: 'not PAGE', xml: '<alto><Layout/></alto>', error: /not PAGE XML: no <PcGts> root/ },
    { name: 'no Page', xml: '<PcGts><Metadata/></PcGts>', error: /no <Page> element/ },
    {
      name: 'an entity bomb',
      xml: `<!DOCTYPE PcGts [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">]>${page(region('r', line('l', '&b;')))}`.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '',
      ),
      error: /declares the entity "a"/,
    },
    {
      name: 'an external entity',
      xml: `<!DOCTYPE PcGts [<!ENTITY x SYSTEM "file:///etc/passwd">]>${page(region('r', line('l', '&x;')))}`.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '',
      ),
      error: /declares the entity "x"/,
    },
  ])('$name', ({ xml, error }) => {
    expect(() => parsePageXml(xml, 100, 100)).toThrow(error);
  });
});
