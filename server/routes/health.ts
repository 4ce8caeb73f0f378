// GET /healthz for load balancers and operators: whether the data folder can be read and is
// published, how many items it holds, and the status each other part (the search backend) reports
// about itself. The folder is resolved as the routes resolve it (safe-path.ts), so a data folder
// switched or gone behind a symbolic link shows here as it shows to readers.
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import type { Config } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { existingFileInside } from '../safe-path.ts';

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
    const items = await countItems(paths.root, paths.collection);
    const checks = await Promise.all(contributors.map(async (c) => [c.name, await runCheck(c)] as const));
    const ok = items !== undefined && checks.every(([, r]) => r.ok);
    res.status(ok ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok, items: items ?? 0, published: items !== undefined, ...Object.fromEntries(checks) });
  });
  return router;
}

async function countItems(root: string, collection: string): Promise<number | undefined> {
  try {
    const real = await existingFileInside(root, collection);
    if (real === undefined) return undefined;
    const json = JSON.parse(await readFile(real, 'utf8')) as { items?: unknown };
    return Array.isArray(json.items) ? json.items.length : 0;
  } catch {
    return undefined;
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
