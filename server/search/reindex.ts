// Reads the published data folder (the source of truth) into index documents: `records/<id>/record.json`
// plus each page's full-text AnnotationPage. Used by `npm run reindex` to rebuild an index from
// scratch and by the activity follower to update one item as ingest publishes or removes it. Files
// are resolved as the routes resolve them (existingFileInside), so a link planted in the data folder
// cannot put outside text into search.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { existingFileInside } from '../../manifests/data-file.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { ItemRecordError, parseItemRecord } from '../../manifests/item-reader.ts';
import { dataPaths, isSafeId } from '../../manifests/layout.ts';
import type { IndexDocument, IndexPage, SearchBackend } from './backend.ts';
import { buildIndexDocument, parseTextPage } from './document.ts';

/** A published item that cannot be read; reindexing reports it and goes on with the others. */
export class UnreadableItemError extends Error {
  override name = 'UnreadableItemError';
}

/** The text of a published file inside the data folder, or undefined when there is none (missing, or a link out of the folder or into its private parts). */
async function readPublished(root: string, file: string): Promise<string | undefined> {
  const real = await existingFileInside(root, file);
  if (real === undefined) return undefined;
  try {
    return await readFile(real, 'utf8');
  } catch (err) {
    // Removed between the check and the read: a re-publish or removal raced this one.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The index document of one published item, from its record and full-text pages. */
export async function readIndexDocument(dataDir: string, itemId: string): Promise<IndexDocument> {
  const paths = dataPaths(dataDir);
  let record: ItemRecord;
  try {
    const text = await readPublished(paths.root, paths.record(itemId));
    if (text === undefined)
      throw new UnreadableItemError(`${itemId}: cannot read record.json: no such file in the data folder (missing, or a link out of it)`);
    record = parseItemRecord(text, `${itemId}: record.json`, itemId);
  } catch (err) {
    if (err instanceof UnreadableItemError) throw err;
    throw new UnreadableItemError(err instanceof ItemRecordError ? err.message : `${itemId}: cannot read record.json: ${(err as Error).message}`);
  }
  const pages: IndexPage[] = [];
  for (const page of record.pages) {
    if (!isSafeId(page.key)) continue;
    let text: string | undefined;
    try {
      text = await readPublished(paths.root, paths.textPage(itemId, page.key));
    } catch (err) {
      throw new UnreadableItemError(`${itemId}/${page.key}: cannot read full text: ${(err as Error).message}`);
    }
    if (text === undefined) continue;
    const parsed = parseTextPage(text, page.label !== undefined ? { key: page.key, label: page.label } : { key: page.key });
    if (parsed) pages.push(parsed);
  }
  return buildIndexDocument(record, pages);
}

/** Ids of every published item (folders under `records/`), sorted. */
export async function publishedItemIds(dataDir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dataPaths(dataDir).root, 'records'), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && isSafeId(e.name))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export interface ReindexReport {
  count: number;
  problems: { item: string; reason: string }[];
}

/** Rebuilds the whole index from the data folder; unreadable items are reported, not fatal. */
export async function reindexAll(dataDir: string, backend: SearchBackend, progress?: (done: number, total: number) => void): Promise<ReindexReport> {
  const ids = await publishedItemIds(dataDir);
  const problems: ReindexReport['problems'] = [];
  async function* documents(): AsyncGenerator<IndexDocument> {
    for (const id of ids) {
      try {
        yield await readIndexDocument(dataDir, id);
      } catch (err) {
        if (!(err instanceof UnreadableItemError)) throw err;
        problems.push({ item: id, reason: err.message });
      }
    }
  }
  const { count } = await backend.rebuild(documents(), (done) => progress?.(done, ids.length));
  return { count, problems };
}

/** Adds or replaces one published item in the index (ingest calls this after publishing it). */
export async function indexItem(backend: SearchBackend, dataDir: string, itemId: string): Promise<void> {
  await backend.index(await readIndexDocument(dataDir, itemId));
}

/** Removes one item from the index (ingest calls this after unpublishing it). */
export async function removeItem(backend: SearchBackend, itemId: string): Promise<void> {
  await backend.remove(itemId);
}
