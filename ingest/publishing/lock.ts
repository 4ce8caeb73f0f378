// An exclusive lock file so two ingests (or an ingest and a removal) never work on one data folder
// at once. The file holds the owner's pid and host; a lock whose process is gone (killed ingest) is
// taken over, so a crash never blocks the next run. Callers choose to wait for a live owner or fail.
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as v from 'valibot';

export class LockError extends Error {
  override name = 'LockError';
}

export interface Lock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a live owner, in ms; 0 fails at once. */
  waitMs: number;
  /** Shown in the error so the curator knows what holds the folder. */
  what: string;
}

export interface Owner {
  pid: number;
  host: string;
  since: string;
}

const owner: v.GenericSchema<unknown, Owner> = v.object({
  pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  host: v.string(),
  since: v.string(),
});

/**
 * The owner a lock file names, or why it names none (the file of another ingest, maybe an older or
 * a damaged one, is read like any untrusted file): the reason names the file and the field.
 */
export function parseLockOwner(text: string, file: string): { owner: Owner } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problem: `lock file ${file} is not JSON: ${(err as Error).message}` };
  }
  const parsed = v.safeParse(owner, json);
  return parsed.success ? { owner: parsed.output } : { problem: `lock file ${file} names no owner: ${v.summarize(parsed.issues)}` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<{ owner: Owner } | { problem: string }> {
  const text = await readFile(file, 'utf8').catch((err: Error) => ({ problem: `lock file ${file} cannot be read: ${err.message}` }));
  return typeof text === 'string' ? parseLockOwner(text, file) : text;
}

export async function acquireLock(file: string, opts: LockOptions): Promise<Lock> {
  await mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      const me: Owner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const read = await readOwner(file);
    const owner = 'owner' in read ? read.owner : undefined;
    // A lock file being written right now has no owner yet (stale only once old); one whose process
    // is gone is stale at once.
    const stale = owner
      ? owner.host === os.hostname() && !alive(owner.pid)
      : Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? Date.now()) > 10_000;
    if (stale) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = 'owner' in read ? `process ${read.owner.pid} on ${read.owner.host} since ${read.owner.since}` : `another process (${read.problem})`;
      throw new LockError(
        `${opts.what} is locked by ${who} (lock file ${file}); wait for it to finish or remove the lock file if that process is gone`,
      );
    }
    await sleep(200);
  }
}
