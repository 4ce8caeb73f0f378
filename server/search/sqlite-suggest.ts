// Search-as-you-type suggestions of the embedded engine: titles, persons, places and words whose
// folded text starts with what was typed, each kind given its share of the list.
import type { DatabaseSync } from 'node:sqlite';
import type { Suggestion, SuggestionKind } from './backend.ts';
import { tokenize } from './normalize.ts';
import { quote } from './sqlite-fts.ts';
import { statement } from './sqlite-statements.ts';

export function suggest(db: DatabaseSync, q: string, size: number): Suggestion[] {
  const words = tokenize(q).map((t) => t.folded);
  if (words.length === 0) return [];
  const match = words.map((w, i) => (i === words.length - 1 ? `${quote(w)}*` : quote(w))).join(' ');
  const pick = statement(
    db,
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
