// What an IIIF Image API 3 request asks of one image once it is parsed: the region in the image's own
// pixels, the output size, mirroring, rotation, quality and format. The server parses URLs into it;
// ingest asks for the level-0 files it writes in the same terms, so both render them alike.
import type { Region, Size } from './levels.ts';

export type Quality = 'default' | 'color' | 'gray' | 'bitonal';
export type Format = 'jpg' | 'png' | 'webp';

export const QUALITIES: readonly Quality[] = ['default', 'color', 'gray', 'bitonal'];
export const FORMATS: readonly Format[] = ['jpg', 'png', 'webp'];

export const CONTENT_TYPES: Readonly<Record<Format, string>> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface ImageOperation {
  /** Region of the full image in its own pixels, already clipped at the image's edge. */
  region: Region;
  /** Pixel size the region is scaled to (before rotation). */
  size: { w: number; h: number };
  mirror: boolean;
  /** Clockwise degrees, 0 to 360. */
  degrees: number;
  quality: Quality;
  format: Format;
}

export type { Region, Size };
