// Memory of a process and the processes it started (ingest and its JPEG 2000 decoder), read from
// /proc while they run: for the memory test and the JPEG 2000 benchmark, whose budget is for the
// whole tree, not the Node.js process alone.
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

async function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/** Peak resident set (VmHWM) of a running process in bytes, or undefined once it has gone. */
export const peakRss = (pid: number) => statusField(pid, 'VmHWM');

/** A process and all its descendants, from each thread's `children` list in /proc. */
export async function processTree(pid: number): Promise<number[]> {
  const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = await Promise.all(threads.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')));
  const pids = children.flatMap((c) => c.split(' ').filter(Boolean).map(Number));
  return [pid, ...(await Promise.all(pids.map(processTree))).flat()];
}

export interface TreeMemory {
  /** Largest sum of the resident sets of the process and its descendants seen at one sample. */
  treePeak: number;
  /** Largest peak resident set (VmHWM) of any descendant seen. */
  childPeak: number;
}

/** Samples the memory of `pid`'s tree every `everyMs` until `done` settles. */
export async function watchTree(pid: number, done: Promise<unknown>, everyMs = 50): Promise<TreeMemory> {
  let finished = false;
  void done.finally(() => (finished = true));
  const seen: TreeMemory = { treePeak: 0, childPeak: 0 };
  while (!finished) {
    const [self, ...children] = await processTree(pid);
    const sizes = await Promise.all([self!, ...children].map(async (p) => (await statusField(p, 'VmRSS')) ?? 0));
    seen.treePeak = Math.max(
      seen.treePeak,
      sizes.reduce((a, b) => a + b, 0),
    );
    for (const p of children) seen.childPeak = Math.max(seen.childPeak, (await peakRss(p)) ?? 0);
    await sleep(everyMs);
  }
  return seen;
}
