// Search reads the data folder as the routes do: a text page or a records folder that is a link
// planted to outside the data folder (or into its private parts) is not indexed, so text from
// elsewhere never becomes findable; a link that stays inside the published folder still is.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { buildTextPage } from '../../manifests/text-page.ts';
import { indexItem, readIndexDocument, reindexAll, UnreadableItemError } from '../../server/search/reindex.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { itemRecord } from '../support/item-record.ts';
import { BASE_URL, KANT_ID, writeSampleData } from './fixtures.ts';

/** Words found only in the files outside the data folder. */
const OUTSIDE_PAGE_WORD = 'Geheimschrift';
const OUTSIDE_RECORD_WORD = 'Schattenbibliothek';

let root: string;
let dataDir: string;
let backend: EmbeddedSearchBackend;

const outsidePage = (key: string) =>
  JSON.stringify(
    buildTextPage(KANT_ID, key, [{ id: 'l1', text: `${OUTSIDE_PAGE_WORD} von draussen`, x: 10, y: 10, w: 400, h: 40 }], publicUrls(BASE_URL), {
      language: 'ger',
      width: 1456,
      height: 2083,
    }),
  );

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-planted-'));
  dataDir = path.join(root, 'data');
  await writeSampleData(dataDir);
  const paths = dataPaths(dataDir);
  // A Kant page without text of its own, linked to a text page outside the data folder.
  await writeFile(path.join(root, 'outside-page.json'), outsidePage('page-0018'));
  await symlink(path.join(root, 'outside-page.json'), paths.textPage(KANT_ID, 'page-0018'));
  // Another, linked to a text page hidden in the private state folder.
  await mkdir(paths.state, { recursive: true });
  await writeFile(path.join(paths.state, 'hidden-page.json'), outsidePage('page-0019'));
  await symlink(path.join(paths.state, 'hidden-page.json'), paths.textPage(KANT_ID, 'page-0019'));
  // A third, linked to a published text page of the same item: inside the folder, so still read.
  await symlink(paths.textPage(KANT_ID, 'page-0017'), paths.textPage(KANT_ID, 'page-0016'));
  // A records folder that is a link to a folder outside, holding a record of its own.
  await mkdir(path.join(root, 'outside-record'), { recursive: true });
  const planted = itemRecord({ id: 'planted', label: { de: [OUTSIDE_RECORD_WORD] } });
  await writeFile(path.join(root, 'outside-record', 'record.json'), JSON.stringify(planted));
  await symlink(path.join(root, 'outside-record'), paths.recordDir('planted'));
  backend = new EmbeddedSearchBackend(path.join(root, 'index'));
});

afterAll(async () => {
  await backend?.close();
  await rm(root, { recursive: true, force: true });
});

const found = async (q: string) => (await backend.search({ q, filters: {}, sort: 'relevance', page: 1, size: 10 })).hits.map((h) => h.id);

describe('indexing a data folder with planted links', () => {
  it('reads the linked pages that stay inside, and none that lead out or into private parts', async () => {
    const doc = await readIndexDocument(dataDir, KANT_ID);
    expect(doc.pages.map((p) => p.key)).toEqual(['page-0016', 'page-0017', 'page-0020']);
    expect(JSON.stringify(doc)).not.toContain(OUTSIDE_PAGE_WORD);
  });

  it('refuses the record of a records folder linked in from outside, as unreadable', async () => {
    await expect(readIndexDocument(dataDir, 'planted')).rejects.toThrow(UnreadableItemError);
    await expect(indexItem(backend, dataDir, 'planted')).rejects.toThrow(/planted: cannot read record\.json/);
  });

  it('a full rebuild and a single-item update find nothing from outside', async () => {
    await reindexAll(dataDir, backend);
    await indexItem(backend, dataDir, KANT_ID);
    expect(await found('Aufklärung')).toContain(KANT_ID);
    expect(await found(OUTSIDE_PAGE_WORD)).toEqual([]);
    expect(await found(OUTSIDE_RECORD_WORD)).toEqual([]);
  });
});
