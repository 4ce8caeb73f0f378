// item.json: the fixture book (language-map title, explicit page order, TOC by file or key) and
// the validation errors a curator sees, each naming the field.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceScan } from './source-item.ts';
import { scanSource } from './scan.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const defaults = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };

describe('the json-book fixture', () => {
  it('reads every field', async () => {
    const scan = await scanSource(path.join(fixtures, 'json-book'), defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items).toEqual([
      {
        id: 'getijdenboek-brugge',
        type: 'manuscript',
        label: { nl: ['Getijdenboek'], fr: ["Livre d'heures"], en: ['Book of Hours'] },
        agents: [{ name: 'Willem Vrelant', role: 'ill', uri: 'http://viaf.org/viaf/95866567' }, { name: 'Onbekende kopiist' }],
        date: '1460',
        place: 'Brugge',
        languages: ['lat', 'dut'],
        subjects: ['Getijdenboeken', 'Miniaturen'],
        shelfmark: 'Hs. 314',
        holdingInstitution: 'Openbare Bibliotheek Brugge',
        identifiers: [{ type: 'local', value: 'Hs. 314' }],
        rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
        attribution: 'Openbare Bibliotheek Brugge, Hs. 314',
        sourceRecord: { file: 'item.json', format: 'json' },
        behavior: 'paged',
        viewingDirection: 'left-to-right',
        folder: path.join(fixtures, 'json-book'),
        metadataFile: path.join(fixtures, 'json-book/item.json'),
        pages: [
          { key: 'leaf-1', file: 'scans/leaf-1.png', label: '1r' },
          { key: 'leaf-2', file: 'scans/leaf-2.png', label: '1v' },
          { key: 'leaf-10', file: 'scans/leaf-10.png', label: '5r' },
        ],
        toc: [
          { label: 'Kalender', pages: ['leaf-1', 'leaf-2'], children: [] },
          { label: 'Getijden van Maria', type: 'section', pages: ['leaf-10'], children: [] },
        ],
      },
    ]);
  });
});

describe('item.json variants', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-json-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function item(json: unknown, files: string[]): Promise<{ scan: SourceScan; name: string }> {
    const name = `item-${++n}`;
    const folder = path.join(dir, name);
    await mkdir(folder, { recursive: true });
    for (const f of files) {
      await mkdir(path.dirname(path.join(folder, f)), { recursive: true });
      await writeFile(path.join(folder, f), 'x');
    }
    await writeFile(path.join(folder, 'item.json'), typeof json === 'string' ? json : JSON.stringify(json));
    return { scan: await scanSource(folder, defaults), name };
  }

  it('takes the folder name as id, images in natural order, and the defaults when the file says little', async () => {
    const { scan, name } = await item({ title: 'Stadsplan' }, ['images/p10.jpg', 'images/p2.jpg']);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]).toMatchObject({
      id: name,
      label: { none: ['Stadsplan'] },
      type: 'book',
      rights: defaults.rights,
      attribution: defaults.attribution,
      pages: [
        { key: 'p2', file: 'images/p2.jpg' },
        { key: 'p10', file: 'images/p10.jpg' },
      ],
    });
  });

  it('gives an item without title the neutral label', async () => {
    const { scan } = await item({}, ['a.tif']);
    expect(scan.items[0]).toMatchObject({ untitled: true, label: { nl: ['Zonder titel'] }, type: 'print', behavior: 'individuals' });
  });

  it.each([
    { json: '{ "title": "x", }', reason: /^item\.json is not valid JSON/ },
    { json: ['title'], reason: /^item\.json \(top level\): must be a JSON object/ },
    { json: { title: 5 }, reason: /^item\.json title: has the wrong form/ },
    { json: { title: { nl: 5 } }, reason: /^item\.json title\.nl: has the wrong form/ },
    { json: { date: 1784.5 }, reason: /^item\.json date: must be a whole year/ },
    { json: { subjects: ['Brugge', 7] }, reason: /^item\.json subjects\[1\]: must be text/ },
    { json: { toc: [{ label: 'Deel 1', children: [{ pages: [] }] }] }, reason: /^item\.json toc\[0\]\.children\[0\]\.label: is required/ },
    { json: { title: 'x', titel: 'y' }, reason: /^item\.json \(top level\): Unrecognized key: "titel"/ },
    { json: { title: '' }, reason: /^item\.json title: / },
    { json: { title: { nederlands: 'x' } }, reason: /^item\.json title\.nederlands: must be a BCP 47 language tag or "none"/ },
    { json: { creators: [{ role: 'aut' }] }, reason: /^item\.json creators\[0\]\.name: is required/ },
    { json: { creators: [{ name: 'x', uri: 'viaf 123' }] }, reason: /^item\.json creators\[0\]\.uri: / },
    {
      json: { creators: [{ name: 'x', uri: 'javascript:alert(1)' }] },
      reason: /^item\.json creators\[0\]\.uri: must be an http or https URL \("javascript:alert\(1\)" is a javascript: URL/,
    },
    { json: { externalUrl: 'javascript:alert(document.domain)' }, reason: /^item\.json externalUrl: must be an http or https URL .*javascript: URL/ },
    {
      json: { externalUrl: 'data:text/html,<script>alert(1)</script>' },
      reason: /^item\.json externalUrl: must be an http or https URL .*data: URL/,
    },
    { json: { externalUrl: 'file:///etc/passwd' }, reason: /^item\.json externalUrl: must be an http or https URL .*file: URL/ },
    { json: { type: 'boek' }, reason: /^item\.json type: / },
    { json: { language: ['lat', 'Klingon'] }, reason: /^item\.json language\[1\]: "Klingon" is not an ISO 639 code/ },
    { json: { rights: 'CC-BY' }, reason: /^item\.json rights: must be a rightsstatements\.org or Creative Commons URI/ },
    { json: { pages: [{ file: '../other/a.tif' }] }, reason: /^item\.json pages\[0\]\.file: must be a path inside the item folder/ },
    { json: { pages: [{ file: 'a.tif' }, { file: 'b.tif' }] }, reason: /^item\.json pages\[1\]\.file: b\.tif is not in the item folder/ },
    { json: { pages: [{ file: 'a.tif' }, { file: 'c.bmp' }] }, reason: /^item\.json pages\[1\]\.file: c\.bmp is not a supported image format/ },
    { json: { pages: [{ file: 'a.tif', alto: 'alto/a.xml' }] }, reason: /^item\.json pages\[0\]\.alto: alto\/a\.xml is not in the item folder/ },
    {
      json: { pages: [{ file: 'a.tif' }] },
      files: ['a.tif', 'b.tif'],
      reason: /^item\.json pages: b\.tif is in the item folder but not listed in pages/,
    },
    {
      json: { toc: [{ label: 'Deel 1', children: [{ label: 'x', pages: ['a', 'zz'] }] }] },
      reason: /^item\.json toc\[0\]\.children\[0\]\.pages\[1\]: "zz" is neither a page file nor a page key/,
    },
    { json: { id: '***' }, reason: /^item\.json id: "\*\*\*" has no letters or digits/ },
  ])('reports $reason', async ({ json, files, reason }) => {
    const { scan, name } = await item(json, files ?? ['a.tif']);
    expect(scan.items).toEqual([]);
    expect(scan.problems).toContainEqual({ item: expect.any(String), file: `${name}/item.json`, reason: expect.stringMatching(reason) });
  });
});
