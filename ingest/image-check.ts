// Reads a page image's header (never its pixels) and refuses what ingest must not decode: files that
// are empty, not an image, in a format we do not publish, or so large in pixels that decoding them
// would exhaust memory (a decompression bomb). Used by the page pipeline before any tiling starts.
import { stat } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';

/** Formats a scanning workflow delivers and libvips decodes without extra delegates. */
const SUPPORTED = new Set(['jpeg', 'tiff', 'png', 'webp', 'jp2']);

export class ImageError extends Error {
  override name = 'ImageError';
}

export interface ImageHeader {
  width: number;
  height: number;
  format: string;
}

export async function checkImage(file: string, maxPixels: number): Promise<ImageHeader> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new ImageError('image file is missing');
  if (!info.isFile()) throw new ImageError('image path is not a file');
  if (info.size === 0) throw new ImageError('image file is empty (0 bytes)');
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageError(`not a readable image (${firstLine(err)})`);
  }
  const format = String(meta.format ?? 'unknown');
  if (!SUPPORTED.has(format)) {
    throw new ImageError(`unsupported image format "${format}" (supported: JPEG, TIFF, PNG, WebP, JPEG 2000)`);
  }
  const { width, height } = meta;
  if (!width || !height) throw new ImageError('image header has no size');
  if (width * height > maxPixels) {
    throw new ImageError(
      `image is ${width}x${height} = ${(width * height).toLocaleString('en')} pixels, over MAX_IMAGE_PIXELS ${maxPixels.toLocaleString('en')}`,
    );
  }
  return { width, height, format };
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}
