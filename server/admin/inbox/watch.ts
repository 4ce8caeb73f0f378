// The watched inbox (INBOX_DIR): item folders (or collection folders) dropped there, over a network
// share for example, are published like an upload once complete (readiness.ts): each becomes a publish
// job once moved into the upload staging area (`.leeszaal/uploads/inbox-<time>-<name>/<name>/`), so it is neither
// picked up twice nor changed while it publishes. A moved folder without a job (the server stopped
// between the two) is queued at the next start. Polled, not watched with inotify, because network
// shares rarely deliver change events. Folders whose names start with `.` or `_` are left alone.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { JobQueue } from '../jobs/queue.ts';
import type { Staging } from '../uploads/staging.ts';
import { type FolderScan, MARKERS, readiness, type Seen } from './readiness.ts';

const POLL_MS = 2000;
const INBOX_PREFIX = 'inbox-';

export interface InboxOptions {
  dir: string;
  settleMs: number;
  staging: Staging;
  queue: JobQueue;
  onError: (err: unknown, folder?: string) => void;
  pollMs?: number;
}

export interface Inbox {
  /** One pass over the inbox (the timer calls it; tests may too). */
  poll: () => Promise<void>;
  close: () => void;
}

async function scanFolder(folder: string): Promise<FolderScan> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const lines: string[] = [];
  let marker = false;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const relative = path.relative(folder, full);
    if (MARKERS.includes(relative)) {
      marker = true;
      continue;
    }
    const s = await stat(full);
    lines.push(`${relative}\t${s.size}\t${s.mtimeMs}`);
  }
  lines.sort();
  return { signature: lines.join('\n'), files: lines.length, marker };
}

/** Moves a folder, copying when the inbox is on another file system than the data folder. */
async function move(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
}

export function watchInbox(o: InboxOptions): Inbox {
  const seen = new Map<string, Seen>();
  let busy = false;

  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      await mkdir(o.dir, { recursive: true });
      const names = (await readdir(o.dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !/^[._]/.test(e.name)).map((e) => e.name);
      for (const gone of [...seen.keys()].filter((n) => !names.includes(n))) seen.delete(gone);
      for (const name of names) {
        const folder = path.join(o.dir, name);
        try {
          const r = readiness(await scanFolder(folder), seen.get(name), Date.now(), o.settleMs);
          if (!r.ready) {
            seen.set(name, r.seen);
            continue;
          }
          seen.delete(name);
          const target = path.join(o.staging.root, `${INBOX_PREFIX}${Date.now()}-${randomBytes(4).toString('hex')}`);
          await move(folder, path.join(target, name));
          for (const marker of MARKERS) await rm(path.join(target, name, marker), { force: true });
          o.queue.add({ source: 'inbox', folder: target, label: name, user: null });
        } catch (err) {
          o.onError(err, folder);
        }
      }
    } catch (err) {
      o.onError(err);
    } finally {
      busy = false;
    }
  };

  /** Staged inbox folders with no job: moved just before a stop. */
  const adoptOrphans = async () => {
    const staged = await readdir(o.staging.root, { withFileTypes: true }).catch(() => []);
    for (const e of staged.filter((d) => d.isDirectory() && d.name.startsWith(INBOX_PREFIX))) {
      const target = path.join(o.staging.root, e.name);
      if (o.queue.hasFolder(target)) continue;
      const inside = await readdir(target);
      o.queue.add({ source: 'inbox', folder: target, label: inside.join(', ') || e.name, user: null });
    }
  };

  const timer = setInterval(() => void poll(), o.pollMs ?? POLL_MS);
  timer.unref();
  void adoptOrphans()
    .catch((err) => o.onError(err))
    .then(poll);
  return { poll, close: () => clearInterval(timer) };
}
