// Builds the IIIF Presentation 3 Manifest of one item from its ItemRecord: a canvas per page sized
// as its image, the image painted with its level-0 Image API 3 service, thumbnails, metadata in nl,
// fr and en, table of contents as Ranges, full text as `supplementing` annotation pages, and the
// Content Search services. Ingest writes the result as `iiif/presentation/<id>/manifest.json`.
import type {
  Annotation,
  AnnotationPage,
  Canvas,
  ExternalWebResource,
  IIIFExternalWebResource,
  InternationalString,
  Manifest,
  Reference,
  Service,
} from '@iiif/presentation-3';
import { parseDateRange, navDate } from './dates.ts';
import { FIELD_LABELS, fieldLabel } from './field-labels.ts';
import type { ItemRecord, PageRecord } from './item.ts';
import { normaliseLanguageMap, trilingual } from './language-map.ts';
import type { PublicUrls } from './layout.ts';
import { buildMetadata } from './metadata.ts';
import { buildProvider, type ProviderInfo } from './provider.ts';
import { canonicalRights } from './rights.ts';
import { sanitizeLanguageMap, sanitizeValue } from './sanitize.ts';
import { buildStructures } from './structures.ts';
import { coverPage, DEFAULT_THUMBNAIL_WIDTH, imageService, thumbnailResource } from './thumbnail.ts';
import { dataset, webPage } from './web-resource.ts';

export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';
export const SEARCH2_CONTEXT = 'http://iiif.io/api/search/2/context.json';

export interface ManifestOptions {
  urls: PublicUrls;
  /** Which pages have full text (an annotation page published at `urls.textPage`), by page key. */
  texts?: ReadonlyMap<string, boolean>;
  provider: ProviderInfo;
  /** Label of the top collection the manifest is `partOf`. */
  collectionLabel?: InternationalString;
  /** Width of the thumbnails ingest publishes (see `thumbnailSize`). */
  thumbnailWidth?: number;
}

const DEFAULT_COLLECTION_LABEL = trilingual({ nl: 'Collectie', fr: 'Collection', en: 'Collection' });

export function buildManifest(item: ItemRecord, opts: ManifestOptions): Manifest {
  const { urls } = opts;
  if (item.pages.length === 0) throw new Error(`item ${item.id}: a manifest needs at least one page`);
  const thumbWidth = opts.thumbnailWidth ?? DEFAULT_THUMBNAIL_WIDTH;
  const hasText = (key: string) => opts.texts?.get(key) === true;
  const withText = item.pages.some((p) => hasText(p.key));
  const range = parseDateRange(item.date);
  const label = normaliseLanguageMap(item.label);
  const summary = item.summary ? sanitizeLanguageMap(normaliseLanguageMap(item.summary)) : undefined;
  const structures = buildStructures(item, urls);
  const cover = coverPage(item) as PageRecord;
  const rights = canonicalRights(item.rights);

  const manifest: Manifest = {
    '@context': withText ? [SEARCH2_CONTEXT, PRESENTATION_CONTEXT] : PRESENTATION_CONTEXT,
    id: urls.manifest(item.id),
    type: 'Manifest',
    label,
    ...(summary && Object.keys(summary).length > 0 ? { summary } : {}),
    metadata: buildMetadata(item),
    ...(range ? { navDate: navDate(range) } : {}),
    ...(rights ? { rights } : {}),
    requiredStatement: { label: fieldLabel('attribution'), value: { none: [sanitizeValue(item.attribution)] } },
    provider: [buildProvider(urls, opts.provider)],
    thumbnail: [thumbnailResource(urls, cover, thumbWidth)],
    homepage: [webPage(urls.itemPage(item.id), label)],
    seeAlso: buildSeeAlso(item, urls),
    partOf: [{ id: urls.collection, type: 'Collection', label: opts.collectionLabel ?? DEFAULT_COLLECTION_LABEL } as Reference<'Collection'>],
    behavior: [item.behavior],
    viewingDirection: item.viewingDirection,
    items: item.pages.map((page, i) => buildCanvas(item, page, i, urls, thumbWidth, hasText(page.key))),
    ...(structures.length > 0 ? { structures } : {}),
    ...(withText ? { service: searchServices(item.id, urls) } : {}),
  };
  return manifest;
}

function buildCanvas(item: ItemRecord, page: PageRecord, index: number, urls: PublicUrls, thumbWidth: number, text: boolean): Canvas {
  const canvasId = urls.canvas(item.id, page.key);
  const painting: Annotation = {
    id: urls.paintingAnnotation(item.id, page.key),
    type: 'Annotation',
    motivation: 'painting',
    body: {
      id: `${urls.imageService(page.imageId)}/full/max/0/default.jpg`,
      type: 'Image',
      format: 'image/jpeg',
      width: page.width,
      height: page.height,
      service: [imageService(urls, page.imageId)],
    } as IIIFExternalWebResource,
    target: canvasId,
  };
  const paintingPage: AnnotationPage = { id: urls.paintingPage(item.id, page.key), type: 'AnnotationPage', items: [painting] };
  return {
    id: canvasId,
    type: 'Canvas',
    label: { none: [page.label ?? `[${index + 1}]`] },
    width: page.width,
    height: page.height,
    thumbnail: [thumbnailResource(urls, page, thumbWidth)],
    items: [paintingPage],
    ...(text
      ? { annotations: [{ id: urls.textPage(item.id, page.key), type: 'AnnotationPage', label: fieldLabel('fullText') } as AnnotationPage] }
      : {}),
  };
}

const SOURCE_FORMATS = {
  mets: ['application/xml', 'http://www.loc.gov/METS/'],
  csv: ['text/csv', undefined],
  json: ['application/json', undefined],
  marcxml: ['application/marcxml+xml', 'http://www.loc.gov/MARC21/slim'],
  marc: ['application/marc', undefined],
  dc: ['application/xml', 'http://www.openarchives.org/OAI/2.0/oai_dc/'],
} as const;

function buildSeeAlso(item: ItemRecord, urls: PublicUrls): ExternalWebResource[] {
  const seeAlso: ExternalWebResource[] = [];
  if (item.sourceRecord) {
    const [format, profile] = SOURCE_FORMATS[item.sourceRecord.format];
    seeAlso.push(dataset(urls.record(item.id, item.sourceRecord.file), trilingual(FIELD_LABELS.sourceRecord), format, profile));
  }
  seeAlso.push(dataset(urls.record(item.id, 'record.json'), trilingual(FIELD_LABELS.itemRecord), 'application/json'));
  return seeAlso;
}

/** Content Search 2.0 with its autocomplete, and 1.0 beside it because Mirador only speaks 1.0. */
function searchServices(itemId: string, urls: PublicUrls): Service[] {
  return [
    { id: urls.search2(itemId), type: 'SearchService2', service: [{ id: urls.autocomplete2(itemId), type: 'AutoCompleteService2' }] },
    // Search 1.0 is a Presentation 2 era service (`@id`, `@type`), which the types do not describe.
    {
      '@id': urls.search1(itemId),
      '@type': 'SearchService1',
      profile: 'http://iiif.io/api/search/1/search',
      // An array, not the bare object of Search 1.0's examples: the Presentation 3 schema requires
      // one, and Mirador (through manifesto) reads both.
      service: [
        {
          '@id': urls.autocomplete1(itemId),
          '@type': 'AutoCompleteService1',
          profile: 'http://iiif.io/api/search/1/autocomplete',
        },
      ],
    } as unknown as Service,
  ];
}
