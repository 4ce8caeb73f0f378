// Decodes a JPEG 2000 page (the bundled libvips has no JPEG 2000 reader) into a tiled, uncompressed
// TIFF in the staging folder, which the tiler (tile.ts) then reads like any tiled scan, in bands. The
// decoder is Debian's `vips` command (libvips-tools), which reads JPEG 2000 through OpenJPEG: a tiled
// codestream (as Kakadu and most digitisation workflows write archival masters) is decoded tile by
// tile as the TIFF is written, a few rows of tiles in memory whatever the image's size. An untiled
// codestream is decoded by OpenJPEG in 512-pixel windows whose working memory grows with the whole
// image (measured: 1.2 GB for 194 megapixels), so past UNTILED_MAX_PIXELS it is refused, naming why.
// This libvips does not attach a `colr` box's ICC profile to what it decodes, so a page with one is
// converted from it to sRGB while decoding, as sharp converts a TIFF's embedded profile.
import { execFile } from 'node:child_process';
import { open, rm, writeFile } from 'node:fs/promises';
import { ImageError } from '../image-check.ts';
import type { Jp2Header } from './jp2-header.ts';

/** Largest untiled codestream decoded: OpenJPEG's working memory for one grows with the image, about 6 bytes a pixel. */
export const UNTILED_MAX_PIXELS = 100_000_000;
/** The decoder does not hang on any input seen, but a stuck child must not hold the ingest for ever. */
const DECODE_TIMEOUT_MS = 30 * 60 * 1000;

/** Why a JPEG 2000 with this header cannot be decoded in bounded memory, or undefined when it can. */
export function undecodable(header: Jp2Header): string | undefined {
  const pixels = header.width * header.height;
  if (header.tilesAcross * header.tilesDown > 1 || pixels <= UNTILED_MAX_PIXELS) return undefined;
  return (
    `JPEG 2000 is not tiled (one ${header.width}x${header.height} tile) and too large to decode in bounded memory ` +
    `(${(pixels / 1e6).toFixed(0)} megapixels; untiled files up to ${UNTILED_MAX_PIXELS / 1e6} are taken): ` +
    're-encode the master with tiles, e.g. opj_compress -t 1024,1024 or Kakadu Stiles={1024,1024}'
  );
}

/** The reason in the decoder's error output: its first line from the JPEG 2000 loader, else its last line. */
export function decoderReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const loader = lines.find((l) => l.startsWith('jp2kload: '));
  return (loader ?? lines.at(-1) ?? 'the decoder failed without a reason').replace(/^jp2kload: /, '');
}

/**
 * Decodes the JPEG 2000 `source` into the tiled TIFF `target` (256-pixel tiles, uncompressed, BigTIFF
 * so that any size fits), keeping its bit depth and its ICC profile. On failure `target` is removed
 * and the error names the decoder's reason.
 */
export async function decodeJp2(source: string, header: Jp2Header, target: string): Promise<void> {
  const refused = undecodable(header);
  if (refused) throw new ImageError(refused);
  const tiff = `${target}[tile,tile-width=256,tile-height=256,bigtiff,compression=none]`;
  const profile = `${target}.icc`;
  try {
    if (header.icc) await writeFile(profile, await readBytes(source, header.icc.offset, header.icc.length));
    // From the profile to sRGB, relative colorimetric as sharp does, keeping 16 bits where there are more than 8.
    const args = header.icc
      ? ['icc_transform', source, tiff, 'srgb', `--input-profile=${profile}`, `--depth=${header.bitDepth > 8 ? 16 : 8}`, '--intent=relative']
      : ['copy', source, tiff];
    await new Promise<void>((resolve, reject) => {
      execFile('vips', args, { timeout: DECODE_TIMEOUT_MS, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
        if (!err) resolve();
        else if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new ImageError('JPEG 2000 needs the vips command to decode it: install the Debian package libvips-tools'));
        } else if (err.killed) reject(new ImageError(`JPEG 2000 decoding took over ${DECODE_TIMEOUT_MS / 60_000} minutes and was stopped`));
        else reject(new ImageError(`JPEG 2000 data could not be decoded; the file may be corrupt (${decoderReason(stderr)})`));
      });
    });
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  } finally {
    await rm(profile, { force: true });
  }
}

async function readBytes(file: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(length);
    await handle.read(bytes, 0, length, offset);
    return bytes;
  } finally {
    await handle.close();
  }
}
