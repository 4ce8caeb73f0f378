// The Change Discovery activity log: one JSON line per Create, Update, Delete or Move (a rebase) of
// a published item, appended in `<data>/.leeszaal/activities.jsonl`. The discovery files under
// `iiif/discovery/` are rebuilt from it after every change. A line cut short by a crash is skipped
// when read.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Activity } from '../manifests/discovery.ts';

/** Parses a logged line into the Activity the discovery builder takes. */
const activity: z.ZodType<Activity> = z.union([
  z.object({ type: z.enum(['Create', 'Update', 'Delete']), itemId: z.string(), endTime: z.string() }),
  z.object({ type: z.literal('Move'), itemId: z.string(), endTime: z.string(), from: z.url() }),
]);

export function activityLogFile(stateDir: string): string {
  return path.join(stateDir, 'activities.jsonl');
}

export async function appendActivity(stateDir: string, a: Activity): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await appendFile(activityLogFile(stateDir), `${JSON.stringify(a)}\n`);
}

export async function readActivities(stateDir: string): Promise<Activity[]> {
  let text: string;
  try {
    text = await readFile(activityLogFile(stateDir), 'utf8');
  } catch {
    return [];
  }
  const out: Activity[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = activity.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // A partial last line from an interrupted append.
    }
  }
  return out;
}
