// What the metadata readers (METS/MODS, CSV, item.json) hand to the ingest pipeline: an item as its
// source describes it, before its images are measured and tiled. The pipeline turns it into an
// ItemRecord (manifests/item.ts) by adding image ids and sizes.
import type { ItemRecord } from '../../manifests/item.ts';

export interface SourcePage {
  /** Stable key within the item, from the image file name stem, made safe (`page-0017`). */
  key: string;
  label?: string;
  /** Image path relative to the item folder (`images/page-0017.tif`). */
  file: string;
  /** Full-text file (ALTO, PAGE XML or hOCR) relative to the item folder, when this page has full text. */
  alto?: string;
}

export type SourceItem = Omit<ItemRecord, 'pages' | 'toc'> & {
  /** Absolute path of the item folder (image and full-text paths are relative to it). */
  folder: string;
  /** Absolute path of the BagIt bag the item is in: its checksums are verified before publishing. */
  bag?: string;
  /** Absolute path of the metadata file the item was read from (copied to `records/<id>/`). */
  metadataFile?: string;
  /** When set, the text to publish as `sourceRecord.file` instead of a copy of metadataFile (a CSV
   * item's own row under the header, not the whole collection's spreadsheet). */
  metadataText?: string;
  /** Line of the item's row in metadataFile (a CSV row), so problems found after reading can name it. */
  metadataLine?: number;
  pages: SourcePage[];
  /** Table of contents by page keys, as in ItemRecord. */
  toc: ItemRecord['toc'];
};

/** One thing wrong with the source, reported to the curator; the item named is not published. */
export interface SourceProblem {
  /** Item id or folder name the problem belongs to (or the collection folder for collection-wide files). */
  item: string;
  /** The file at fault, relative to the source root when possible. */
  file?: string;
  reason: string;
}

export interface SourceScan {
  items: SourceItem[];
  problems: SourceProblem[];
  /** Leeszaal data folders found inside the source (`--data ./data` run from the collection), left out. */
  dataFolders?: string[];
  /** Reported, but publishing goes on: a catalogue record matching no item folder, a record without a title. */
  warnings?: SourceProblem[];
}
