// The IIIF Image API 3 description of one published image (`iiif/image/<id>/info.json`): the type
// ingest writes for a static level-0 service, and the one validated reader that ingest and the server
// use to read it back, so a damaged or foreign file is refused with the field named, never cast.
import * as v from 'valibot';
import type { Size, SizeLimits } from './levels.ts';

export const IMAGE_CONTEXT = 'http://iiif.io/api/image/3/context.json';
export const IMAGE_PROTOCOL = 'http://iiif.io/api/image';

export interface TileSpec {
  width: number;
  height?: number;
  scaleFactors: number[];
}

/** A level-0 image service as ingest publishes it: every listed file exists as a static file. */
export interface ImageInfo3 extends Size, Partial<SizeLimits> {
  '@context': typeof IMAGE_CONTEXT;
  id: string;
  type: 'ImageService3';
  protocol: typeof IMAGE_PROTOCOL;
  profile: 'level0';
  sizes: Size[];
  tiles: Required<TileSpec>[];
}

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const size = v.object({ width: positiveInt, height: positiveInt });

/** Fields the reader checks; others (a viewer's or a later version's additions) pass through untouched. */
const publishedInfo = v.looseObject({
  id: v.optional(v.string()),
  width: positiveInt,
  height: positiveInt,
  sizes: v.optional(v.array(size)),
  tiles: v.optional(v.array(v.object({ width: positiveInt, height: v.optional(positiveInt), scaleFactors: v.array(positiveInt) }))),
  maxWidth: v.optional(positiveInt),
  maxHeight: v.optional(positiveInt),
  maxArea: v.optional(positiveInt),
});

/** A published info.json read back: what the reader checked, plus whatever else the file holds. */
export type PublishedImageInfo = v.InferOutput<typeof publishedInfo>;

export class ImageInfoError extends Error {
  override name = 'ImageInfoError';
}

/** Parses a published info.json's text; throws ImageInfoError naming the file (`where`) and field. */
export function parseImageInfo(text: string, where: string): PublishedImageInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImageInfoError(`${where} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(publishedInfo, json);
  if (!parsed.success) throw new ImageInfoError(`${where} is not a valid image description: ${v.summarize(parsed.issues)}`);
  return parsed.output;
}
