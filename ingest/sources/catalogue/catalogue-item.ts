// Builds the item of a folder described by a catalogue record (MARC or Dublin Core) rather than by
// METS: the record gives the description, the folder its pages (images in file-name order, ALTO by
// file stem, as for a folder without metadata). The item id is the folder's name, which stays
// stable whatever the catalogue renumbers. Shared by the item's own record file and a record from
// a collection file matched to the folder.
import type { ItemRecord } from '../../../manifests/item.ts';
import type { ItemContext, ItemReading } from '../item-context.ts';
import { behaviorFor, compact, labelFor } from '../item-fields.ts';
import { fileStem, pageKeys } from '../page-order.ts';
import { toSafeId } from '../safe-id.ts';
import type { SourceItem, SourceProblem } from '../source-item.ts';
import path from 'node:path';
import { type CatalogueKind, readCatalogueFile } from './catalogue-files.ts';
import type { CatalogueDescription } from './description.ts';

export interface CatalogueSource {
  /** Absolute path of the file the record was read from. */
  file: string;
  /** What to publish as the item's source record; `text` when it is not the file itself (a record of a collection file). */
  sourceRecord: NonNullable<ItemRecord['sourceRecord']>;
  text?: string;
  /** How problems and warnings name the record: `marc.xml`, or `records.mrc record 3`. */
  label: string;
}

export function catalogueItem(description: CatalogueDescription, source: CatalogueSource, ctx: ItemContext): ItemReading {
  const file = ctx.shown(source.file);
  const id = toSafeId(ctx.folderName);
  const problems: SourceProblem[] = [];
  const problem = (reason: string, at = file) => problems.push({ item: id || ctx.folderName, file: at, reason });
  if (!id) problem(`cannot make an item id from the folder name ${JSON.stringify(ctx.folderName)}: rename the folder with letters or digits`);
  for (const value of description.unknownLanguages)
    problem(`${source.label}: language ${JSON.stringify(value)} is not an ISO 639 code or a known language name`);
  for (const reason of description.refusedUrls) problem(`${source.label}: ${reason}`);
  if (ctx.files.images.length === 0)
    problem('the item has no page images (TIFF, JPEG, PNG or WebP, in the folder or in images/)', ctx.shown(ctx.folder));
  if (problems.length > 0) return { problems };

  const { title, unknownLanguages: _unknown, refusedUrls: _refused, type: described, rights, summary, ...fields } = description;
  const type = described ?? (ctx.files.images.length > 1 ? 'book' : 'print');
  const keys = pageKeys(ctx.files.images);
  const item: SourceItem = compact({
    ...fields,
    id,
    type,
    ...labelFor(title),
    summary: summary ? { none: [summary] } : undefined,
    rights: rights ?? ctx.inherited.rights,
    attribution: ctx.inherited.attribution,
    sourceRecord: source.sourceRecord,
    behavior: behaviorFor(type),
    viewingDirection: 'left-to-right' as const,
    folder: ctx.folder,
    metadataFile: source.file,
    metadataText: source.text,
    pages: ctx.files.images.map((image, i) => compact({ key: keys[i]!, file: image, alto: ctx.files.altoByStem.get(fileStem(image)) })),
    toc: [],
  });
  // Published all the same, as an untitled CSV row or METS record is; the warning says why it has no title.
  const warnings = title ? [] : [{ item: id, file, reason: `${source.label} has no title (MARC 245 $a, or dc:title): published as "Untitled"` }];
  return { item, problems: [], ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Reads the item folder's own MARC or Dublin Core file: one record, which describes the item. */
export async function readItemCatalogueFile(file: string, kind: CatalogueKind, ctx: ItemContext): Promise<ItemReading> {
  const name = path.basename(file);
  const item = toSafeId(ctx.folderName) || ctx.folderName;
  const problem = (reason: string): ItemReading => ({ problems: [{ item, file: ctx.shown(file), reason }] });
  const reading = await readCatalogueFile(file, kind, false);
  if (reading.errors.length > 0) {
    return {
      problems: reading.errors.map((e) => ({ item, file: ctx.shown(file), reason: e.reason })),
    };
  }
  if (reading.entries.length > 1) {
    return problem(
      `${name} holds ${reading.entries.length} records, and an item folder's own file describes one item: keep one record here, or put the file at the top of the collection folder, where its records are matched to item folders by identifier`,
    );
  }
  const { text: _whole, ...entry } = reading.entries[0]!;
  return catalogueItem(entry.description, entry, ctx);
}
