// The one reader of a published item record (`records/<id>/record.json`) read back from the data
// folder: by ingest (the collection, the sweep) and by search (reindexing). A record that is damaged
// or not an ItemRecord is refused with the file and the field named, never cast.
import * as v from 'valibot';
import type { Agent, Identifier, ItemRecord, PageRecord, TocEntry } from './item.ts';

const languageMap = v.record(v.string(), v.array(v.string()));

const agent: v.GenericSchema<unknown, Agent> = v.object({ name: v.string(), role: v.optional(v.string()), uri: v.optional(v.string()) });
const identifier: v.GenericSchema<unknown, Identifier> = v.object({ type: v.string(), value: v.string() });

const page: v.GenericSchema<unknown, PageRecord> = v.object({
  key: v.string(),
  label: v.optional(v.string()),
  file: v.string(),
  imageId: v.string(),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  alto: v.optional(v.string()),
  textFormat: v.optional(v.picklist(['page-xml', 'hocr'])),
});

const toc: v.GenericSchema<unknown, TocEntry> = v.object({
  label: v.string(),
  type: v.optional(v.string()),
  pages: v.array(v.string()),
  children: v.array(v.lazy(() => toc)),
});

const itemRecord: v.GenericSchema<unknown, ItemRecord> = v.object({
  id: v.string(),
  type: v.picklist(['book', 'periodical', 'print', 'manuscript', 'map', 'other']),
  label: languageMap,
  untitled: v.optional(v.boolean()),
  summary: v.optional(languageMap),
  agents: v.array(agent),
  publisher: v.optional(v.string()),
  place: v.optional(v.string()),
  date: v.optional(v.string()),
  languages: v.array(v.string()),
  subjects: v.array(v.string()),
  shelfmark: v.optional(v.string()),
  holdingInstitution: v.optional(v.string()),
  identifiers: v.array(identifier),
  partOf: v.optional(v.string()),
  rights: v.string(),
  attribution: v.string(),
  externalUrl: v.optional(v.string()),
  note: v.optional(v.string()),
  sourceRecord: v.optional(v.object({ file: v.string(), format: v.picklist(['mets', 'csv', 'json', 'marcxml', 'marc', 'dc']) })),
  thumbnailPage: v.optional(v.string()),
  behavior: v.picklist(['paged', 'individuals']),
  viewingDirection: v.picklist(['left-to-right', 'right-to-left']),
  pages: v.array(page),
  toc: v.array(toc),
});

export class ItemRecordError extends Error {
  override name = 'ItemRecordError';
}

/**
 * Parses a published record's text. `where` names the file in errors; `id`, when given, is the id the
 * record must carry (the folder it was read from), so a record copied under another id is refused.
 */
export function parseItemRecord(text: string, where: string, id?: string): ItemRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ItemRecordError(`${where} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(itemRecord, json);
  if (!parsed.success) throw new ItemRecordError(`${where} is not an item record: ${v.summarize(parsed.issues)}`);
  if (id !== undefined && parsed.output.id !== id) {
    throw new ItemRecordError(`${where} is the record of ${JSON.stringify(parsed.output.id)}, not of ${JSON.stringify(id)}`);
  }
  return parsed.output;
}
