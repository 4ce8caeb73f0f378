// Page order and page keys for an item's image files, used by every metadata reader: natural file
// name order (`page-2` before `page-10`) when the metadata gives no order, and stable keys from the
// file stems so a page keeps its URL across re-publishing.
import path from 'node:path';
import { compare } from 'natural-orderby';
import { uniqueSafeIds } from './safe-id.ts';

/** Files in natural order of their names (the folder part breaks ties, so `images/` order is kept). */
export function naturalFileOrder(files: readonly string[]): string[] {
  const byName = compare();
  return [...files].sort((a, b) => byName(path.posix.basename(a), path.posix.basename(b)) || byName(a, b));
}

/** The file name without folder and extension (`images/page-0017.tif` → `page-0017`). */
export function fileStem(file: string): string {
  const base = path.posix.basename(file.replaceAll('\\', '/'));
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Page keys for files in page order: the safe stem, made unique within the item. */
export function pageKeys(files: readonly string[]): string[] {
  return uniqueSafeIds(files.map(fileStem), 'page');
}
