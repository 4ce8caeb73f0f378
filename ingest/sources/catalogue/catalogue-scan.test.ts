// MARC and Dublin Core item folders through scanSource, as a curator lays them out: a record file
// in the item folder, or one catalogue file at the top of a collection matched to its item folders
// by identifier; which file wins when there are several; and bad records, each reported with item,
// file and reason while the other items still publish.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSource } from '../scan.ts';
import type { SourceItem, SourceScan } from '../source-item.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const defaults = { rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };
let root: string;

/** An item folder with `pages` page images (names only matter to the scan) and the given files. */
async function itemFolder(folder: string, files: Record<string, string | Buffer>, pages = 2): Promise<void> {
  await mkdir(path.join(folder, 'images'), { recursive: true });
  for (let n = 1; n <= pages; n++) await writeFile(path.join(folder, 'images', `page-000${n}.jpg`), '');
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder, name), content);
}

const fixture = (name: string) => readFile(path.join(FIXTURES, name));

function byId(scan: SourceScan, id: string): SourceItem {
  const item = scan.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in ${scan.items.map((i) => i.id).join(', ')}; problems: ${JSON.stringify(scan.problems)}`);
  return item;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'leeszaal-catalogue-scan-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("an item folder's own record", () => {
  let scan: SourceScan;
  beforeAll(async () => {
    const source = path.join(root, 'own');
    await itemFolder(path.join(source, 'kant-aufklaerung-1784'), { 'marc.xml': await fixture('kant-aufklaerung-1784/marc.xml') });
    await itemFolder(path.join(source, 'kant-binary'), { 'record.mrc': await fixture('kant-mrc/record.mrc') });
    await itemFolder(path.join(source, 'pembroke-werke-1766'), { 'dc.xml': await fixture('pembroke-werke-1766/dc.xml') }, 1);
    scan = await scanSource(source, defaults);
  });

  it('reads MARCXML, binary MARC and Dublin Core without problems', () => {
    expect(scan.problems).toEqual([]);
    expect(scan.warnings).toBeUndefined();
    expect(scan.items.map((i) => i.id).sort()).toEqual(['kant-aufklaerung-1784', 'kant-binary', 'pembroke-werke-1766']);
  });

  it('maps the MARCXML record to the item, and publishes the file as its source record', () => {
    expect(byId(scan, 'kant-aufklaerung-1784')).toMatchObject({
      type: 'book',
      label: { none: ['Beantwortung der Frage: Was ist Aufklärung?'] },
      agents: [{ name: 'Kant, Immanuel, 1724-1804', role: 'aut', uri: 'http://d-nb.info/gnd/118559796' }],
      place: 'Berlin',
      publisher: 'Haude und Spener',
      date: '1784',
      languages: ['ger'],
      subjects: ['Philosophie', 'Fachtext'],
      shelfmark: 'Berlin ZLB, in: o XIV 16975-4.1784',
      holdingInstitution: 'Zentral- und Landesbibliothek Berlin',
      partOf: 'Berlinische Monatsschrift',
      externalUrl: 'http://www.deutschestextarchiv.de/kant_aufklaerung_1784',
      rights: defaults.rights,
      attribution: defaults.attribution,
      behavior: 'paged',
      sourceRecord: { file: 'marc.xml', format: 'marcxml' },
      pages: [
        { key: 'page-0001', file: 'images/page-0001.jpg' },
        { key: 'page-0002', file: 'images/page-0002.jpg' },
      ],
    });
  });

  it('reads the binary record to the same description', () => {
    const { id: _a, folder: _b, metadataFile: _c, sourceRecord, ...binary } = byId(scan, 'kant-binary');
    const { id: _d, folder: _e, metadataFile: _f, sourceRecord: _g, ...xml } = byId(scan, 'kant-aufklaerung-1784');
    expect(binary).toEqual(xml);
    expect(sourceRecord).toEqual({ file: 'record.mrc', format: 'marc' });
  });

  it('maps Dublin Core, with its licence in words', () => {
    expect(byId(scan, 'pembroke-werke-1766')).toMatchObject({
      type: 'book',
      label: { none: ['Des Grafen und der Gräfin von Pembrock sämtliche Werke der Punctirkunst'] },
      agents: [
        { name: 'Pembroke, Henry Herbert', role: 'cre' },
        { name: 'Pembroke, Mary Herbert', role: 'cre' },
        { name: 'Deutsche Forschungsgemeinschaft', role: 'ctb' },
      ],
      date: '1766',
      publisher: 'Stettin',
      rights: 'http://creativecommons.org/licenses/by-nc-sa/4.0/',
      externalUrl: 'http://resolver.staatsbibliothek-berlin.de/SBB0001CA7900000000',
      sourceRecord: { file: 'dc.xml', format: 'dc' },
    });
  });
});

describe('precedence among metadata files', () => {
  it.each<[string, string[], string]>([
    ['item.json over MARC and Dublin Core', ['item.json', 'marc.xml', 'dc.xml'], 'json'],
    ['METS over MARC and Dublin Core', ['mets.xml', 'marc.xml', 'dc.xml'], 'mets'],
    ['MARC over Dublin Core', ['marc.xml', 'dc.xml'], 'marcxml'],
    ['Dublin Core over nothing', ['dc.xml'], 'dc'],
  ])('%s', async (name, files, format) => {
    const folder = path.join(root, 'precedence', name.replaceAll(' ', '-'));
    const content: Record<string, string | Buffer> = {
      'item.json': JSON.stringify({ title: 'From item.json' }),
      'mets.xml': await readFile(path.join(import.meta.dirname, '..', 'fixtures', 'logical-mets', 'mets.xml')),
      'marc.xml': await fixture('kant-aufklaerung-1784/marc.xml'),
      'dc.xml': await fixture('pembroke-werke-1766/dc.xml'),
    };
    if (files.includes('mets.xml')) await cp(path.join(import.meta.dirname, '..', 'fixtures', 'logical-mets'), folder, { recursive: true });
    else await itemFolder(folder, {});
    for (const file of files) await writeFile(path.join(folder, file), content[file]!);
    const scan = await scanSource(folder, defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]?.sourceRecord?.format).toBe(format);
  });
});

describe("a collection's catalogue file", () => {
  for (const [form, file] of [
    ['MARCXML', 'sbb-collection/catalogue.marcxml'],
    ['binary MARC', 'sbb-collection-mrc/catalogue.mrc'],
  ] as const) {
    describe(form, () => {
      let scan: SourceScan;
      beforeAll(async () => {
        const source = path.join(root, `collection-${form.replace(' ', '-')}`);
        await mkdir(source, { recursive: true });
        await writeFile(path.join(source, path.basename(file)), await fixture(file));
        // Named after the 035 without its prefix, after the 852 shelfmark, and after nothing in the file.
        await itemFolder(path.join(source, 'GBV767137728'), {});
        await itemFolder(path.join(source, 'Na 3722'), {}, 1);
        await itemFolder(path.join(source, 'box-12'), {});
        scan = await scanSource(source, defaults);
      });

      it('matches records to item folders by identifier and shelfmark', () => {
        expect(scan.problems).toEqual([]);
        expect(byId(scan, 'gbv767137728')).toMatchObject({
          type: 'periodical',
          label: { none: ['Der Herold. 1839'] },
          partOf: 'Deutsches Territorialrecht des 19. Jahrhunderts',
          rights: 'http://creativecommons.org/licenses/by-nc-sa/4.0/',
          shelfmark: 'Gq 14350;Beil.3-1839',
          sourceRecord: { file: 'marc.xml', format: 'marcxml' },
        });
        expect(byId(scan, 'na-3722')).toMatchObject({
          label: { none: [expect.stringMatching(/^Des Grafen und der Gräfin von Pembrock sämtliche Werke der Punctirkunst: nach welcher/)] },
          place: 'Ulm; Leipzig; Frankfurt',
          agents: [
            { name: 'Pembroke, Henry Herbert', role: 'aut' },
            { name: 'Pembroke, Mary Herbert', role: 'aut' },
            { name: 'Deutsche Forschungsgemeinschaft', role: 'fnd' },
          ],
        });
      });

      it("publishes each item's own record, not the whole file", async () => {
        const text = byId(scan, 'gbv767137728').metadataText ?? '';
        expect(text).toContain('<record xmlns="http://www.loc.gov/MARC21/slim">');
        expect(text).toContain('Der Herold');
        expect(text).not.toContain('Pembrock');
      });

      it('reports the record and the folder that match nothing, and still publishes the folder', () => {
        expect(byId(scan, 'box-12')).toMatchObject({ untitled: true });
        const warnings = (scan.warnings ?? []).map((w) => `${w.item} (${w.file}): ${w.reason}`);
        expect(warnings).toEqual([
          expect.stringMatching(/^box-12 \(.*box-12\): no record of the collection's catalogue matches the folder name "box-12"/),
          expect.stringMatching(
            new RegExp(
              `^collection-.* \\(.*${path.basename(file).replace('.', '\\.')}\\): ${path.basename(file).replace('.', '\\.')} record 3 \\(Beantwortung der Frage: Was ist Aufklärung\\?; identifiers 16167, DE-Dta-16167.*\\) matches no item folder`,
            ),
          ),
        ]);
      });
    });
  }

  it("refuses a folder whose name matches two records, and uses an item folder's own record over the collection's", async () => {
    const source = path.join(root, 'ambiguous');
    await mkdir(source, { recursive: true });
    // The Herold record exported twice, as a merged export can hold it.
    const xml = (await fixture('sbb-collection/catalogue.marcxml')).toString('utf8');
    const herold = xml.slice(xml.indexOf('<marc:record>'), xml.indexOf('</marc:record>') + '</marc:record>'.length);
    await writeFile(path.join(source, 'catalogue.marcxml'), xml.replace('</marc:collection>', `${herold}\n</marc:collection>`));
    await itemFolder(path.join(source, 'GBV767137728'), {});
    await itemFolder(path.join(source, 'na-3722'), { 'dc.xml': await fixture('pembroke-werke-1766/dc.xml') });
    const scan = await scanSource(source, defaults);
    expect(scan.problems).toEqual([
      {
        item: 'GBV767137728',
        file: 'GBV767137728',
        reason:
          "the folder name matches 2 records of the collection's catalogue (catalogue.marcxml record 1, catalogue.marcxml record 4): name the folder after an identifier only one of them has",
      },
    ]);
    expect(byId(scan, 'na-3722').sourceRecord).toEqual({ file: 'dc.xml', format: 'dc' });
    // Records 1 and 4 were claimed by GBV767137728 and record 2 by na-3722: only Kant's is left.
    expect((scan.warnings ?? []).map((w) => w.reason)).toEqual([expect.stringMatching(/^catalogue\.marcxml record 3 /)]);
  });

  it('reports a damaged record, publishes the folders matched to the others, and holds back those that match none', async () => {
    const source = path.join(root, 'damaged-catalogue');
    await mkdir(source, { recursive: true });
    const binary = await fixture('sbb-collection-mrc/catalogue.mrc');
    await writeFile(path.join(source, 'catalogue.mrc'), binary.subarray(0, binary.length - 40));
    await itemFolder(path.join(source, 'GBV767137728'), {});
    await itemFolder(path.join(source, 'kant'), {});
    const scan = await scanSource(source, defaults);
    expect(scan.items.map((i) => i.id)).toEqual(['gbv767137728']);
    expect(scan.problems).toEqual([
      {
        item: 'damaged-catalogue',
        file: 'catalogue.mrc',
        reason: 'catalogue.mrc record 3: it has no record terminator (hex 1D) at its end: the file is truncated',
      },
      {
        item: 'kant',
        file: 'kant',
        reason:
          "no record of the collection's catalogue matches the folder name, and catalogue.mrc record 3 could not be read: the item is published once the catalogue is fixed",
      },
    ]);
  });

  it('holds back every folder without its own record while the catalogue file is not well-formed', async () => {
    const source = path.join(root, 'malformed-catalogue');
    await mkdir(source, { recursive: true });
    await writeFile(path.join(source, 'catalogue.marcxml'), '<collection xmlns="http://www.loc.gov/MARC21/slim"><record>');
    await itemFolder(path.join(source, 'GBV767137728'), {});
    await itemFolder(path.join(source, 'own-record'), { 'dc.xml': await fixture('pembroke-werke-1766/dc.xml') });
    const scan = await scanSource(source, defaults);
    expect(scan.items.map((i) => i.id)).toEqual(['own-record']);
    expect(scan.problems.map((p) => `${p.item} (${p.file}): ${p.reason}`)).toEqual([
      expect.stringMatching(/^malformed-catalogue \(catalogue\.marcxml\): catalogue\.marcxml is not well-formed XML/),
      "GBV767137728 (GBV767137728): no record of the collection's catalogue matches the folder name, and catalogue.marcxml could not be read: the item is published once the catalogue is fixed",
    ]);
  });

  it('matches Dublin Core records of an OAI-PMH ListRecords response by their OAI identifier', async () => {
    const source = path.join(root, 'oai-collection');
    const dc = (await fixture('pembroke-werke-1766/dc.xml')).toString('utf8').replace(/<\?xml[^>]*\?>/, '');
    const record = (id: string, body: string) =>
      `<record><header><identifier>oai:digital.staatsbibliothek-berlin.de:${id}</identifier></header><metadata>${body}</metadata></record>`;
    await mkdir(source, { recursive: true });
    await writeFile(
      path.join(source, 'listrecords_dc.xml'),
      `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>${record('PPN85249078X', dc)}</ListRecords></OAI-PMH>`,
    );
    await itemFolder(path.join(source, 'PPN85249078X'), {}, 1);
    const scan = await scanSource(source, defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.warnings).toBeUndefined();
    expect(byId(scan, 'ppn85249078x')).toMatchObject({
      label: { none: ['Des Grafen und der Gräfin von Pembrock sämtliche Werke der Punctirkunst'] },
      sourceRecord: { file: 'dc.xml', format: 'dc' },
    });
    expect(byId(scan, 'ppn85249078x').metadataText).toContain('<dc:title>Des Grafen und der Gräfin von Pembrock');
  });
});

it('refuses an item folder with two MARC files, naming both', async () => {
  const folder = path.join(root, 'two-marc-files');
  await itemFolder(folder, { 'marc.xml': await fixture('kant-aufklaerung-1784/marc.xml'), 'record.mrc': await fixture('kant-mrc/record.mrc') });
  const scan = await scanSource(folder, defaults);
  expect(scan.items).toEqual([]);
  expect(scan.problems).toEqual([
    {
      item: 'two-marc-files',
      file: 'two-marc-files',
      reason: 'the item folder has 2 MARC files (marc.xml, record.mrc): keep the one that describes the item',
    },
  ]);
});

describe('bad records', () => {
  let scan: SourceScan;
  const reasonOf = (item: string) =>
    scan.problems
      .filter((p) => p.item === item)
      .map((p) => `${p.file}: ${p.reason}`)
      .join('\n');
  beforeAll(async () => {
    const source = path.join(root, 'bad');
    const kant = (await fixture('kant-aufklaerung-1784/marc.xml')).toString('utf8');
    const binary = await fixture('kant-mrc/record.mrc');
    await itemFolder(path.join(source, 'malformed'), { 'marc.xml': kant.replace('</record>', '') });
    await itemFolder(path.join(source, 'entity'), {
      'marc.xml': kant
        .replace('<record', '<!DOCTYPE record [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<record')
        .replace('Immanuel Kant.', '&xxe;'),
    });
    await itemFolder(path.join(source, 'truncated'), { 'record.mrc': binary.subarray(0, 500) });
    await itemFolder(path.join(source, 'two-records'), { 'marc.xml': await fixture('sbb-collection/catalogue.marcxml') });
    await itemFolder(path.join(source, 'bad-link'), {
      'marc.xml': kant.replace('http://www.deutschestextarchiv.de/kant_aufklaerung_1784', 'javascript:alert(1)'),
    });
    await itemFolder(path.join(source, 'bad-dc'), { 'dc.xml': '<oai_dc:dc xmlns:oai_dc="x"><title>A</oai_dc:dc>' });
    await itemFolder(path.join(source, 'no-title'), { 'marc.xml': kant.replace(/<datafield tag="245"[\s\S]*?<\/datafield>/, '') });
    await itemFolder(path.join(source, 'good'), { 'dc.xml': await fixture('pembroke-werke-1766/dc.xml') });
    scan = await scanSource(source, defaults);
  });

  it('refuses each with item, file and reason', () => {
    expect(reasonOf('malformed')).toMatch(/^malformed\/marc\.xml: marc\.xml is not well-formed XML: .*line \d+/);
    expect(reasonOf('entity')).toMatch(/^entity\/marc\.xml: marc\.xml is refused: its DTD declares the entity "xxe"/);
    expect(reasonOf('truncated')).toBe('truncated/record.mrc: record.mrc: it has no record terminator (hex 1D) at its end: the file is truncated');
    expect(reasonOf('two-records')).toMatch(/^two-records\/marc\.xml: marc\.xml holds 3 records, and an item folder's own file describes one item/);
    expect(reasonOf('bad-link')).toBe(
      'bad-link/marc.xml: marc.xml: MARC 856 $u "javascript:alert(1)" is a javascript: URL; only http and https links are accepted',
    );
    expect(reasonOf('bad-dc')).toMatch(/^bad-dc\/dc\.xml: dc\.xml is not well-formed XML/);
    expect(scan.problems).toHaveLength(6);
  });

  it('publishes a record without 245 as untitled, with a warning, and the good item as it is', () => {
    expect(scan.items.map((i) => i.id).sort()).toEqual(['good', 'no-title']);
    expect(byId(scan, 'no-title')).toMatchObject({ untitled: true, label: { en: ['Untitled'] }, agents: [{ name: 'Kant, Immanuel, 1724-1804' }] });
    expect(scan.warnings).toEqual([
      { item: 'no-title', file: 'no-title/marc.xml', reason: 'marc.xml has no title (MARC 245 $a, or dc:title): published as "Untitled"' },
    ]);
  });
});
