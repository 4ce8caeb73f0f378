// An exclusive lock file so two ingests (or an ingest and a removal) never work on one data folder
// at once. The file holds the owner's pid and host; a lock whose process is gone (killed ingest) is
// taken over, so a crash never blocks the next run. Callers choose to wait for a live owner or fail.
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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

interface Owner {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
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
    const owner = await readOwner(file);
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
      const who = owner ? `process ${owner.pid} on ${owner.host} since ${owner.since}` : 'another process';
      throw new LockError(
        `${opts.what} is locked by ${who} (lock file ${file}); wait for it to finish or remove the lock file if that process is gone`,
      );
    }
    await sleep(200);
  }
}
