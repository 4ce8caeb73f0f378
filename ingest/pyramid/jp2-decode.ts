// Decodes a JPEG 2000 page (the bundled libvips has no JPEG 2000 reader) into a tiled, uncompressed
// TIFF in the staging folder, which the tiler (tile.ts) then reads like any tiled scan, in bands. The
// decoder is Debian's `vips` command (libvips-tools), which reads JPEG 2000 through OpenJPEG: a tiled
// codestream (as Kakadu and most digitisation workflows write archival masters) is decoded tile by
// tile as the TIFF is written, a few rows of tiles in memory whatever the image's height. An untiled
// codestream is decoded by OpenJPEG in 512-pixel windows whose working memory grows with the whole
// image. The decoder's memory is estimated from the header (decoderMemory) and a page over the
// budget is refused, naming why, before anything is decoded.
// This libvips does not attach a `colr` box's ICC profile to what it decodes, so a page with one is
// converted from it to sRGB while decoding, as sharp converts a TIFF's embedded profile.
import { execFile } from 'node:child_process';
import { open, rm, writeFile } from 'node:fs/promises';
import { ImageError } from '../image-check.ts';
import type { Jp2Header } from './jp2-header.ts';

/**
 * Memory the decoder may take. It runs before the tiler, not beside it, so ingest's own resident set
 * while it waits (about 150 MB) comes on top: together under 1 GiB.
 */
export const DECODER_BUDGET = 768 * 2 ** 20;
/**
 * An untiled codestream's decoding memory grows with its pixels and with its compressed bytes, which
 * OpenJPEG holds whole. Fitted above the measured peaks of `vips copy`: 347 MB for 48 megapixels
 * lossless (76 MB of codestream), 918 MB for 100 lossless (155 MB), 1.2 GB for 194 lossy (29 MB).
 */
const UNTILED_BYTES_PER_PIXEL = 6.5;
const UNTILED_BYTES_PER_CODESTREAM_BYTE = 2.8;

/**
 * The decoder's peak memory, estimated from the header: for a tiled codestream libvips' cache of three
 * rows of tiles plus OpenJPEG's 32-bit samples and wavelet buffer for a tile (measured: 707 MB for
 * 4096-pixel RGB tiles 12288 wide, estimated 855; 1024-pixel tiles 20000 wide take about 210).
 */
export function decoderMemory(header: Jp2Header): number {
  const { width, height, components } = header;
  if (header.tilesAcross * header.tilesDown === 1) {
    return width * height * UNTILED_BYTES_PER_PIXEL + header.codestreamBytes * UNTILED_BYTES_PER_CODESTREAM_BYTE;
  }
  const sampleBytes = header.bitDepth > 8 ? 2 : 1;
  const tileWidth = Math.min(header.tileWidth, width);
  const tileHeight = Math.min(header.tileHeight, height);
  return width * tileHeight * components * sampleBytes * 3 + tileWidth * tileHeight * components * 4 * 2;
}
/** The decoder does not hang on any input seen, but a stuck child must not hold the ingest for ever. */
const DECODE_TIMEOUT_MS = 30 * 60 * 1000;

/** Why a JPEG 2000 with this header cannot be decoded in bounded memory, or undefined when it can. */
export function undecodable(header: Jp2Header): string | undefined {
  const needed = decoderMemory(header);
  if (needed <= DECODER_BUDGET) return undefined;
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  const tiling =
    header.tilesAcross * header.tilesDown === 1
      ? `is not tiled (one ${header.width}x${header.height} tile)`
      : `has ${header.tileWidth}x${header.tileHeight}-pixel tiles on a ${header.width}-pixel width`;
  return (
    `JPEG 2000 ${tiling}: decoding it would take about ${mb(needed)} of memory, over the ${mb(DECODER_BUDGET)} allowed; ` +
    're-encode the master in smaller tiles, e.g. opj_compress -t 1024,1024 or Kakadu Stiles={1024,1024}'
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
      : header.bitDepth < 8
        ? ['linear', source, tiff, String(lowDepthScale(header.bitDepth)), '0', '--uchar']
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

/**
 * The factor that brings a sample of fewer than 8 bits, as the decoder gives it (shifted up by
 * 8 - bits: a bitonal page's white is 128), onto 0 to 255, so white is white.
 */
function lowDepthScale(bits: number): number {
  return 255 / (((1 << bits) - 1) << (8 - bits));
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
