// The search part as the server loads it (server/parts.ts): the /api/search and Content Search
// routers over the configured engine, its /healthz report, and ingest hooks that keep the index in
// step with what `npm start` publishes. A data folder published before the embedded index existed
// is indexed in the background at start, so search works without a manual `npm run reindex`; the
// embedded engine's facet snapshot is loaded right after start, not on the first search.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import type { PartModule } from '../parts.ts';
import type { Logger } from '../logger.ts';
import { createContentSearchRouter } from '../routes/content-search.ts';
import { createSearchRouter } from '../routes/search.ts';
import { openSearchBackend, searchHealth, searchIngestHooks } from './open.ts';
import { reindexAll } from './reindex.ts';

export function createPart(config: Config, log: Logger): PartModule {
  const backend = openSearchBackend(config);
  const paths = dataPaths(config.DATA_DIR);
  if (backend.kind === 'embedded') {
    // Load the in-memory facet snapshot now rather than on the first reader's search (seconds at 100,000 items).
    setImmediate(() => {
      backend.search({ filters: {}, sort: 'title', page: 1, size: 1 }).catch(() => undefined);
    });
  }
  if (backend.kind === 'embedded' && !existsSync(path.join(paths.search, 'current.json')) && existsSync(path.join(paths.root, 'records'))) {
    reindexAll(config.DATA_DIR, backend)
      .then((r) => log.info({ items: r.count, problems: r.problems }, 'search index built from the published data'))
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'search index not built; run `npm run reindex`'));
  }
  return {
    routers: [createSearchRouter(backend), createContentSearchRouter(backend, config)],
    health: [{ name: 'search', check: async () => ({ ...(await searchHealth(backend)) }) }],
    ingestHooks: searchIngestHooks(backend, config.DATA_DIR, log),
    close: () => backend.close(),
  };
}
