// Ingest's private bookkeeping in `<data>/.leeszaal/state.json`: for every published item, each page's
// source file fingerprint (size, mtime, content hash) and its published image, plus the base URL and
// tile settings the data was made with. It lets a re-run skip unchanged pages without reading them
// and notice a changed page, a changed base URL or changed tile settings; and, for every BagIt bag
// verified, what it was verified as, so an unchanged bag is not hashed again.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { writeJsonAtomic } from '../../manifests/atomic-write.ts';

const pageState = v.object({
  file: v.string(),
  size: v.number(),
  mtimeMs: v.number(),
  sha256: v.string(),
  imageId: v.string(),
  width: v.number(),
  height: v.number(),
});

const itemState = v.object({
  pages: v.record(v.string(), pageState),
  /** sha256 of the published manifest, to tell an Update from a no-op. */
  manifestHash: v.string(),
  /**
   * sha256 of the record as ingest made it from the source, so a re-run can tell a source that
   * changed from one that did not while the published record was edited in the workspace (the edit
   * then stands). Absent in older state files.
   */
  sourceHash: v.optional(v.string()),
  publishedAt: v.string(),
});

const fileSeen = v.object({ size: v.number(), mtimeMs: v.number() });
/** A verified bag (sources/bag-verification.ts VerifiedBag): its manifests' hash and its files then. */
const bagState = v.object({ manifests: v.string(), files: v.record(v.string(), fileSeen) });

const stateSchema = v.object({
  version: v.literal(1),
  baseUrl: v.string(),
  items: v.record(v.string(), itemState),
  /**
   * Images a replaced manifest named and the new one does not, with the time of the switch: kept
   * until caches can no longer hand out the old manifest (sweep.ts). Absent in older state files.
   */
  retired: v.optional(v.record(v.string(), v.pipe(v.string(), v.isoTimestamp())), {}),
  /** Verified BagIt bags by absolute path. Absent in older state files. */
  bags: v.optional(v.record(v.string(), bagState), {}),
});

export type PageState = v.InferOutput<typeof pageState>;
export type ItemState = v.InferOutput<typeof itemState>;
export type IngestState = v.InferOutput<typeof stateSchema>;

export function stateFile(stateDir: string): string {
  return path.join(stateDir, 'state.json');
}

export async function loadState(stateDir: string, baseUrl: string): Promise<IngestState> {
  let text: string;
  try {
    text = await readFile(stateFile(stateDir), 'utf8');
  } catch {
    return { version: 1, baseUrl, items: {}, retired: {}, bags: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`ingest state ${stateFile(stateDir)} is damaged: not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(stateSchema, json);
  if (!parsed.success) throw new Error(`ingest state ${stateFile(stateDir)} is damaged: ${v.summarize(parsed.issues)}`);
  return parsed.output;
}

export async function saveState(stateDir: string, state: IngestState): Promise<void> {
  await writeJsonAtomic(stateFile(stateDir), state, path.join(stateDir, 'staging'));
}

export interface Fingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The file's fingerprint; the hash is reused from `known` when size and mtime still match. */
export async function fingerprint(file: string, known?: Pick<PageState, 'size' | 'mtimeMs' | 'sha256'>): Promise<Fingerprint> {
  const info = await stat(file);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
    return { size: info.size, mtimeMs: info.mtimeMs, sha256: known.sha256 };
  }
  return { size: info.size, mtimeMs: info.mtimeMs, sha256: await sha256File(file) };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  // 1 MiB reads: with the default 64 KiB, the per-chunk overhead doubles the time for a large scan.
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
