// The titles of the items a publish job's report lists, read from their published records
// (records/<id>/record.json, through the validated reader), so a curator reads "Beantwortung der
// Frage: Was ist Aufklärung?" rather than an id. An item whose record is gone (withdrawn since) or
// unreadable simply has no title here: the report names it by its id.
import { readFile } from 'node:fs/promises';
import type { InternationalString } from '@iiif/presentation-3';
import { existingFileInside } from '../../../manifests/data-file.ts';
import { parseItemRecord } from '../../../manifests/item-reader.ts';
import { dataPaths, isSafeId } from '../../../manifests/layout.ts';

/** Records read for one report at most: a page of a large collection's job stays cheap to draw. */
export const MAX_TITLED_ITEMS = 500;
/** Records read at once. */
const AT_ONCE = 8;

/** The label of each listed item that has a readable published record (the first MAX_TITLED_ITEMS ids). */
export async function itemTitles(dataDir: string, ids: readonly string[]): Promise<Map<string, InternationalString>> {
  const paths = dataPaths(dataDir);
  const wanted = [...new Set(ids)].filter(isSafeId).slice(0, MAX_TITLED_ITEMS);
  const titles = new Map<string, InternationalString>();
  for (let i = 0; i < wanted.length; i += AT_ONCE) {
    await Promise.all(
      wanted.slice(i, i + AT_ONCE).map(async (id) => {
        try {
          // Resolved as the public routes resolve it: a records folder linked in from outside gives no title.
          const real = await existingFileInside(paths.root, paths.record(id));
          if (real !== undefined) titles.set(id, parseItemRecord(await readFile(real, 'utf8'), `record of ${id}`, id).label);
        } catch {
          // No title for this one: the report shows its id, which is what the job published.
        }
      }),
    );
  }
  return titles;
}
