// Deletes published images no manifest needs any more: those of an item's previous version (once
// the collection no longer shows their thumbnails), of pages that left an item, or left by a crash.
// An image a replaced manifest named is retired, not deleted: caches may hand out that manifest for
// up to REPLACED_IMAGE_GRACE_MS after the switch, and its readers must still get its tiles, so it
// goes in the first run after that. Images made in the current run for items that failed are kept,
// so fixing one bad page does not re-tile the rest of its book.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { imageIdsNamed, REPLACED_IMAGE_GRACE_MS } from '../../manifests/caching.ts';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import type { DataPaths } from '../../manifests/layout.ts';
import type { IngestState } from './state.ts';

/**
 * Records, at `now`, the images the manifest `before` named and `after` does not, so the sweep keeps
 * them through the grace period; an image named again is no longer retired.
 */
export function retireReplaced(state: IngestState, before: string | undefined, after: string, now: Date): void {
  const kept = imageIdsNamed(after);
  for (const id of kept) delete state.retired[id];
  for (const id of before === undefined ? [] : imageIdsNamed(before)) {
    if (!kept.has(id) && state.retired[id] === undefined) state.retired[id] = now.toISOString();
  }
}

/** Whether a retired image has outlived every cached manifest that may name it. */
export function graceOver(retiredAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(retiredAt) >= REPLACED_IMAGE_GRACE_MS;
}

/** Deletes unreferenced images (retired ones once their grace is over); forgets retirements that ended. Saves nothing. */
export async function sweepUnreferenced(paths: DataPaths, state: IngestState, keep: ReadonlySet<string>, now = new Date()): Promise<number> {
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
    for (const id of imageIdsNamed(manifest)) used.add(id);
  }
  for (const id of used) delete state.retired[id];
  const kept = (id: string) => {
    if (used.has(id)) return true;
    const retiredAt = state.retired[id];
    return retiredAt !== undefined && !graceOver(retiredAt, now);
  };
  let removed = 0;
  const imageRoot = path.join(paths.iiif, 'image');
  const present = new Set<string>();
  for (const name of await readdir(imageRoot).catch(() => [] as string[])) {
    if (kept(name)) {
      present.add(name);
      continue;
    }
    await rm(paths.imageDir(name), { recursive: true, force: true });
    await rm(paths.derivative(name), { force: true });
    removed += 1;
  }
  const derivatives = path.dirname(paths.derivative('x'));
  for (const name of await readdir(derivatives).catch(() => [] as string[])) {
    if (name.endsWith('.tif') && !kept(name.slice(0, -4))) {
      await rm(path.join(derivatives, name), { force: true });
    }
  }
  // A retirement ends with its image, whether deleted now or by hand.
  for (const id of Object.keys(state.retired)) if (!present.has(id)) delete state.retired[id];
  return removed;
}
