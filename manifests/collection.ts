// The top IIIF Collection: every published item as a Manifest reference with its label, thumbnail
// and navDate, so a IIIF viewer or harvester can browse the whole reading room. Ingest writes it as
// `iiif/presentation/collection.json` after each publish.
import type { Collection, IIIFExternalWebResource, InternationalString } from '@iiif/presentation-3';
import { navDate, parseDateRange } from './dates.ts';
import type { ItemRecord } from './item.ts';
import type { PublicUrls } from './layout.ts';
import { normaliseLanguageMap } from './language-map.ts';
import { PRESENTATION_CONTEXT } from './manifest.ts';
import { buildProvider, type ProviderInfo } from './provider.ts';
import { sanitizeLanguageMap } from './sanitize.ts';
import { coverPage, DEFAULT_THUMBNAIL_WIDTH, thumbnailResource } from './thumbnail.ts';
import { webPage } from './web-resource.ts';

export interface CollectionOptions {
  urls: PublicUrls;
  label: InternationalString;
  summary?: InternationalString;
  provider?: ProviderInfo;
  thumbnailWidth?: number;
}

/** The collection of `items` in the order given (the caller decides: by title, date or id). */
export function buildCollection(items: readonly ItemRecord[], opts: CollectionOptions): Collection {
  const { urls } = opts;
  const thumbWidth = opts.thumbnailWidth ?? DEFAULT_THUMBNAIL_WIDTH;
  const summary = opts.summary ? sanitizeLanguageMap(opts.summary) : undefined;
  return {
    '@context': PRESENTATION_CONTEXT,
    id: urls.collection,
    type: 'Collection',
    label: opts.label,
    ...(summary && Object.keys(summary).length > 0 ? { summary } : {}),
    ...(opts.provider ? { provider: [buildProvider(urls, opts.provider)] } : {}),
    homepage: [webPage(`${urls.base}/`, opts.label)],
    // References, not embedded manifests; the @iiif/presentation-3 types only know the full Manifest.
    items: items.map((item) => manifestReference(item, urls, thumbWidth)) as unknown as Collection['items'],
  };
}

interface ManifestReference {
  id: string;
  type: 'Manifest';
  label: InternationalString;
  thumbnail?: IIIFExternalWebResource[];
  navDate?: string;
}

function manifestReference(item: ItemRecord, urls: PublicUrls, thumbWidth: number): ManifestReference {
  const range = parseDateRange(item.date);
  const first = coverPage(item);
  return {
    id: urls.manifest(item.id),
    type: 'Manifest',
    label: normaliseLanguageMap(item.label),
    ...(first ? { thumbnail: [thumbnailResource(urls, first, thumbWidth)] } : {}),
    ...(range ? { navDate: navDate(range) } : {}),
  };
}
