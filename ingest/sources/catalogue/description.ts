// What a catalogue record says about an item, whatever its format (MODS, MARC, Dublin Core): the
// ItemRecord's descriptive fields, plus what the reader found wrong with the record's languages and
// links, for the item reader to report. MODS defined it first; MARC and Dublin Core fill the same.
import type { ModsDescription } from '../mods.ts';

export type CatalogueDescription = ModsDescription;

/** Values trimmed, empty ones and repeats dropped, order kept. */
export function distinct(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].map((v) => v?.trim() ?? '').filter((v) => v !== ''))];
}
