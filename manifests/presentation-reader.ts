// The one reader of the Presentation documents the server reads back from the data folder: an item's
// `manifest.json` (the item page's title and preloads, the manifest route and the parts it embeds)
// and the `collection.json` (health's item count). Each is checked for the fields those readers use,
// so a damaged or foreign file is refused with the file and the field named, never cast; the rest of
// the document passes through as published.
import type { InternationalString } from '@iiif/presentation-3';
import * as v from 'valibot';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const languageMap: v.GenericSchema<unknown, InternationalString> = v.record(v.string(), v.array(v.string()));

/** The path from a canvas to its image service, as ingest publishes it: canvas → page → painting → body → service. */
const canvas = v.looseObject({
  id: v.string(),
  type: v.literal('Canvas'),
  items: v.optional(
    v.array(
      v.looseObject({
        items: v.optional(
          v.array(
            v.looseObject({
              body: v.optional(v.looseObject({ service: v.optional(v.array(v.looseObject({ id: v.optional(v.string()) }))) })),
            }),
          ),
        ),
      }),
    ),
  ),
});

const manifest = v.looseObject({ id: v.string(), type: v.literal('Manifest'), label: languageMap, items: v.array(canvas) });

const collection = v.looseObject({
  id: v.string(),
  type: v.literal('Collection'),
  items: v.array(v.looseObject({ id: v.string(), type: v.picklist(['Manifest', 'Collection']) })),
});

/** A published manifest read back. */
export interface PublishedManifest {
  /** The whole document as published, to send on. */
  json: JsonObject;
  id: string;
  label: InternationalString;
  canvases: { id: string /** The first image service of the canvas's first painting annotation. */; imageService: string | undefined }[];
}

/** A published collection read back. */
export interface PublishedCollection {
  id: string;
  items: { id: string; type: 'Manifest' | 'Collection' }[];
}

export class PresentationReadError extends Error {
  override name = 'PresentationReadError';
}

function parseJson(text: string, where: string): Json {
  try {
    // JSON.parse yields JSON values only.
    return JSON.parse(text) as Json;
  } catch (err) {
    throw new PresentationReadError(`${where} is not JSON: ${(err as Error).message}`);
  }
}

/** Parses a published manifest's text; throws PresentationReadError naming the file (`where`) and field. */
export function parseManifest(text: string, where: string): PublishedManifest {
  const json = parseJson(text, where);
  const parsed = v.safeParse(manifest, json);
  if (!parsed.success) throw new PresentationReadError(`${where} is not a manifest: ${v.summarize(parsed.issues)}`);
  return {
    json: json as JsonObject, // the schema above has just checked it is an object
    id: parsed.output.id,
    label: parsed.output.label,
    canvases: parsed.output.items.map((c) => ({ id: c.id, imageService: c.items?.[0]?.items?.[0]?.body?.service?.[0]?.id })),
  };
}

/** Parses a published collection's text; throws PresentationReadError naming the file (`where`) and field. */
export function parseCollection(text: string, where: string): PublishedCollection {
  const parsed = v.safeParse(collection, parseJson(text, where));
  if (!parsed.success) throw new PresentationReadError(`${where} is not a collection: ${v.summarize(parsed.issues)}`);
  return { id: parsed.output.id, items: parsed.output.items.map(({ id, type }) => ({ id, type })) };
}
