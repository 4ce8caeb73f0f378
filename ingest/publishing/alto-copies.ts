// The ALTO of each page with full text, published beside its record (`records/<item>/alto/<pageKey>.xml`),
// for researchers who want the words' coordinates, confidences and styles that the published line
// annotations leave out: the ALTO file as received, or the ALTO written from a page's PAGE XML or
// hOCR (ingest/text/alto-writer.ts). Each copy is written atomically and only when its bytes changed;
// copies of pages that no longer have text are removed.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../manifests/atomic-write.ts';
import type { DataPaths } from '../../manifests/layout.ts';

/** A page whose ALTO is at `source` (resolved inside the item's folder, or the staging file of ALTO written for it). */
export interface AltoSource {
  key: string;
  source: string;
}

/** Publishes the copies of `pages` for `itemId`; returns how many files were written or removed. */
export async function publishAltoCopies(paths: DataPaths, itemId: string, pages: readonly AltoSource[], stagingDir: string): Promise<number> {
  let changed = 0;
  for (const page of pages) {
    const target = paths.alto(itemId, page.key);
    // One file at a time: an ALTO page can be megabytes, and a book has hundreds.
    const bytes = await readFile(page.source);
    const current = await readFile(target).catch(() => undefined);
    if (current?.equals(bytes)) continue;
    await writeFileAtomic(target, bytes, stagingDir);
    changed++;
  }
  const dir = path.dirname(paths.alto(itemId, 'x'));
  const keep = new Set(pages.map((p) => `${p.key}.xml`));
  for (const file of await readdir(dir).catch(() => [] as string[])) {
    if (keep.has(file)) continue;
    await rm(path.join(dir, file), { force: true });
    changed++;
  }
  return changed;
}
