// Which URLs from data may become links. Manifests, catalogue records and item.json are written by
// others, and a `javascript:` (or `data:`, `vbscript:`) URL in an `href` runs script as the page that
// shows it; so only web addresses pass. Pure (the WHATWG URL parser, in browsers and Node alike), so
// ingest refuses what the viewer would refuse to link, with the same parsing browsers apply to href.

/** Resolves relative references; never fetched or shown, only its scheme matters. */
const PARSE_BASE = 'http://relative.invalid/';
const WEB_SCHEMES = new Set(['http:', 'https:']);

/**
 * `value` when it may be an anchor's href: an http(s) URL, or a relative reference (which resolves to
 * the page's own http(s) origin). Otherwise undefined, and the caller shows the text unlinked.
 * The browser strips the same leading controls and inner tabs/newlines, so `java\tscript:` is caught.
 */
export function linkHref(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return WEB_SCHEMES.has(new URL(value, PARSE_BASE).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `value` is an absolute http(s) URL with a host, written without surrounding or inner whitespace: what ingest stores. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+\S*$/i.test(value)) return false;
  try {
    return WEB_SCHEMES.has(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Why `value` cannot be stored as a link, for ingest's problem messages; undefined when it can. */
export function httpUrlProblem(value: string): string | undefined {
  if (isHttpUrl(value)) return undefined;
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  return scheme && !/^https?$/i.test(scheme)
    ? `${JSON.stringify(value.slice(0, 80))} is a ${scheme.toLowerCase()}: URL; only http and https links are accepted`
    : `${JSON.stringify(value.slice(0, 80))} is not an http or https URL`;
}
