// The search part as the server loads it (server/parts.ts): the /api/search and Content Search
// routers over the configured engine, its /healthz report, and ingest hooks that keep the index in
// step with what `npm start` publishes.
import type { Config } from '../../config.ts';
import type { PartModule } from '../parts.ts';
import type { Logger } from '../logger.ts';
import { createContentSearchRouter } from '../routes/content-search.ts';
import { createSearchRouter } from '../routes/search.ts';
import { openSearchBackend, searchHealth, searchIngestHooks } from './open.ts';

export function createPart(config: Config, log: Logger): PartModule {
  const backend = openSearchBackend(config);
  return {
    routers: [createSearchRouter(backend), createContentSearchRouter(backend, config)],
    health: [{ name: 'search', check: async () => ({ ...(await searchHealth(backend)) }) }],
    ingestHooks: searchIngestHooks(backend, config.DATA_DIR, log),
    close: () => backend.close(),
  };
}
