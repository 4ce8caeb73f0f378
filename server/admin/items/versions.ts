// The item editor's files in the private state folder: one unpublished draft per item
// (`.leeszaal/drafts/<id>.json`) and every published version of its record, with who published it
// and when (`.leeszaal/history/<id>/<n>.json`). Also the version token every save carries: a hash of
// what the editor was showing (the draft, else the published record), so a save based on anything
// older (another curator's save, a CLI ingest) is noticed and refused, never written over.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { writeJsonAtomic } from '../../../manifests/atomic-write.ts';
import type { ItemRecord } from '../../../manifests/item.ts';
import { existingFileInside } from '../../../manifests/data-file.ts';
import { parseItemRecord } from '../../../manifests/item-reader.ts';
import type { DataPaths } from '../../../manifests/layout.ts';

export interface Draft {
  record: ItemRecord;
  /** Version token of the published record the draft was started from. */
  base: string;
  user: string;
  savedAt: string;
}

export type HistoryAction = 'ingest' | 'edit' | 'restore-version';

export interface HistoryEntry {
  n: number;
  at: string;
  /** Who published it; null for the version ingest published. */
  user: string | null;
  action: HistoryAction;
  /** For a restored version: the number of the version it brought back. */
  from?: number;
  record: ItemRecord;
}

const draftMeta = v.object({ base: v.string(), user: v.string(), savedAt: v.string(), record: v.unknown() });
const historyMeta = v.object({
  n: v.pipe(v.number(), v.integer(), v.minValue(1)),
  at: v.string(),
  user: v.nullable(v.string()),
  action: v.picklist(['ingest', 'edit', 'restore-version']),
  from: v.optional(v.number()),
  record: v.unknown(),
});

export function versionToken(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Writes of the editor's own files, in a staging folder of their own: ingest empties its own at every run. */
function staging(paths: DataPaths): string {
  return path.join(paths.state, 'editor-staging');
}

export interface Published {
  record: ItemRecord;
  version: string;
}

/** The published record of an item, or undefined when it is not published (or withdrawn). */
export async function readPublished(paths: DataPaths, id: string): Promise<Published | undefined> {
  // Resolved as the public routes resolve it: a records folder linked in from outside is not this item's record.
  const real = await existingFileInside(paths.root, paths.record(id));
  const text = real === undefined ? undefined : await readFile(real, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  return { record: parseItemRecord(text, `record of ${id}`, id), version: versionToken(text) };
}

/** The record of a withdrawn item, as it was when withdrawn. */
export async function readWithdrawn(paths: DataPaths, id: string): Promise<ItemRecord | undefined> {
  const file = path.join(paths.withdrawn(id), 'records', 'record.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseItemRecord(text, `withdrawn record of ${id}`, id);
}

export async function listWithdrawn(paths: DataPaths): Promise<ItemRecord[]> {
  const ids = await readdir(path.dirname(paths.withdrawn('x'))).catch(() => [] as string[]);
  const out: ItemRecord[] = [];
  for (const id of ids.sort()) {
    const record = await readWithdrawn(paths, id).catch(() => undefined);
    if (record) out.push(record);
  }
  return out;
}

/** The JSON value of a workspace file's text; a file cut short or garbled is refused with its name. */
function jsonOf(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`);
  }
}

export async function readDraft(paths: DataPaths, id: string): Promise<(Draft & { version: string }) | undefined> {
  const file = paths.draft(id);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = v.safeParse(draftMeta, jsonOf(text, file));
  if (!parsed.success) throw new Error(`${file} is not a draft of ${id}: ${v.summarize(parsed.issues)}`);
  const meta = parsed.output;
  const record = parseItemRecord(JSON.stringify(meta.record), file, id);
  return { base: meta.base, user: meta.user, savedAt: meta.savedAt, record, version: versionToken(text) };
}

export async function writeDraft(paths: DataPaths, id: string, draft: Draft): Promise<void> {
  await writeJsonAtomic(paths.draft(id), draft, staging(paths));
}

export async function deleteDraft(paths: DataPaths, id: string): Promise<void> {
  await rm(paths.draft(id), { force: true });
}

/** Every kept version, oldest first; a damaged file is refused with its name. */
export async function readHistory(paths: DataPaths, id: string): Promise<HistoryEntry[]> {
  const dir = paths.history(id);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d+\.json$/.test(n));
  const entries: HistoryEntry[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = v.safeParse(historyMeta, jsonOf(await readFile(file, 'utf8'), file));
    if (!parsed.success) throw new Error(`${file} is not a version of ${id}: ${v.summarize(parsed.issues)}`);
    const { record, ...meta } = parsed.output;
    entries.push({ ...meta, record: parseItemRecord(JSON.stringify(record), file, id) });
  }
  return entries.sort((a, b) => a.n - b.n);
}

/** Keeps a newly published version as the next number. The caller serialises writers. */
export async function appendHistory(
  paths: DataPaths,
  id: string,
  entry: Omit<HistoryEntry, 'n'>,
  existing: readonly HistoryEntry[],
): Promise<HistoryEntry> {
  const n = (existing.at(-1)?.n ?? 0) + 1;
  const kept: HistoryEntry = { n, ...entry };
  await writeJsonAtomic(path.join(paths.history(id), `${n}.json`), kept, staging(paths));
  return kept;
}
