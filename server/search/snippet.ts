// Marks matched words in original text: the hit snippets of /api/search (`<mark>`, all else
// HTML-escaped) and the word positions Content Search turns into boxes. Matching compares folded
// words, so `Aufklaͤrung` in the text is marked for a query `aufklarung` whichever engine answered.
import { foldWord, tokenize, type Token } from './normalize.ts';

/** Which folded words count as matches: whole words, or words starting with a prefix. */
export interface TermMatcher {
  terms: ReadonlySet<string>;
  prefixes: readonly string[];
}

export function makeMatcher(terms: Iterable<string>, prefixes: Iterable<string> = []): TermMatcher {
  return { terms: new Set(terms), prefixes: [...prefixes] };
}

export function isMatch(matcher: TermMatcher, folded: string): boolean {
  return matcher.terms.has(folded) || matcher.prefixes.some((p) => folded.startsWith(p));
}

/** The words of a text that match, with their offsets. */
export function matchedTokens(text: string, matcher: TermMatcher): Token[] {
  return tokenize(text).filter((t) => isMatch(matcher, t.folded));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Text made readable for display: the superscript e of early print as an umlaut, spaces collapsed. */
export function displayText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([aouAOU])\u0364/g, '$1\u0308')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word as suggestions show it: umlauts restored, long s as s. */
export function displayWord(word: string): string {
  return displayText(word).replace(/ſ/g, 's');
}

/**
 * A passage of about `maxWords` words around the densest run of matches, matches in `<mark>`,
 * everything else escaped; undefined when nothing in the text matches.
 */
export function snippet(text: string, matcher: TermMatcher, maxWords = 24): string | undefined {
  const display = displayText(text);
  const tokens = tokenize(display);
  const hits = tokens.map((t, i) => (isMatch(matcher, t.folded) ? i : -1)).filter((i) => i >= 0);
  if (hits.length === 0) return undefined;
  // Window start that covers the most matches.
  let bestStart = hits[0]!;
  let bestCount = 0;
  for (let a = 0, b = 0; a < hits.length; a++) {
    while (b < hits.length && hits[b]! - hits[a]! < maxWords) b++;
    if (b - a > bestCount) {
      bestCount = b - a;
      bestStart = hits[a]!;
    }
  }
  const first = Math.max(0, bestStart - Math.floor(maxWords / 4));
  const last = Math.min(tokens.length - 1, first + maxWords - 1);
  const from = first === 0 ? 0 : tokens[first]!.start;
  const to = last === tokens.length - 1 ? display.length : tokens[last]!.end;
  let html = first > 0 ? '… ' : '';
  let at = from;
  for (let i = first; i <= last; i++) {
    const t = tokens[i]!;
    if (!isMatch(matcher, t.folded)) continue;
    html += `${escapeHtml(display.slice(at, t.start))}<mark>${escapeHtml(t.word)}</mark>`;
    at = t.end;
  }
  html += escapeHtml(display.slice(at, to));
  if (to < display.length) html += ' …';
  return html;
}

/** Folded forms of words found in Elasticsearch highlight fragments (`…<mark>word</mark>…`). */
export function markedWords(fragments: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const f of fragments) for (const m of f.matchAll(/<mark>(.*?)<\/mark>/g)) out.add(foldWord(m[1]!));
  return [...out];
}
