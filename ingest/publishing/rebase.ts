// Moves a published data folder to a new PUBLIC_BASE_URL without re-tiling: every published JSON file
// (manifests, annotation pages, collection, discovery, info.json, records) is rewritten with the
// manifests' `rebaseJson`, each file atomically, and each manifest's move is logged for Change
// Discovery. Ingest runs it itself when the base URL changed since the last run;
// `npm run ingest -- --rebase` runs it alone.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { dataPaths, publicUrls, type DataPaths } from '../../manifests/layout.ts';
import { rebaseJson } from '../../manifests/rebase.ts';
import { appendActivity, readActivities } from '../../manifests/activity-log.ts';
import { writeJsonAtomic } from '../../manifests/atomic-write.ts';
import { acquireLock } from './lock.ts';
import { publishIndexes } from './publish-indexes.ts';
import { loadState, saveState, sha256Text, type IngestState } from './state.ts';

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Rewrites every published JSON file and records the new base and manifest hashes in `state` (the
 * caller saves it); returns how many files changed. Safe to repeat after an interruption: a file
 * already rewritten has nothing left under the old base.
 */
export async function rebasePublished(paths: DataPaths, state: IngestState, newBase: string): Promise<number> {
  const oldBase = state.baseUrl;
  if (oldBase === newBase) return 0;
  const staging = path.join(paths.state, 'staging');
  let changed = 0;
  const files = [
    ...(await jsonFiles(paths.presentation)),
    ...(await jsonFiles(path.join(paths.iiif, 'image'))).filter((f) => path.basename(f) === 'info.json'),
    ...(await jsonFiles(paths.discovery)),
    ...(await jsonFiles(path.join(paths.root, 'records'))),
  ];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const next = `${JSON.stringify(rebaseJson(JSON.parse(text), oldBase, newBase), null, 2)}\n`;
    if (next === text) continue;
    await writeJsonAtomic(file, JSON.parse(next), staging);
    changed += 1;
  }
  // Harvesters learn where each manifest went: a Move from its old URL (Change Discovery 1.0).
  // An interrupted rebase that is run again does not log the same move twice.
  const oldUrls = publicUrls(oldBase);
  const logged = new Set((await readActivities(paths.state)).flatMap((a) => (a.type === 'Move' ? [`${a.itemId} ${a.from}`] : [])));
  const endTime = new Date().toISOString();
  for (const [id, item] of Object.entries(state.items)) {
    const manifest = await readFile(paths.manifest(id), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    item.manifestHash = sha256Text(manifest);
    const from = oldUrls.manifest(id);
    if (!logged.has(`${id} ${from}`)) await appendActivity(paths.state, { type: 'Move', itemId: id, from, endTime });
  }
  state.baseUrl = newBase;
  return changed;
}

/** `npm run ingest -- --rebase`: moves a whole data folder to `baseUrl` under the ingest lock. */
export async function rebase(opts: { dataDir: string; baseUrl: string; config?: Config; lockWaitMs?: number }): Promise<number> {
  const config = opts.config ?? loadConfig(process.env);
  const paths = dataPaths(opts.dataDir);
  const urls = publicUrls(opts.baseUrl);
  const lock = await acquireLock(path.join(paths.state, 'ingest.lock'), { waitMs: opts.lockWaitMs ?? 0, what: `data folder ${paths.root}` });
  try {
    const state = await loadState(paths.state, urls.base);
    const changed = await rebasePublished(paths, state, urls.base);
    await saveState(paths.state, state);
    await publishIndexes(paths, urls, state, config);
    return changed;
  } finally {
    await lock.release();
  }
}
