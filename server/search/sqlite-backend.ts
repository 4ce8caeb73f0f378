// The embedded search engine (the default: no service to run): node:sqlite with FTS5 over pre-folded
// text, one database file in `<data>/search/`. Query words are expanded against the FTS vocabulary
// (spelling variants, typo tolerance); facet counts, filters and sorting run over an in-memory
// snapshot of the facet columns, reloaded whenever another process (ingest) changed the index.
// A rebuild writes a new database file aside and then switches the `current.json` pointer, so
// readers never see a half-built index.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  FACETS,
  SearchUnavailableError,
  type FacetCount,
  type FacetName,
  type IndexDocument,
  type IndexPage,
  type PageMatches,
  type SearchBackend,
  type SearchHealth,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
  type SuggestionKind,
} from './backend.ts';
import { pageText } from './document.ts';
import { buildSnapshot, facetCandidates, patchSnapshot, type FacetRow, type ItemRow, type Snapshot } from './facet-snapshot.ts';
import { foldText, tokenize } from './normalize.ts';
import { parseQueryText, type QueryField } from './query.ts';
import { searchHit } from './search-hit.ts';
import { displayWord, isMatch, makeMatcher, snippet, type TermMatcher } from './snippet.ts';
import { expandTerm, matchWords, type ExpandedTerm, type Vocabulary } from './term-expansion.ts';

const SCHEMA_VERSION = '1';
const POINTER = 'current.json';
const FACET_LIMIT = 30;
/** bm25 weights of title, persons, places, printers, subjects, other, fulltext. */
const WEIGHTS = [10, 6, 3, 3, 4, 2, 1];
const COLUMN: Record<QueryField, string> = {
  title: 'title',
  person: 'persons',
  place: 'places',
  printer: 'printers',
  subject: 'subjects',
  text: 'fulltext',
};
const POINTER_CHECK_MS = 500;
const WORD_SUGGESTIONS = 50_000;
/** Above this many matches, relevance is coarse (see `scores`). */
const EXACT_RANKING_LIMIT = 3000;
/** Match sets of recent queries kept in memory. */
const MATCH_CACHE = 16;
/** Single-item writes a reader patches into its snapshot; beyond that it reloads. */
const MAX_PATCHES = 200;
/** Rows read between two turns of the event loop while loading the snapshot. */
const LOAD_CHUNK = 20_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items(
  rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, title_key TEXT NOT NULL,
  year_from INTEGER, year_to INTEGER, page_lo INTEGER, page_hi INTEGER);
CREATE TABLE IF NOT EXISTS facets(item INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_item ON facets(item);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
  title, persons, places, printers, subjects, other, fulltext,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(items_fts, row);
CREATE TABLE IF NOT EXISTS changes(generation INTEGER PRIMARY KEY, removed INTEGER, added INTEGER);
CREATE TABLE IF NOT EXISTS vocabulary(term TEXT PRIMARY KEY, length INTEGER NOT NULL, doc INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages(
  rowid INTEGER PRIMARY KEY, item INTEGER NOT NULL, key TEXT NOT NULL, label TEXT, canvas TEXT NOT NULL, lines TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS pages_item ON pages(item);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
  text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS suggestions(
  rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL, item TEXT,
  UNIQUE(kind, folded));
CREATE INDEX IF NOT EXISTS suggestions_item ON suggestions(item) WHERE item IS NOT NULL;
CREATE VIRTUAL TABLE IF NOT EXISTS suggest_fts USING fts5(
  kind, folded, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
`;

/**
 * Lets a removal find whether another item still has a person or place. Made after a rebuild's bulk
 * load (maintaining it row by row costs a quarter of the rebuild) and, for an index built before it
 * existed, at its first single-item write.
 */
const FACET_VALUE_INDEX = 'CREATE INDEX IF NOT EXISTS facets_value ON facets(facet, value)';

interface StoredDoc extends Omit<IndexDocument, 'pages'> {
  pageCount: number;
}

const writeStatements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** Prepared statements of the write paths, prepared once per database (a rebuild runs them 100,000 times). */
function prepared(db: DatabaseSync, sql: string): StatementSync {
  let cache = writeStatements.get(db);
  if (!cache) {
    cache = new Map();
    writeStatements.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** FTS5 expression of expanded terms: all terms must match (or any, for page lookups). */
function ftsExpression(terms: ExpandedTerm[], join: 'AND' | 'OR', columns: boolean): string {
  const parts = terms.map((t) => {
    const body =
      t.kind === 'phrase'
        ? quote(t.words.join(' '))
        : `(${t.alternatives.map((a) => (t.prefix ? `${quote(a)}*` : quote(a))).join(' OR ')})`;
    return columns && t.field ? `{${COLUMN[t.field]}} : ${body}` : body;
  });
  return parts.join(` ${join} `);
}

function documentColumns(doc: IndexDocument): string[] {
  const persons = doc.agents.map((a) => a.name);
  const other = [
    ...doc.summaries,
    doc.shelfmark,
    ...doc.identifiers,
    doc.collection,
    doc.date,
  ].filter((v): v is string => !!v);
  return [
    doc.labels.join('\n'),
    persons.join('\n'),
    doc.place ?? '',
    doc.facets.printer.join('\n'),
    doc.subjects.join('\n'),
    other.join('\n'),
    doc.pages.map(pageText).join('\n'),
  ].map(foldText);
}

/** The distinct folded words of a document's indexed columns: what the vocabulary counts it for. */
function documentWords(doc: IndexDocument): Set<string> {
  return new Set(documentColumns(doc).flatMap((c) => c.split(' ')).filter((w) => w !== ''));
}

/** The lines around the first matching line of a page: all a snippet needs, without reading the whole page. */
function linesAroundMatch(lines: IndexPage['lines'], matcher: TermMatcher): string {
  const at = lines.findIndex((l) => tokenize(l.text).some((t) => isMatch(matcher, t.folded)));
  if (at < 0) return '';
  return lines
    .slice(Math.max(0, at - 2), at + 4)
    .map((l) => l.text)
    .join('\n');
}

/** The first value ≥ `min` in an ascending array, by binary search. */
function firstAtLeast(sorted: Float64Array, min: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

/** Pushes the top `k` of `items` by `better` order (a bounded heap), returned best first. */
function topK(items: ArrayLike<number>, k: number, worse: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < items.length; i++) {
    const v = items[i]!;
    if (heap.length < k) {
      heap.push(v);
      up(heap.length - 1);
    } else if (k > 0 && worse(heap[0]!, v)) {
      heap[0] = v;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

export class EmbeddedSearchBackend implements SearchBackend {
  readonly kind = 'embedded' as const;
  readonly dir: string;
  private database: DatabaseSync | undefined;
  private file: string | undefined;
  private pointerCheckedAt = 0;
  private pointerStamp = '';
  private snapshot: Snapshot | undefined;
  private statements = new Map<string, StatementSync>();
  private matchCache = new Map<string, { candidates: Uint32Array; scores?: Float32Array }>();
  private pageCache = new Map<string, Float64Array>();
  private buffers: { scores: Float32Array; passes: Uint8Array } | undefined;
  private loading: Promise<Snapshot> | undefined;

  /** `dir` is the index folder, `dataPaths(dataDir).search`. */
  constructor(dir: string) {
    this.dir = dir;
  }

  // ---- database lifecycle -------------------------------------------------------------------

  private readPointer(): string | undefined {
    try {
      const parsed = JSON.parse(readFileSync(path.join(this.dir, POINTER), 'utf8')) as { file?: unknown };
      return typeof parsed.file === 'string' && /^index-[\w-]+\.sqlite$/.test(parsed.file) ? parsed.file : undefined;
    } catch {
      return undefined;
    }
  }

  private writePointer(file: string): void {
    const tmp = path.join(this.dir, `${POINTER}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ file }));
    renameSync(tmp, path.join(this.dir, POINTER));
  }

  private static openFile(file: string, building: boolean): DatabaseSync {
    const db = new DatabaseSync(file, { timeout: 5000 });
    if (building) {
      db.exec('PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;');
    } else {
      db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
    }
    db.exec(SCHEMA);
    db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?), ('generation', '0')").run(SCHEMA_VERSION);
    return db;
  }

  /** The open database, reopened when a rebuild (in this or another process) switched the pointer. */
  private db(): DatabaseSync {
    const now = Date.now();
    if (this.database && now - this.pointerCheckedAt < POINTER_CHECK_MS) return this.database;
    this.pointerCheckedAt = now;
    let stamp = '';
    try {
      const st = statSync(path.join(this.dir, POINTER));
      stamp = `${st.ino}:${st.mtimeMs}`;
    } catch {
      stamp = '';
    }
    if (this.database && stamp === this.pointerStamp) return this.database;
    try {
      mkdirSync(this.dir, { recursive: true });
      let file = this.readPointer();
      if (file === undefined) {
        file = `index-${Date.now()}-${randomBytes(3).toString('hex')}.sqlite`;
        EmbeddedSearchBackend.openFile(path.join(this.dir, file), false).close();
        this.writePointer(file);
        stamp = `${statSync(path.join(this.dir, POINTER)).ino}:${statSync(path.join(this.dir, POINTER)).mtimeMs}`;
      }
      if (this.database && file === this.file) {
        this.pointerStamp = stamp;
        return this.database;
      }
      const db = EmbeddedSearchBackend.openFile(path.join(this.dir, file), false);
      this.closeDatabase();
      this.database = db;
      this.file = file;
      this.pointerStamp = stamp;
      return db;
    } catch (err) {
      throw new SearchUnavailableError(`the search index in ${this.dir} cannot be opened: ${(err as Error).message}`);
    }
  }

  private closeDatabase(): void {
    this.statements.clear();
    this.matchCache.clear();
    this.pageCache.clear();
    this.snapshot = undefined;
    this.database?.close();
    this.database = undefined;
    this.file = undefined;
  }

  private stmt(sql: string): StatementSync {
    const db = this.db();
    let s = this.statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** A cached statement returning rows as arrays: no per-row objects on the hot paths. */
  private arrays(sql: string): StatementSync {
    const key = `arrays:${sql}`;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db().prepare(sql);
      s.setReturnArrays(true);
      this.statements.set(key, s);
    }
    return s;
  }

  /** Rowids of pages matching an FTS expression, ascending; remembered like item matches. */
  private pageMatches(expression: string): Float64Array {
    const generation = this.snapshot?.generation ?? '';
    const key = `pages|${generation}|${expression}`;
    const cached = this.pageCache.get(key);
    if (cached) return cached;
    const rows = this.arrays('SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid').all(expression) as unknown as [number][];
    const rowids = Float64Array.from(rows, (r) => r[0]);
    this.pageCache.set(key, rowids);
    if (this.pageCache.size > MATCH_CACHE) this.pageCache.delete(this.pageCache.keys().next().value!);
    return rowids;
  }

  /** Rowids matching an FTS expression. */
  private matchingRowids(expression: string): number[] {
    return (this.arrays('SELECT rowid FROM items_fts WHERE items_fts MATCH ?').all(expression) as unknown as [number][]).map((r) => r[0]);
  }

  async close(): Promise<void> {
    this.closeDatabase();
  }

  async health(): Promise<SearchHealth> {
    try {
      const row = this.stmt('SELECT count(*) AS n FROM items').get() as { n: number };
      return { backend: 'embedded', ok: true, message: `${row.n} items indexed` };
    } catch (err) {
      return { backend: 'embedded', ok: false, message: (err as Error).message };
    }
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * Removes an item, its title suggestion and everything else only it brought: its words in the
   * vocabulary (so that typo correction no longer offers them), and the person, place and word
   * suggestions no other item still has. For an update, `successor` is the item's new version and its
   * documentWords: its words, persons and place stay (addVocabulary then counts its words again), so
   * that a name a curator corrects is no longer suggested and the unchanged ones keep their place.
   */
  private static removeFrom(db: DatabaseSync, itemId: string, successor?: { doc: IndexDocument; words: ReadonlySet<string> }): number | undefined {
    const row = prepared(db, 'SELECT rowid, doc, page_lo, page_hi FROM items WHERE id = ?').get(itemId) as
      | { rowid: number; doc: string; page_lo: number | null; page_hi: number | null }
      | undefined;
    if (!row) return undefined;
    const doc = EmbeddedSearchBackend.storedDocument(db, row.rowid, row.doc);
    prepared(db, 'DELETE FROM items_fts WHERE rowid = ?').run(row.rowid);
    if (row.page_lo !== null && row.page_hi !== null) {
      prepared(db, 'DELETE FROM pages_fts WHERE rowid BETWEEN ? AND ?').run(row.page_lo, row.page_hi);
    }
    prepared(db, 'DELETE FROM pages WHERE item = ?').run(row.rowid);
    prepared(db, 'DELETE FROM facets WHERE item = ?').run(row.rowid);
    prepared(db, 'DELETE FROM items WHERE rowid = ?').run(row.rowid);
    const titles = prepared(db, "SELECT rowid FROM suggestions WHERE kind = 'title' AND item = ?").all(itemId) as { rowid: number }[];
    EmbeddedSearchBackend.deleteSuggestions(db, titles);
    const gone = EmbeddedSearchBackend.removeVocabulary(db, doc, successor?.words);
    const keptPersons = new Set(successor?.doc.facets.person);
    EmbeddedSearchBackend.removeSuggestions(db, {
      persons: doc.facets.person.filter((p) => !keptPersons.has(p)),
      place: doc.place !== undefined && doc.place !== successor?.doc.place ? doc.place : undefined,
      words: gone,
    });
    return row.rowid;
  }

  /** The indexed document of an item, from its stored fields and pages. */
  private static storedDocument(db: DatabaseSync, rowid: number, stored: string): IndexDocument {
    const pages = (prepared(db, 'SELECT key, label, canvas, lines FROM pages WHERE item = ? ORDER BY rowid').all(rowid) as {
      key: string;
      label: string | null;
      canvas: string;
      lines: string;
    }[]).map((p) => EmbeddedSearchBackend.toPage(p));
    const { pageCount: _, ...fields } = JSON.parse(stored) as StoredDoc;
    return { ...fields, pages };
  }

  private static deleteSuggestions(db: DatabaseSync, rows: readonly { rowid: number }[]): void {
    for (const r of rows) {
      prepared(db, 'DELETE FROM suggest_fts WHERE rowid = ?').run(r.rowid);
      prepared(db, 'DELETE FROM suggestions WHERE rowid = ?').run(r.rowid);
    }
  }

  /**
   * Undoes addVocabulary for a removed document (one statement per step, not per word: a page of
   * full text has thousands) and returns the words no document has any more. Words in `kept` (the
   * new version's) stay even at a count of 0, since addVocabulary is about to count them again.
   */
  private static removeVocabulary(db: DatabaseSync, doc: IndexDocument, kept?: ReadonlySet<string>): string[] {
    const words = JSON.stringify([...documentWords(doc)]);
    prepared(db, 'UPDATE vocabulary SET doc = doc - 1 WHERE term IN (SELECT value FROM json_each(?))').run(words);
    const gone = (prepared(db, 'SELECT term FROM vocabulary WHERE doc <= 0 AND term IN (SELECT value FROM json_each(?))').all(words) as { term: string }[])
      .map((r) => r.term)
      .filter((t) => !kept?.has(t));
    prepared(db, 'DELETE FROM vocabulary WHERE term IN (SELECT value FROM json_each(?))').run(JSON.stringify(gone));
    return gone;
  }

  /**
   * Drops suggestions of a removed document that no remaining item backs (run after its rows are
   * gone): of its `persons` and `place`, those no other item has, and its `words` gone from the
   * vocabulary.
   */
  private static removeSuggestions(db: DatabaseSync, dropped: { persons: readonly string[]; place: string | undefined; words: readonly string[] }): void {
    const stillHas = (facet: 'person' | 'place', text: string) =>
      prepared(db, 'SELECT 1 FROM facets WHERE facet = ? AND value = ? LIMIT 1').get(facet, text) !== undefined;
    const unbacked = [
      ...dropped.persons.filter((p) => !stillHas('person', p)).map((p) => ({ kind: 'person', folded: foldText(p) })),
      ...(dropped.place !== undefined && !stillHas('place', dropped.place) ? [{ kind: 'place', folded: foldText(dropped.place) }] : []),
      ...dropped.words.map((w) => ({ kind: 'word', folded: w })),
    ];
    const find = prepared(db, 'SELECT rowid FROM suggestions WHERE kind = ? AND folded = ?');
    EmbeddedSearchBackend.deleteSuggestions(
      db,
      unbacked.map((u) => find.get(u.kind, u.folded) as { rowid: number } | undefined).filter((r) => r !== undefined),
    );
  }

  private static insertInto(db: DatabaseSync, doc: IndexDocument): number {
    const { pages, ...rest } = doc;
    const stored: StoredDoc = { ...rest, pageCount: pages.length };
    const item = prepared(db, 'INSERT INTO items(id, doc, title_key, year_from, year_to) VALUES (?, ?, ?, ?, ?)').run(doc.id, JSON.stringify(stored), foldText(doc.title), doc.yearFrom ?? null, doc.yearTo ?? null);
    const rowid = Number(item.lastInsertRowid);
    prepared(
      db,
      'INSERT INTO items_fts(rowid, title, persons, places, printers, subjects, other, fulltext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(rowid, ...documentColumns(doc));
    const facet = prepared(db, 'INSERT INTO facets(item, facet, value) VALUES (?, ?, ?)');
    for (const name of FACETS) for (const value of doc.facets[name]) facet.run(rowid, name, value);
    if (pages.length > 0) {
      const page = prepared(db, 'INSERT INTO pages(item, key, label, canvas, lines) VALUES (?, ?, ?, ?, ?)');
      const pageFts = prepared(db, 'INSERT INTO pages_fts(rowid, text) VALUES (?, ?)');
      let lo = Infinity;
      let hi = -Infinity;
      for (const p of pages) {
        const r = Number(page.run(rowid, p.key, p.label ?? null, p.canvas, JSON.stringify(p.lines)).lastInsertRowid);
        pageFts.run(r, foldText(pageText(p)));
        lo = Math.min(lo, r);
        hi = Math.max(hi, r);
      }
      prepared(db, 'UPDATE items SET page_lo = ?, page_hi = ? WHERE rowid = ?').run(lo, hi, rowid);
    }
    return rowid;
  }

  /** Counts a document's words (documentWords) into the vocabulary (a rebuild recounts them exactly). */
  private static addVocabulary(db: DatabaseSync, words: ReadonlySet<string>): void {
    const upsert = prepared(db, 'INSERT INTO vocabulary(term, length, doc) VALUES (?, ?, 1) ON CONFLICT(term) DO UPDATE SET doc = doc + 1');
    for (const w of words) upsert.run(w, w.length);
  }

  private static addSuggestions(db: DatabaseSync, rows: { kind: SuggestionKind; text: string; item?: string }[]): void {
    const insert = prepared(db, 'INSERT OR IGNORE INTO suggestions(kind, text, folded, item) VALUES (?, ?, ?, ?)');
    const fts = prepared(db, 'INSERT INTO suggest_fts(rowid, kind, folded) VALUES (?, ?, ?)');
    for (const r of rows) {
      const folded = foldText(r.text);
      if (folded === '') continue;
      const res = insert.run(r.kind, r.text, folded, r.item ?? null);
      if (res.changes > 0) fts.run(Number(res.lastInsertRowid), r.kind, folded);
    }
  }

  private static docSuggestions(doc: IndexDocument): { kind: SuggestionKind; text: string; item?: string }[] {
    const words = new Map<string, string>();
    for (const text of [doc.title, ...doc.subjects, ...doc.pages.map(pageText)]) {
      for (const t of tokenize(text)) if (t.folded.length >= 3 && !/^\d+$/.test(t.folded) && !words.has(t.folded)) words.set(t.folded, displayWord(t.word));
    }
    return [
      { kind: 'title', text: doc.title, item: doc.id },
      ...doc.facets.person.map((text) => ({ kind: 'person' as const, text })),
      ...(doc.place ? [{ kind: 'place' as const, text: doc.place }] : []),
      ...[...words.values()].map((text) => ({ kind: 'word' as const, text })),
    ];
  }

  private static bumpGeneration(db: DatabaseSync): void {
    prepared(db, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'").run();
  }

  /** One write: its work returns the item rowids it removed and added, logged for readers' snapshots. */
  private transaction(work: (db: DatabaseSync) => { removed?: number; added?: number }): void {
    const db = this.db();
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(FACET_VALUE_INDEX);
      const change = work(db);
      EmbeddedSearchBackend.bumpGeneration(db);
      prepared(db, "INSERT INTO changes(generation, removed, added) SELECT CAST(value AS INTEGER), ?, ? FROM meta WHERE key = 'generation'").run(
        change.removed ?? null,
        change.added ?? null,
      );
      prepared(db, 'DELETE FROM changes WHERE generation < (SELECT max(generation) FROM changes) - ?').run(MAX_PATCHES);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }

  async index(doc: IndexDocument): Promise<void> {
    this.transaction((db) => {
      const words = documentWords(doc);
      const removed = EmbeddedSearchBackend.removeFrom(db, doc.id, { doc, words });
      const added = EmbeddedSearchBackend.insertInto(db, doc);
      EmbeddedSearchBackend.addVocabulary(db, words);
      EmbeddedSearchBackend.addSuggestions(db, EmbeddedSearchBackend.docSuggestions(doc));
      return removed === undefined ? { added } : { removed, added };
    });
  }

  async remove(itemId: string): Promise<void> {
    this.transaction((db) => {
      const removed = EmbeddedSearchBackend.removeFrom(db, itemId);
      return removed === undefined ? {} : { removed };
    });
  }

  async rebuild(docs: AsyncIterable<IndexDocument>, progress?: (done: number) => void): Promise<{ count: number }> {
    mkdirSync(this.dir, { recursive: true });
    const file = `index-${Date.now()}-${randomBytes(3).toString('hex')}.sqlite`;
    const full = path.join(this.dir, file);
    const db = EmbeddedSearchBackend.openFile(full, true);
    let count = 0;
    try {
      const words = new Map<string, string>();
      db.exec('BEGIN');
      for await (const doc of docs) {
        EmbeddedSearchBackend.insertInto(db, doc);
        for (const text of [doc.title, ...doc.subjects, ...doc.pages.map(pageText)]) {
          for (const t of tokenize(text)) if (!words.has(t.folded)) words.set(t.folded, displayWord(t.word));
        }
        count++;
        if (count % 1000 === 0) {
          db.exec('COMMIT; BEGIN');
          progress?.(count);
        }
      }
      db.exec('INSERT INTO vocabulary(term, length, doc) SELECT term, length(term), doc FROM vocab');
      db.exec(FACET_VALUE_INDEX);
      EmbeddedSearchBackend.buildSuggestions(db, words);
      EmbeddedSearchBackend.bumpGeneration(db);
      db.exec('COMMIT');
      db.exec("INSERT INTO items_fts(items_fts) VALUES ('optimize'); INSERT INTO pages_fts(pages_fts) VALUES ('optimize');");
      db.exec('PRAGMA journal_mode=WAL');
      db.close();
    } catch (err) {
      db.close();
      rmSync(full, { force: true });
      throw err;
    }
    progress?.(count);
    const old = this.readPointer();
    this.writePointer(file);
    this.closeDatabase();
    this.pointerStamp = '';
    if (old && old !== file) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(this.dir, old + suffix), { force: true });
    }
    return { count };
  }

  /** Suggestions in the order they should be offered (rowid order = weight order), most used first. */
  private static buildSuggestions(db: DatabaseSync, words: Map<string, string>): void {
    const rows: { kind: SuggestionKind; text: string; item?: string }[] = [];
    for (const kind of ['person', 'place'] as const) {
      const facet = kind === 'person' ? 'person' : 'place';
      const values = db
        .prepare('SELECT value, count(*) AS n FROM facets WHERE facet = ? GROUP BY value ORDER BY n DESC')
        .all(facet) as { value: string }[];
      rows.push(...values.map((v) => ({ kind, text: v.value })));
    }
    const titles = db.prepare('SELECT id, doc FROM items ORDER BY length(title_key), title_key').all() as { id: string; doc: string }[];
    rows.push(...titles.map((t) => ({ kind: 'title' as const, text: (JSON.parse(t.doc) as StoredDoc).title, item: t.id })));
    const frequent = db
      .prepare('SELECT term FROM vocab WHERE length(term) >= 3 ORDER BY doc DESC LIMIT ?')
      .all(WORD_SUGGESTIONS) as { term: string }[];
    for (const { term } of frequent) {
      if (/^\d+$/.test(term)) continue;
      rows.push({ kind: 'word', text: words.get(term) ?? term });
    }
    EmbeddedSearchBackend.addSuggestions(db, rows);
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The words of the index for typo tolerance: an indexed table, since fts5vocab can only scan. */
  private vocabulary(): Vocabulary {
    return {
      counts: (words) => {
        const out = new Map<string, number>();
        const s = this.stmt('SELECT doc FROM vocabulary WHERE term = ?');
        for (const w of words) {
          const row = s.get(w) as { doc: number } | undefined;
          if (row) out.set(w, row.doc);
        }
        return out;
      },
      withPrefix: (prefix, minLength, maxLength) =>
        (
          this.arrays('SELECT term, doc FROM vocabulary WHERE term >= ? AND term < ? AND length BETWEEN ? AND ?').all(
            prefix,
            `${prefix}\uffff`,
            minLength,
            maxLength,
          ) as unknown as [string, number][]
        ).map(([word, count]) => ({ word, count })),
    };
  }

  private expand(q: string): ExpandedTerm[] {
    const vocabulary = this.vocabulary();
    return parseQueryText(q).map((t) => expandTerm(t, vocabulary));
  }

  /** The facet snapshot at the database's generation: patched for a few single-item writes, else reloaded. */
  private async currentSnapshot(): Promise<Snapshot> {
    const generation = (this.stmt("SELECT value FROM meta WHERE key = 'generation'").get() as { value: string }).value;
    const snap = this.snapshot;
    if (snap?.generation === generation) return snap;
    if (snap) {
      const changes = this.arrays('SELECT removed, added FROM changes WHERE generation > ? ORDER BY generation').all(Number(snap.generation)) as unknown as [
        number | null,
        number | null,
      ][];
      if (changes.length === Number(generation) - Number(snap.generation) && changes.length <= MAX_PATCHES) {
        const removed = changes.flatMap(([r]) => (r === null ? [] : [r]));
        const addedRowids = changes.flatMap(([, a]) => (a === null ? [] : [a]));
        const added = addedRowids.flatMap((rowid) => {
          const row = this.arrays('SELECT rowid, title_key, year_from, year_to FROM items WHERE rowid = ?').get(rowid) as unknown as
            | [number, string, number | null, number | null]
            | undefined;
          if (!row) return [];
          const facets = this.arrays('SELECT facet, value FROM facets WHERE item = ?').all(rowid) as unknown as [FacetName, string][];
          return [{ item: { rowid: row[0], titleKey: row[1], yearFrom: row[2], yearTo: row[3] }, facets }];
        });
        // Item rowids are never reused (AUTOINCREMENT): an item added and removed again within these changes is dead on arrival.
        const alsoRemoved = new Set(removed);
        this.snapshot = patchSnapshot(snap, generation, removed, added.filter((a) => !alsoRemoved.has(a.item.rowid)));
        return this.snapshot;
      }
    }
    this.loading ??= this.loadSnapshot(generation).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /**
   * Reads every item's facet rows in chunks, letting the event loop serve other requests (tiles,
   * manifests) between them: at 100,000 items the read takes seconds.
   */
  private async loadSnapshot(generation: string): Promise<Snapshot> {
    const db = this.db();
    const items: ItemRow[] = [];
    const facetRows: FacetRow[] = [];
    let rows = 0;
    const breathe = async () => {
      if (++rows % LOAD_CHUNK !== 0) return;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.database !== db) throw new SearchUnavailableError('the search index was replaced while loading; try again');
    };
    for (const [rowid, titleKey, yearFrom, yearTo] of this.arrays('SELECT rowid, title_key, year_from, year_to FROM items ORDER BY rowid').iterate() as unknown as Iterable<
      [number, string, number | null, number | null]
    >) {
      items.push({ rowid, titleKey, yearFrom, yearTo });
      await breathe();
    }
    for (const row of this.arrays('SELECT item, facet, value FROM facets').iterate() as unknown as Iterable<FacetRow>) {
      facetRows.push(row);
      await breathe();
    }
    this.snapshot = buildSnapshot(generation, items, facetRows);
    return this.snapshot;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const snap = await this.currentSnapshot();
    const n = snap.rowids.length;
    const terms = query.q ? this.expand(query.q) : [];
    let candidates: Uint32Array;
    let scores: Float32Array | undefined;
    if (terms.length > 0) {
      ({ candidates, scores } = this.matches(terms, snap, query.sort === 'relevance'));
    } else {
      candidates =
        facetCandidates(
          snap,
          FACETS.filter((f) => (query.filters[f]?.length ?? 0) > 0).map((facet) => ({ facet, values: query.filters[facet]! })),
        ) ?? snap.all;
    }

    const active = FACETS.filter((f) => (query.filters[f]?.length ?? 0) > 0);
    const accepted = new Map<FacetName, Uint8Array>();
    for (const f of active) {
      const col = snap.facets[f];
      const flags = new Uint8Array(col.values.length);
      for (const v of query.filters[f]!) {
        const id = col.ids.get(v);
        if (id !== undefined) flags[id] = 1;
      }
      accepted.set(f, flags);
    }
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Uint32Array(snap.facets[f].values.length)])) as Record<
      FacetName,
      Uint32Array
    >;
    const columns = FACETS.map((f) => snap.facets[f]);
    const countsList = FACETS.map((f) => counts[f]);
    const activeColumns = active.map((f) => snap.facets[f]);
    const activeFlags = active.map((f) => accepted.get(f)!);
    const activeIndex = active.map((f) => FACETS.indexOf(f));
    const { passes, scores: scoreByPosition } = this.scratch(n);
    passes.fill(0);
    if (scores) for (let i = 0; i < candidates.length; i++) scoreByPosition[candidates[i]!] = scores[i]!;
    const results: number[] = [];
    const hasDate = query.from !== undefined || query.to !== undefined;
    const from = query.from ?? -Infinity;
    const to = query.to ?? Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const p = candidates[i]!;
      if (hasDate) {
        const a = snap.yearFrom[p]!;
        const b = snap.yearTo[p]!;
        if (Number.isNaN(a) || b < from || a > to) continue;
      }
      let failed = -1;
      let failures = 0;
      for (let a = 0; a < activeColumns.length && failures < 2; a++) {
        const col = activeColumns[a]!;
        const flags = activeFlags[a]!;
        let ok = false;
        for (let k = col.offsets[p]!, end = col.offsets[p + 1]!; k < end; k++) {
          if (flags[col.valueIds[k]!]) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          failures++;
          failed = activeIndex[a]!;
        }
      }
      if (failures === 0) {
        passes[p] = 1;
        results.push(p);
        for (let f = 0; f < columns.length; f++) {
          const col = columns[f]!;
          const c = countsList[f]!;
          for (let k = col.offsets[p]!, end = col.offsets[p + 1]!; k < end; k++) c[col.valueIds[k]!]!++;
        }
      } else if (failures === 1) {
        const col = columns[failed]!;
        const c = countsList[failed]!;
        for (let k = col.offsets[p]!, end = col.offsets[p + 1]!; k < end; k++) c[col.valueIds[k]!]!++;
      }
    }

    const offset = (query.page - 1) * query.size;
    const wanted = offset + query.size;
    let ordered: number[];
    if (query.sort === 'relevance' && scores) {
      const s = scoreByPosition;
      const tr = snap.titleRank;
      ordered = topK(results, wanted, (a, b) => s[a]! > s[b]! || (s[a] === s[b] && tr[a]! > tr[b]!));
    } else {
      // Relevance without query words has no scores: title order then.
      const order = query.sort === 'date' ? snap.byDate : query.sort === '-date' ? snap.byDateDesc : snap.byTitle;
      ordered = [];
      for (let i = 0; i < order.length && ordered.length < wanted; i++) if (passes[order[i]!]) ordered.push(order[i]!);
    }
    const pagePositions = ordered.slice(offset, wanted);
    const hits = this.hits(pagePositions.map((p) => snap.rowids[p]!), terms);

    const facets = {} as Record<FacetName, FacetCount[]>;
    for (const f of FACETS) {
      const c = counts[f];
      const values = snap.facets[f].values;
      const list: FacetCount[] = [];
      for (let id = 0; id < c.length; id++) if (c[id]! > 0) list.push({ value: values[id]!, count: c[id]! });
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      const chosen = new Set(query.filters[f] ?? []);
      // Selected values stay listed even when rare, so the user can always unselect them.
      facets[f] = [...list.slice(0, FACET_LIMIT), ...list.slice(FACET_LIMIT).filter((v) => chosen.has(v.value))];
    }
    return { total: results.length, page: query.page, size: query.size, hits, facets };
  }

  /**
   * Item positions matching the terms (and their scores when ranking by relevance), remembered for
   * the last few queries: paging and facet clicks repeat the same words with other filters.
   */
  private matches(terms: ExpandedTerm[], snap: Snapshot, ranked: boolean): { candidates: Uint32Array; scores?: Float32Array } {
    const expression = ftsExpression(terms, 'AND', true);
    const key = `${snap.generation}|${ranked}|${expression}`;
    const cached = this.matchCache.get(key);
    if (cached) {
      this.matchCache.delete(key);
      this.matchCache.set(key, cached);
      return cached;
    }
    const rowids = this.matchingRowids(expression);
    let candidates = new Uint32Array(rowids.length);
    let k = 0;
    for (const rowid of rowids) {
      const p = snap.position[rowid] ?? -1;
      if (p >= 0) candidates[k++] = p;
    }
    candidates = candidates.subarray(0, k);
    const entry = ranked ? { candidates, scores: this.scores(terms, candidates, snap) } : { candidates };
    this.matchCache.set(key, entry);
    if (this.matchCache.size > MATCH_CACHE) this.matchCache.delete(this.matchCache.keys().next().value!);
    return entry;
  }

  /** Per-position buffers reused by every search (allocating them per query kept the GC busy). */
  private scratch(n: number): { scores: Float32Array; passes: Uint8Array } {
    if (!this.buffers || this.buffers.passes.length < n) this.buffers = { scores: new Float32Array(n), passes: new Uint8Array(n) };
    return this.buffers;
  }

  /**
   * Relevance scores of the candidates (aligned with them), lower is better. bm25 over every match
   * when there are few enough; for very common words (where bm25 over tens of thousands of rows
   * would cost more than the whole query may) a coarse score: all words in the title first.
   */
  private scores(terms: ExpandedTerm[], candidates: Uint32Array, snap: Snapshot): Float32Array {
    const byPosition = this.scratch(snap.rowids.length).scores;
    for (const p of candidates) byPosition[p] = 0;
    const rowids =
      candidates.length <= EXACT_RANKING_LIMIT
        ? undefined
        : this.matchingRowids(
            terms.map((t) => `{${t.field ? COLUMN[t.field] : 'title'}} : (${ftsExpression([{ ...t, field: undefined } as ExpandedTerm], 'AND', false)})`).join(' AND '),
          );
    if (rowids) {
      for (const rowid of rowids) {
        const p = snap.position[rowid] ?? -1;
        if (p >= 0) byPosition[p] = -1;
      }
    } else {
      const rows = this.arrays(`SELECT rowid, bm25(items_fts, ${WEIGHTS.join(', ')}) FROM items_fts WHERE items_fts MATCH ?`).all(
        ftsExpression(terms, 'AND', true),
      ) as unknown as [number, number][];
      for (const [rowid, score] of rows) {
        const p = snap.position[rowid] ?? -1;
        if (p >= 0) byPosition[p] = score;
      }
    }
    return Float32Array.from(candidates, (p) => byPosition[p]!);
  }

  private hits(rowids: number[], terms: ExpandedTerm[]): SearchHit[] {
    if (rowids.length === 0) return [];
    const rows = this.db()
      .prepare(`SELECT rowid, doc, page_lo, page_hi FROM items WHERE rowid IN (${rowids.map(() => '?').join(',')})`)
      .all(...rowids) as { rowid: number; doc: string; page_lo: number | null; page_hi: number | null }[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    const textWords = matchWords(terms, true);
    const allWords = matchWords(terms);
    const textMatcher = makeMatcher(textWords.words, textWords.prefixes);
    const metaMatcher = makeMatcher(allWords.words, allWords.prefixes);
    const textTerms = terms.filter((t) => t.field === undefined || t.field === 'text');
    // Every page matching any of the words, once per query (and remembered); each hit then finds its
    // first matching page by binary search within its own page rowids.
    const pageRowids = textTerms.length > 0 ? this.pageMatches(ftsExpression(textTerms, 'OR', false)) : undefined;
    return rowids.flatMap((rowid) => {
      const row = byRowid.get(rowid);
      if (!row) return [];
      const doc = JSON.parse(row.doc) as StoredDoc;
      if (terms.length === 0) return [searchHit(doc)];
      let page: IndexPage | undefined;
      if (pageRowids && row.page_lo !== null && row.page_hi !== null) {
        const first = firstAtLeast(pageRowids, row.page_lo);
        if (first !== undefined && first <= row.page_hi) {
          page = EmbeddedSearchBackend.toPage(
            this.stmt('SELECT key, label, canvas, lines FROM pages WHERE rowid = ?').get(first) as { key: string; label: string | null; canvas: string; lines: string },
          );
        }
      }
      function* snippets() {
        if (page) yield snippet(linesAroundMatch(page.lines, textMatcher), textMatcher);
        for (const text of [doc.title, ...doc.labels, ...doc.summaries, ...doc.agents.map((a) => a.name), ...doc.subjects, doc.place, doc.printer]) {
          yield text ? snippet(text, metaMatcher) : undefined;
        }
      }
      return [searchHit(doc, { page, snippets: snippets() })];
    });
  }

  async suggest(q: string, size: number): Promise<Suggestion[]> {
    const words = tokenize(q).map((t) => t.folded);
    if (words.length === 0) return [];
    const match = words.map((w, i) => (i === words.length - 1 ? `${quote(w)}*` : quote(w))).join(' ');
    const pick = this.stmt(
      'SELECT s.kind, s.text, s.item FROM suggest_fts f JOIN suggestions s ON s.rowid = f.rowid WHERE suggest_fts MATCH ? ORDER BY f.rowid LIMIT ?',
    );
    const quota: Record<SuggestionKind, number> = { person: 2, place: 2, title: 3, word: 3 };
    const out: Suggestion[] = [];
    const lists = (Object.keys(quota) as SuggestionKind[]).map((kind) =>
      (pick.all(`kind:${kind} AND folded:(${match})`, size) as { kind: SuggestionKind; text: string; item: string | null }[]).map((r) => ({
        kind: r.kind,
        text: r.text,
        ...(r.item ? { id: r.item } : {}),
      })),
    );
    // Each kind gets its share first, then the rest fills up in the same order.
    lists.forEach((list, i) => out.push(...list.slice(0, quota[Object.keys(quota)[i] as SuggestionKind])));
    for (const list of lists) for (const s of list) if (out.length < size && !out.includes(s)) out.push(s);
    return out.slice(0, size);
  }

  private itemRow(itemId: string): { page_lo: number | null; page_hi: number | null } | undefined {
    return this.stmt('SELECT page_lo, page_hi FROM items WHERE id = ?').get(itemId) as
      | { page_lo: number | null; page_hi: number | null }
      | undefined;
  }

  private static toPage(r: { key: string; label: string | null; canvas: string; lines: string }): IndexPage {
    return { key: r.key, ...(r.label !== null ? { label: r.label } : {}), canvas: r.canvas, lines: JSON.parse(r.lines) as IndexPage['lines'] };
  }

  async pagesMatching(itemId: string, q: string): Promise<PageMatches | undefined> {
    const row = this.itemRow(itemId);
    if (!row) return undefined;
    const terms = this.expand(q).map((t) => ({ ...t, field: undefined }) as ExpandedTerm);
    const { words, prefixes } = matchWords(terms);
    if (terms.length === 0 || row.page_lo === null || row.page_hi === null) return { pages: [], terms: words, prefixes };
    const pages = (
      this.stmt(
        'SELECT p.key, p.label, p.canvas, p.lines FROM pages_fts f JOIN pages p ON p.rowid = f.rowid WHERE pages_fts MATCH ? AND f.rowid BETWEEN ? AND ? ORDER BY f.rowid',
      ).all(ftsExpression(terms, 'OR', false), row.page_lo, row.page_hi) as { key: string; label: string | null; canvas: string; lines: string }[]
    ).map(EmbeddedSearchBackend.toPage);
    return { pages, terms: words, prefixes };
  }

  async itemPages(itemId: string): Promise<IndexPage[] | undefined> {
    if (!this.itemRow(itemId)) return undefined;
    const rows = this.stmt(
      'SELECT p.key, p.label, p.canvas, p.lines FROM pages p JOIN items i ON p.item = i.rowid WHERE i.id = ? ORDER BY p.rowid',
    ).all(itemId) as { key: string; label: string | null; canvas: string; lines: string }[];
    return rows.map(EmbeddedSearchBackend.toPage);
  }
}
