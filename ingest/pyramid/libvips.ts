// libvips settings for a process that ingests (the CLI, the benchmark): no operation cache, since
// each scan is read once, and threads shared among the pages processed at once. sharp's own default
// on glibc Linux is a single thread per pipeline (to limit heap fragmentation), which leaves cores idle.
import os from 'node:os';
import sharp from 'sharp';

export function tuneLibvips(jobs: number): void {
  sharp.cache(false);
  sharp.concurrency(Math.max(1, Math.ceil(os.availableParallelism() / Math.max(1, jobs))) + 1);
}
