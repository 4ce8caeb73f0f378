// MARC and Dublin Core items published end to end through the CLI, as a curator runs it: an item
// with its own MARCXML, one with binary MARC 21, one with oai_dc, and a collection whose MARCXML
// export is matched to two item folders. The manifests are valid IIIF with the record's title as
// label and its fields as metadata rows, the item's own record is published beside it, the summary
// names the catalogue record that matched no folder, and search finds the items by their titles.
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { createApp } from '../../server/app.ts';
import { reindexAll } from '../../server/search/reindex.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { serve } from '../server/fixture.ts';
import { checkPublished } from './published-data.ts';
import { type CliResult, REPO, runCli } from './run-cli.ts';

const BASE = 'http://localhost:3000';
const FIXTURES = path.join(REPO, 'ingest/sources/catalogue/fixtures');
let root: string;
let data: string;
let run: CliResult;

/** An item folder with `pages` small grey page scans and the given record files copied in. */
async function item(folder: string, records: Record<string, string>, pages = 1): Promise<void> {
  await mkdir(path.join(folder, 'images'), { recursive: true });
  for (let n = 1; n <= pages; n++) {
    await sharp({ create: { width: 300, height: 420, channels: 3, background: { r: 230, g: 222, b: 200 } } })
      .jpeg()
      .toFile(path.join(folder, 'images', `page-000${n}.jpg`));
  }
  for (const [name, fixture] of Object.entries(records)) await copyFile(path.join(FIXTURES, fixture), path.join(folder, name));
}

const manifest = async (id: string) => JSON.parse(await readFile(dataPaths(data).manifest(id), 'utf8'));
const rows = (m: { metadata: { label: { en: string[] }; value: Record<string, string[]> }[] }) =>
  Object.fromEntries(m.metadata.map((r) => [r.label.en[0], (r.value.en ?? r.value.none)?.join(' | ')]));

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-catalogue-'));
  const source = path.join(root, 'source');
  data = path.join(root, 'data');
  await item(path.join(source, 'kant-aufklaerung-1784'), { 'marc.xml': 'kant-aufklaerung-1784/marc.xml' }, 2);
  await item(path.join(source, 'kant-binary'), { 'record.mrc': 'kant-mrc/record.mrc' });
  await item(path.join(source, 'pembroke-werke-1766'), { 'dc.xml': 'pembroke-werke-1766/dc.xml' });
  await mkdir(path.join(source, 'sbb'));
  await copyFile(path.join(FIXTURES, 'sbb-collection/catalogue.marcxml'), path.join(source, 'sbb', 'catalogue.marcxml'));
  await item(path.join(source, 'sbb', 'GBV767137728'), {}, 2);
  await item(path.join(source, 'sbb', 'Na 3722'), {});
  run = await runCli([source, '--data', data, '--jobs', '2'], { PUBLIC_BASE_URL: BASE });
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('catalogue records, published', () => {
  it('publishes all five items, valid and complete, and names the record that matched no folder', async () => {
    expect(run.stderr).toMatch(/published 5 item\(s\), unchanged 0, failed 0/);
    expect(run.stderr).toMatch(
      /warning: sbb \(sbb\/catalogue\.marcxml\): catalogue\.marcxml record 3 \(Beantwortung der Frage: Was ist Aufklärung\?;.*\) matches no item folder/,
    );
    expect(run.code).toBe(0);
    const report = await checkPublished(data, BASE);
    expect(report.problems).toEqual([]);
    expect(report.manifests.sort()).toEqual(['gbv767137728', 'kant-aufklaerung-1784', 'kant-binary', 'na-3722', 'pembroke-werke-1766']);
  }, 60_000);

  it('shows the MARC record as the label, summary and metadata rows, and links the record', async () => {
    const m = await manifest('kant-aufklaerung-1784');
    expect(m.label).toEqual({ none: ['Beantwortung der Frage: Was ist Aufklärung?'] });
    expect(m.summary).toEqual({ none: ['"Aufklärung ist der Ausgang des Menschen aus seiner selbstverschuldeten Unmündigkeit."'] });
    expect(m.navDate).toBe('1784-01-01T00:00:00Z');
    expect(rows(m)).toMatchObject({
      Title: 'Beantwortung der Frage: Was ist Aufklärung?',
      Author: 'Kant, Immanuel, 1724-1804',
      'Printer/publisher': 'Haude und Spener',
      Place: 'Berlin',
      Date: '1784',
      Language: 'German',
      Subject: 'Philosophie | Fachtext',
      'Part of': 'Berlinische Monatsschrift',
      Shelfmark: 'Berlin ZLB, in: o XIV 16975-4.1784',
      'Holding institution': 'Zentral- und Landesbibliothek Berlin',
    });
    const record = m.seeAlso.find((s: { id: string }) => s.id.endsWith('/marc.xml'));
    expect(record).toMatchObject({ format: 'application/marcxml+xml', profile: 'http://www.loc.gov/MARC21/slim' });
    const published = await readFile(path.join(dataPaths(data).recordDir('kant-aufklaerung-1784'), 'marc.xml'));
    expect(published.equals(await readFile(path.join(FIXTURES, 'kant-aufklaerung-1784/marc.xml')))).toBe(true);
  });

  it('gives the binary record the same metadata and publishes it as binary MARC', async () => {
    const [xml, binary] = [await manifest('kant-aufklaerung-1784'), await manifest('kant-binary')];
    expect(binary.metadata).toEqual(xml.metadata);
    expect(binary.seeAlso.find((s: { id: string }) => s.id.endsWith('/record.mrc'))).toMatchObject({ format: 'application/marc' });
  });

  it('shows Dublin Core with its licence as IIIF rights', async () => {
    const m = await manifest('pembroke-werke-1766');
    expect(m.label).toEqual({ none: ['Des Grafen und der Gräfin von Pembrock sämtliche Werke der Punctirkunst'] });
    expect(m.rights).toBe('http://creativecommons.org/licenses/by-nc-sa/4.0/');
    expect(rows(m)).toMatchObject({ Creator: 'Pembroke, Henry Herbert | Pembroke, Mary Herbert', 'Printer/publisher': 'Stettin', Date: '1766' });
  });

  it("publishes a collection item's own record only", async () => {
    const m = await manifest('gbv767137728');
    expect(m.label).toEqual({ none: ['Der Herold. 1839'] });
    expect(rows(m)).toMatchObject({ Type: 'Periodical', Shelfmark: 'Gq 14350;Beil.3-1839' });
    const own = await readFile(path.join(dataPaths(data).recordDir('gbv767137728'), 'marc.xml'), 'utf8');
    expect(own).toContain('Der Herold');
    expect(own).not.toContain('Pembrock');
  });

  it('serves the published records with their MARC media types', async () => {
    const server = await serve(createApp({ config: loadConfig({ DATA_DIR: data, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent' }) }));
    try {
      const binary = await fetch(`${server.url}/records/kant-binary/record.mrc`);
      expect(binary.headers.get('content-type')).toBe('application/marc');
      expect(Buffer.from(await binary.arrayBuffer()).equals(await readFile(path.join(FIXTURES, 'kant-mrc/record.mrc')))).toBe(true);
      const xml = await fetch(`${server.url}/records/gbv767137728/marc.xml`);
      expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(await xml.text()).toContain('Der Herold');
    } finally {
      await server.close();
    }
  });

  it('leaves every item unchanged when run again', async () => {
    const again = await runCli([path.join(root, 'source'), '--data', data, '--jobs', '2'], { PUBLIC_BASE_URL: BASE });
    expect(again.stderr).toMatch(/published 0 item\(s\), unchanged 5, failed 0; pages 7 \(tiled 0, reused 7\)/);
  }, 60_000);

  it('makes the titles searchable', async () => {
    const search = await mkdtemp(path.join(root, 'search-'));
    const backend = new EmbeddedSearchBackend(search);
    try {
      await reindexAll(data, backend);
      const found = async (q: string) =>
        (await backend.search({ q, filters: {}, sort: 'relevance', page: 1, size: 10 })).hits.map((h) => h.id).sort();
      expect(await found('Aufklärung')).toEqual(['kant-aufklaerung-1784', 'kant-binary']);
      expect(await found('Punctirkunst')).toEqual(['na-3722', 'pembroke-werke-1766']);
      expect(await found('Herold')).toEqual(['gbv767137728']);
    } finally {
      await backend.close();
    }
  });
});
