// The search page's state as it lives in the page URL (`/search?q=…&type=book&century=18&from=…`)
// and the /api/search request built from it. Parsing tolerates anything a hand-edited URL holds:
// unknown parameters are dropped, bad numbers ignored. Pure.
export const SITE_FACETS = ['type', 'language', 'century', 'person', 'place'] as const;
export type SiteFacet = (typeof SITE_FACETS)[number];

export interface SiteSearch {
  q: string;
  filters: Partial<Record<SiteFacet, string[]>>;
  from?: number;
  to?: number;
  page: number;
}

export const PAGE_SIZE = 20;

function year(v: string | null): number | undefined {
  if (v === null || !/^-?\d{1,4}$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

export function parseSiteSearch(search: string): SiteSearch {
  const q = new URLSearchParams(search);
  const state: SiteSearch = { q: (q.get('q') ?? '').trim().slice(0, 500), filters: {}, page: 1 };
  for (const f of SITE_FACETS) {
    const values = [
      ...new Set(
        q
          .getAll(f)
          .map((v) => v.trim())
          .filter((v) => v !== '' && v.length <= 200),
      ),
    ].slice(0, 20);
    if (values.length > 0) state.filters[f] = values;
  }
  let from = year(q.get('from'));
  let to = year(q.get('to'));
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];
  if (from !== undefined) state.from = from;
  if (to !== undefined) state.to = to;
  const page = Number(q.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 500) state.page = page;
  return state;
}

function params(state: SiteSearch): URLSearchParams {
  const q = new URLSearchParams();
  if (state.q) q.set('q', state.q);
  for (const f of SITE_FACETS) for (const v of state.filters[f] ?? []) q.append(f, v);
  if (state.from !== undefined) q.set('from', String(state.from));
  if (state.to !== undefined) q.set('to', String(state.to));
  return q;
}

/** The page's own URL query (keeps `lang`). */
export function formatSiteSearch(state: SiteSearch, lang?: string): string {
  const q = params(state);
  if (state.page > 1) q.set('page', String(state.page));
  if (lang) q.set('lang', lang);
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** The /api/search request for a state. */
export function apiSearchUrl(state: SiteSearch): string {
  const q = params(state);
  q.set('page', String(state.page));
  q.set('size', String(PAGE_SIZE));
  return `/api/search?${q.toString()}`;
}

/**
 * Century facet values may come as a century number (`18`) or as its first year (`1700`); the
 * filter wants the number. Returns the number to filter by and the years it covers.
 */
export function century(value: string): { filter: string; fromYear: number; toYear: number } | undefined {
  if (!/^-?\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  const c = Math.abs(n) >= 100 ? Math.floor(n / 100) + 1 : n;
  return { filter: String(c), fromYear: (c - 1) * 100, toYear: (c - 1) * 100 + 99 };
}

/** Toggles one facet value, returning to the first page of results. */
export function toggleFilter(state: SiteSearch, facet: SiteFacet, value: string): SiteSearch {
  const current = state.filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const filters = { ...state.filters };
  if (next.length > 0) filters[facet] = next;
  else delete filters[facet];
  return { ...state, filters, page: 1 };
}

const ISO639_2B: Record<string, string> = {
  dut: 'nl',
  nld: 'nl',
  fre: 'fr',
  fra: 'fr',
  ger: 'de',
  deu: 'de',
  eng: 'en',
  lat: 'la',
  ita: 'it',
  spa: 'es',
  por: 'pt',
  gre: 'el',
  grc: 'grc',
  heb: 'he',
  ara: 'ar',
  pol: 'pl',
  cze: 'cs',
  dan: 'da',
  swe: 'sv',
  wln: 'wa',
};

/** A language code from a record (`ger`, `lat`) named in the reader's language (`Duits`). */
export function languageName(code: string, lang: string): string {
  const tag = ISO639_2B[code.toLowerCase()] ?? code;
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(tag) ?? code;
  } catch {
    return code;
  }
}
