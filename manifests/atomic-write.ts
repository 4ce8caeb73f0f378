// Atomic file writes into the data folder, for everything ingest publishes and the search indexer's
// bookkeeping: write the new file in a private staging folder (same file system), flush it, then
// rename it over the target, so a reader (or a crash) sees the old file or the new one, never half of
// one, and no temporary file is ever left where it is served.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

export async function writeFileAtomic(target: string, data: string | Uint8Array, stagingDir: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await mkdir(stagingDir, { recursive: true });
  const tmp = path.join(stagingDir, `${process.pid}-${counter++}-${path.basename(target)}`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeJsonAtomic(target: string, value: unknown, stagingDir: string): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`, stagingDir);
}
