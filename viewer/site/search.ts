// The search page: a search box with suggestions (/api/suggest), facets (type, language, century,
// person, place) and a year range, and results with thumbnails and highlighted snippets that open
// the item at the matching page. All state is in the URL, so every search can be bookmarked.
import { type Lang, type MessageKey, t } from '../component/i18n.ts';
import { parseModel } from '../component/manifest-model.ts';
import { initShell } from './shell.ts';
import { snippetParts } from './snippet.ts';
import {
  apiSearchUrl,
  century,
  formatSiteSearch,
  languageName,
  PAGE_SIZE,
  parseSiteSearch,
  SITE_FACETS,
  type SiteFacet,
  type SiteSearch,
  toggleFilter,
} from './search-query.ts';

interface ApiHit {
  id: string;
  title?: string;
  type?: string;
  date?: string;
  agents?: { name: string; role?: string }[];
  place?: string;
  printer?: string;
  snippet?: string;
  page?: { key: string; label?: string };
}
interface ApiResult {
  total?: number;
  hits?: ApiHit[];
  facets?: Partial<Record<string, { value: string; count: number }[]>>;
}

let state: SiteSearch = parseSiteSearch(location.search);
let result: ApiResult | undefined;
let failure: string | undefined;
let lang: Lang;
const thumbnails = new Map<string, string>();
const TYPE_KEYS = new Set(['type.book', 'type.periodical', 'type.print', 'type.manuscript', 'type.map', 'type.other']);

const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function facetLabel(facet: SiteFacet, value: string): string {
  if (facet === 'type') {
    const key = `type.${value}`;
    return TYPE_KEYS.has(key) ? t(lang, key as MessageKey) : value;
  }
  if (facet === 'language') return languageName(value, lang);
  if (facet === 'century') {
    const c = century(value);
    return c ? `${c.fromYear}–${c.toYear}` : value;
  }
  return value;
}

function facetFilterValue(facet: SiteFacet, value: string): string {
  return facet === 'century' ? (century(value)?.filter ?? value) : value;
}

function renderFacets(): void {
  const box = el('facets');
  const facets = result?.facets ?? {};
  box.replaceChildren(
    ...SITE_FACETS.flatMap((facet) => {
      const counts = facets[facet] ?? [];
      const chosen = state.filters[facet] ?? [];
      const shown = [...counts];
      for (const v of chosen) if (!shown.some((c) => facetFilterValue(facet, c.value) === v)) shown.push({ value: v, count: 0 });
      if (shown.length === 0) return [];
      const fieldset = make('fieldset', {}, make('legend', { textContent: t(lang, `facet.${facet}` as MessageKey) }));
      for (const { value, count } of shown.slice(0, 12)) {
        const filterValue = facetFilterValue(facet, value);
        const input = make('input', { type: 'checkbox', name: facet, value: filterValue, checked: chosen.includes(filterValue) });
        input.addEventListener('change', () => go(toggleFilter(state, facet, filterValue)));
        fieldset.append(make('label', {}, input, `${facetLabel(facet, value)} `, make('span', { className: 'count', textContent: `(${count})` })));
      }
      return [fieldset];
    }),
  );
}

function renderResults(): void {
  const status = el('status');
  const list = el('results');
  const pager = el('pager');
  list.replaceChildren();
  pager.replaceChildren();
  if (failure) {
    status.textContent = t(lang, 'site.loadFailed', { message: failure });
    return;
  }
  if (!result) {
    status.textContent = t(lang, 'viewer.loading');
    return;
  }
  const total = result.total ?? 0;
  status.textContent = total === 1 ? t(lang, 'search.totalOne') : t(lang, 'search.total', { n: total });
  for (const hit of result.hits ?? []) {
    const q = new URLSearchParams();
    if (hit.page?.key) q.set('page', hit.page.key);
    if (state.q) q.set('q', state.q);
    const href = `/items/${encodeURIComponent(hit.id)}${q.size > 0 ? `?${q.toString()}` : ''}`;
    const body = make('div');
    body.append(make('h3', {}, make('a', { href, textContent: hit.title ?? hit.id })));
    const people = (hit.agents ?? [])
      .map((a) => a.name)
      .slice(0, 3)
      .join('; ');
    const imprint = [people, [hit.place, hit.printer].filter(Boolean).join(': '), hit.date].filter((s) => s).join(' · ');
    if (imprint) body.append(make('p', { className: 'card-meta', textContent: imprint }));
    if (hit.snippet) {
      const p = make('p', { className: 'snippet' });
      for (const part of snippetParts(hit.snippet)) p.append(part.mark ? make('mark', { textContent: part.text }) : part.text);
      if (hit.page)
        p.append(make('span', { className: 'count', textContent: ` — ${t(lang, 'search.onPage', { label: hit.page.label ?? hit.page.key })}` }));
      body.append(p);
    }
    const li = make('li', { className: 'result' });
    const thumb = thumbnails.get(hit.id);
    if (thumb) li.append(make('img', { src: thumb, alt: '', loading: 'lazy' }));
    li.append(body);
    list.append(li);
  }
  if (state.page > 1) {
    const a = make('a', { href: `/search${formatSiteSearch({ ...state, page: state.page - 1 }, lang)}`, textContent: t(lang, 'search.prevPage') });
    a.addEventListener('click', (e) => {
      e.preventDefault();
      go({ ...state, page: state.page - 1 });
    });
    pager.append(a);
  }
  if (state.page * PAGE_SIZE < total) {
    const a = make('a', { href: `/search${formatSiteSearch({ ...state, page: state.page + 1 }, lang)}`, textContent: t(lang, 'search.nextPage') });
    a.addEventListener('click', (e) => {
      e.preventDefault();
      go({ ...state, page: state.page + 1 });
    });
    pager.append(a);
  }
}

function render(): void {
  renderFacets();
  renderResults();
}

let controller: AbortController | undefined;

async function run(): Promise<void> {
  controller?.abort();
  const c = new AbortController();
  controller = c;
  result = undefined;
  failure = undefined;
  renderResults();
  try {
    const res = await fetch(apiSearchUrl(state), { signal: c.signal, headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => ({}))) as ApiResult & { message?: string };
    if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
    result = body;
  } catch (err) {
    if (c.signal.aborted) return;
    failure = err instanceof Error ? err.message : String(err);
  }
  render();
}

function go(next: SiteSearch): void {
  state = next;
  history.pushState(null, '', `/search${formatSiteSearch(state, new URLSearchParams(location.search).get('lang') ?? undefined)}`);
  void run();
}

function syncForm(): void {
  el<HTMLInputElement>('q').value = state.q;
  el<HTMLInputElement>('from').value = state.from === undefined ? '' : String(state.from);
  el<HTMLInputElement>('to').value = state.to === undefined ? '' : String(state.to);
}

async function loadThumbnails(): Promise<void> {
  try {
    const res = await fetch('/iiif/presentation/collection.json');
    if (!res.ok) return;
    const model = await parseModel(await res.json());
    if (model.kind !== 'collection') return;
    for (const item of model.items) {
      const m = /\/iiif\/presentation\/([^/]+)\/manifest\.json$/.exec(item.id);
      if (m && item.thumbnail) thumbnails.set(m[1]!, item.thumbnail);
    }
  } catch {
    // Results still show without thumbnails.
  }
}

let suggestTimer: ReturnType<typeof setTimeout> | undefined;
async function suggest(q: string): Promise<void> {
  const list = el('suggestions');
  if (q.trim().length < 2) {
    list.replaceChildren();
    return;
  }
  try {
    const res = await fetch(`/api/suggest?${new URLSearchParams({ q: q.trim() }).toString()}`);
    if (!res.ok) return;
    const body = (await res.json()) as { suggestions?: { text: string }[] };
    list.replaceChildren(...(body.suggestions ?? []).map((s) => make('option', { value: s.text })));
  } catch {
    // Suggestions are a help, not a requirement.
  }
}

lang = initShell((next) => {
  lang = next;
  render();
});
syncForm();
el<HTMLFormElement>('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  go({ ...state, q: el<HTMLInputElement>('q').value.trim(), page: 1 });
});
el<HTMLInputElement>('q').addEventListener('input', (e) => {
  clearTimeout(suggestTimer);
  const value = (e.target as HTMLInputElement).value;
  suggestTimer = setTimeout(() => void suggest(value), 150);
});
for (const id of ['from', 'to']) {
  el<HTMLInputElement>(id).addEventListener('change', () => {
    const years = parseSiteSearch(
      `?from=${encodeURIComponent(el<HTMLInputElement>('from').value)}&to=${encodeURIComponent(el<HTMLInputElement>('to').value)}`,
    );
    const { from: _from, to: _to, ...rest } = state;
    go({ ...rest, ...(years.from !== undefined ? { from: years.from } : {}), ...(years.to !== undefined ? { to: years.to } : {}), page: 1 });
  });
}
el<HTMLFormElement>('filters').addEventListener('submit', (e) => e.preventDefault());
el<HTMLAnchorElement>('clear').addEventListener('click', (e) => {
  e.preventDefault();
  go({ q: state.q, filters: {}, page: 1 });
  syncForm();
});
window.addEventListener('popstate', () => {
  state = parseSiteSearch(location.search);
  syncForm();
  void run();
});
await loadThumbnails();
await run();
