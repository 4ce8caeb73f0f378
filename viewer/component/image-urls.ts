// Image API URLs a reader can download or reuse: the region on screen, the whole page at a
// sensible size, and the IIIF drag-and-drop link for a manifest. Pure.
import { clampRegion, formatXywh, type Region } from './deep-link.ts';
import type { Page } from './manifest-model.ts';

/** Width for "the whole page": big enough to read and print, small enough to mail. */
export const PAGE_DOWNLOAD_WIDTH = 2000;

/** The visible region as one JPEG (rotation included), or undefined when the page has no service. */
export function regionUrl(page: Page, region: Region, rotation: number, maxWidth = PAGE_DOWNLOAD_WIDTH): string | undefined {
  const service = page.image?.service;
  if (!service) return undefined;
  const r = clampRegion(region, page.width, page.height);
  if (!r) return undefined;
  const width = Math.max(1, Math.min(r.w, maxWidth));
  return `${service.id}/${formatXywh(r)}/${width},/${rotation}/default.jpg`;
}

/** The whole page, at most PAGE_DOWNLOAD_WIDTH wide (never upscaled). */
export function pageUrl(page: Page, maxWidth = PAGE_DOWNLOAD_WIDTH): { url: string; width: number } | undefined {
  const service = page.image?.service;
  if (service) {
    const width = Math.min(page.width, maxWidth);
    return { url: `${service.id}/full/${width},/0/default.jpg`, width };
  }
  return page.image ? { url: page.image.url, width: page.image.width } : undefined;
}

/** The IIIF drag-and-drop pattern: a link to the manifest carrying `?manifest=` for viewers that accept drops. */
export function dragAndDropUrl(manifest: string): string {
  const u = new URL(manifest);
  u.searchParams.set('manifest', manifest);
  return u.toString();
}
