// How long published documents may be cached, shared by the server (which sends it as Cache-Control)
// and ingest (which must keep the images a replaced manifest named until every cached copy of that
// manifest has expired, or readers holding it would get 404s).

/** Manifests, info.json and other documents are fresh this long… */
export const DOCUMENT_MAX_AGE_S = 300;
/** …and may then be served stale while revalidating for this long more. */
export const DOCUMENT_STALE_S = 86_400;

export const DOCUMENT_CACHE_CONTROL = `public, max-age=${DOCUMENT_MAX_AGE_S}, stale-while-revalidate=${DOCUMENT_STALE_S}`;

/**
 * How long an image only a replaced manifest names is kept after the switch: the longest a cache
 * may still hand out that manifest (fresh, then stale while revalidating), 24 hours 5 minutes.
 */
export const REPLACED_IMAGE_GRACE_MS = (DOCUMENT_MAX_AGE_S + DOCUMENT_STALE_S) * 1000;

/** The image ids a published manifest's (or collection's) text names under /iiif/image/. */
export function imageIdsNamed(text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(/\/iiif\/image\/([A-Za-z0-9][A-Za-z0-9_.-]*)/g)) ids.add(m[1] as string);
  return ids;
}
