// What a reader of one item's metadata knows besides the metadata itself: where the item folder is,
// what files it holds, how to name files in problems, and the rights and attribution the item
// inherits from its collection (collection.json) or the ingest defaults.
import type { SourceItem, SourceProblem } from './source-item.ts';
import type { ItemFiles } from './item-folder.ts';
import type { MetsGroups } from './mets-files.ts';

export interface Inherited {
  rights: string;
  attribution: string;
}

export interface ItemContext {
  /** Absolute path of the item folder. */
  folder: string;
  /** The folder's own name: the item id when the metadata gives none, and the name in early problems. */
  folderName: string;
  /** An identifier from outside the metadata (a bag's External-Identifier), preferred to the folder name as id. */
  identifier?: string;
  /** METS file groups to take images and full text from, best first (METS_IMAGE_GROUPS, METS_TEXT_GROUPS). */
  metsGroups: MetsGroups;
  files: ItemFiles;
  inherited: Inherited;
  /** A path as problems show it: relative to the scanned source root. */
  shown: (absolutePath: string) => string;
}

/** What reading one item's metadata gives: the item, or the problems that keep it from publishing. */
export interface ItemReading {
  item?: SourceItem;
  problems: SourceProblem[];
  /** What the curator should know but does not keep the item from publishing (a record without a title). */
  warnings?: SourceProblem[];
}
