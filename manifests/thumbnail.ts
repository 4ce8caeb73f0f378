// Thumbnails: the one small size of every page that ingest publishes as a static file and the
// manifests and collection point to. The tiler and the manifest builder both compute the size here,
// so the URL in a manifest always names a file that exists (the canonical Image API 3 size `w,h`,
// or `max` when the image is no wider than the thumbnail).
import type { IIIFExternalWebResource } from '@iiif/presentation-3';
import type { PublicUrls } from './layout.ts';

export const DEFAULT_THUMBNAIL_WIDTH = 200;

export interface Size {
  width: number;
  height: number;
}

/**
 * The thumbnail size of a `width`×`height` image scaled to `targetWidth` wide, aspect ratio kept and
 * height rounded (never below 1); an image already that narrow keeps its own size (no upscaling).
 */
export function thumbnailSize(width: number, height: number, targetWidth: number = DEFAULT_THUMBNAIL_WIDTH): Size {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
    ['targetWidth', targetWidth],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`thumbnailSize: ${name} must be a positive integer, got ${v}`);
  }
  if (width <= targetWidth) return { width, height };
  return { width: targetWidth, height: Math.max(1, Math.round((height * targetWidth) / width)) };
}

/** The canonical Image API 3 size segment of a scaled full image: `max` at full size, else `w,h`. */
export function canonicalSize(full: Size, size: Size): string {
  return size.width === full.width && size.height === full.height ? 'max' : `${size.width},${size.height}`;
}

/** The IIIF Image API 3 service block the manifests embed (level 0: static files suffice). */
export function imageService(urls: PublicUrls, imageId: string) {
  return { id: urls.imageService(imageId), type: 'ImageService3' as const, profile: 'level0' as const };
}

/** The thumbnail resource of one image, with its exact size and its image service. */
export function thumbnailResource(
  urls: PublicUrls,
  image: { imageId: string; width: number; height: number },
  targetWidth: number = DEFAULT_THUMBNAIL_WIDTH,
): IIIFExternalWebResource {
  const size = thumbnailSize(image.width, image.height, targetWidth);
  return {
    id: `${urls.imageService(image.imageId)}/full/${canonicalSize(image, size)}/0/default.jpg`,
    type: 'Image',
    format: 'image/jpeg',
    width: size.width,
    height: size.height,
    service: [imageService(urls, image.imageId)],
  };
}
