// The rebuild's bulk load of the embedded index: every document into a fresh database file (which
// sqlite-database.ts then switches to), with the vocabulary counted and the suggestions ranked once
// at the end rather than row by row.
import type { DatabaseSync } from 'node:sqlite';
import type { IndexDocument } from './backend.ts';
import { pageText } from './document.ts';
import { tokenize } from './normalize.ts';
import { displayWord } from './snippet.ts';
import { addSuggestions, insertItemRows, type SuggestionRow } from './sqlite-insert.ts';
import { FACET_VALUE_INDEX, type StoredDoc } from './sqlite-schema.ts';
import { bumpGeneration } from './sqlite-write.ts';

const WORD_SUGGESTIONS = 50_000;

/** Loads `docs` into the fresh database `db`, committing and reporting progress every 1000 documents. */
export async function loadDocuments(
  db: DatabaseSync,
  docs: AsyncIterable<IndexDocument>,
  progress?: (done: number) => void,
): Promise<{ count: number }> {
  let count = 0;
  const words = new Map<string, string>();
  db.exec('BEGIN');
  for await (const doc of docs) {
    insertItemRows(db, doc);
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
  buildSuggestions(db, words);
  bumpGeneration(db);
  db.exec('COMMIT');
  db.exec("INSERT INTO items_fts(items_fts) VALUES ('optimize'); INSERT INTO pages_fts(pages_fts) VALUES ('optimize');");
  progress?.(count);
  return { count };
}

/** Suggestions in the order they should be offered (rowid order = weight order), most used first. */
function buildSuggestions(db: DatabaseSync, words: Map<string, string>): void {
  const rows: SuggestionRow[] = [];
  for (const kind of ['person', 'place'] as const) {
    const facet = kind === 'person' ? 'person' : 'place';
    const values = db.prepare('SELECT value, count(*) AS n FROM facets WHERE facet = ? GROUP BY value ORDER BY n DESC').all(facet) as {
      value: string;
    }[];
    rows.push(...values.map((v) => ({ kind, text: v.value })));
  }
  const titles = db.prepare('SELECT id, doc FROM items ORDER BY length(title_key), title_key').all() as { id: string; doc: string }[];
  rows.push(...titles.map((t) => ({ kind: 'title' as const, text: (JSON.parse(t.doc) as StoredDoc).title, item: t.id })));
  const frequent = db.prepare('SELECT term FROM vocab WHERE length(term) >= 3 ORDER BY doc DESC LIMIT ?').all(WORD_SUGGESTIONS) as { term: string }[];
  for (const { term } of frequent) {
    if (/^\d+$/.test(term)) continue;
    rows.push({ kind: 'word', text: words.get(term) ?? term });
  }
  addSuggestions(db, rows);
}
