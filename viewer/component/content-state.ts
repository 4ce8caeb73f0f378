// IIIF Content State 1.0 for sharing a view with other IIIF viewers: encodes "this region of this
// canvas in this manifest" as a base64url Annotation, and decodes what another tool hands us
// (base64url, plain JSON or a bare manifest URL) into what to open. Pure, for the viewer and tests.
import { type Region, formatXywh, parseXywh } from './deep-link.ts';

export class ContentStateError extends Error {
  override name = 'ContentStateError';
}

/** What a content state asks the viewer to open. */
export interface ContentTarget {
  manifest: string;
  canvas?: string;
  region?: Region;
}

/** base64url of UTF-8 text, as the spec asks: encodeURIComponent first, then base64url without padding. */
export function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(encodeURIComponent(text));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(encoded: string): string {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) throw new ContentStateError('not base64url');
  const b64 = encoded.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  let bin: string;
  try {
    bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new ContentStateError('not base64url');
  }
  const text = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The content state Annotation (as JSON) pointing at a canvas region within a manifest. */
export function contentStateAnnotation(target: ContentTarget): Record<string, unknown> {
  const partOf = [{ id: target.manifest, type: 'Manifest' }];
  const body = target.canvas
    ? {
        id: target.region ? `${target.canvas}#xywh=${formatXywh(target.region)}` : target.canvas,
        type: 'Canvas',
        partOf,
      }
    : { id: target.manifest, type: 'Manifest' };
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: `${target.manifest}#content-state`,
    type: 'Annotation',
    motivation: ['contentState'],
    target: body,
  };
}

export function encodeContentState(target: ContentTarget): string {
  return base64UrlEncode(JSON.stringify(contentStateAnnotation(target)));
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObj(v) ? ((v.id ?? v['@id']) as string | undefined) : undefined);

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function fromResource(resource: unknown): ContentTarget {
  if (typeof resource === 'string') {
    if (!isHttpUrl(resource)) throw new ContentStateError('the target is not an http(s) URL');
    return { manifest: resource };
  }
  if (!isObj(resource)) throw new ContentStateError('the content state has no target');
  if (resource.type === 'SpecificResource') {
    const source = fromResource(resource.source);
    const selector = (Array.isArray(resource.selector) ? resource.selector[0] : resource.selector) as unknown;
    const value = isObj(selector) ? String(selector.value ?? '') : '';
    const region = parseXywh(value.replace(/^xywh=/, ''));
    return region && source.canvas ? { ...source, region } : source;
  }
  const id = idOf(resource);
  if (!id || !isHttpUrl(id)) throw new ContentStateError('the target has no http(s) id');
  const type = resource.type ?? resource['@type'];
  if (type === 'Manifest' || type === 'Collection' || type === 'sc:Manifest' || type === 'sc:Collection') return { manifest: id };
  const partOf = (Array.isArray(resource.partOf) ? resource.partOf : [resource.partOf ?? resource.within])
    .map(idOf)
    .find((m): m is string => typeof m === 'string' && isHttpUrl(m));
  if (!partOf) throw new ContentStateError('the canvas does not say which manifest it is part of (partOf)');
  const [canvas, fragment] = id.split('#', 2) as [string, string | undefined];
  const region = fragment?.startsWith('xywh=') ? parseXywh(fragment.slice(5)) : undefined;
  return region ? { manifest: partOf, canvas, region } : { manifest: partOf, canvas };
}

/** Decodes a content state in any of the spec's forms; throws ContentStateError with the reason. */
export function decodeContentState(input: string): ContentTarget {
  const text = input.trim();
  if (text === '') throw new ContentStateError('the content state is empty');
  if (isHttpUrl(text)) return { manifest: text };
  let json: unknown;
  const raw = text.startsWith('{') ? text : base64UrlDecode(text);
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ContentStateError('the content state is not JSON');
  }
  if (!isObj(json)) throw new ContentStateError('the content state is not a JSON object');
  if (json.type === 'Annotation') {
    const target = Array.isArray(json.target) ? json.target[0] : json.target;
    return fromResource(target);
  }
  return fromResource(json);
}
