// Reads a page image's header (never its pixels) and refuses what ingest must not decode: files that
// are empty, not an image, in a format we do not publish, or so large in pixels that decoding them
// would exhaust memory (a decompression bomb). Used by the page pipeline before any tiling starts.
// JPEG 2000, which the bundled libvips cannot read, is checked from its own header (jp2-header.ts).
import { open, stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { jpeg2000Kind, readJp2Header, type Jp2Header } from './pyramid/jp2-header.ts';
import { undecodable } from './pyramid/jp2-decode.ts';

/** Formats a scanning workflow delivers that the bundled libvips decodes (JPEG 2000 is checked apart). */
const SUPPORTED = new Set(['jpeg', 'tiff', 'png', 'webp']);

export class ImageError extends Error {
  override name = 'ImageError';
}

export interface ImageHeader {
  width: number;
  height: number;
  format: string;
  /** A JPEG 2000's header, which its decoding needs (jp2-decode.ts). */
  jp2?: Jp2Header;
}

/** The first bytes of `file`, enough to tell JPEG 2000 from the rest. */
async function head(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(12);
    const { bytesRead } = await handle.read(bytes, 0, 12, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function checkJp2(file: string, maxPixels: number): Promise<ImageHeader> {
  let jp2: Jp2Header;
  try {
    jp2 = await readJp2Header(file);
  } catch (err) {
    throw new ImageError(`not a readable JPEG 2000 file (${firstLine(err)})`);
  }
  const { width, height } = jp2;
  checkPixels(width, height, maxPixels);
  if (jp2.bitDepth > 16 || jp2.signed) {
    throw new ImageError(`JPEG 2000 has ${jp2.signed ? 'signed ' : ''}${jp2.bitDepth}-bit samples; pages must be unsigned, 16 bits at most`);
  }
  if (jp2.components > 4) throw new ImageError(`JPEG 2000 has ${jp2.components} components; pages have 1 to 4 (grey or colour, with alpha)`);
  if (jp2.subsampling) {
    // The decoder fails on these with "components differ in geometry", which reads like damage.
    const [dx, dy] = jp2.subsampling;
    throw new ImageError(
      `JPEG 2000 has subsampled components (one at 1/${dx} x 1/${dy} of the image), which the decoder does not read: re-encode the master without subsampling, e.g. opj_compress from a full-size RGB image or Kakadu without Ssampling`,
    );
  }
  const refused = undecodable(jp2);
  if (refused) throw new ImageError(refused);
  return { width, height, format: 'jp2', jp2 };
}

function checkPixels(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new ImageError(
      `image is ${width}x${height} = ${(width * height).toLocaleString('en')} pixels, over MAX_IMAGE_PIXELS ${maxPixels.toLocaleString('en')}`,
    );
  }
}

export async function checkImage(file: string, maxPixels: number): Promise<ImageHeader> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new ImageError('image file is missing');
  if (!info.isFile()) throw new ImageError('image path is not a file');
  if (info.size === 0) throw new ImageError('image file is empty (0 bytes)');
  if (jpeg2000Kind(await head(file))) return checkJp2(file, maxPixels);
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
  checkPixels(width, height, maxPixels);
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
