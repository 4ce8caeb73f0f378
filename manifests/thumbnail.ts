// Thumbnails: the one small size of every page that ingest publishes as a static file, lists in
// info.json and the manifests and collection point to. The tiler and the manifest builder both
// compute the size here, so the URL in a manifest always names a file that exists (the canonical
// Image API 3 size `w,h` of a pyramid level, or `max` when the image is no wider than the thumbnail).
import type { IIIFExternalWebResource } from '@iiif/presentation-3';
import { levelSize, type Size } from './image/levels.ts';
import type { PublicUrls } from './layout.ts';

export const DEFAULT_THUMBNAIL_WIDTH = 200;

/**
 * The thumbnail size of a `width`×`height` image for `targetWidth`: the pyramid level (the image
 * halved, rounded up, as levels.ts computes it) whose width is nearest the target, by ratio; the
 * image's own size when it is no wider than the target (no upscaling). A level, not an exact
 * `targetWidth`, because every size info.json lists must be a pyramid level for OpenSeadragon 5 to
 * read the levels right (see `listedSizes`), and the thumbnail is listed so level-0 clients know it.
 */
export function thumbnailSize(width: number, height: number, targetWidth: number = DEFAULT_THUMBNAIL_WIDTH): Size {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
    ['targetWidth', targetWidth],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`thumbnailSize: ${name} must be a positive integer, got ${v}`);
  }
  const full = { width, height };
  let best = full;
  // Halving while the next level is nearer the target: |log(w / target)| decreases.
  for (let sf = 2; best.width > targetWidth; sf *= 2) {
    const next = levelSize(full, sf);
    if (targetWidth / next.width >= best.width / targetWidth) break;
    best = next;
  }
  return best;
}

/** The canonical Image API 3 size segment of a scaled full image: `max` at full size, else `w,h`. */
export function canonicalSize(full: Size, size: Size): string {
  return size.width === full.width && size.height === full.height ? 'max' : `${size.width},${size.height}`;
}

/** The page that stands for an item: the one its record names as thumbnail page, else the first. */
export function coverPage<P extends { key: string }>(item: { thumbnailPage?: string; pages: readonly P[] }): P | undefined {
  return (item.thumbnailPage !== undefined ? item.pages.find((p) => p.key === item.thumbnailPage) : undefined) ?? item.pages[0];
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
