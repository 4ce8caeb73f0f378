// The catalogue export at the top of a collection folder (one MARC or Dublin Core file for many
// items), matched to the item folders below it by name: a folder is named after one of its
// record's identifiers (001, 035 with or without its `(OCoLC)`-style prefix, the 852/090 shelfmark,
// a dc:identifier or OAI identifier), compared as item ids are made (`(OCoLC)12345` matches a folder
// `ocolc-12345` or `12345`; `Hs. 314` matches `hs-314`). What matches nothing is reported by name.
import path from 'node:path';
import { toSafeId } from '../safe-id.ts';
import type { SourceProblem } from '../source-item.ts';
import { type CatalogueEntry, catalogueFiles, readCatalogueFile } from './catalogue-files.ts';

export class CollectionCatalogue {
  private readonly byKey = new Map<string, CatalogueEntry[]>();
  private readonly matched = new Set<CatalogueEntry>();

  private readonly entries: CatalogueEntry[];
  private readonly shown: (absolutePath: string) => string;
  /**
   * The records (or whole files) that could not be read, by label. While there are any, a folder
   * that matches no record may be described by one of them, so it is not published untitled.
   */
  readonly unreadable: string[];

  private constructor(entries: CatalogueEntry[], unreadable: string[], shown: (absolutePath: string) => string) {
    this.entries = entries;
    this.unreadable = unreadable;
    this.shown = shown;
    for (const entry of entries) {
      for (const key of new Set(entry.keys.map(toSafeId).filter(Boolean))) {
        const list = this.byKey.get(key) ?? [];
        list.push(entry);
        this.byKey.set(key, list);
      }
    }
  }

  /** Reads the catalogue files at the top of a collection folder; undefined when it has none. */
  static async read(
    folder: string,
    names: readonly string[],
    shown: (absolutePath: string) => string,
  ): Promise<{ catalogue?: CollectionCatalogue; problems: SourceProblem[] }> {
    const files = catalogueFiles(names);
    if (files.length === 0) return { problems: [] };
    const entries: CatalogueEntry[] = [];
    const unreadable: string[] = [];
    const problems: SourceProblem[] = [];
    for (const { name, kind } of files) {
      const file = path.join(folder, name);
      const reading = await readCatalogueFile(file, kind, true);
      entries.push(...reading.entries);
      for (const error of reading.errors) {
        unreadable.push(error.label);
        problems.push({ item: path.basename(folder), file: shown(file), reason: error.reason });
      }
    }
    return { catalogue: new CollectionCatalogue(entries, unreadable, shown), problems };
  }

  /** The record for an item folder, or why there is none to use. */
  match(folderName: string): { entry: CatalogueEntry } | { ambiguous: CatalogueEntry[] } | undefined {
    const found = this.byKey.get(toSafeId(folderName)) ?? [];
    for (const entry of found) this.matched.add(entry);
    if (found.length === 1) return { entry: found[0]! };
    return found.length > 1 ? { ambiguous: found } : undefined;
  }

  /** Records no folder was named after, each named by its label, title and identifiers. */
  unmatched(collection: string): SourceProblem[] {
    return this.entries
      .filter((e) => !this.matched.has(e))
      .map((e) => ({
        item: collection,
        file: this.shown(e.file),
        reason: `${e.label} (${e.description.title ?? 'no title'}; identifiers ${e.keys.slice(0, 4).join(', ') || 'none'}) matches no item folder: name the item's folder after one of its identifiers`,
      }));
  }
}
