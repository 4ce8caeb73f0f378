// Response headers shared by the routes: JSON-LD media types of each IIIF API, and caching a CDN
// can hold (public, max-age, stale-while-revalidate). Documents change on re-publish, so they are
// cached briefly and revalidated by ETag; image files are cached for a long time.
import type { Response } from 'express';
import { DOCUMENT_CACHE_CONTROL } from '../manifests/caching.ts';
import { IMAGE_CONTEXT } from '../manifests/image/info.ts';

export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';
export const DISCOVERY_CONTEXT = 'http://iiif.io/api/discovery/1/context.json';
export const IMAGE_LEVEL2_PROFILE = 'http://iiif.io/api/image/3/level2.json';

export const ldJson = (context: string) => `application/ld+json;profile="${context}"`;

export const MEDIA = {
  presentation: ldJson(PRESENTATION_CONTEXT),
  image: ldJson(IMAGE_CONTEXT),
  discovery: ldJson(DISCOVERY_CONTEXT),
  json: 'application/json; charset=utf-8',
} as const;

/**
 * Manifests, info.json and other documents: short freshness, then revalidate in the background.
 * Shared with ingest, which keeps a replaced manifest's images as long as caches may hold it.
 */
export const CACHE_DOCUMENT = DOCUMENT_CACHE_CONTROL;
/** Change Discovery changes with every publish; harvesters poll it. */
export const CACHE_ACTIVITY = 'public, max-age=60, stale-while-revalidate=600';
/** Tiles and rendered images: long-lived. */
export const CACHE_IMAGE = 'public, max-age=2592000, stale-while-revalidate=604800';

export function setCache(res: Response, value: string): void {
  res.setHeader('Cache-Control', value);
}

/** Answers `application/json` to a client that asks for it over JSON-LD (content negotiation, Image API §5.1). */
export function jsonLdType(accepts: (types: string[]) => string | false, ldType: string): string {
  return accepts(['application/ld+json', 'application/json']) === 'application/json' ? MEDIA.json : ldType;
}
