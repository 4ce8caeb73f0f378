// The Elasticsearch engine, used when ELASTICSEARCH_URL is set. Searches and writes go through an
// alias (ELASTICSEARCH_INDEX); a rebuild bulk-loads a new timestamped index and switches the alias
// to it in one atomic `_aliases` call, so searches never see a half-built index. Connection, auth
// and missing-index errors become SearchUnavailableError (503 with a message), never a crash.
import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import type { Config } from '../../config.ts';
import {
  SearchUnavailableError,
  type IndexDocument,
  type IndexPage,
  type PageMatches,
  type SearchBackend,
  type SearchHealth,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
} from './backend.ts';
import { INDEX_MAPPINGS, INDEX_SETTINGS } from './elastic-mapping.ts';
import {
  pagesBody,
  readPagesResponse,
  readSearchResponse,
  readSuggestResponse,
  searchBody,
  suggestBody,
  toElasticDocument,
  toPage,
} from './elastic-query.ts';
import { parseQueryText } from './query.ts';
import { markedWords } from './snippet.ts';
import { foldWord } from './normalize.ts';

const BULK_BATCH = 500;

type ClientOptions = ConstructorParameters<typeof Client>[0];

/** Client options from configuration: API key or basic auth, and a CA certificate (file path or PEM). */
export function clientOptions(config: Config): ClientOptions {
  if (!config.ELASTICSEARCH_URL) throw new Error('ELASTICSEARCH_URL is not set');
  const ca = config.ELASTICSEARCH_CA_CERT;
  return {
    node: config.ELASTICSEARCH_URL,
    requestTimeout: 10_000,
    maxRetries: 1,
    ...(config.ELASTICSEARCH_API_KEY
      ? { auth: { apiKey: config.ELASTICSEARCH_API_KEY } }
      : config.ELASTICSEARCH_USERNAME
        ? { auth: { username: config.ELASTICSEARCH_USERNAME, password: config.ELASTICSEARCH_PASSWORD ?? '' } }
        : {}),
    ...(ca ? { tls: { ca: ca.startsWith('-----BEGIN') ? ca : readFileSync(ca, 'utf8') } } : {}),
  };
}

/** Turns client errors into SearchUnavailableError with a message an operator can act on. */
export function unavailable(err: unknown): Error {
  if (err instanceof SearchUnavailableError) return err;
  if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError || err instanceof errors.NoLivingConnectionsError) {
    return new SearchUnavailableError(`Elasticsearch cannot be reached (${err.message})`);
  }
  if (err instanceof errors.ResponseError) {
    const status = err.statusCode ?? 0;
    if (status === 401 || status === 403) {
      return new SearchUnavailableError(
        `Elasticsearch refused the credentials (HTTP ${status}); check ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/PASSWORD`,
      );
    }
    if (status === 404)
      return new SearchUnavailableError(`the search index does not exist yet; run \`npm run reindex\` (${err.message.slice(0, 200)})`);
    return new SearchUnavailableError(`Elasticsearch answered HTTP ${status}: ${err.message.slice(0, 200)}`);
  }
  if (err instanceof errors.ElasticsearchClientError) return new SearchUnavailableError(`Elasticsearch client error: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

export class ElasticSearchBackend implements SearchBackend {
  readonly kind = 'elasticsearch' as const;
  readonly client: Client;
  readonly alias: string;
  private aliasReady = false;

  constructor(client: Client, alias: string) {
    this.client = client;
    this.alias = alias;
  }

  static fromConfig(config: Config): ElasticSearchBackend {
    return new ElasticSearchBackend(new Client(clientOptions(config)), config.ELASTICSEARCH_INDEX);
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** A new concrete index name: the alias plus a sortable UTC timestamp. */
  newIndexName(now = new Date()): string {
    return `${this.alias}-${now.toISOString().replace(/[-:.]/g, '').toLowerCase()}`;
  }

  private async createIndex(name: string, withAlias: boolean): Promise<void> {
    await this.client.indices.create({
      index: name,
      settings: INDEX_SETTINGS,
      mappings: INDEX_MAPPINGS,
      ...(withAlias ? { aliases: { [this.alias]: {} } } : {}),
    });
  }

  /** Before the first single-item write: make sure the alias exists, so no index is auto-created without our mapping. */
  private async ensureAlias(): Promise<void> {
    if (this.aliasReady) return;
    if (!(await this.client.indices.existsAlias({ name: this.alias }))) await this.createIndex(this.newIndexName(), true);
    this.aliasReady = true;
  }

  async index(doc: IndexDocument): Promise<void> {
    await this.call(async () => {
      await this.ensureAlias();
      await this.client.index({ index: this.alias, id: doc.id, document: toElasticDocument(doc), refresh: 'wait_for' });
    });
  }

  async remove(itemId: string): Promise<void> {
    await this.call(async () => {
      await this.ensureAlias();
      await this.client.delete({ index: this.alias, id: itemId, refresh: 'wait_for' }, { ignore: [404] });
    });
  }

  async rebuild(docs: AsyncIterable<IndexDocument>, progress?: (done: number) => void): Promise<{ count: number }> {
    return this.call(async () => {
      const index = this.newIndexName();
      await this.createIndex(index, false);
      let count = 0;
      try {
        let batch: IndexDocument[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const res = await this.client.bulk({
            index,
            operations: batch.flatMap((d) => [{ index: { _id: d.id } }, toElasticDocument(d)]),
          });
          if (res.errors) {
            const first = res.items.find((i) => i.index?.error)?.index;
            throw new SearchUnavailableError(`bulk indexing failed for ${first?._id}: ${first?.error?.reason ?? 'unknown reason'}`);
          }
          count += batch.length;
          progress?.(count);
          batch = [];
        };
        for await (const doc of docs) {
          batch.push(doc);
          if (batch.length >= BULK_BATCH) await flush();
        }
        await flush();
        await this.client.indices.refresh({ index });
        await this.switchAlias(index);
      } catch (err) {
        await this.client.indices.delete({ index }, { ignore: [404] }).catch(() => undefined);
        throw err;
      }
      return { count };
    });
  }

  /** Points the alias at `index` in one atomic call, then deletes the indices it pointed at before. */
  private async switchAlias(index: string): Promise<void> {
    let previous: string[] = [];
    if (await this.client.indices.existsAlias({ name: this.alias })) {
      previous = Object.keys(await this.client.indices.getAlias({ name: this.alias }));
    } else if (await this.client.indices.exists({ index: this.alias })) {
      throw new SearchUnavailableError(`an index named ${this.alias} exists where the alias should be; delete it or set ELASTICSEARCH_INDEX`);
    }
    await this.client.indices.updateAliases({
      actions: [...previous.map((old) => ({ remove: { index: old, alias: this.alias } })), { add: { index, alias: this.alias } }],
    });
    this.aliasReady = true;
    for (const old of previous) if (old !== index) await this.client.indices.delete({ index: old }, { ignore: [404] });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.call(async () => readSearchResponse(await this.client.search({ index: this.alias, ...searchBody(query) }), query));
  }

  async suggest(q: string, size: number): Promise<Suggestion[]> {
    return this.call(async () => readSuggestResponse(await this.client.search({ index: this.alias, ...suggestBody(q, size) }), size));
  }

  async pagesMatching(itemId: string, q: string): Promise<PageMatches | undefined> {
    return this.call(async () => {
      const res = await this.client.search({ index: this.alias, ...pagesBody(itemId, q) });
      const { pages, fragments } = readPagesResponse(res);
      if (res.hits.hits.length === 0 && !(await this.client.exists({ index: this.alias, id: itemId }))) return undefined;
      const prefixes = parseQueryText(q)
        .filter((t) => t.prefix)
        .map((t) => foldWord(t.words.at(-1)!));
      return { pages, terms: markedWords(fragments), prefixes };
    });
  }

  async itemPages(itemId: string): Promise<IndexPage[] | undefined> {
    return this.call(async () => {
      const res = await this.client.get<{ pages?: unknown[] }>(
        { index: this.alias, id: itemId, _source_includes: ['pages.key', 'pages.label', 'pages.canvas', 'pages.lines'] },
        { ignore: [404] },
      );
      if (!res.found) return undefined;
      return (res._source?.pages ?? []).map(toPage);
    });
  }

  async health(): Promise<SearchHealth> {
    try {
      await this.client.ping();
      if (!(await this.client.indices.existsAlias({ name: this.alias }))) {
        return { backend: 'elasticsearch', ok: false, message: `no index behind alias ${this.alias}; run \`npm run reindex\`` };
      }
      const { count } = await this.client.count({ index: this.alias });
      return { backend: 'elasticsearch', ok: true, message: `${count} items indexed` };
    } catch (err) {
      return { backend: 'elasticsearch', ok: false, message: unavailable(err).message };
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
