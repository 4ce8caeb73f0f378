// The Change Discovery activity log: one JSON line per Create, Update, Delete or Move (a rebase) of
// a published item, appended in `<data>/.leeszaal/activities.jsonl`. The discovery files under
// `iiif/discovery/` are rebuilt from it after every change. A line cut short by a crash is skipped
// when read.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import type { Activity } from '../manifests/discovery.ts';

/** Parses a logged line into the Activity the discovery builder takes. */
const activity: v.GenericSchema<unknown, Activity> = v.union([
  v.object({ type: v.picklist(['Create', 'Update', 'Delete']), itemId: v.string(), endTime: v.string() }),
  v.object({ type: v.literal('Move'), itemId: v.string(), endTime: v.string(), from: v.pipe(v.string(), v.url()) }),
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
      const parsed = v.safeParse(activity, JSON.parse(line));
      if (parsed.success) out.push(parsed.output);
    } catch {
      // A partial last line from an interrupted append.
    }
  }
  return out;
}
