// IIIF Content Search inside one item, 2.0 (AnnotationPage of `highlighting` annotations with
// TextQuoteSelectors) and 1.0 (for Mirador: `sc:AnnotationList` with `resources` and `hits`), from the
// pages the search engine found. Pure: finds the matched words in each line, turns each into a box
// on the canvas (proportional to its characters within the line's box, since the full text has
// line boxes only) and shapes the responses; autocomplete counts words of the item's text.
import type { JoinedLine } from '../../manifests/modern-spelling.ts';
import type { IndexLine, IndexPage } from './backend.ts';
import { matchLines } from './document.ts';
import { tokenize } from './normalize.ts';
import { displayText, displayWord, isMatch, type TermMatcher } from './snippet.ts';

export const SEARCH2_CONTEXT = 'http://iiif.io/api/search/2/context.json';
export const SEARCH1_CONTEXT = 'http://iiif.io/api/search/1/context.json';
export const PRESENTATION2_CONTEXT = 'http://iiif.io/api/presentation/2/context.json';
/** Parameters the specs define that we do not filter on; echoed in `ignored`. */
export const IGNORED_PARAMETERS = ['motivation', 'date', 'user', 'min'] as const;
export const HITS_PER_PAGE = 50;
const CONTEXT_CHARS = 40;

/** One matched word on one page. */
export interface WordHit {
  page: IndexPage;
  lineIndex: number;
  line: IndexLine;
  /** The word as written, and the line text before and after it (display form). */
  exact: string;
  prefix: string;
  suffix: string;
  xywh: [number, number, number, number];
}

/** A word's box inside its line's box, proportional to its character offsets in the line. */
export function wordBox(line: IndexLine, start: number, end: number, length: number): [number, number, number, number] {
  const [x, y, w, h] = line.xywh;
  if (length <= 0) return [x, y, w, h];
  const left = Math.round((w * start) / length);
  const right = Math.round((w * end) / length);
  return [x + left, y, Math.max(1, right - left), h];
}

/**
 * Where a word of a match line (document.ts matchLines) is in its line as printed, in display
 * characters: the same place for a line search left as it is; for a joined one, shifted past what
 * moved up to the line before, and a word hyphenated at the line's end reaching to the end.
 */
function printedSpan(printed: string, line: string, joined: JoinedLine, start: number, end: number): [number, number] {
  if (joined.start === 0 && joined.end === line.length) return [start, end];
  const shift = joined.start === 0 ? 0 : printed.length - displayText(line.slice(joined.start)).length;
  const kept = displayText(line.slice(joined.start, joined.end)).length;
  return [shift + Math.min(start, kept), end > kept ? printed.length : shift + end];
}

/**
 * Every matched word of the pages, in page and reading order. Words are matched as search indexed
 * them, a word hyphenated across a line end whole (`Unmuͤndigkeit`), its hit on the line where it
 * begins, boxed from its start to that line's end.
 */
export function findWordHits(pages: IndexPage[], matcher: TermMatcher): WordHit[] {
  const hits: WordHit[] = [];
  for (const page of pages) {
    const joined = matchLines(page);
    page.lines.forEach((line, lineIndex) => {
      const match = joined[lineIndex]!;
      const text = displayText(match.text);
      const printed = displayText(line.text);
      for (const t of tokenize(text)) {
        if (!isMatch(matcher, t.folded)) continue;
        const [start, end] = printedSpan(printed, line.text, match, t.start, t.end);
        hits.push({
          page,
          lineIndex,
          line,
          exact: t.word,
          prefix: text.slice(Math.max(0, t.start - CONTEXT_CHARS), t.start),
          suffix: text.slice(t.end, t.end + CONTEXT_CHARS),
          xywh: wordBox(line, start, end, printed.length),
        });
      }
    });
  }
  return hits;
}

/** Words of an item's text starting with a prefix (folded comparison), most frequent first. */
export function completeTerms(pages: IndexPage[], prefix: string, limit: number): { value: string; total: number }[] {
  const folded = tokenize(prefix).map((t) => t.folded)[0];
  if (folded === undefined) return [];
  const counts = new Map<string, { value: string; total: number }>();
  for (const page of pages) {
    for (const line of matchLines(page)) {
      for (const t of tokenize(line.text)) {
        if (!t.folded.startsWith(folded)) continue;
        const entry = counts.get(t.folded);
        if (entry) entry.total++;
        else counts.set(t.folded, { value: displayWord(t.word).toLowerCase(), total: 1 });
      }
    }
  }
  return [...counts.values()].sort((a, b) => b.total - a.total || a.value.localeCompare(b.value)).slice(0, limit);
}

export interface ResponseContext {
  /** The search service URL (`publicUrls.search2(item)` or `search1`). */
  service: string;
  q: string;
  /** 1-based page of hits. */
  page: number;
  ignored: string[];
}

function pageUrl(ctx: ResponseContext, page: number): string {
  const params = new URLSearchParams({ q: ctx.q });
  if (page > 1) params.set('page', String(page));
  return `${ctx.service}?${params.toString()}`;
}

const fragment = (canvas: string, [x, y, w, h]: [number, number, number, number]) => `${canvas}#xywh=${x},${y},${w},${h}`;

function hitId(ctx: ResponseContext, hit: WordHit, n: number): string {
  return `${ctx.service}/hit/${hit.page.key}/${hit.lineIndex + 1}/${n}`;
}

function paging(total: number, ctx: ResponseContext) {
  const pages = Math.max(1, Math.ceil(total / HITS_PER_PAGE));
  return { pages, start: (ctx.page - 1) * HITS_PER_PAGE };
}

/** Content Search 2.0 response: one AnnotationPage of hits with their TextQuoteSelectors. */
export function searchResponse2(hits: WordHit[], ctx: ResponseContext): Record<string, unknown> {
  const { pages, start } = paging(hits.length, ctx);
  const slice = hits.slice(start, start + HITS_PER_PAGE);
  const items = slice.map((hit, i) => ({
    id: hitId(ctx, hit, start + i + 1),
    type: 'Annotation',
    motivation: 'highlighting',
    body: { type: 'TextualBody', value: displayText(hit.line.text), format: 'text/plain' },
    target: fragment(hit.page.canvas, hit.xywh),
  }));
  const highlights = slice.map((hit, i) => ({
    id: `${hitId(ctx, hit, start + i + 1)}/quote`,
    type: 'Annotation',
    motivation: 'highlighting',
    target: {
      type: 'SpecificResource',
      source: { id: hitId(ctx, hit, start + i + 1), type: 'Annotation' },
      selector: [{ type: 'TextQuoteSelector', prefix: hit.prefix, exact: hit.exact, suffix: hit.suffix }],
    },
  }));
  return {
    '@context': SEARCH2_CONTEXT,
    id: pageUrl(ctx, ctx.page),
    type: 'AnnotationPage',
    ...(ctx.ignored.length > 0 ? { ignored: ctx.ignored } : {}),
    ...(pages > 1
      ? {
          partOf: {
            id: pageUrl(ctx, 1),
            type: 'AnnotationCollection',
            total: hits.length,
            first: { id: pageUrl(ctx, 1), type: 'AnnotationPage' },
            last: { id: pageUrl(ctx, pages), type: 'AnnotationPage' },
          },
          startIndex: start,
        }
      : {}),
    ...(ctx.page < pages ? { next: { id: pageUrl(ctx, ctx.page + 1), type: 'AnnotationPage' } } : {}),
    ...(ctx.page > 1 && ctx.page <= pages ? { prev: { id: pageUrl(ctx, ctx.page - 1), type: 'AnnotationPage' } } : {}),
    items,
    ...(highlights.length > 0 ? { annotations: [{ type: 'AnnotationPage', items: highlights }] } : {}),
  };
}

/** Content Search 1.0 response (`sc:AnnotationList`), as Mirador reads it. */
export function searchResponse1(hits: WordHit[], ctx: ResponseContext): Record<string, unknown> {
  const { pages, start } = paging(hits.length, ctx);
  const slice = hits.slice(start, start + HITS_PER_PAGE);
  const resources = slice.map((hit, i) => ({
    '@id': hitId(ctx, hit, start + i + 1),
    '@type': 'oa:Annotation',
    motivation: 'sc:painting',
    resource: { '@type': 'cnt:ContentAsText', chars: hit.exact },
    on: fragment(hit.page.canvas, hit.xywh),
  }));
  const hitList = slice.map((hit, i) => ({
    '@type': 'search:Hit',
    annotations: [hitId(ctx, hit, start + i + 1)],
    match: hit.exact,
    before: hit.prefix,
    after: hit.suffix,
  }));
  return {
    '@context': [PRESENTATION2_CONTEXT, SEARCH1_CONTEXT],
    '@id': pageUrl(ctx, ctx.page),
    '@type': 'sc:AnnotationList',
    within: {
      '@type': 'sc:Layer',
      total: hits.length,
      ...(pages > 1 ? { first: pageUrl(ctx, 1), last: pageUrl(ctx, pages) } : {}),
      ignored: ctx.ignored,
    },
    ...(ctx.page < pages ? { next: pageUrl(ctx, ctx.page + 1) } : {}),
    ...(ctx.page > 1 && ctx.page <= pages ? { prev: pageUrl(ctx, ctx.page - 1) } : {}),
    startIndex: start,
    resources,
    hits: hitList,
  };
}

/** Content Search 2.0 autocomplete: a TermPage whose terms link to the search service. */
export function autocompleteResponse2(
  terms: { value: string; total: number }[],
  ctx: { id: string; searchService: string; ignored: string[] },
): Record<string, unknown> {
  return {
    '@context': SEARCH2_CONTEXT,
    id: ctx.id,
    type: 'TermPage',
    ...(ctx.ignored.length > 0 ? { ignored: ctx.ignored } : {}),
    items: terms.map((t) => ({
      value: t.value,
      total: t.total,
      service: [{ id: `${ctx.searchService}?${new URLSearchParams({ q: t.value }).toString()}`, type: 'SearchService2' }],
    })),
  };
}

/** Content Search 1.0 autocomplete (`search:TermList`). */
export function autocompleteResponse1(
  terms: { value: string; total: number }[],
  ctx: { id: string; searchService: string; ignored: string[] },
): Record<string, unknown> {
  return {
    '@context': SEARCH1_CONTEXT,
    '@id': ctx.id,
    '@type': 'search:TermList',
    ignored: ctx.ignored,
    terms: terms.map((t) => ({
      match: t.value,
      url: `${ctx.searchService}?${new URLSearchParams({ q: t.value }).toString()}`,
      count: t.total,
    })),
  };
}
