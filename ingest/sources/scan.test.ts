// scanSource against the sample corpus, rebuilt from the repository by test/support/corpus.ts with
// its real metadata (every collection must come through without problems), and against fixtures of
// broken input (each problem named, the other items still read).
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../manifests/layout.ts';
import { buildCorpus } from '../../test/support/corpus.ts';
import type { SourceItem, SourceScan } from './source-item.ts';
import { scanSource } from './scan.ts';

let corpus: string;
const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const defaults = { rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };
const pad = (n: number) => String(n).padStart(4, '0');

function byId(scan: SourceScan, id: string): SourceItem {
  const item = scan.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in ${scan.items.map((i) => i.id).join(', ')}`);
  return item;
}

beforeAll(async () => {
  corpus = await mkdtemp(path.join(tmpdir(), 'leeszaal-scan-corpus-'));
  await buildCorpus(corpus);
});

afterAll(async () => {
  await rm(corpus, { recursive: true, force: true });
});

describe('scanSource on the corpus', () => {
  let whole: SourceScan;
  beforeAll(async () => {
    whole = await scanSource(corpus, defaults);
  });

  it('reads all four collections without problems', () => {
    expect(whole.problems).toEqual([]);
    expect(whole.items.map((i) => i.id)).toEqual([
      'der-herold-1839',
      'kant-aufklaerung-1784',
      'pembroke-werke-1766',
      'bengel-abriss-1751',
      'corvinus-frauenzimmer-1715',
      'dannhauer-catechismus-1653',
      'eiteritz-1719',
      'fleming-jaeger-1719',
    ]);
    for (const item of whole.items) {
      expect(item.id).toMatch(ID_PATTERN);
      for (const page of item.pages) expect(page.key).toMatch(ID_PATTERN);
      expect(new Set(item.pages.map((p) => p.key)).size).toBe(item.pages.length);
    }
  });

  it.each([
    { folder: 'kant-aufklaerung-1784', ids: ['kant-aufklaerung-1784'] },
    { folder: 'der-herold-1839', ids: ['der-herold-1839'] },
    { folder: 'pembroke-werke-1766', ids: ['pembroke-werke-1766'] },
    {
      folder: 'prints-1653-1751',
      ids: ['bengel-abriss-1751', 'corvinus-frauenzimmer-1715', 'dannhauer-catechismus-1653', 'eiteritz-1719', 'fleming-jaeger-1719'],
    },
  ])('scans $folder on its own the same as within the corpus', async ({ folder, ids }) => {
    const scan = await scanSource(path.join(corpus, folder), defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items.map((i) => i.id)).toEqual(ids);
    for (const item of scan.items) expect(item).toEqual(byId(whole, item.id));
  });

  it('Kant: 20 pages in order, METS page labels, ALTO on pages 17 and 20', () => {
    const kant = byId(whole, 'kant-aufklaerung-1784');
    expect(kant.pages.map((p) => p.key)).toEqual(Array.from({ length: 20 }, (_, i) => `page-${pad(i + 1)}`));
    expect(kant.pages.map((p) => p.file)).toEqual(Array.from({ length: 20 }, (_, i) => `images/page-${pad(i + 1)}.tif`));
    expect(kant.pages.filter((p) => p.label)).toEqual([
      { key: 'page-0017', label: '481', file: 'images/page-0017.tif', alto: 'alto/page-0017.xml' },
      { key: 'page-0020', label: '484', file: 'images/page-0020.tif', alto: 'alto/page-0020.xml' },
    ]);
    expect(kant.pages.filter((p) => p.alto).map((p) => p.key)).toEqual(['page-0017', 'page-0020']);
    expect(kant).toMatchObject({
      type: 'book',
      behavior: 'paged',
      viewingDirection: 'left-to-right',
      label: { none: ['Beantwortung der Frage: Was ist Aufklärung?'] },
      agents: [{ name: 'Immanuel Kant', role: 'aut' }],
      publisher: 'Haude und Spener',
      place: 'Berlin',
      date: '1784',
      languages: ['ger'],
      shelfmark: 'Berlin ZLB, in: o XIV 16975-4.1784',
      holdingInstitution: 'Zentral- und Landesbibliothek Berlin',
      rights: defaults.rights,
      folder: path.join(corpus, 'kant-aufklaerung-1784'),
      metadataFile: path.join(corpus, 'kant-aufklaerung-1784/mets.xml'),
      sourceRecord: { file: 'mets.xml', format: 'mets' },
      toc: [],
    });
    expect(kant.untitled).toBeUndefined();
    expect(kant.identifiers).toContainEqual({ type: 'urn', value: 'urn:nbn:de:kobv:b4-200905192971' });
  });

  it('Der Herold: a periodical volume with the licence from MODS accessCondition', () => {
    expect(byId(whole, 'der-herold-1839')).toMatchObject({
      type: 'periodical',
      behavior: 'paged',
      label: { none: ['Der Herold'] },
      date: '1839',
      languages: ['ger'],
      rights: 'http://creativecommons.org/licenses/by-nc-sa/4.0/',
      attribution: 'Staatsbibliothek zu Berlin - Preußischer Kulturbesitz',
      holdingInstitution: 'Staatsbibliothek zu Berlin - Preußischer Kulturbesitz, Berlin, Germany',
      shelfmark: 'Gq 14350;Beil.3-1839',
      pages: [
        { key: 'page-0002', file: 'images/page-0002.tif' },
        { key: 'page-0005', file: 'images/page-0005.tif' },
      ],
    });
    // The digitisation event's place and publisher are not the publication's.
    expect(byId(whole, 'der-herold-1839').place).toBeUndefined();
    expect(byId(whole, 'der-herold-1839').publisher).toBeUndefined();
  });

  it('Pembroke: the monograph record among 35 dmdSecs, one labelled page', () => {
    const pembroke = byId(whole, 'pembroke-werke-1766');
    expect(pembroke.label.none?.[0]).toMatch(/^Des Grafen und der Gräfin von Pembrock sämtliche Werke der Punctirkunst: nach welcher/);
    expect(pembroke).toMatchObject({
      type: 'book',
      place: 'Ulm; Leipzig; Frankfurt',
      date: '1766',
      publisher: 'Stettin',
      shelfmark: 'Na 3722',
      agents: [
        { name: 'Pembroke, Henry Herbert', role: 'aut' },
        { name: 'Pembroke, Mary Herbert', role: 'aut' },
        { name: 'Deutsche Forschungsgemeinschaft', role: 'fnd' },
      ],
      pages: [{ key: 'page-0010', label: '3', file: 'images/page-0010.tif' }],
    });
    expect(pembroke.subjects).toContain('Astrologie');
    expect(pembroke.identifiers).toContainEqual({ type: 'vd18', value: '12702439' });
  });

  it('prints: five single-page prints from the CSV, the untitled one with a neutral label', () => {
    const prints = whole.items.filter((i) => i.sourceRecord?.format === 'csv');
    expect(prints).toHaveLength(5);
    for (const print of prints) {
      expect(print).toMatchObject({
        type: 'print',
        behavior: 'individuals',
        languages: ['ger'],
        rights: defaults.rights,
        attribution: defaults.attribution,
      });
      expect(print.pages).toHaveLength(1);
      expect(print.pages[0]!.file).toMatch(/^images\/.+\.jpg$/);
      expect(print.metadataText).toMatch(/^id,file,label,creator,date,language,source,note\n.+\n$/);
    }
    expect(byId(whole, 'eiteritz-1719')).toMatchObject({
      untitled: true,
      label: { nl: ['Zonder titel'], fr: ['Sans titre'], en: ['Untitled'] },
      agents: [{ name: 'Eiteritz', role: 'cre' }],
      date: '1719',
      note: 'title not yet catalogued; single page (p. 206)',
      pages: [{ key: 'eiteritz_affe_1719-0206', file: 'images/eiteritz_affe_1719-0206.jpg' }],
    });
    expect(byId(whole, 'bengel-abriss-1751')).toMatchObject({
      label: { none: ['Abriß der so genannten Brüdergemeine'] },
      agents: [{ name: 'Bengel, Johann Albrecht', role: 'cre' }],
      externalUrl: 'http://deutschestextarchiv.de/book/view/bengel_abriss01_1751?p=7',
    });
  });
});

describe('scanSource on broken input', () => {
  let scan: SourceScan;
  beforeAll(async () => {
    scan = await scanSource(path.join(fixtures, 'broken'), defaults);
  });

  it.each([
    { item: 'not-xml', file: 'not-xml/mets.xml', reason: /mets\.xml is not well-formed XML: .*line 1/ },
    {
      item: 'missing-mets-file',
      file: 'missing-mets-file/mets.xml',
      reason: /page 2 \(PHYS_2\) names images\/page-2\.png, which is not in the item folder/,
    },
    { item: 'no-images', file: 'no-images', reason: /no page images/ },
    { item: 'gif-page', file: 'gif-page/images/cover.gif', reason: /\.gif is not a supported image format/ },
    { item: 'pdf-page', file: 'pdf-page/scan.pdf', reason: /\.pdf is not a supported image format/ },
    { item: 'bad-json', file: 'bad-json/item.json', reason: /^item\.json creators\[0\]\.role: must be a MARC relator code/ },
    { item: 'bad-json', file: 'bad-json/item.json', reason: /^item\.json rights: must be a rightsstatements\.org or Creative Commons URI/ },
    { item: 'bad-json', file: 'bad-json/item.json', reason: /^item\.json pages\[0\]\.file: is required/ },
    {
      item: 'print-missing',
      file: 'csv-prints/items.csv',
      reason: /^line 3: file missing\.jpg is not in the collection folder or its images\/ folder/,
    },
    { item: 'same-id', file: 'dup-a/item.json', reason: /item id same-id is claimed 2 times \(also by dup-b\/item\.json\)/ },
    { item: 'same-id', file: 'dup-b/item.json', reason: /item id same-id is claimed 2 times \(also by dup-a\/item\.json\)/ },
  ])('$item: $reason', ({ item, file, reason }) => {
    expect(scan.problems).toContainEqual({ item, file, reason: expect.stringMatching(reason) });
  });

  it('publishes a METS without MODS untitled, with a warning', () => {
    expect(scan.warnings).toContainEqual({
      item: 'no-mods',
      file: 'no-mods/mets.xml',
      reason: 'mets.xml has no MODS description: published as "Untitled"',
    });
    expect(byId(scan, 'no-mods')).toMatchObject({ untitled: true, pages: [{ file: 'images/p1.png' }] });
  });

  it('reports nothing else, and still reads the good rows', () => {
    expect(scan.problems).toHaveLength(11);
    expect(scan.items.map((i) => i.id)).toEqual(['print-a', 'print-b', 'no-mods']);
    expect(byId(scan, 'print-b')).toMatchObject({ untitled: true, languages: ['lat'] });
  });

  it('reports an unparseable CSV against its collection', async () => {
    const malformed = await scanSource(path.join(fixtures, 'malformed-csv'), defaults);
    expect(malformed).toEqual({
      items: [],
      problems: [{ item: 'malformed-csv', file: 'items.csv', reason: expect.stringMatching(/^items\.csv cannot be read as CSV: Quote Not Closed/) }],
    });
  });

  it.each([
    { source: 'does-not-exist', reason: 'the source folder does not exist' },
    { source: 'json-book/item.json', reason: 'the source is not a folder' },
  ])('reports a source that is not a folder: $reason', async ({ source, reason }) => {
    const result = await scanSource(path.join(fixtures, source), defaults);
    expect(result).toEqual({ items: [], problems: [{ item: path.basename(source), file: path.join(fixtures, source), reason }] });
  });

  it('refuses default rights that are not a rights URI', async () => {
    await expect(scanSource(fixtures, { rights: 'all rights reserved', attribution: 'x' })).rejects.toThrow(/default rights/);
  });
});

describe('scanSource folder layouts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-scan-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads one item folder, a bare folder of images in natural order', async () => {
    const scan = await scanSource(path.join(fixtures, 'bare-folder'), defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items).toHaveLength(1);
    expect(scan.items[0]).toMatchObject({
      id: 'bare-folder',
      untitled: true,
      type: 'book',
      pages: [
        { key: 'scan-9', file: 'images/scan 9.jpg' },
        { key: 'scan-9-2', file: 'images/Scan 9.png' },
        { key: 'scan-10', file: 'images/Scan 10.png' },
      ],
    });
    expect(scan.items[0]!.metadataFile).toBeUndefined();
  });

  it('applies collection.json rights and attribution to items without their own', async () => {
    const root = path.join(dir, 'with-collection');
    await cp(path.join(fixtures, 'bare-folder'), path.join(root, 'one'), { recursive: true });
    await cp(path.join(corpus, 'pembroke-werke-1766'), path.join(root, 'pembroke-werke-1766'), { recursive: true });
    await writeFile(
      path.join(root, 'collection.json'),
      JSON.stringify({ rights: 'https://creativecommons.org/publicdomain/mark/1.0/', attribution: 'Erfgoed Brugge' }),
    );
    const scan = await scanSource(root, defaults);
    expect(scan.problems).toEqual([]);
    expect(byId(scan, 'one')).toMatchObject({ rights: 'http://creativecommons.org/publicdomain/mark/1.0/', attribution: 'Erfgoed Brugge' });
    // Pembroke's METS states its own licence and owner, which win over the collection's.
    expect(byId(scan, 'pembroke-werke-1766')).toMatchObject({ rights: 'http://creativecommons.org/licenses/by-nc-sa/4.0/' });
  });

  it.each([
    { name: 'its .leeszaal state, before the first run has published anything', files: ['.leeszaal/ingest.lock'] },
    {
      name: 'its .leeszaal state and published files',
      files: ['.leeszaal/state.json', 'iiif/image/bengel-1/0,0,512,512/512,/0/default.jpg', 'records/bengel/row.csv'],
    },
    {
      name: 'its iiif/ and records/ layout, copied without hidden files',
      files: ['iiif/image/bengel-1/full/max/0/default.jpg', 'records/bengel/record.json'],
    },
  ])('leaves out a data folder inside the source, known by $name', async ({ files }) => {
    const root = await mkdtemp(path.join(dir, 'with-data-'));
    await cp(path.join(fixtures, 'bare-folder'), path.join(root, 'one'), { recursive: true });
    for (const file of files) {
      await mkdir(path.dirname(path.join(root, 'nested', 'data', file)), { recursive: true });
      await writeFile(path.join(root, 'nested', 'data', file), 'x');
    }
    await cp(path.join(fixtures, 'bare-folder'), path.join(root, 'nested', 'two'), { recursive: true });
    const scan = await scanSource(root, defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items.map((i) => i.id)).toEqual(['two', 'one']);
    expect(scan.dataFolders).toEqual(['nested/data']);
  });

  it('holds back a whole collection whose collection.json is invalid', async () => {
    const root = path.join(dir, 'bad-collection');
    await cp(path.join(fixtures, 'bare-folder'), path.join(root, 'one'), { recursive: true });
    await writeFile(path.join(root, 'collection.json'), JSON.stringify({ rights: 'CC-BY', colour: 'red' }));
    const scan = await scanSource(root, defaults);
    expect(scan.items).toEqual([]);
    expect(scan.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/^collection\.json rights: must be a rightsstatements\.org or Creative Commons URI/),
      expect.stringMatching(/^collection\.json \(top level\): Unrecognized key: "colour"/),
    ]);
  });
});
