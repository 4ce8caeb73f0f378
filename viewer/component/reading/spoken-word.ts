// Which word of a line the voice is saying, from a speech engine's word boundary (the `boundary`
// event's `charIndex` and `charLength`, UTF-16 offsets into the utterance's text). The text spoken
// is the text shown (as printed, or in modern spelling with a word hyphenated at the line end joined
// onto it, read-aloud.ts's spokenTexts), so the range found here is also where the word is in the
// line on screen. Engines differ: some give no length, some a length running past the word, some an
// index on the space before it; so the range is kept inside one whitespace-separated token and
// trimmed to its letters and digits (quotes, commas and a line-end hyphen are not the word). Pure,
// so the mapping is table-tested without a speech engine.

/** A word's place in a line's text: `text.slice(start, end)`. */
export interface WordRange {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const LAST_WORD_CHAR = /[\p{L}\p{M}\p{N}](?=[^\p{L}\p{M}\p{N}]*$)/u;

/**
 * The word of `text` that a boundary at `charIndex` (of `charLength` code units, when the engine
 * says) names, or undefined when it names none: an index past the end, or on punctuation standing
 * alone (a dash between spaces).
 */
export function wordAt(text: string, charIndex: number, charLength = 0): WordRange | undefined {
  if (!Number.isInteger(charIndex) || charIndex < 0 || charIndex >= text.length) return undefined;
  const isWord = (i: number) => i >= 0 && i < text.length && WORD_CHAR.test(text[i]!);
  let start = charIndex;
  let end: number;
  if (/\s/u.test(text[start]!)) {
    // An index on whitespace (some engines report the space before a word) names the next token.
    while (start < text.length && /\s/u.test(text[start]!)) start++;
    end = tokenEnd(text, start);
  } else {
    // An index inside a word means all of it; one after a hyphen or quote starts there.
    while (isWord(start - 1) && isWord(start)) start--;
    end = tokenEnd(text, start);
    // A length cuts the token short ("selbst" of "selbst-verschuldeten" read as two words), never a word in two.
    if (Number.isInteger(charLength) && charLength > 0) end = Math.min(end, charIndex + charLength);
    while (isWord(end - 1) && isWord(end)) end++;
  }
  const token = text.slice(start, end);
  const first = token.search(WORD_CHAR);
  const last = LAST_WORD_CHAR.exec(token);
  if (first < 0 || !last) return undefined;
  return { start: start + first, end: start + last.index + last[0].length };
}

/** Where the whitespace-separated token starting at `start` ends. */
function tokenEnd(text: string, start: number): number {
  const n = text.slice(start).search(/\s/u);
  return n < 0 ? text.length : start + n;
}
