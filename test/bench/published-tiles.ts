// The tile files of a published data folder as the URL paths viewers ask for, for the benchmarks
// that load a server with the requests readers make most (server, robustness).
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every published tile file as a URL path (the `w,h` names OpenSeadragon asks for; `max` aliases skipped). */
export async function tilePaths(dataDir: string): Promise<string[]> {
  const imageRoot = path.join(dataDir, 'iiif', 'image');
  const out: string[] = [];
  for (const id of await readdir(imageRoot)) {
    for (const region of await readdir(path.join(imageRoot, id)).catch(() => [])) {
      if (!/^\d+,\d+,\d+,\d+$/.test(region)) continue;
      for (const size of await readdir(path.join(imageRoot, id, region))) {
        if (size === 'max') continue;
        out.push(`/iiif/image/${id}/${region}/${size}/0/default.jpg`);
      }
    }
  }
  return out;
}
