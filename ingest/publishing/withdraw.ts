// Withdraws a published item from the public site and search, undoably (the item editor's Withdraw
// and Restore): its manifest and text, record and images are moved, not deleted, into the private
// `.leeszaal/withdrawn/<id>/` with its ingest state, and a Change Discovery `Delete` is logged (the
// server's search follower drops it from search). Restore moves everything back and logs a `Create`.
// Each step tolerates a step already done, so a repeat after a crash finishes the job.
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import type { Config } from '../../config.ts';
import { appendActivity } from '../../manifests/activity-log.ts';
import { writeJsonAtomic } from '../../manifests/atomic-write.ts';
import { dataPaths, isSafeId, publicUrls, type DataPaths } from '../../manifests/layout.ts';
import { acquireLock } from './lock.ts';
import { publishIndexes } from './publish-indexes.ts';
import { loadState, saveState, type ItemState } from './state.ts';

export class WithdrawError extends Error {
  override name = 'WithdrawError';
}

export interface WithdrawOptions {
  dataDir: string;
  baseUrl: string;
  config: Config;
  lockWaitMs: number;
}

const withdrawnState = v.object({
  baseUrl: v.string(),
  item: v.object({
    pages: v.record(
      v.string(),
      v.object({
        file: v.string(),
        size: v.number(),
        mtimeMs: v.number(),
        sha256: v.string(),
        imageId: v.string(),
        width: v.number(),
        height: v.number(),
      }),
    ),
    manifestHash: v.string(),
    sourceHash: v.optional(v.string()),
    publishedAt: v.string(),
  }),
});

/** Where each published part of an item goes while it is withdrawn. */
function moves(paths: DataPaths, id: string, item: ItemState): { from: string; to: string }[] {
  const aside = paths.withdrawn(id);
  const images = Object.values(item.pages).map((p) => p.imageId);
  return [
    // The manifest first: one rename takes the item off the site.
    { from: paths.itemDir(id), to: path.join(aside, 'presentation') },
    { from: paths.recordDir(id), to: path.join(aside, 'records') },
    ...images.flatMap((imageId) => [
      { from: paths.imageDir(imageId), to: path.join(aside, 'image', imageId) },
      { from: paths.derivative(imageId), to: path.join(aside, 'derivatives', `${imageId}.tif`) },
    ]),
  ];
}

async function move(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  await rename(from, to).catch((err: NodeJS.ErrnoException) => {
    // Already moved by an interrupted run.
    if (err.code !== 'ENOENT') throw err;
  });
}

function stateFileOf(paths: DataPaths, id: string): string {
  return path.join(paths.withdrawn(id), 'state.json');
}

export async function withdrawItem(opts: WithdrawOptions, id: string): Promise<void> {
  if (!isSafeId(id)) throw new WithdrawError(`"${id}" is not an item id`);
  const paths = dataPaths(opts.dataDir);
  const urls = publicUrls(opts.baseUrl);
  const lock = await acquireLock(path.join(paths.state, 'ingest.lock'), { waitMs: opts.lockWaitMs, what: `data folder ${paths.root}` });
  try {
    const state = await loadState(paths.state, urls.base);
    const item = state.items[id];
    if (!item) throw new WithdrawError(`item "${id}" is not published`);
    await writeJsonAtomic(stateFileOf(paths, id), { baseUrl: state.baseUrl, item }, path.join(paths.state, 'staging'));
    delete state.items[id];
    // The collection stops listing it before its manifest goes.
    await publishIndexes(paths, urls, state, opts.config);
    await appendActivity(paths.state, { type: 'Delete', itemId: id, endTime: new Date().toISOString() });
    for (const m of moves(paths, id, item)) await move(m.from, m.to);
    await saveState(paths.state, state);
    await publishIndexes(paths, urls, state, opts.config);
  } finally {
    await lock.release();
  }
}

export async function restoreItem(opts: WithdrawOptions, id: string): Promise<void> {
  if (!isSafeId(id)) throw new WithdrawError(`"${id}" is not an item id`);
  const paths = dataPaths(opts.dataDir);
  const urls = publicUrls(opts.baseUrl);
  const lock = await acquireLock(path.join(paths.state, 'ingest.lock'), { waitMs: opts.lockWaitMs, what: `data folder ${paths.root}` });
  try {
    const state = await loadState(paths.state, urls.base);
    if (state.items[id]) throw new WithdrawError(`item "${id}" is published, not withdrawn`);
    const text = await readFile(stateFileOf(paths, id), 'utf8').catch(() => undefined);
    if (text === undefined) throw new WithdrawError(`item "${id}" is not withdrawn`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new WithdrawError(`${stateFileOf(paths, id)} is damaged: not JSON: ${(err as Error).message}`);
    }
    const parsed = v.safeParse(withdrawnState, json);
    if (!parsed.success) throw new WithdrawError(`${stateFileOf(paths, id)} is damaged: ${v.summarize(parsed.issues)}`);
    const { baseUrl, item } = parsed.output;
    if (baseUrl !== state.baseUrl) {
      throw new WithdrawError(`item "${id}" was withdrawn under ${baseUrl}, the data folder is now published under ${state.baseUrl}`);
    }
    // Images and record first, the manifest last: it is the switch that makes the item public again.
    const [manifest, ...rest] = moves(paths, id, item);
    for (const m of rest.reverse()) await move(m.to, m.from);
    // As in ingest: the activity before the switch, so a crash repeats a Create and never loses one.
    await appendActivity(paths.state, { type: 'Create', itemId: id, endTime: new Date().toISOString() });
    if (manifest) await move(manifest.to, manifest.from);
    state.items[id] = item;
    await saveState(paths.state, state);
    await publishIndexes(paths, urls, state, opts.config);
    await rm(paths.withdrawn(id), { recursive: true, force: true });
  } finally {
    await lock.release();
  }
}
