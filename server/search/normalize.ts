// Folding of words for search, shared by indexing and querying so both sides agree: case, accents,
// the historical letterforms readers see made modern (manifests/modern-spelling.ts: long s, r
// rotunda, the superscript e of early German print, ligatures) and other special letters all fold to
// plain lower-case letters, and ä/ae-style spellings are treated as one word
// by generating equivalent variants at query time (never by rewriting the index, so Dutch `boek` and
// `bok` stay apart in the stored text and in snippets).

/** A word of a text with its position, so matches can be marked in the original text. */
export interface Token {
  /** The word as written. */
  word: string;
  /** Its folded form (what the index stores). */
  folded: string;
  /** Offsets in UTF-16 code units of the word in the text. */
  start: number;
  end: number;
}

import { modernLetters } from '../../manifests/modern-spelling.ts';

// Letters and digits with any combining marks (aͤ is `a` + U+0364), apostrophes inside words kept apart.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

// Letters that have no decomposition in Unicode but a conventional plain spelling (beyond the
// historical letterforms of the shared modern-spelling table, applied first).
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ȝ: 'g',
  ꝑ: 'p',
  ꝓ: 'p',
  ꝗ: 'q',
  ꝙ: 'q',
  ꝯ: 'con',
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: the class is all of ASCII, control characters included.
const ASCII = /^[\x00-\x7f]*$/;
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

/** Folds one word: lower case, compatibility decomposition (ſ→s, ﬁ→fi), no marks, special letters spelled out. */
export function foldWord(word: string): string {
  // Most words are plain ASCII: skip decomposition for them (this runs for every word of every snippet).
  if (ASCII.test(word)) return word.toLowerCase();
  return modernLetters(word)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(LETTER_PATTERN, (c) => LETTERS[c] ?? c);
}

/** The words of a text with their folded forms and offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    if (folded !== '') tokens.push({ word: m[0], folded, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** A text as the index stores it: folded words separated by single spaces. */
export function foldText(text: string): string {
  return tokenize(text)
    .map((t) => t.folded)
    .join(' ');
}

/** A string folded as a whole (names, titles) for sorting and prefix comparison. */
export function foldPhrase(text: string): string {
  return foldText(text);
}

const UMLAUT = /([aou])(?:\u0308|\u0364)/gu;
const HAS_UMLAUT = /[aou][\u0308\u0364]/u;
const MAX_VARIANTS = 8;

/**
 * Equivalent folded spellings of one query word: `Aufklärung` → aufklarung, aufklaerung;
 * `Aufklaerung` → aufklaerung, aufklarung. At most eight variants, the plain fold first.
 */
export function spellingVariants(word: string): string[] {
  const plain = foldWord(word);
  const out = new Set<string>([plain]);
  // An umlaut written as a mark also stands for its e-spelling.
  const decomposed = word.toLowerCase().normalize('NFKD');
  if (HAS_UMLAUT.test(decomposed)) out.add(foldWord(decomposed.replace(UMLAUT, '$1e')));
  // Each ae/oe/ue may be an umlaut written out: try collapsing every subset (bounded).
  const spots = [...plain.matchAll(/[aou]e/g)].map((m) => m.index);
  const limited = spots.slice(0, 3);
  for (let mask = 1; mask < 1 << limited.length && out.size < MAX_VARIANTS; mask++) {
    let variant = '';
    let last = 0;
    limited.forEach((at, i) => {
      if (mask & (1 << i)) {
        variant += plain.slice(last, at + 1);
        last = at + 2;
      }
    });
    out.add(variant + plain.slice(last));
  }
  return [...out].slice(0, MAX_VARIANTS);
}

/**
 * Optimal-string-alignment edit distance (insert, delete, substitute, swap of neighbours), stopping
 * early once it exceeds `max` so scanning a vocabulary stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/** How many edits a word of this folded length may have and still count as a typo of another. */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}
