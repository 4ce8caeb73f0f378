// Reads a page image's header (never its pixels) and refuses what ingest must not decode: files that
// are empty, not an image, in a format we do not publish, or so large in pixels that decoding them
// would exhaust memory (a decompression bomb). Used by the page pipeline before any tiling starts.
import { stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';

/** Formats a scanning workflow delivers that the bundled libvips decodes (it has no JPEG 2000 reader). */
const SUPPORTED = new Set(['jpeg', 'tiff', 'png', 'webp']);

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
    throw new ImageError(`unsupported image format "${format}" (supported: JPEG, TIFF, PNG, WebP)`);
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

/**
 * Lines that say only that decoding failed, not why: sharp's when a warning was treated as an error
 * (the warning then follows on the next line, unless another image took it), and libvips's own for
 * a region it could not compute, when another image processed at the same time took the reason
 * from libvips's one error buffer per process (seen with two damaged scans failing at once).
 */
const UNINFORMATIVE = [/^Warning treated as error due to failOn setting$/, /^error in tile \d+ x \d+$/];
const uninformative = (line: string) => UNINFORMATIVE.some((re) => re.test(line));

/**
 * Why libvips could not decode `file`, given the error the image work failed with. libvips keeps one
 * error buffer and one warning queue per process, so while other images are processed at the same
 * time another pipeline can take the reason, leaving only a generic line (seen in about one failure
 * in sixteen with two damaged scans at once). The file is then read again, as a small preview,
 * until libvips names the reason, a few times at most.
 */
export async function decodeFailure(file: string, err: unknown, attempts = 3): Promise<string> {
  let reason = firstLine(err);
  for (let i = 0; i < attempts && uninformative(reason); i++) {
    reason = await sharp(file, { limitInputPixels: false })
      .resize({ width: 64 })
      .raw()
      .toBuffer()
      .then(
        () => reason,
        (again: unknown) => firstLine(again),
      );
  }
  return reason;
}

/** The line of an error message that says what went wrong: its first, or the cause after a generic one. */
export function firstLine(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err)).split('\n').map((l) => l.trim());
  if (uninformative(lines[0]!) && lines[1]) return lines[1];
  return lines[0]!;
}
