// GET /healthz for load balancers and operators: whether the data folder can be read and is
// published, how many items it holds, and the status each other part (the search backend) reports
// about itself. The folder is resolved as the routes resolve it (manifests/data-file.ts), so a data folder
// switched or gone behind a symbolic link shows here as it shows to readers.
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import type { Config } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { PresentationReadError, parseCollection } from '../../manifests/presentation-reader.ts';
import { existingFileInside } from '../../manifests/data-file.ts';

export interface HealthReport {
  ok: boolean;
  [detail: string]: unknown;
}

/** A part of the server that can say whether it works (e.g. the search engine). */
export interface HealthContributor {
  name: string;
  check: () => Promise<HealthReport>;
}

const CHECK_TIMEOUT_MS = 5000;

export function healthRouter({ config, contributors = [] }: { config: Config; contributors?: HealthContributor[] }): Router {
  const paths = dataPaths(config.DATA_DIR);
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const count = await countItems(paths.root, paths.collection);
    const checks = await Promise.all(contributors.map(async (c) => [c.name, await runCheck(c)] as const));
    const published = 'items' in count;
    const ok = published && checks.every(([, r]) => r.ok);
    res.status(ok ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      ok,
      items: published ? count.items : 0,
      published,
      ...(published ? {} : { problem: count.problem }),
      ...Object.fromEntries(checks),
    });
  });
  return router;
}

/** How many items the published collection lists, or why it cannot say (missing, unreadable, damaged). */
async function countItems(root: string, collection: string): Promise<{ items: number } | { problem: string }> {
  try {
    const real = await existingFileInside(root, collection);
    if (real === undefined) return { problem: 'collection.json is not published' };
    return { items: parseCollection(await readFile(real, 'utf8'), 'collection.json').items.length };
  } catch (err) {
    // The reader's message names the file and field; a file system error would show the folder's path to anyone.
    return { problem: err instanceof PresentationReadError ? err.message : 'collection.json cannot be read' };
  }
}

async function runCheck(c: HealthContributor): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthReport>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([c.check(), timeout]);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
