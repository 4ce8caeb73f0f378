// The search hit both engines return for an item (SearchHit in backend.ts): the fields a result list
// shows, the page whose full text matched best and the passage shown with the matches marked. Pure:
// the embedded engine builds hits from its stored documents, the Elasticsearch one from `_source`,
// inner hits and highlights, and both must give the same shape.
import type { IndexDocument, IndexPage, SearchHit } from './backend.ts';

/** What a hit shows of an item. The lists may be missing from documents an older version indexed into Elasticsearch. */
export type HitItem = Pick<IndexDocument, 'id' | 'title' | 'type' | 'date' | 'yearFrom' | 'yearTo' | 'printer' | 'place'> &
  Partial<Pick<IndexDocument, 'agents' | 'languages'>>;

export interface HitMatch {
  /** The page whose full text matched best. */
  page?: Pick<IndexPage, 'key' | 'label' | 'canvas'>;
  /**
   * Passages with the matches marked, best first (the page's, then the metadata's); the first one
   * there is becomes the snippet. Iterated lazily, so an engine can make each only when needed.
   */
  snippets?: Iterable<string | undefined>;
}

export function searchHit(item: HitItem, match: HitMatch = {}): SearchHit {
  const hit: SearchHit = {
    id: item.id,
    title: item.title,
    type: item.type,
    ...(item.date ? { date: item.date } : {}),
    ...(item.yearFrom !== undefined ? { yearFrom: item.yearFrom, yearTo: item.yearTo } : {}),
    agents: item.agents ?? [],
    ...(item.printer ? { printer: item.printer } : {}),
    ...(item.place ? { place: item.place } : {}),
    languages: item.languages ?? [],
  };
  const { page, snippets = [] } = match;
  if (page) hit.page = { key: page.key, ...(page.label !== undefined ? { label: page.label } : {}), canvas: page.canvas };
  for (const snippet of snippets) {
    if (snippet !== undefined) {
      hit.snippet = snippet;
      break;
    }
  }
  return hit;
}
