// IIIF Change Discovery API 1.0: the activity stream harvesters read to learn which manifests were
// created, updated, deleted or moved (to a new PUBLIC_BASE_URL). Pure builders from the activity
// log; the ingest pipeline records activities and writes the OrderedCollection and its pages under
// `iiif/discovery/`.
import type { PublicUrls } from './layout.ts';

export const DISCOVERY_CONTEXT = 'http://iiif.io/api/discovery/1/context.json';
export const DEFAULT_DISCOVERY_PAGE_SIZE = 100;

export type Activity = {
  itemId: string;
  /** When the change was complete, ISO 8601 with time zone. */
  endTime: string;
} & (
  | { type: 'Create' | 'Update' | 'Delete' }
  /** Re-published at the item's current manifest URL; `from` is its manifest URL before. */
  | { type: 'Move'; from: string }
);

interface Ref<T extends string> {
  id: string;
  type: T;
}

export interface DiscoveryActivity {
  type: Activity['type'];
  /** The manifest; for a Move, where it was. */
  object: Ref<'Manifest'>;
  /** For a Move: where the manifest is now. */
  target?: Ref<'Manifest'>;
  endTime: string;
}

export interface OrderedCollection {
  '@context': typeof DISCOVERY_CONTEXT;
  id: string;
  type: 'OrderedCollection';
  totalItems: number;
  first: Ref<'OrderedCollectionPage'>;
  last: Ref<'OrderedCollectionPage'>;
}

export interface OrderedCollectionPage {
  '@context': typeof DISCOVERY_CONTEXT;
  id: string;
  type: 'OrderedCollectionPage';
  partOf: Ref<'OrderedCollection'>;
  startIndex: number;
  prev?: Ref<'OrderedCollectionPage'>;
  next?: Ref<'OrderedCollectionPage'>;
  orderedItems: DiscoveryActivity[];
}

export interface DiscoveryDocuments {
  collection: OrderedCollection;
  /** Page `n` is published at `urls.discoveryPage(n)`, n from 0. */
  pages: OrderedCollectionPage[];
}

/**
 * The collection and its pages for an activity log. Activities are ordered oldest first by endTime
 * (ties keep log order), as the specification requires; an empty log still yields one empty page
 * so `first` and `last` always resolve.
 */
export function buildDiscovery(
  activities: readonly Activity[],
  urls: PublicUrls,
  pageSize: number = DEFAULT_DISCOVERY_PAGE_SIZE,
): DiscoveryDocuments {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`discovery page size must be a positive integer, got ${pageSize}`);
  const ordered = activities
    .map((a, i) => {
      const time = Date.parse(a.endTime);
      if (Number.isNaN(time)) throw new Error(`activity ${i} (${a.type} ${a.itemId}): endTime ${JSON.stringify(a.endTime)} is not a date`);
      return { a, i, time };
    })
    .sort((x, y) => x.time - y.time || x.i - y.i)
    .map(({ a, time }): DiscoveryActivity => {
      const current = { id: urls.manifest(a.itemId), type: 'Manifest' as const };
      const endTime = new Date(time).toISOString().replace(/\.000Z$/, 'Z');
      // A Move names the manifest's earlier URL and, as target, its URL now (after later moves too).
      if (a.type === 'Move') return { type: a.type, object: { id: a.from, type: 'Manifest' }, target: current, endTime };
      return { type: a.type, object: current, endTime };
    });
  const pageCount = Math.max(1, Math.ceil(ordered.length / pageSize));
  const pageRef = (n: number) => ({ id: urls.discoveryPage(n), type: 'OrderedCollectionPage' as const });
  const pages = Array.from(
    { length: pageCount },
    (_, n): OrderedCollectionPage => ({
      '@context': DISCOVERY_CONTEXT,
      id: urls.discoveryPage(n),
      type: 'OrderedCollectionPage',
      partOf: { id: urls.discovery, type: 'OrderedCollection' },
      startIndex: n * pageSize,
      ...(n > 0 ? { prev: pageRef(n - 1) } : {}),
      ...(n < pageCount - 1 ? { next: pageRef(n + 1) } : {}),
      orderedItems: ordered.slice(n * pageSize, (n + 1) * pageSize),
    }),
  );
  return {
    collection: {
      '@context': DISCOVERY_CONTEXT,
      id: urls.discovery,
      type: 'OrderedCollection',
      totalItems: ordered.length,
      first: pageRef(0),
      last: pageRef(pageCount - 1),
    },
    pages,
  };
}
