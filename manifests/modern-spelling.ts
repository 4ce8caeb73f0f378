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
 * Lines in reading order made modern: letterforms replaced and a word hyphenated across a line end
 * joined onto the first line (`Unmün⸗` + `digkeit iſt` → `Unmündigkeit`, `ist`). The result has one
 * entry per input line, so each stays linked to its own region of the page.
 */
export function modernLines(lines: readonly string[]): string[] {
  const out = lines.map((l) => modernLetters(l).trimEnd());
  for (let i = 0; i + 1 < out.length; i++) {
    const line = out[i]!;
    if (!LINE_END_HYPHEN.test(line)) continue;
    const next = out[i + 1]!.trimStart();
    const cut = next.search(/\s|$/u);
    // The rest of the word moves up; a next line that starts with a capital is a new word (a name).
    if (cut <= 0 || /^\p{Lu}/u.test(next)) continue;
    out[i] = line.slice(0, -1) + next.slice(0, cut);
    out[i + 1] = next.slice(cut).trimStart();
  }
  return out;
}
