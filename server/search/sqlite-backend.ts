// The embedded search engine (the default: no service to run): node:sqlite with FTS5 over pre-folded
// text, one database file in `<data>/search/`. Query words are expanded against the FTS vocabulary
// (spelling variants, typo tolerance); facet counts, filters and sorting run over an in-memory
// snapshot of the facet columns, reloaded whenever another process (ingest) changed the index.
// A rebuild writes a new database file aside and then switches the `current.json` pointer, so
// readers never see a half-built index. This class only wires the SearchBackend contract to the
// modules that do the work: sqlite-database.ts (lifecycle), sqlite-write.ts and sqlite-rebuild.ts
// (writing), sqlite-search.ts, sqlite-suggest.ts and sqlite-pages.ts (reading).
import type { IndexDocument, IndexPage, PageMatches, SearchBackend, SearchHealth, SearchQuery, SearchResult, Suggestion } from './backend.ts';
import { IndexDatabase } from './sqlite-database.ts';
import { itemPages, pagesMatching } from './sqlite-pages.ts';
import { loadDocuments } from './sqlite-rebuild.ts';
import { search } from './sqlite-search.ts';
import { statement } from './sqlite-statements.ts';
import { suggest } from './sqlite-suggest.ts';
import { indexItem, removeItem } from './sqlite-write.ts';

export class EmbeddedSearchBackend implements SearchBackend {
  readonly kind = 'embedded' as const;
  readonly dir: string;
  private readonly database: IndexDatabase;

  /** `dir` is the index folder, `dataPaths(dataDir).search`. */
  constructor(dir: string) {
    this.dir = dir;
    this.database = new IndexDatabase(dir);
  }

  async index(doc: IndexDocument): Promise<void> {
    indexItem(this.database.current(), doc);
  }

  async remove(itemId: string): Promise<void> {
    removeItem(this.database.current(), itemId);
  }

  async rebuild(docs: AsyncIterable<IndexDocument>, progress?: (done: number) => void): Promise<{ count: number }> {
    return this.database.build((db) => loadDocuments(db, docs, progress));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return search(this.database, query);
  }

  async suggest(q: string, size: number): Promise<Suggestion[]> {
    return suggest(this.database.current(), q, size);
  }

  async pagesMatching(itemId: string, q: string): Promise<PageMatches | undefined> {
    return pagesMatching(this.database.current(), itemId, q);
  }

  async itemPages(itemId: string): Promise<IndexPage[] | undefined> {
    return itemPages(this.database.current(), itemId);
  }

  async health(): Promise<SearchHealth> {
    try {
      const row = statement(this.database.current(), 'SELECT count(*) AS n FROM items').get() as { n: number };
      return { backend: 'embedded', ok: true, message: `${row.n} items indexed` };
    } catch (err) {
      return { backend: 'embedded', ok: false, message: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    this.database.close();
  }
}
