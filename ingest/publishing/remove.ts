// `npm run ingest -- --remove <item-id>`: withdraws a published item. The collection stops listing it
// first, then the manifest disappears in one rename, then its text, record, images and derivatives
// are deleted; a Delete activity goes to Change Discovery and the search hook is told. A crash part
// way leaves either the item published or only unreferenced files, which the next removal cleans.
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { dataPaths, isSafeId, publicUrls } from '../../manifests/layout.ts';
import { appendActivity } from '../../manifests/activity-log.ts';
import type { IngestHooks } from '../ingest.ts';
import { acquireLock } from './lock.ts';
import { publishIndexes } from './publish-indexes.ts';
import { loadState, saveState } from './state.ts';

export class RemoveError extends Error {
  override name = 'RemoveError';
}

export async function removeItem(opts: {
  dataDir: string;
  baseUrl: string;
  itemId: string;
  config?: Config;
  hooks?: IngestHooks;
  lockWaitMs?: number;
}): Promise<void> {
  const config = opts.config ?? loadConfig(process.env);
  if (!isSafeId(opts.itemId)) throw new RemoveError(`"${opts.itemId}" is not an item id`);
  const paths = dataPaths(opts.dataDir);
  const urls = publicUrls(opts.baseUrl);
  const lock = await acquireLock(path.join(paths.state, 'ingest.lock'), { waitMs: opts.lockWaitMs ?? 0, what: `data folder ${paths.root}` });
  try {
    const state = await loadState(paths.state, urls.base);
    const item = state.items[opts.itemId];
    if (!item) throw new RemoveError(`item "${opts.itemId}" is not published in ${paths.root}`);
    delete state.items[opts.itemId];
    await publishIndexes(paths, urls, state, config);

    const staging = path.join(paths.state, 'staging');
    const trash = path.join(staging, `removed-${opts.itemId}-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(trash, { recursive: true });
    await appendActivity(paths.state, { type: 'Delete', itemId: opts.itemId, endTime: new Date().toISOString() });
    // One rename takes the manifest and its text pages out of the served tree together.
    await rename(paths.itemDir(opts.itemId), path.join(trash, 'presentation')).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await saveState(paths.state, state);
    await publishIndexes(paths, urls, state, config);
    await rm(paths.recordDir(opts.itemId), { recursive: true, force: true });
    for (const page of Object.values(item.pages)) {
      await rm(paths.imageDir(page.imageId), { recursive: true, force: true });
      await rm(paths.derivative(page.imageId), { force: true });
    }
    await rm(trash, { recursive: true, force: true });
    await opts.hooks?.itemRemoved?.(opts.itemId);
  } finally {
    await lock.release();
  }
}
