// Adding an item to the embedded index, for single-item writes and the rebuild's bulk load alike:
// its row and stored document, its folded FTS columns, facet rows and full-text pages, and the words
// and suggestions it brings.
import type { DatabaseSync } from 'node:sqlite';
import { FACETS, type IndexDocument, type SuggestionKind } from './backend.ts';
import { pageText } from './document.ts';
import { foldText, tokenize } from './normalize.ts';
import { displayWord } from './snippet.ts';
import type { StoredDoc } from './sqlite-schema.ts';
import { statement } from './sqlite-statements.ts';

export interface SuggestionRow {
  kind: SuggestionKind;
  text: string;
  item?: string;
}

/** A document's text per items_fts column (title, persons, places, printers, subjects, other, fulltext), folded. */
function documentColumns(doc: IndexDocument): string[] {
  const persons = doc.agents.map((a) => a.name);
  const other = [...doc.summaries, doc.shelfmark, ...doc.identifiers, doc.collection, doc.date].filter((v): v is string => !!v);
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
export function documentWords(doc: IndexDocument): Set<string> {
  return new Set(
    documentColumns(doc)
      .flatMap((c) => c.split(' '))
      .filter((w) => w !== ''),
  );
}

/** Writes the item's rows and returns its new rowid. */
export function insertItemRows(db: DatabaseSync, doc: IndexDocument): number {
  const { pages, ...rest } = doc;
  const stored: StoredDoc = { ...rest, pageCount: pages.length };
  const item = statement(db, 'INSERT INTO items(id, doc, title_key, year_from, year_to) VALUES (?, ?, ?, ?, ?)').run(
    doc.id,
    JSON.stringify(stored),
    foldText(doc.title),
    doc.yearFrom ?? null,
    doc.yearTo ?? null,
  );
  const rowid = Number(item.lastInsertRowid);
  statement(db, 'INSERT INTO items_fts(rowid, title, persons, places, printers, subjects, other, fulltext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    rowid,
    ...documentColumns(doc),
  );
  const facet = statement(db, 'INSERT INTO facets(item, facet, value) VALUES (?, ?, ?)');
  for (const name of FACETS) for (const value of doc.facets[name]) facet.run(rowid, name, value);
  if (pages.length > 0) {
    const page = statement(db, 'INSERT INTO pages(item, key, label, canvas, lines) VALUES (?, ?, ?, ?, ?)');
    const pageFts = statement(db, 'INSERT INTO pages_fts(rowid, text) VALUES (?, ?)');
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of pages) {
      const r = Number(page.run(rowid, p.key, p.label ?? null, p.canvas, JSON.stringify(p.lines)).lastInsertRowid);
      pageFts.run(r, foldText(pageText(p)));
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    statement(db, 'UPDATE items SET page_lo = ?, page_hi = ? WHERE rowid = ?').run(lo, hi, rowid);
  }
  return rowid;
}

/** Counts a document's words (documentWords) into the vocabulary (a rebuild recounts them exactly). */
export function addVocabulary(db: DatabaseSync, words: ReadonlySet<string>): void {
  const upsert = statement(db, 'INSERT INTO vocabulary(term, length, doc) VALUES (?, ?, 1) ON CONFLICT(term) DO UPDATE SET doc = doc + 1');
  for (const w of words) upsert.run(w, w.length);
}

/** Adds suggestions not there yet; earlier rows are offered first (rowid order). */
export function addSuggestions(db: DatabaseSync, rows: SuggestionRow[]): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO suggestions(kind, text, folded, item) VALUES (?, ?, ?, ?)');
  const fts = statement(db, 'INSERT INTO suggest_fts(rowid, kind, folded) VALUES (?, ?, ?)');
  for (const r of rows) {
    const folded = foldText(r.text);
    if (folded === '') continue;
    const res = insert.run(r.kind, r.text, folded, r.item ?? null);
    if (res.changes > 0) fts.run(Number(res.lastInsertRowid), r.kind, folded);
  }
}

/** The suggestions one item brings: its title, persons, place and words. */
export function documentSuggestions(doc: IndexDocument): SuggestionRow[] {
  const words = new Map<string, string>();
  for (const text of [doc.title, ...doc.subjects, ...doc.pages.map(pageText)]) {
    for (const t of tokenize(text))
      if (t.folded.length >= 3 && !/^\d+$/.test(t.folded) && !words.has(t.folded)) words.set(t.folded, displayWord(t.word));
  }
  return [
    { kind: 'title', text: doc.title, item: doc.id },
    ...doc.facets.person.map((text) => ({ kind: 'person' as const, text })),
    ...(doc.place ? [{ kind: 'place' as const, text: doc.place }] : []),
    ...[...words.values()].map((text) => ({ kind: 'word' as const, text })),
  ];
}
