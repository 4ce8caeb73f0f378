// Chooses the search engine from configuration (Elasticsearch when ELASTICSEARCH_URL is set, else
// the embedded index in `<data>/search/`), and its health check for /healthz.
import type { Config } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { SearchUnavailableError, type SearchBackend, type SearchHealth } from './backend.ts';
import { EmbeddedSearchBackend } from './sqlite-backend.ts';

export function openSearchBackend(config: Config): SearchBackend {
  if (!config.ELASTICSEARCH_URL) return new EmbeddedSearchBackend(dataPaths(config.DATA_DIR).search);
  return lazyElasticBackend(config);
}

/**
 * The Elasticsearch backend, its client (a second of start-up) imported on first use, so the
 * embedded engine, ingest and the server's start never pay for it.
 */
function lazyElasticBackend(config: Config): SearchBackend {
  let loaded: Promise<SearchBackend> | undefined;
  const backend = () =>
    (loaded ??= import('./elastic-backend.ts').then((m) => {
      try {
        return m.ElasticSearchBackend.fromConfig(config);
      } catch (err) {
        // A broken setting (an unreadable CA file) must not stop images and manifests being served.
        return unavailableBackend(`Elasticsearch is misconfigured: ${err instanceof Error ? err.message : String(err)}`);
      }
    }));
  return {
    kind: 'elasticsearch',
    index: async (doc) => (await backend()).index(doc),
    remove: async (itemId) => (await backend()).remove(itemId),
    rebuild: async (docs, progress) => (await backend()).rebuild(docs, progress),
    search: async (query) => (await backend()).search(query),
    suggest: async (q, size) => (await backend()).suggest(q, size),
    pagesMatching: async (itemId, q) => (await backend()).pagesMatching(itemId, q),
    itemPages: async (itemId) => (await backend()).itemPages(itemId),
    health: async () => (await backend()).health(),
    close: async () => {
      if (loaded !== undefined) await (await loaded).close();
    },
  };
}

/** A backend that answers every call with SearchUnavailableError (503) and says why in health. */
export function unavailableBackend(message: string): SearchBackend {
  const fail = async (): Promise<never> => {
    throw new SearchUnavailableError(message);
  };
  return {
    kind: 'elasticsearch',
    index: fail,
    remove: fail,
    rebuild: fail,
    search: fail,
    suggest: fail,
    pagesMatching: fail,
    itemPages: fail,
    health: async () => ({ backend: 'elasticsearch', ok: false, message }),
    close: async () => undefined,
  };
}

/** Whether search works, for /healthz: `{ backend, ok, message }`; never throws. */
export async function searchHealth(backend: SearchBackend): Promise<SearchHealth> {
  try {
    return await backend.health();
  } catch (err) {
    return { backend: backend.kind, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
