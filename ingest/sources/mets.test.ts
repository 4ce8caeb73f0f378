// METS/MODS items: the logical-structure fixture (default namespaces, pages out of order, chapters
// by structLink, full text) and variants written to a temporary folder for each case.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceScan } from './source-item.ts';
import { scanSource } from './scan.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const defaults = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };

describe('the logical-mets fixture', () => {
  let scan: SourceScan;
  beforeAll(async () => {
    scan = await scanSource(path.join(fixtures, 'logical-mets'), defaults);
  });

  it('reads it without problems under its local identifier', () => {
    expect(scan.problems).toEqual([]);
    expect(scan.items.map((i) => i.id)).toEqual(['bru-ms-0042']);
  });

  it('orders pages by ORDER, prefers the master image, labels from ORDERLABEL then LABEL', () => {
    expect(scan.items[0]!.pages).toEqual([
      { key: 'f001', label: '[Titelblad]', file: 'images/f001.png' },
      { key: 'f002', label: '1', file: 'images/f002.png', alto: 'alto/f002.xml' },
      { key: 'f003', label: '2', file: 'images/f003.png' },
      { key: 'f010', label: '3', file: 'images/f010.png' },
    ]);
  });

  it('builds the table of contents from the logical structMap, leaving out entries without pages', () => {
    expect(scan.items[0]!.toc).toEqual([
      { label: 'Titelblad', type: 'title_page', pages: ['f001'], children: [] },
      {
        label: 'Eerste boek',
        type: 'chapter',
        pages: ['f002', 'f003', 'f010'],
        children: [
          { label: 'Van de hovaardij', type: 'section', pages: ['f002', 'f003'], children: [] },
          { label: 'Van de nederigheid', type: 'section', pages: ['f010'], children: [] },
        ],
      },
    ]);
  });

  it('reads MODS in a default namespace: title with nonSort and subtitle, names, origin, rights', () => {
    expect(scan.items[0]).toMatchObject({
      label: { none: ["Le Livre des bonnes mœurs: selon l'exemplaire de Bruges"] },
      agents: [
        { name: 'Legrand, Jacques', role: 'aut', uri: 'http://viaf.org/viaf/100180950' },
        { name: 'Colard Mansion', role: 'prt' },
      ],
      publisher: 'Colard Mansion',
      place: 'Brugge',
      date: '1478-1479',
      languages: ['fre'],
      subjects: ['Moraal', 'Brugge', 'incunabel'],
      shelfmark: 'Ms. 42',
      holdingInstitution: 'Openbare Bibliotheek Brugge',
      summary: { none: ['Een vroege Brugse druk.'] },
      rights: 'http://rightsstatements.org/vocab/NoC-OKLR/1.0/',
      attribution: defaults.attribution,
      type: 'book',
      behavior: 'paged',
    });
  });
});

const MODS = (title: string, extra = '') => `<mods:mods><mods:titleInfo><mods:title>${title}</mods:title></mods:titleInfo>${extra}</mods:mods>`;

function mets(parts: {
  dmd?: string;
  files?: string[];
  alto?: Record<string, string>;
  physical?: string;
  logical?: string;
  links?: [string, string][];
  doctype?: string;
}): string {
  const files = parts.files ?? [];
  return `<?xml version="1.0" encoding="UTF-8"?>${parts.doctype ?? ''}
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
  ${parts.dmd ?? `<mets:dmdSec ID="DMD1"><mets:mdWrap MDTYPE="MODS"><mets:xmlData>${MODS('Testboek')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`}
  <mets:fileSec>
    <mets:fileGrp USE="MASTER">${files.map((f, i) => `<mets:file ID="IMG_${i + 1}"><mets:FLocat LOCTYPE="URL" xlink:href="${f}"/></mets:file>`).join('')}</mets:fileGrp>
    <mets:fileGrp USE="FULLTEXT">${Object.entries(parts.alto ?? {})
      .map(([n, f]) => `<mets:file ID="TXT_${n}" MIMETYPE="text/xml"><mets:FLocat LOCTYPE="URL" xlink:href="${f}"/></mets:file>`)
      .join('')}</mets:fileGrp>
  </mets:fileSec>
  ${parts.physical ?? `<mets:structMap TYPE="PHYSICAL"><mets:div TYPE="physSequence">${files.map((_, i) => `<mets:div ID="PHYS_${i + 1}" TYPE="page" ORDER="${i + 1}"><mets:fptr FILEID="IMG_${i + 1}"/>${parts.alto?.[String(i + 1)] ? `<mets:fptr FILEID="TXT_${i + 1}"/>` : ''}</mets:div>`).join('')}</mets:div></mets:structMap>`}
  ${parts.logical ?? ''}
  ${parts.links ? `<mets:structLink>${parts.links.map(([f, t]) => `<mets:smLink xlink:from="${f}" xlink:to="${t}"/>`).join('')}</mets:structLink>` : ''}
</mets:mets>`;
}

describe('METS variants', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-mets-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function item(metsXml: string, files: string[], name = `item-${++n}`): Promise<SourceScan> {
    const folder = path.join(dir, name);
    await mkdir(folder, { recursive: true });
    for (const f of files) {
      await mkdir(path.dirname(path.join(folder, f)), { recursive: true });
      await writeFile(path.join(folder, f), 'x');
    }
    await writeFile(path.join(folder, 'mets.xml'), metsXml);
    return scanSource(folder, defaults);
  }

  it('falls back to natural file order when METS has no physical structMap', async () => {
    const scan = await item(mets({ physical: '' }), ['images/p10.jpg', 'images/p9.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.pages.map((p) => p.file)).toEqual(['images/p9.jpg', 'images/p10.jpg']);
  });

  it('matches ALTO by file stem when METS lists no full text', async () => {
    const scan = await item(mets({ files: ['images/a.tif', 'images/b.tif'] }), ['images/a.tif', 'images/b.tif', 'alto/b.xml']);
    expect(scan.items[0]!.pages).toEqual([
      { key: 'a', file: 'images/a.tif' },
      { key: 'b', file: 'images/b.tif', alto: 'alto/b.xml' },
    ]);
  });

  it('takes full text from a workflow export folder such as FULLTEXT/ or <id>_ocr/', async () => {
    const scan = await item(mets({ files: ['images/a.tif', 'images/b.tif'], alto: { 1: 'FULLTEXT/a.xml' } }), [
      'images/a.tif',
      'images/b.tif',
      'FULLTEXT/a.xml',
      'book_ocr/b.xml',
    ]);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.pages.map((p) => p.alto)).toEqual(['FULLTEXT/a.xml', 'book_ocr/b.xml']);
  });

  it('finds files METS names by URL or absolute path by their file name', async () => {
    const scan = await item(mets({ files: ['https://digital.example.org/master/0001.tif', '/mnt/scans/book/0002.tif'] }), [
      'images/0001.tif',
      'images/0002.tif',
    ]);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.pages.map((p) => p.file)).toEqual(['images/0001.tif', 'images/0002.tif']);
  });

  it.each([
    {
      name: 'an image in the folder that METS does not list',
      xml: () => mets({ files: ['images/a.tif'] }),
      files: ['images/a.tif', 'images/extra.tif'],
      problem: { file: 'images/extra.tif', reason: /images\/extra\.tif is in the item folder but not in the page sequence of mets\.xml/ },
    },
    {
      name: 'full text METS lists but the folder lacks',
      xml: () => mets({ files: ['images/a.tif'], alto: { 1: 'alto/a.xml' } }),
      files: ['images/a.tif'],
      problem: { file: 'mets.xml', reason: /page 1 \(PHYS_1\) names full text alto\/a\.xml, which is not in the item folder/ },
    },
    {
      name: 'a root element that is not METS',
      xml: () => '<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>x</title></titleInfo></mods>',
      files: ['a.tif'],
      problem: { file: 'mets.xml', reason: /mets\.xml is not METS: its root element is not <mets>/ },
    },
    {
      name: 'an unknown MODS language',
      xml: () =>
        mets({
          files: ['a.tif'],
          dmd: `<mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS('x', '<mods:language><mods:languageTerm>Klingon</mods:languageTerm></mods:language>')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`,
        }),
      files: ['a.tif'],
      problem: { file: 'mets.xml', reason: /MODS language "Klingon" is not an ISO 639 code/ },
    },
    {
      name: 'a javascript: URL as a name authority URI',
      xml: () =>
        mets({
          files: ['a.tif'],
          dmd: `<mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS('Boek', '<mods:name valueURI="javascript:alert(1)"><mods:namePart>Kant</mods:namePart></mods:name>')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`,
        }),
      files: ['a.tif'],
      problem: {
        file: 'mets.xml',
        reason: /^MODS name\/@valueURI "javascript:alert\(1\)" is a javascript: URL; only http and https links are accepted$/,
      },
    },
    {
      name: 'a data: URL as the location URL',
      xml: () =>
        mets({
          files: ['a.tif'],
          dmd: `<mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS('Boek', '<mods:location><mods:url>data:text/html,x</mods:url></mods:location>')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`,
        }),
      files: ['a.tif'],
      problem: { file: 'mets.xml', reason: /^MODS location\/url "data:text\/html,x" is a data: URL/ },
    },
    {
      name: 'an entity bomb in the DTD',
      xml: () =>
        mets({
          doctype: `<!DOCTYPE mets:mets [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`,
          files: ['a.tif'],
          dmd: `<mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS('&lol9;')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`,
        }),
      files: ['a.tif'],
      problem: { file: 'mets.xml', reason: /mets\.xml is refused: its DTD declares the entity "lol" \(line 1\)/ },
    },
    {
      name: 'an external entity',
      xml: () => mets({ doctype: '<!DOCTYPE mets:mets [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', files: ['a.tif'] }),
      files: ['a.tif'],
      problem: { file: 'mets.xml', reason: /declares the entity "secret"/ },
    },
    {
      name: 'an external DTD',
      xml: () => mets({ doctype: '<!DOCTYPE mets:mets SYSTEM "http://example.org/mets.dtd">', files: ['a.tif'] }),
      files: ['a.tif'],
      problem: { file: 'mets.xml', reason: /DOCTYPE refers to an external DTD/ },
    },
    {
      name: 'an image href that leaves the item folder',
      xml: () => mets({ files: ['images/a.tif', '../other-item/images/b.tif'] }),
      files: ['images/a.tif'],
      problem: { file: 'mets.xml', reason: /^mets\.xml page 2 \(PHYS_2\) names \.\.\/other-item\/images\/b\.tif, which leaves the item folder/ },
    },
    {
      name: 'a full-text href that leaves the item folder',
      xml: () => mets({ files: ['images/a.tif'], alto: { 1: 'alto/../../../etc/passwd.xml' } }),
      files: ['images/a.tif'],
      problem: { file: 'mets.xml', reason: /page 1 \(PHYS_1\) names alto\/\.\.\/\.\.\/\.\.\/etc\/passwd\.xml, which leaves the item folder/ },
    },
    {
      name: 'an image href to a hidden file',
      xml: () => mets({ files: ['images/a.tif', 'images/.b.tif'] }),
      files: ['images/a.tif', 'images/.b.tif'],
      problem: { file: 'mets.xml', reason: /page 2 \(PHYS_2\) names images\/\.b\.tif, which is hidden \(a name starting with a dot\) and not read/ },
    },
    {
      name: 'an absolute image path to a file the folder does not hold',
      xml: () => mets({ files: ['images/a.tif', '/etc/ssl/private/key.tif'] }),
      files: ['images/a.tif'],
      problem: { file: 'mets.xml', reason: /page 2 \(PHYS_2\) names \/etc\/ssl\/private\/key\.tif, which is not in the item folder/ },
    },
    {
      name: 'a page sequence with no images in the folder',
      xml: () => mets({ files: [] }),
      files: [],
      problem: { file: '', reason: /no page images/ },
    },
  ])('reports $name', async ({ xml, files, problem }) => {
    const name = `item-${++n}`;
    const scan = await item(xml(), files, name);
    expect(scan.items).toEqual([]);
    expect(scan.problems).toContainEqual({
      item: name,
      file: problem.file ? `${name}/${problem.file}` : name,
      reason: expect.stringMatching(problem.reason),
    });
  });

  it('never resolves external entities', async () => {
    const doctype = '<!DOCTYPE mets:mets [<!ENTITY secret SYSTEM "file:///etc/passwd">]>';
    const scan = await item(
      mets({
        doctype,
        files: ['a.tif'],
        dmd: `<mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS('Titel &secret;')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`,
      }),
      ['a.tif'],
    );
    expect(JSON.stringify(scan)).not.toContain('root:');
  });

  it('does not expand an entity bomb', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const doctype = `<!DOCTYPE mets:mets [<!ENTITY l0 "lol">${levels}]>`;
    const scan = await item(
      mets({
        doctype,
        files: ['a.tif'],
        dmd: `<mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS('&l9;')}</mets:xmlData></mets:mdWrap></mets:dmdSec>`,
      }),
      ['a.tif'],
    );
    expect(JSON.stringify(scan).length).toBeLessThan(10_000);
    expect(JSON.stringify(scan)).not.toContain('lollol');
  });

  it('takes a periodical volume record and its issues as the table of contents', async () => {
    const dmd = (id: string, mods: string) => `<mets:dmdSec ID="${id}"><mets:mdWrap><mets:xmlData>${mods}</mets:xmlData></mets:mdWrap></mets:dmdSec>`;
    const xml = mets({
      files: ['images/1.jpg', 'images/2.jpg', 'images/3.jpg'],
      dmd: [
        dmd('DMD_ISSUE', MODS('Nummer 1')),
        dmd('DMD_VOL', MODS('Brugsche Courant', '<mods:part order="1850"><mods:detail><mods:number>1850</mods:number></mods:detail></mods:part>')),
      ].join(''),
      logical: `<mets:structMap TYPE="LOGICAL"><mets:div TYPE="newspaper" ID="LOG_P"><mets:mptr xlink:href="https://example.org/newspaper.xml"/>
        <mets:div TYPE="year" ID="LOG_Y" DMDID="DMD_VOL">
          <mets:div TYPE="issue" ID="LOG_1" DMDID="DMD_ISSUE"/>
          <mets:div TYPE="issue" ID="LOG_2" LABEL="Nummer 2"/>
        </mets:div></mets:div></mets:structMap>`,
      links: [
        ['LOG_1', 'PHYS_1'],
        ['LOG_1', 'PHYS_2'],
        ['LOG_2', 'PHYS_3'],
      ],
    });
    const scan = await item(xml, ['images/1.jpg', 'images/2.jpg', 'images/3.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]).toMatchObject({
      label: { none: ['Brugsche Courant'] },
      type: 'periodical',
      toc: [
        { label: 'Nummer 1', type: 'issue', pages: ['1', '2'], children: [] },
        { label: 'Nummer 2', type: 'issue', pages: ['3'], children: [] },
      ],
    });
  });

  it('takes the outermost record without a parent pointer as the item, as Kitodo.Presentation does, even when it holds one article', async () => {
    // A Kitodo.Production volume: the periodical div carries its own (anchor) record and a mets:mptr
    // to the parent METS; the volume is the item; the volume's one article is a table-of-contents entry.
    const dmd = (id: string, mods: string) => `<mets:dmdSec ID="${id}"><mets:mdWrap><mets:xmlData>${mods}</mets:xmlData></mets:mdWrap></mets:dmdSec>`;
    const xml = mets({
      files: ['images/1.jpg', 'images/2.jpg'],
      dmd: [
        dmd('DMDLOG_0000', MODS('Berlinische Monatsschrift')),
        dmd('DMDLOG_0001', MODS('Berlinische Monatsschrift, 1784, Bd. 4', '<mods:identifier type="urn">urn:nbn:de:test-4</mods:identifier>')),
        dmd('DMDLOG_0002', MODS('Beantwortung der Frage: Was ist Aufklärung?')),
      ].join(''),
      logical: `<mets:structMap TYPE="LOGICAL"><mets:div TYPE="periodical" ID="LOG_0000" DMDID="DMDLOG_0000"><mets:mptr LOCTYPE="URL" xlink:href="https://example.org/oai?verb=GetRecord&amp;identifier=p"/>
        <mets:div TYPE="volume" ID="LOG_0001" DMDID="DMDLOG_0001" ADMID="AMD">
          <mets:div TYPE="article" ID="LOG_0002" DMDID="DMDLOG_0002"/>
        </mets:div></mets:div></mets:structMap>`,
      links: [
        ['LOG_0001', 'PHYS_1'],
        ['LOG_0001', 'PHYS_2'],
        ['LOG_0002', 'PHYS_2'],
      ],
    });
    const scan = await item(xml, ['images/1.jpg', 'images/2.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]).toMatchObject({
      label: { none: ['Berlinische Monatsschrift, 1784, Bd. 4'] },
      identifiers: [{ type: 'urn', value: 'urn:nbn:de:test-4' }],
      type: 'periodical',
      toc: [{ label: 'Beantwortung der Frage: Was ist Aufklärung?', type: 'article', pages: ['2'], children: [] }],
    });
  });

  it.each([
    { orderLabel: ' - ', label: undefined },
    { orderLabel: 'uncounted', label: undefined },
    { orderLabel: 'Uncounted', label: undefined },
    { orderLabel: '[Titelblatt]', label: '[Titelblatt]' },
    { orderLabel: '-1-', label: '-1-' },
  ])('takes ORDERLABEL $orderLabel, which Kitodo and Goobi write for an unnumbered page, as label $label', async ({ orderLabel, label }) => {
    const physical = `<mets:structMap TYPE="PHYSICAL"><mets:div TYPE="physSequence"><mets:div ID="PHYS_1" TYPE="page" ORDER="1" ORDERLABEL="${orderLabel}"><mets:fptr FILEID="IMG_1"/></mets:div></mets:div></mets:structMap>`;
    const scan = await item(mets({ files: ['images/1.jpg'], physical }), ['images/1.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.pages[0]!.label).toBe(label);
  });

  it("reads Goobi's export: <id>_mets.xml beside <id>_media/ and <id>_alto/, files named by absolute paths and viewer URLs", async () => {
    const xml = mets({
      files: ['file:///opt/digiverso/viewer/media/PPN123/00000001.tif', 'file:///opt/digiverso/viewer/media/PPN123/00000002.tif'],
      alto: { 1: 'https://viewer.example.org/api/v1/records/PPN123/files/alto/00000001.xml' },
    });
    const collection = path.join(dir, `goobi-${++n}`);
    const folder = path.join(collection, 'PPN123');
    for (const f of ['PPN123_media/00000001.tif', 'PPN123_media/00000002.tif', 'PPN123_alto/00000001.xml']) {
      await mkdir(path.dirname(path.join(folder, f)), { recursive: true });
      await writeFile(path.join(folder, f), 'x');
    }
    await writeFile(path.join(folder, 'PPN123_mets.xml'), xml);
    for (const source of [collection, folder]) {
      const scan = await scanSource(source, defaults);
      expect(scan.problems).toEqual([]);
      expect(scan.items).toHaveLength(1);
      expect(scan.items[0]).toMatchObject({
        id: 'ppn123',
        label: { none: ['Testboek'] },
        pages: [
          { key: '00000001', file: 'PPN123_media/00000001.tif', alto: 'PPN123_alto/00000001.xml' },
          { key: '00000002', file: 'PPN123_media/00000002.tif' },
        ],
      });
    }
  });

  it("reads Transkribus' export: its page sequence in a structMap of TYPE MANUSCRIPT, files by fptr/area, groups named by ID", async () => {
    // As Transkribus writes mets.xml beside its images and page/ folder; the page order is not the name order.
    const xml = `<ns3:mets xmlns:ns2="http://www.w3.org/1999/xlink" xmlns:ns3="http://www.loc.gov/METS/">
  <ns3:fileSec><ns3:fileGrp ID="MASTER">
    <ns3:fileGrp ID="IMG">
      <ns3:file ID="IMG_1" SEQ="1" MIMETYPE="image/jpeg"><ns3:FLocat LOCTYPE="OTHER" OTHERLOCTYPE="FILE" ns2:type="simple" ns2:href="b-title.jpg"/></ns3:file>
      <ns3:file ID="IMG_2" SEQ="2" MIMETYPE="image/jpeg"><ns3:FLocat LOCTYPE="OTHER" OTHERLOCTYPE="FILE" ns2:type="simple" ns2:href="a-text.jpg"/></ns3:file>
    </ns3:fileGrp>
    <ns3:fileGrp ID="PAGEXML">
      <ns3:file ID="PAGEXML_1" SEQ="1" MIMETYPE="application/xml"><ns3:FLocat LOCTYPE="OTHER" OTHERLOCTYPE="FILE" ns2:type="simple" ns2:href="page/b-title.xml"/></ns3:file>
    </ns3:fileGrp>
  </ns3:fileGrp></ns3:fileSec>
  <ns3:structMap ID="TRP_STRUCTMAP" TYPE="MANUSCRIPT"><ns3:div ID="TRP_DOC_DIV" ADMID="MD_ORIG">
    <ns3:div ID="PAGE_1" ORDER="1" TYPE="SINGLE_PAGE"><ns3:fptr><ns3:area FILEID="IMG_1"/></ns3:fptr><ns3:fptr><ns3:area FILEID="PAGEXML_1"/></ns3:fptr></ns3:div>
    <ns3:div ID="PAGE_2" ORDER="2" TYPE="SINGLE_PAGE"><ns3:fptr><ns3:area FILEID="IMG_2"/></ns3:fptr></ns3:div>
  </ns3:div></ns3:structMap>
</ns3:mets>`;
    const scan = await item(xml, ['b-title.jpg', 'a-text.jpg', 'page/b-title.xml']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.pages).toEqual([
      { key: 'b-title', file: 'b-title.jpg', alto: 'page/b-title.xml' },
      { key: 'a-text', file: 'a-text.jpg' },
    ]);
  });

  it.each([
    { license: 'pdm', rights: 'http://creativecommons.org/publicdomain/mark/1.0/' },
    { license: 'cc0', rights: 'http://creativecommons.org/publicdomain/zero/1.0/' },
    { license: 'cc-by', rights: 'http://creativecommons.org/licenses/by/4.0/' },
    { license: 'cc-by-nc-sa', rights: 'http://creativecommons.org/licenses/by-nc-sa/4.0/' },
    { license: 'CC-BY-ND', rights: 'http://creativecommons.org/licenses/by-nd/4.0/' },
    // All rights reserved: In Copyright, never the collection's default licence.
    { license: 'reserved', rights: 'http://rightsstatements.org/vocab/InC/1.0/' },
  ])('reads the DFG-Viewer licence code $license as $rights, with the owner as attribution', async ({ license, rights }) => {
    const amd = `<mets:amdSec ID="AMD"><mets:rightsMD ID="RIGHTS"><mets:mdWrap MDTYPE="OTHER" OTHERMDTYPE="DVRIGHTS"><mets:xmlData>
      <dv:rights xmlns:dv="http://dfg-viewer.de/"><dv:owner>SLUB Dresden</dv:owner><dv:license>${license}</dv:license></dv:rights>
    </mets:xmlData></mets:mdWrap></mets:rightsMD></mets:amdSec>`;
    const name = `item-${++n}`;
    await item(mets({ files: ['images/1.jpg'] }).replace('<mets:fileSec>', `${amd}<mets:fileSec>`), ['images/1.jpg'], name);
    // A collection default none of the codes gives, so a code that is not read shows.
    const scan = await scanSource(path.join(dir, name), { ...defaults, rights: 'http://creativecommons.org/licenses/by-sa/4.0/' });
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]).toMatchObject({ rights, attribution: 'SLUB Dresden' });
  });

  it('refuses an item whose only licence is a DFG-Viewer code it does not know, rather than giving it the collection default', async () => {
    const amd = `<mets:amdSec ID="AMD"><mets:rightsMD ID="RIGHTS"><mets:mdWrap MDTYPE="OTHER" OTHERMDTYPE="DVRIGHTS"><mets:xmlData>
      <dv:rights xmlns:dv="http://dfg-viewer.de/"><dv:owner>SLUB Dresden</dv:owner><dv:license>restricted</dv:license></dv:rights>
    </mets:xmlData></mets:mdWrap></mets:rightsMD></mets:amdSec>`;
    const name = `item-${++n}`;
    const scan = await item(mets({ files: ['images/1.jpg'] }).replace('<mets:fileSec>', `${amd}<mets:fileSec>`), ['images/1.jpg'], name);
    expect(scan.items).toEqual([]);
    expect(scan.problems).toEqual([
      {
        item: name,
        file: `${name}/mets.xml`,
        reason:
          'dv:license "restricted" is not a DFG-Viewer licence code (pdm, cc0, cc-by, cc-by-sa, cc-by-nd, cc-by-nc, cc-by-nc-sa, cc-by-nc-nd, reserved); give the licence in MODS accessCondition',
      },
    ]);
  });

  it("reads eScriptorium's export: no MODS (published untitled, with a warning), PAGE XML in an `export` group without MIMETYPE", async () => {
    // The METS.xml eScriptorium writes beside its PAGE files (app/escriptorium/templates/export/METS.xml).
    const xml = `<mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
  <fileSec>
    <fileGrp USE="image">
      <file ID="image101"><FLocat xlink:href="page-0017.jpg"/></file>
      <file ID="image102"><FLocat xlink:href="page-0018.jpg"/></file>
      <file ID="image103"><FLocat xlink:href="page-0019.jpg"/></file>
    </fileGrp>
    <fileGrp USE="export">
      <file ID="export101"><FLocat xlink:href="page-0017.xml"/></file>
      <file ID="export103"><FLocat xlink:href="notes-0019.xml"/></file>
    </fileGrp>
  </fileSec>
  <structMap TYPE="physical">
    <div TYPE="document">
      <div TYPE="page"><fptr FILEID="image101"/><fptr FILEID="export101"/></div>
      <div TYPE="page"><fptr FILEID="image102"/></div>
      <div TYPE="page"><fptr FILEID="image103"/><fptr FILEID="export103"/></div>
    </div>
  </structMap>
</mets>`;
    const name = `escriptorium-${++n}`;
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(
      path.join(dir, name, 'page-0017.xml'),
      '<?xml version="1.0" encoding="UTF-8"  standalone="yes"?>\n<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageWidth="10" imageHeight="10"/></PcGts>',
    );
    // Not full text: a page's other XML is taken only when it is ALTO, PAGE XML or hOCR.
    await writeFile(path.join(dir, name, 'notes-0019.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>');
    const rescan = await item(xml, ['page-0017.jpg', 'page-0018.jpg', 'page-0019.jpg'], name);
    expect(rescan.problems).toEqual([]);
    expect(rescan.warnings).toEqual([{ item: name, file: `${name}/mets.xml`, reason: 'mets.xml has no MODS description: published as "Untitled"' }]);
    expect(rescan.items[0]).toMatchObject({
      id: name,
      untitled: true,
      pages: [
        { key: 'page-0017', file: 'page-0017.jpg', alto: 'page-0017.xml' },
        { key: 'page-0018', file: 'page-0018.jpg' },
        { key: 'page-0019', file: 'page-0019.jpg' },
      ],
    });
    expect(rescan.items[0]!.pages[2]!.alto).toBeUndefined();
  });

  it('reads an OCR-D workspace: masters from OCR-D-IMG in their own folder, ALTO before PAGE', async () => {
    const xml = `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
      <mets:dmdSec ID="D"><mets:mdWrap MDTYPE="MODS"><mets:xmlData><mods:mods><mods:identifier type="purl">http://x</mods:identifier></mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>
      <mets:fileSec>
        <mets:fileGrp USE="OCR-D-IMG-BIN"><mets:file ID="B1" MIMETYPE="image/png"><mets:FLocat xlink:href="OCR-D-IMG-BIN/B1.png"/></mets:file></mets:fileGrp>
        <mets:fileGrp USE="OCR-D-IMG"><mets:file ID="I1" MIMETYPE="image/tiff"><mets:FLocat xlink:href="OCR-D-IMG/INPUT_0001.tif"/></mets:file></mets:fileGrp>
        <mets:fileGrp USE="OCR-D-GT-PAGE"><mets:file ID="P1" MIMETYPE="application/vnd.prima.page+xml"><mets:FLocat xlink:href="OCR-D-GT-PAGE/P1.xml"/></mets:file></mets:fileGrp>
        <mets:fileGrp USE="OCR-D-GT-ALTO"><mets:file ID="A1" MIMETYPE="application/alto+xml"><mets:FLocat xlink:href="OCR-D-GT-ALTO/A1.xml"/></mets:file></mets:fileGrp>
      </mets:fileSec>
      <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="physSequence"><mets:div TYPE="page" ID="PHYS_0001">
        <mets:fptr FILEID="B1"/><mets:fptr FILEID="I1"/><mets:fptr FILEID="P1"/><mets:fptr FILEID="A1"/>
      </mets:div></mets:div></mets:structMap>
    </mets:mets>`;
    const files = ['OCR-D-IMG-BIN/B1.png', 'OCR-D-IMG/INPUT_0001.tif', 'OCR-D-GT-PAGE/P1.xml', 'OCR-D-GT-ALTO/A1.xml'];
    const name = `ocrd-workspace-${++n}`;
    const scan = await item(xml, files, name);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]).toMatchObject({
      id: name,
      untitled: true,
      pages: [{ key: 'input_0001', file: 'OCR-D-IMG/INPUT_0001.tif', alto: 'OCR-D-GT-ALTO/A1.xml' }],
    });
    // The binarised copy when the configuration prefers it, and a masters group missing from the folder is passed over.
    const rescan = await scanSource(path.join(dir, name), {
      ...defaults,
      metsGroups: { images: ['MASTER', 'OCR-D-IMG-BIN'], texts: ['OCR-D-GT-ALTO'] },
    });
    expect(rescan.items[0]!.pages[0]!.file).toBe('OCR-D-IMG-BIN/B1.png');
  });

  it('does not follow a symbolic link an href names', async () => {
    const name = `item-${++n}`;
    const outside = path.join(dir, `secret-${n}.tif`);
    await writeFile(outside, 'x');
    await mkdir(path.join(dir, name, 'images'), { recursive: true });
    await symlink(outside, path.join(dir, name, 'scan.tif'));
    const scan = await item(mets({ files: ['scan.tif'] }), [], name);
    expect(scan.items).toEqual([]);
    expect(scan.problems).toContainEqual({
      item: name,
      file: `${name}/mets.xml`,
      reason: expect.stringMatching(/names scan\.tif, which is a symbolic link/),
    });
  });
});
