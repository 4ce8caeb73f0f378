// The Change Discovery activity log: one JSON line per Create, Update, Delete or Move (a rebase) of
// a published item, appended in `<data>/.leeszaal/activities.jsonl`. Ingest writes it; the discovery
// files under `iiif/discovery/` are rebuilt from it after every change, and the server's search
// indexer follows it as any harvester would. A line cut short by a crash is skipped when read.
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import type { Activity } from './discovery.ts';

/** Parses a logged line into the Activity the discovery builder takes. */
const activity: v.GenericSchema<unknown, Activity> = v.union([
  v.object({ type: v.picklist(['Create', 'Update', 'Delete']), itemId: v.string(), endTime: v.string() }),
  v.object({ type: v.literal('Move'), itemId: v.string(), endTime: v.string(), from: v.pipe(v.string(), v.url()) }),
]);

/** Most bytes one follow step reads, so a reader catching up on a long log stays bounded in memory. */
const MAX_CHUNK = 4 * 1024 * 1024;

export function activityLogFile(stateDir: string): string {
  return path.join(stateDir, 'activities.jsonl');
}

export async function appendActivity(stateDir: string, a: Activity): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await appendFile(activityLogFile(stateDir), `${JSON.stringify(a)}\n`);
}

function parseLines(text: string): Activity[] {
  const out: Activity[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = v.safeParse(activity, JSON.parse(line));
      if (parsed.success) out.push(parsed.output);
    } catch {
      // A partial line from an interrupted append.
    }
  }
  return out;
}

export async function readActivities(stateDir: string): Promise<Activity[]> {
  let text: string;
  try {
    text = await readFile(activityLogFile(stateDir), 'utf8');
  } catch {
    return [];
  }
  return parseLines(text);
}

export interface ActivityChunk {
  activities: Activity[];
  /** Byte offset just past the last complete line read: where the next read starts. */
  next: number;
}

/**
 * The activities in complete lines from byte `offset` on (at most MAX_CHUNK bytes of them; call
 * again from `next` until it stops moving). A line still being appended is left for the next read.
 */
export async function readActivitiesFrom(stateDir: string, offset: number): Promise<ActivityChunk> {
  const file = await open(activityLogFile(stateDir), 'r').catch(() => undefined);
  if (file === undefined) return { activities: [], next: offset };
  try {
    const { size } = await file.stat();
    if (size <= offset) return { activities: [], next: offset };
    const buffer = Buffer.alloc(Math.min(MAX_CHUNK, size - offset));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
    const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (end < 0) return { activities: [], next: offset };
    return { activities: parseLines(buffer.subarray(0, end).toString('utf8')), next: offset + end + 1 };
  } finally {
    await file.close();
  }
}
