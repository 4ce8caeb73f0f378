// The bundled sample collection, published once for the tests that need real published data
// (server, search, viewer, conformance). Each base URL gets its own data folder under `.tmp/`; the
// ingest lock makes concurrent vitest workers wait for one another, and a repeat call is an
// incremental ingest that does no image work.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import { formatSummary } from '../../ingest/summary.ts';
import { REPO_ROOT, SAMPLE_SOURCE } from './inputs.ts';

export { REPO_ROOT, SAMPLE_SOURCE };

const published = new Map<string, Promise<{ dataDir: string; baseUrl: string }>>();

function folderFor(baseUrl: string): string {
  return baseUrl.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
}

/** Publishes the sample (once per process and base URL) and returns its data folder. */
export function publishedSample(baseUrl = 'http://localhost:3000'): Promise<{ dataDir: string; baseUrl: string }> {
  const base = baseUrl.replace(/\/+$/, '');
  let pending = published.get(base);
  if (!pending) {
    pending = (async () => {
      const dataDir = path.join(REPO_ROOT, '.tmp', 'sample-data', folderFor(base));
      await mkdir(dataDir, { recursive: true });
      const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: base, LOG_LEVEL: 'silent' });
      const summary = await ingest({ source: SAMPLE_SOURCE, dataDir, baseUrl: base, config, lockWaitMs: 10 * 60_000 });
      if (summary.failed.length > 0) throw new Error(`the bundled sample did not publish cleanly:\n${formatSummary(summary)}`);
      return { dataDir, baseUrl: base };
    })();
    published.set(base, pending);
  }
  return pending;
}
