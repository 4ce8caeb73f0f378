// Collection CSVs as curators save them: column names in nl/fr/en, `;` or `,` separated, UTF-8 or
// Windows-1252, several files per row, missing titles; and the rows that must be reported.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceScan } from './source-item.ts';
import { COLUMN_NAMES } from './csv.ts';
import { scanSource } from './scan.ts';

const defaults = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };

describe('CSV collections', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function collection(csv: string | Uint8Array, files: string[], name = `collection-${++n}`): Promise<SourceScan> {
    const folder = path.join(dir, name);
    await mkdir(path.join(folder, 'images'), { recursive: true });
    for (const f of files) {
      await mkdir(path.dirname(path.join(folder, f)), { recursive: true });
      await writeFile(path.join(folder, f), 'x');
    }
    await writeFile(path.join(folder, 'items.csv'), csv);
    return scanSource(folder, defaults);
  }

  it.each([
    {
      name: 'Dutch column names, semicolon separated',
      csv:
        'Identificatie;Bestand;Titel;Auteur;Datum;Taal;Drukker;Plaats;Rechten;Naamsvermelding\n' +
        'brugge-1562;kaart.jpg;Brugge;Marcus Gerards;1562;Nederlands;Hubert Goltzius;Brugge;https://creativecommons.org/publicdomain/mark/1.0/;Musea Brugge\n',
      files: ['images/kaart.jpg'],
      item: {
        id: 'brugge-1562',
        label: { none: ['Brugge'] },
        agents: [
          { name: 'Marcus Gerards', role: 'aut' },
          { name: 'Hubert Goltzius', role: 'prt' },
        ],
        date: '1562',
        languages: ['dut'],
        publisher: 'Hubert Goltzius',
        place: 'Brugge',
        rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
        attribution: 'Musea Brugge',
        type: 'print',
        behavior: 'individuals',
        pages: [{ key: 'kaart', file: 'images/kaart.jpg' }],
      },
    },
    {
      name: 'French column names, several files in one row',
      csv:
        'identifiant,fichiers,titre,auteur,date,langue,éditeur,lieu,cote\n' +
        'heures-1500,"f1.tif; f2.tif ;f10.tif",Heures à l\'usage de Rome,Anonyme,ca. 1500,fre,Vérard,Paris,Ms 12\n',
      files: ['images/f1.tif', 'images/f2.tif', 'images/f10.tif'],
      item: {
        id: 'heures-1500',
        label: { none: ["Heures à l'usage de Rome"] },
        agents: [
          { name: 'Anonyme', role: 'aut' },
          { name: 'Vérard', role: 'pbl' },
        ],
        date: 'ca. 1500',
        languages: ['fre'],
        publisher: 'Vérard',
        place: 'Paris',
        shelfmark: 'Ms 12',
        type: 'book',
        behavior: 'paged',
        pages: [
          { key: 'f1', file: 'images/f1.tif' },
          { key: 'f2', file: 'images/f2.tif' },
          { key: 'f10', file: 'images/f10.tif' },
        ],
      },
    },
    {
      name: 'English names, tab separated, file path relative to the CSV, page labels and type',
      csv:
        'ID\tFile\tTitle\tCreator\tYear\tLanguages\tType\tPage labels\tSubjects\tViewing direction\n' +
        'scroll-1\tscans/a.png|scans/b.png\tA scroll\tUnknown\t1700\theb\tmanuscript\tfol. 1;fol. 2\tScrolls; Hebrew\tright-to-left\n',
      files: ['scans/a.png', 'scans/b.png'],
      item: {
        id: 'scroll-1',
        date: '1700',
        languages: ['heb'],
        type: 'manuscript',
        behavior: 'paged',
        agents: [{ name: 'Unknown', role: 'cre' }],
        subjects: ['Scrolls', 'Hebrew'],
        viewingDirection: 'right-to-left',
        pages: [
          { key: 'a', label: 'fol. 1', file: 'scans/a.png' },
          { key: 'b', label: 'fol. 2', file: 'scans/b.png' },
        ],
      },
    },
    {
      name: 'no id column: the id comes from the file name; no title: the neutral label',
      csv: 'file,date\nGezicht op Damme.jpg,1650\n',
      files: ['images/Gezicht op Damme.jpg'],
      item: {
        id: 'gezicht-op-damme',
        untitled: true,
        label: { nl: ['Zonder titel'], fr: ['Sans titre'], en: ['Untitled'] },
        rights: defaults.rights,
        attribution: defaults.attribution,
        pages: [{ key: 'gezicht-op-damme', file: 'images/Gezicht op Damme.jpg' }],
      },
    },
  ])('reads $name', async ({ csv, files, item }) => {
    const scan = await collection(csv, files);
    expect(scan.problems).toEqual([]);
    expect(scan.items).toHaveLength(1);
    expect(scan.items[0]).toMatchObject({ ...item, sourceRecord: { file: 'row.csv', format: 'csv' }, toc: [] });
  });

  it.each([
    { cell: 'Scrolls; Hebrew', subjects: ['Scrolls', 'Hebrew'] },
    { cell: 'Bruges | history', subjects: ['Bruges | history'] },
    { cell: 'Geschiedenis|Brugge;Kaarten', subjects: ['Geschiedenis|Brugge', 'Kaarten'] },
    { cell: '"Brugge -- Geschiedenis\nKaarten ; "', subjects: ['Brugge -- Geschiedenis', 'Kaarten'] },
  ])('splits subjects $cell on ; and line breaks only, keeping | inside a subject', async ({ cell, subjects }) => {
    const scan = await collection(`id,file,onderwerpen\nx,a.jpg,${cell}\n`, ['images/a.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.subjects).toEqual(subjects);
  });

  it('reads a Windows-1252 file with a byte order mark-less header, keeping the accents', async () => {
    const bytes = Uint8Array.from([...Buffer.from('id;file;titel\nx;a.jpg;'), 0x50, 0xe9, 0x72, 0x6f, 0x6e, 0x6e, 0x65, 0x0a]);
    const scan = await collection(bytes, ['images/a.jpg']);
    expect(scan.items[0]!.label).toEqual({ none: ['Péronne'] });
  });

  it('reads UTF-8 with a byte order mark', async () => {
    const scan = await collection(`\uFEFFid,file,title\nx,a.jpg,Ieper\n`, ['images/a.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]).toMatchObject({ id: 'x', label: { none: ['Ieper'] } });
  });

  it('keeps the row as its own source record, quoted multi-line notes included', async () => {
    const scan = await collection('id,file,note\nx,a.jpg,"eerste regel\ntweede regel"\ny,b.jpg,kort\n', ['images/a.jpg', 'images/b.jpg']);
    expect(scan.items.map((i) => [i.note, i.metadataText])).toEqual([
      ['eerste regel\ntweede regel', 'id,file,note\nx,a.jpg,"eerste regel\ntweede regel"\n'],
      ['kort', 'id,file,note\ny,b.jpg,kort\n'],
    ]);
  });

  it.each([
    { row: 'x,missing.jpg,Titel,,', reason: /^line 2: file missing\.jpg is not in the collection folder or its images\/ folder$/ },
    { row: 'x,a.gif,Titel,,', reason: /^line 2: a\.gif is not a supported image format/ },
    { row: 'x,../../etc/passwd.jpg,Titel,,', reason: /^line 2: file \.\.\/\.\.\/etc\/passwd\.jpg is not in/ },
    { row: 'x,,Titel,,', reason: /^line 2: the file column is empty$/ },
    { row: 'x,a.jpg,Titel,Klingon,', reason: /^line 2: language "Klingon" is not an ISO 639 code/ },
    {
      row: 'x,a.jpg,Titel,,alle rechten voorbehouden',
      reason: /^line 2: rights "alle rechten voorbehouden" is not a rightsstatements\.org or Creative Commons URI$/,
    },
    { row: 'x,a.jpg,Titel,,,extra', reason: /^line 2: the row has 6 cells but the header names 5 columns$/ },
  ])('reports $reason and keeps the other rows', async ({ row, reason }) => {
    const name = `collection-${++n}`;
    const scan = await collection(`id,file,title,language,rights\n${row}\ngood,a.jpg,Goed,nl,\n`, ['images/a.jpg'], name);
    expect(scan.problems).toEqual([{ item: 'x', file: 'items.csv', reason: expect.stringMatching(reason) }]);
    expect(scan.items.map((i) => i.id)).toEqual(['good']);
  });

  it('reports two rows claiming one id, keeping neither', async () => {
    const name = `collection-${++n}`;
    const scan = await collection('id,file\nsame,a.jpg\nSAME,b.jpg\nother,a.jpg\n', ['images/a.jpg', 'images/b.jpg'], name);
    expect(scan.items.map((i) => i.id)).toEqual(['other']);
    expect(scan.problems).toEqual([
      { item: 'same', file: 'items.csv', reason: expect.stringMatching(/claimed 2 times \(also 1 more time\(s\) in the same file/) },
      { item: 'same', file: 'items.csv', reason: expect.stringMatching(/claimed 2 times/) },
    ]);
  });

  it('reports 100,000 rows claiming one id within seconds, every row named by its line, each message bounded', async () => {
    const rows = 100_000;
    const csv = `id,file\n${'same,a.jpg\n'.repeat(rows)}`;
    const started = performance.now();
    const scan = await collection(csv, ['images/a.jpg']);
    const seconds = (performance.now() - started) / 1000;
    expect(scan.items).toEqual([]);
    expect(scan.problems).toHaveLength(rows);
    expect(new Set(scan.problems.map((p) => p.reason.match(/^line (\d+):/)?.[1])).size).toBe(rows);
    expect(scan.problems[0]).toEqual({
      item: 'same',
      file: 'items.csv',
      reason: `line 2: item id same is claimed ${rows} times (also ${rows - 1} more time(s) in the same file: lines 3, 4, 5, 6, 7 and ${rows - 6} more); give each item its own id`,
    });
    expect(Math.max(...scan.problems.map((p) => p.reason.length))).toBeLessThan(200);
    // Quadratic, 10,000 such rows took 207 s; linear, 100,000 take about a second.
    expect(seconds).toBeLessThan(30);
  });

  it('reports a CSV without a file column against the collection', async () => {
    const name = `collection-${++n}`;
    const scan = await collection('id,title\nx,y\n', [], name);
    expect(scan).toEqual({
      items: [],
      problems: [{ item: name, file: 'items.csv', reason: expect.stringMatching(/has no file column \(accepted names: file, files/) }],
    });
  });

  it('gives every accepted column name to one field only', () => {
    const all = Object.values(COLUMN_NAMES).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
