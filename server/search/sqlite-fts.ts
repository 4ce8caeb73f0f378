// Query words as FTS5 match expressions, for the embedded engine's readers: each word expanded
// against the index's vocabulary (spelling variants, typo tolerance), then written in FTS5 syntax
// over the pre-folded columns.
import type { DatabaseSync } from 'node:sqlite';
import { parseQueryText, type QueryField } from './query.ts';
import { arrayStatement, statement } from './sqlite-statements.ts';
import { expandTerm, type ExpandedTerm, type Vocabulary } from './term-expansion.ts';

/** The items_fts column a `field:` word searches. */
export const COLUMN: Record<QueryField, string> = {
  title: 'title',
  person: 'persons',
  place: 'places',
  printer: 'printers',
  subject: 'subjects',
  text: 'fulltext',
};

export function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** FTS5 expression of expanded terms: all terms must match (or any, for page lookups). */
export function ftsExpression(terms: ExpandedTerm[], join: 'AND' | 'OR', columns: boolean): string {
  const parts = terms.map((t) => {
    const body =
      t.kind === 'phrase' ? quote(t.words.join(' ')) : `(${t.alternatives.map((a) => (t.prefix ? `${quote(a)}*` : quote(a))).join(' OR ')})`;
    return columns && t.field ? `{${COLUMN[t.field]}} : ${body}` : body;
  });
  return parts.join(` ${join} `);
}

/** The words of the index for typo tolerance: an indexed table, since fts5vocab can only scan. */
function vocabulary(db: DatabaseSync): Vocabulary {
  return {
    counts: (words) => {
      const out = new Map<string, number>();
      const s = statement(db, 'SELECT doc FROM vocabulary WHERE term = ?');
      for (const w of words) {
        const row = s.get(w) as { doc: number } | undefined;
        if (row) out.set(w, row.doc);
      }
      return out;
    },
    withPrefix: (prefix, minLength, maxLength) =>
      (
        arrayStatement(db, 'SELECT term, doc FROM vocabulary WHERE term >= ? AND term < ? AND length BETWEEN ? AND ?').all(
          prefix,
          `${prefix}\uffff`,
          minLength,
          maxLength,
        ) as unknown as [string, number][]
      ).map(([word, count]) => ({ word, count })),
  };
}

/** The query text's terms, each with the indexed words it stands for. */
export function expand(db: DatabaseSync, q: string): ExpandedTerm[] {
  const words = vocabulary(db);
  return parseQueryText(q).map((t) => expandTerm(t, words));
}
