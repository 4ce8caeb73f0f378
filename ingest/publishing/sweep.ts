// Deletes published images no manifest needs any more: those of an item's previous version (once
// the collection no longer shows their thumbnails), of pages that left an item, or left by a crash.
// Images made in the current run for items that failed are kept, so fixing one bad page does not
// re-tile the rest of its book.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import type { DataPaths } from '../../manifests/layout.ts';
import type { IngestState } from './state.ts';

export async function sweepUnreferenced(paths: DataPaths, state: IngestState, keep: ReadonlySet<string>): Promise<number> {
  const used = new Set(keep);
  for (const [id, item] of Object.entries(state.items)) {
    for (const page of Object.values(item.pages)) used.add(page.imageId);
    // The record names what the published manifest uses, even if a crash kept state from catching up.
    // A missing record names nothing; a damaged one stops the sweep rather than let it delete blindly.
    const text = await readFile(paths.record(id), 'utf8').catch(() => undefined);
    const record = text === undefined ? undefined : parseItemRecord(text, paths.record(id), id);
    for (const page of record?.pages ?? []) used.add(page.imageId);
  }
  // Above all, whatever a published manifest names stays, whatever state and records say.
  for (const dir of await readdir(paths.presentation, { withFileTypes: true }).catch(() => [])) {
    if (!dir.isDirectory()) continue;
    const manifest = await readFile(path.join(paths.presentation, dir.name, 'manifest.json'), 'utf8').catch(() => '');
    for (const m of manifest.matchAll(/\/iiif\/image\/([A-Za-z0-9][A-Za-z0-9_.-]*)/g)) used.add(m[1]!);
  }
  let removed = 0;
  const imageRoot = path.join(paths.iiif, 'image');
  for (const name of await readdir(imageRoot).catch(() => [] as string[])) {
    if (used.has(name)) continue;
    await rm(paths.imageDir(name), { recursive: true, force: true });
    await rm(paths.derivative(name), { force: true });
    removed += 1;
  }
  const derivatives = path.dirname(paths.derivative('x'));
  for (const name of await readdir(derivatives).catch(() => [] as string[])) {
    if (name.endsWith('.tif') && !used.has(name.slice(0, -4))) {
      await rm(path.join(derivatives, name), { force: true });
    }
  }
  return removed;
}
