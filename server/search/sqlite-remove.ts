// Taking an item out of the embedded index, for single-item writes (a removal, or the old version
// an update replaces): its rows, and what only it brought to the vocabulary and the suggestions.
import type { DatabaseSync } from 'node:sqlite';
import type { IndexDocument } from './backend.ts';
import { foldText } from './normalize.ts';
import { documentWords } from './sqlite-insert.ts';
import { toPage, type PageRow, type StoredDoc } from './sqlite-schema.ts';
import { statement } from './sqlite-statements.ts';

/**
 * Removes an item, its title suggestion and everything else only it brought: its words in the
 * vocabulary (so that typo correction no longer offers them), and the person, place and word
 * suggestions no other item still has. For an update, `successor` is the item's new version and its
 * documentWords: its words, persons and place stay (addVocabulary then counts its words again), so
 * that a name a curator corrects is no longer suggested and the unchanged ones keep their place.
 * Returns the removed item's rowid, undefined when it was not indexed.
 */
export function removeItemRows(db: DatabaseSync, itemId: string, successor?: { doc: IndexDocument; words: ReadonlySet<string> }): number | undefined {
  const row = statement(db, 'SELECT rowid, doc, page_lo, page_hi FROM items WHERE id = ?').get(itemId) as
    | { rowid: number; doc: string; page_lo: number | null; page_hi: number | null }
    | undefined;
  if (!row) return undefined;
  const doc = storedDocument(db, row.rowid, row.doc);
  statement(db, 'DELETE FROM items_fts WHERE rowid = ?').run(row.rowid);
  if (row.page_lo !== null && row.page_hi !== null) {
    statement(db, 'DELETE FROM pages_fts WHERE rowid BETWEEN ? AND ?').run(row.page_lo, row.page_hi);
  }
  statement(db, 'DELETE FROM pages WHERE item = ?').run(row.rowid);
  statement(db, 'DELETE FROM facets WHERE item = ?').run(row.rowid);
  statement(db, 'DELETE FROM items WHERE rowid = ?').run(row.rowid);
  const titles = statement(db, "SELECT rowid FROM suggestions WHERE kind = 'title' AND item = ?").all(itemId) as { rowid: number }[];
  deleteSuggestions(db, titles);
  const gone = removeVocabulary(db, doc, successor?.words);
  const keptPersons = new Set(successor?.doc.facets.person);
  removeSuggestions(db, {
    persons: doc.facets.person.filter((p) => !keptPersons.has(p)),
    place: doc.place !== undefined && doc.place !== successor?.doc.place ? doc.place : undefined,
    words: gone,
  });
  return row.rowid;
}

/** The indexed document of an item, from its stored fields and pages. */
function storedDocument(db: DatabaseSync, rowid: number, stored: string): IndexDocument {
  const pages = (statement(db, 'SELECT key, label, canvas, lines FROM pages WHERE item = ? ORDER BY rowid').all(rowid) as PageRow[]).map(toPage);
  const { pageCount: _, ...fields } = JSON.parse(stored) as StoredDoc;
  return { ...fields, pages };
}

function deleteSuggestions(db: DatabaseSync, rows: readonly { rowid: number }[]): void {
  for (const r of rows) {
    statement(db, 'DELETE FROM suggest_fts WHERE rowid = ?').run(r.rowid);
    statement(db, 'DELETE FROM suggestions WHERE rowid = ?').run(r.rowid);
  }
}

/**
 * Undoes addVocabulary for a removed document (one statement per step, not per word: a page of
 * full text has thousands) and returns the words no document has any more. Words in `kept` (the
 * new version's) stay even at a count of 0, since addVocabulary is about to count them again.
 */
function removeVocabulary(db: DatabaseSync, doc: IndexDocument, kept?: ReadonlySet<string>): string[] {
  const words = JSON.stringify([...documentWords(doc)]);
  statement(db, 'UPDATE vocabulary SET doc = doc - 1 WHERE term IN (SELECT value FROM json_each(?))').run(words);
  const gone = (
    statement(db, 'SELECT term FROM vocabulary WHERE doc <= 0 AND term IN (SELECT value FROM json_each(?))').all(words) as { term: string }[]
  )
    .map((r) => r.term)
    .filter((t) => !kept?.has(t));
  statement(db, 'DELETE FROM vocabulary WHERE term IN (SELECT value FROM json_each(?))').run(JSON.stringify(gone));
  return gone;
}

/**
 * Drops suggestions of a removed document that no remaining item backs (run after its rows are
 * gone): of its `persons` and `place`, those no other item has, and its `words` gone from the
 * vocabulary.
 */
function removeSuggestions(db: DatabaseSync, dropped: { persons: readonly string[]; place: string | undefined; words: readonly string[] }): void {
  const stillHas = (facet: 'person' | 'place', text: string) =>
    statement(db, 'SELECT 1 FROM facets WHERE facet = ? AND value = ? LIMIT 1').get(facet, text) !== undefined;
  const unbacked = [
    ...dropped.persons.filter((p) => !stillHas('person', p)).map((p) => ({ kind: 'person', folded: foldText(p) })),
    ...(dropped.place !== undefined && !stillHas('place', dropped.place) ? [{ kind: 'place', folded: foldText(dropped.place) }] : []),
    ...dropped.words.map((w) => ({ kind: 'word', folded: w })),
  ];
  const find = statement(db, 'SELECT rowid FROM suggestions WHERE kind = ? AND folded = ?');
  deleteSuggestions(
    db,
    unbacked.map((u) => find.get(u.kind, u.folded) as { rowid: number } | undefined).filter((r) => r !== undefined),
  );
}
