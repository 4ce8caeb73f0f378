// The copy of an item's source metadata published beside its record.json: the METS, item.json or
// catalogue record file as it is, and for an item from a collection file (a CSV, a MARC or Dublin
// Core export) only that item's own part (a CSV's header and the item's row, as the CSV reader
// decoded them; the item's own catalogue record), so one record never exposes the rest of the file.
import { readFile } from 'node:fs/promises';
import type { SourceRecordFormat } from '../../manifests/item.ts';
import type { SourceItem } from './source-item.ts';

export async function sourceRecordBytes(item: SourceItem, format: SourceRecordFormat): Promise<Buffer> {
  if (item.metadataText !== undefined) return Buffer.from(item.metadataText, 'utf8');
  if (format === 'csv') throw new Error(`CSV item ${item.id} has no row text to publish`);
  return readFile(item.metadataFile!);
}
