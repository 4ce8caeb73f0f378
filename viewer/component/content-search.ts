// Reads IIIF Content Search answers (2.0, and 1.0 for older services) into a flat list of hits:
// which page, which region to outline, and a snippet with the match marked. Pure, so it can be
// tested without a server; the search panel does the fetching.
import { parseXywh, type Region } from './deep-link.ts';

export interface SearchHit {
  page: number;
  region?: Region;
  before: string;
  match: string;
  after: string;
}

export interface SearchAnswer {
  hits: SearchHit[];
  /** URL of the next page of results, when the service pages them. */
  next?: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObj(v) ? ((v.id ?? v['@id']) as string | undefined) : undefined);

interface Located {
  canvas: string;
  region?: Region;
}

function locate(target: unknown): Located | undefined {
  if (isObj(target) && target.type === 'SpecificResource') {
    const canvas = idOf(target.source);
    if (!canvas) return undefined;
    const selector = arr(target.selector).find(isObj);
    const region = parseXywh(String(selector?.value ?? '').replace(/^xywh=/, ''));
    return region ? { canvas: canvas.split('#')[0]!, region } : { canvas: canvas.split('#')[0]! };
  }
  const id = idOf(target);
  if (!id) return undefined;
  const [canvas, fragment] = id.split('#', 2) as [string, string | undefined];
  const region = fragment?.startsWith('xywh=') ? parseXywh(fragment.slice(5)) : undefined;
  return region ? { canvas, region } : { canvas };
}

function bodyText(anno: Json): string {
  for (const b of arr(anno.body ?? anno.resource)) {
    if (isObj(b)) {
      const v = b.value ?? b.chars;
      if (typeof v === 'string') return v;
    }
  }
  return '';
}

/** Parses a Content Search 2.0 or 1.0 response; `pageOfCanvas` maps canvas ids to page indices. */
export function parseSearchAnswer(json: unknown, pageOfCanvas: (canvasId: string) => number | undefined): SearchAnswer {
  if (!isObj(json)) return { hits: [] };
  const annotations = arr(json.items ?? json.resources).filter(isObj);
  const snippets = new Map<string, { before: string; match: string; after: string }>();
  // 2.0: highlighting annotations point at the matching annotation with a TextQuoteSelector.
  for (const page of arr(json.annotations).filter(isObj)) {
    for (const h of arr(page.items).filter(isObj)) {
      for (const target of arr(h.target).filter(isObj)) {
        const source = idOf(target.source);
        const sel = arr(target.selector).find((s) => isObj(s) && s.type === 'TextQuoteSelector') as Json | undefined;
        if (source && sel && !snippets.has(source)) {
          snippets.set(source, { before: String(sel.prefix ?? ''), match: String(sel.exact ?? ''), after: String(sel.suffix ?? '') });
        }
      }
    }
  }
  // 1.0: hits list before/match/after and the annotations they cover.
  for (const hit of arr(json.hits).filter(isObj)) {
    const first = idOf(arr(hit.annotations)[0]);
    if (first && !snippets.has(first)) {
      snippets.set(first, { before: String(hit.before ?? ''), match: String(hit.match ?? ''), after: String(hit.after ?? '') });
    }
  }
  const hits: SearchHit[] = [];
  for (const anno of annotations) {
    const where = locate(anno.target ?? anno.on);
    if (!where) continue;
    const page = pageOfCanvas(where.canvas);
    if (page === undefined) continue;
    const id = idOf(anno);
    const snippet = (id ? snippets.get(id) : undefined) ?? { before: '', match: bodyText(anno), after: '' };
    const hit: SearchHit = { page, ...snippet };
    if (where.region) hit.region = where.region;
    hits.push(hit);
  }
  const answer: SearchAnswer = { hits };
  const next = idOf(isObj(json.next) || typeof json.next === 'string' ? json.next : isObj(json.within) ? json.within.next : undefined);
  if (next) answer.next = next;
  return answer;
}

/** The Content Search request URL for a query. */
export function searchUrl(service: string, q: string): string {
  const u = new URL(service);
  u.searchParams.set('q', q);
  return u.toString();
}
