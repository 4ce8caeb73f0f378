// Query words → the folded index words they stand for: spelling variants (ä = a = ae, ſ = s) that
// exist in the vocabulary, and, for a word the vocabulary lacks, its likely typos' originals by edit
// distance. Pure over a vocabulary lookup, so the embedded engine and its tests share it.
import { allowedEdits, editDistance, foldWord, spellingVariants } from './normalize.ts';
import type { QueryTerm } from './query.ts';

/** What the engine's vocabulary can answer: document counts of words, and words sharing a prefix. */
export interface Vocabulary {
  counts(words: string[]): Map<string, number>;
  /** Words starting with `prefix` whose length is within [minLength, maxLength]. */
  withPrefix(prefix: string, minLength: number, maxLength: number): { word: string; count: number }[];
}

/** One query term after expansion: a phrase of folded words, or alternatives for one word. */
export type ExpandedTerm =
  | { kind: 'phrase'; words: string[]; field?: QueryTerm['field'] }
  | { kind: 'words'; alternatives: string[]; prefix: boolean; field?: QueryTerm['field'] };

const MAX_FUZZY = 8;
/** Leading letters a typo is first assumed not to touch, which keeps the vocabulary scan small. */
const FUZZY_PREFIX = 2;
/** What may stand in a folded word (lower case, no diacritics), for guessing typos in its first letters. */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The three-letter starts the word had if one edit in its first two letters made `typed` (a letter
 * changed, added, dropped or swapped: Carel for Karel, Oufklarung for Aufklarung); three letters, not
 * two, keep each look-up to a few words.
 */
export function startsBeforeLeadingTypo(typed: string): Set<string> {
  const [a = '', b = '', c = '', d = ''] = typed;
  const starts = new Set<string>([b + a + c, b + c + d, a + c + d]);
  for (const x of LETTERS) {
    starts.add(x + b + c);
    starts.add(a + x + c);
    starts.add(x + a + b);
    starts.add(a + x + b);
  }
  starts.delete(typed.slice(0, 3));
  return starts;
}

export function expandTerm(term: QueryTerm, vocabulary: Vocabulary): ExpandedTerm {
  const field = term.field ? { field: term.field } : {};
  if (term.phrase) return { kind: 'phrase', words: term.words.map(foldWord), ...field };
  const word = term.words[0]!;
  const variants = spellingVariants(word);
  if (term.prefix) return { kind: 'words', alternatives: variants, prefix: true, ...field };
  const counts = vocabulary.counts(variants);
  const known = variants.filter((v) => (counts.get(v) ?? 0) > 0);
  if (known.length > 0) return { kind: 'words', alternatives: known, prefix: false, ...field };
  const plain = variants[0]!;
  const edits = allowedEdits(plain.length);
  if (edits === 0) return { kind: 'words', alternatives: [plain], prefix: false, ...field };
  const near = (starts: Iterable<string>) =>
    [...starts]
      .flatMap((start) => vocabulary.withPrefix(start, plain.length - edits, plain.length + edits))
      .map((c) => ({ ...c, distance: Math.min(...variants.map((v) => editDistance(v, c.word, edits))) }))
      .filter((c) => c.distance <= edits)
      .sort((a, b) => a.distance - b.distance || b.count - a.count)
      .slice(0, MAX_FUZZY)
      .map((c) => c.word);
  // Typos are likelier after the first letters; only when none fits is a typo there assumed.
  const found = near([plain.slice(0, FUZZY_PREFIX)]);
  const alternatives = found.length > 0 ? found : near(startsBeforeLeadingTypo(plain));
  return { kind: 'words', alternatives: alternatives.length > 0 ? alternatives : [plain], prefix: false, ...field };
}

/** Folded words and prefixes that count as matches of these terms (for snippets and Content Search). */
export function matchWords(terms: ExpandedTerm[], onlyText = false): { words: string[]; prefixes: string[] } {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const t of terms) {
    if (onlyText && t.field !== undefined && t.field !== 'text') continue;
    if (t.kind === 'phrase') t.words.forEach((w) => words.add(w));
    else if (t.prefix) t.alternatives.forEach((w) => prefixes.add(w));
    else t.alternatives.forEach((w) => words.add(w));
  }
  return { words: [...words], prefixes: [...prefixes] };
}
