// The copy of an item's source metadata published beside its record.json: the METS or item.json
// file as it is, and for an item from a collection CSV only the header and that item's own rows
// (found by the image files they name), so one record never exposes the rest of the spreadsheet.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SourceItem } from './source-item.ts';

export async function sourceRecordBytes(item: SourceItem, format: 'mets' | 'csv' | 'json'): Promise<Buffer> {
  const bytes = await readFile(item.metadataFile!);
  if (format !== 'csv') return bytes;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const rows = parse(text, { raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; raw: string }[];
  const [header, ...body] = rows;
  if (!header) return bytes;
  const files = new Set(item.pages.flatMap((p) => [p.file, path.basename(p.file)]));
  const own = body.filter((r) => r.record.some((cell) => files.has(cell.trim())) || r.record[0]?.trim() === item.id);
  const line = (raw: string) => raw.replace(/\r?\n$/, '');
  return Buffer.from([line(header.raw), ...own.map((r) => line(r.raw))].join('\n') + '\n', 'utf8');
}
