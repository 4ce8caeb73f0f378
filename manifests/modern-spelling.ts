// Historical letterforms made modern, for readers of today: the one table that the viewer's
// modern-spelling view, the text downloads and the PDF text layer show, that read-aloud speaks, and
// that search folds with (server/search/normalize.ts), so what a reader sees and what search matches
// never disagree. Long s becomes s, r rotunda r, the superscript e of early German print (aͤ) the
// umlaut (ä), typographic ligatures their letters; words hyphenated across line ends (with -, ⸗, ¬,
// or the soft or hard hyphen) are joined. The published text is never changed: this is a view of it.
// Pure, with no Node APIs, so the viewer bundle uses it too.

/** Letterforms that have one modern spelling, whatever the language. */
export const MODERN_LETTERS: Readonly<Record<string, string>> = {
  ſ: 's',
  ꝛ: 'r',
  Ꝛ: 'R',
  ﬀ: 'ff',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ﬃ: 'ffi',
  ﬄ: 'ffl',
  ﬅ: 'st',
  ﬆ: 'st',
};

/** Vowels followed by COMBINING LATIN SMALL LETTER E (U+0364), the umlaut as early print wrote it. */
const SUPERSCRIPT_E: Readonly<Record<string, string>> = { a: 'ä', o: 'ö', u: 'ü', A: 'Ä', O: 'Ö', U: 'Ü' };

const LETTER = new RegExp(`[${Object.keys(MODERN_LETTERS).join('')}]`, 'gu');
const UMLAUT = /([aouAOU])\u0364/gu;
const ANY_HISTORICAL = new RegExp(`[${Object.keys(MODERN_LETTERS).join('')}\\u0364]`, 'u');

/** One text (a word, a line) with its historical letterforms made modern; everything else as it was. */
export function modernLetters(text: string): string {
  if (!ANY_HISTORICAL.test(text)) return text;
  return text.replace(UMLAUT, (_m, v: string) => SUPERSCRIPT_E[v] ?? v).replace(LETTER, (c) => MODERN_LETTERS[c] ?? c);
}

/** A line-end hyphen: ASCII, the double oblique hyphen of Fraktur print (⸗), the not sign (¬), the hyphen and the soft hyphen. */
const LINE_END_HYPHEN = /[\p{L}\p{M}][-⸗¬\u2010\u00ad]$/u;

/**
 * One line after joining words hyphenated across line ends: `text` is the line's characters from
 * `start` to `end` (its own, without what moved up to the line before, spaces after it or a line-end
 * hyphen), followed by the rest of a word it begins that the next line completes. The offsets let a
 * caller (search, for a word's box) find each word of `text` in the line as printed.
 */
export interface JoinedLine {
  text: string;
  start: number;
  end: number;
}

/**
 * Lines in reading order with each word hyphenated across a line end joined onto the line where it
 * begins (`Unmuͤn⸗` + `digkeit iſt` → `Unmuͤndigkeit`, `iſt`), letterforms as printed: the one join
 * rule of the modern-spelling view (`modernLines`) and of search, which finds such words whole. One
 * entry per input line, so each stays linked to its own region of the page.
 */
export function joinLineEnds(lines: readonly string[]): JoinedLine[] {
  const parts = lines.map((l) => ({ start: 0, end: l.trimEnd().length, tail: '' }));
  for (let i = 0; i + 1 < lines.length; i++) {
    const here = parts[i]!;
    const there = parts[i + 1]!;
    if (!LINE_END_HYPHEN.test(lines[i]!.slice(here.start, here.end))) continue;
    const rest = lines[i + 1]!.slice(there.start, there.end);
    const next = rest.trimStart();
    const cut = next.search(/\s|$/u);
    // The rest of the word moves up; a next line that starts with a capital is a new word (a name).
    if (cut <= 0 || /^\p{Lu}/u.test(next)) continue;
    here.end -= 1;
    here.tail = next.slice(0, cut);
    const after = next.slice(cut);
    there.start += rest.length - after.trimStart().length;
  }
  return parts.map((p, i) => ({ text: lines[i]!.slice(p.start, p.end) + p.tail, start: p.start, end: p.end }));
}

/**
 * Lines in reading order made modern: letterforms replaced and a word hyphenated across a line end
 * joined onto the first line (`Unmün⸗` + `digkeit iſt` → `Unmündigkeit`, `ist`). The result has one
 * entry per input line, so each stays linked to its own region of the page.
 */
export function modernLines(lines: readonly string[]): string[] {
  return joinLineEnds(lines.map(modernLetters)).map((l) => l.text);
}
