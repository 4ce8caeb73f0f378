// The copy of an item's source metadata published beside its record.json: the METS or item.json
// file as it is, and for an item from a collection CSV only the header and that item's own row, as
// the CSV reader decoded them (whatever the delimiter or encoding), so one record never exposes the
// rest of the spreadsheet.
import { readFile } from 'node:fs/promises';
import type { SourceItem } from './source-item.ts';

export async function sourceRecordBytes(item: SourceItem, format: 'mets' | 'csv' | 'json'): Promise<Buffer> {
  if (format === 'csv') {
    if (item.metadataText === undefined) throw new Error(`CSV item ${item.id} has no row text to publish`);
    return Buffer.from(item.metadataText, 'utf8');
  }
  return readFile(item.metadataFile!);
}
