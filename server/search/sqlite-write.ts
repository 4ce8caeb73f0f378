// Single-item writes to the embedded index (ingest adding, updating or withdrawing one item), each
// one transaction that also bumps the database's generation and logs which item rows it removed and
// added, so that readers in this and other processes patch their facet snapshot instead of reloading it.
import type { DatabaseSync } from 'node:sqlite';
import type { IndexDocument } from './backend.ts';
import { addSuggestions, addVocabulary, documentSuggestions, documentWords, insertItemRows } from './sqlite-insert.ts';
import { removeItemRows } from './sqlite-remove.ts';
import { FACET_VALUE_INDEX, MAX_PATCHES } from './sqlite-schema.ts';
import { statement } from './sqlite-statements.ts';

/** Marks a change readers must catch up with. */
export function bumpGeneration(db: DatabaseSync): void {
  statement(db, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'").run();
}

/** One write: its work returns the item rowids it removed and added, logged for readers' snapshots. */
function transaction(db: DatabaseSync, work: () => { removed?: number; added?: number }): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(FACET_VALUE_INDEX);
    const change = work();
    bumpGeneration(db);
    statement(db, "INSERT INTO changes(generation, removed, added) SELECT CAST(value AS INTEGER), ?, ? FROM meta WHERE key = 'generation'").run(
      change.removed ?? null,
      change.added ?? null,
    );
    statement(db, 'DELETE FROM changes WHERE generation < (SELECT max(generation) FROM changes) - ?').run(MAX_PATCHES);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/** Adds or replaces one item. */
export function indexItem(db: DatabaseSync, doc: IndexDocument): void {
  transaction(db, () => {
    const words = documentWords(doc);
    const removed = removeItemRows(db, doc.id, { doc, words });
    const added = insertItemRows(db, doc);
    addVocabulary(db, words);
    addSuggestions(db, documentSuggestions(doc));
    return removed === undefined ? { added } : { removed, added };
  });
}

/** Removes one item; an unknown id changes nothing but the generation. */
export function removeItem(db: DatabaseSync, itemId: string): void {
  transaction(db, () => {
    const removed = removeItemRows(db, itemId);
    return removed === undefined ? {} : { removed };
  });
}
