// Publishes a curator's edit of a published item's record (the item editor under /admin): only the
// JSON changes (record.json, manifest.json, the collection and Change Discovery), never an image, so
// a corrected title is public in a moment with no re-tiling. The edit may reorder and relabel pages
// and change every descriptive field; which images the pages are is taken from the published record,
// so an edit can never point a page at another image. Takes the ingest lock like any ingest.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { appendActivity } from '../../manifests/activity-log.ts';
import { writeFileAtomic } from '../../manifests/atomic-write.ts';
import type { ItemRecord, PageRecord } from '../../manifests/item.ts';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import { dataPaths, isSafeId, publicUrls } from '../../manifests/layout.ts';
import { buildManifest } from '../../manifests/manifest.ts';
import { DEFAULT_THUMBNAIL_WIDTH } from '../../manifests/thumbnail.ts';
import { validatePresentation } from '../../manifests/validate.ts';
import { acquireLock } from './lock.ts';
import { publishIndexes } from './publish-indexes.ts';
import { loadState, saveState, sha256Text } from './state.ts';

export class RecordEditError extends Error {
  override name = 'RecordEditError';
}

export interface RecordEditOptions {
  dataDir: string;
  baseUrl: string;
  config: Config;
  /** How long to wait for a running ingest on the same data folder. */
  lockWaitMs: number;
}

/**
 * The pages of the edit in its order with its labels, each otherwise exactly the published page;
 * refused when the edit adds, drops or repeats a page.
 */
export function reconcilePages(published: readonly PageRecord[], edited: readonly PageRecord[]): PageRecord[] {
  const byKey = new Map(published.map((p) => [p.key, p]));
  const seen = new Set<string>();
  const pages = edited.map((e) => {
    const page = byKey.get(e.key);
    if (!page) throw new RecordEditError(`page "${e.key}" is not a page of the published item`);
    if (seen.has(e.key)) throw new RecordEditError(`page "${e.key}" appears twice`);
    seen.add(e.key);
    const { label: _label, ...facts } = page;
    return { ...facts, ...(e.label !== undefined && e.label.trim() !== '' ? { label: e.label.trim() } : {}) };
  });
  const missing = published.filter((p) => !seen.has(p.key)).map((p) => p.key);
  if (missing.length > 0) throw new RecordEditError(`the edit leaves out page(s) ${missing.join(', ')}`);
  return pages;
}

export async function republishRecord(opts: RecordEditOptions, edited: ItemRecord): Promise<void> {
  if (!isSafeId(edited.id)) throw new RecordEditError(`"${edited.id}" is not an item id`);
  const paths = dataPaths(opts.dataDir);
  const urls = publicUrls(opts.baseUrl);
  const staging = path.join(paths.state, 'staging');
  const lock = await acquireLock(path.join(paths.state, 'ingest.lock'), { waitMs: opts.lockWaitMs, what: `data folder ${paths.root}` });
  try {
    const state = await loadState(paths.state, urls.base);
    const item = state.items[edited.id];
    if (!item) throw new RecordEditError(`item "${edited.id}" is not published`);
    if (state.baseUrl !== urls.base) throw new RecordEditError(`the data folder is published under ${state.baseUrl}; run an ingest to move it first`);
    const published = parseItemRecord(await readFile(paths.record(edited.id), 'utf8'), paths.record(edited.id), edited.id);
    const pages = reconcilePages(published.pages, edited.pages);
    const record: ItemRecord = {
      ...edited,
      // What ingest derived from the source and the images stays as published.
      id: published.id,
      identifiers: published.identifiers,
      toc: published.toc,
      pages,
      ...(published.sourceRecord ? { sourceRecord: published.sourceRecord } : {}),
    };
    if (record.thumbnailPage !== undefined && !pages.some((p) => p.key === record.thumbnailPage)) {
      throw new RecordEditError(`thumbnail page "${record.thumbnailPage}" is not a page of the item`);
    }
    const texts = new Map<string, boolean>();
    for (const p of pages) {
      const has = await access(paths.textPage(record.id, p.key)).then(
        () => true,
        () => false,
      );
      if (has) texts.set(p.key, true);
    }
    const manifest = buildManifest(record, {
      urls,
      texts,
      provider: { label: opts.config.PROVIDER_LABEL, ...(opts.config.PROVIDER_HOMEPAGE ? { homepage: opts.config.PROVIDER_HOMEPAGE } : {}) },
      thumbnailWidth: DEFAULT_THUMBNAIL_WIDTH,
    });
    const check = validatePresentation(manifest, { baseUrl: urls.base });
    if (!check.ok) throw new RecordEditError(`the edited manifest is not valid IIIF: ${check.errors.slice(0, 3).join('; ')}`);
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;

    await writeFileAtomic(paths.record(record.id), `${JSON.stringify(record, null, 2)}\n`, staging);
    // As in ingest: the activity before the switch, so a crash repeats an Update and never loses one.
    await appendActivity(paths.state, { type: 'Update', itemId: record.id, endTime: new Date().toISOString() });
    await writeFileAtomic(paths.manifest(record.id), manifestText, staging);
    item.manifestHash = sha256Text(manifestText);
    item.publishedAt = new Date().toISOString();
    await saveState(paths.state, state);
    await publishIndexes(paths, urls, state, opts.config);
  } finally {
    await lock.release();
  }
}
