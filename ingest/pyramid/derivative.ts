// Writes the pyramidal tiled JPEG TIFF the server renders level-2 requests from (any region, size or
// rotation) without decoding the full-resolution scan each time; iipsrv and other TIFF pyramid
// servers can read it too. Its tiles are the published level-0 tiles themselves, copied byte for
// byte, one TIFF page per scale factor: the scan is decoded and encoded once for both. Edge tiles,
// smaller than a TIFF tile must be, are widened in the DCT domain (jpeg-dct.ts); only a tile coded
// otherwise than the TIFF page is re-encoded, padded with copies of its last row and column.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { impliedTiles, levelSize, type Size } from '../../manifests/image/levels.ts';
import { jpegFrame, type JpegFrame } from './jpeg-frame.ts';
import { padJpeg } from './jpeg-dct.ts';
import type { LevelsReady } from './tile.ts';
import { writeTiledTiff, type TiffPage } from './tiff-writer.ts';

export interface DerivativeInput {
  /** The complete level-0 tiles folder of the image (canonical paths). */
  tilesDir: string;
  full: Size;
  tileSize: number;
  scaleFactors: readonly number[];
  quality: number;
  /** When the tiles are still being written: a level is read once it is final. */
  levels?: LevelsReady;
}

/** Whether a tile's JPEG stream is coded as a TIFF page of the given geometry needs (sequential, same components and sampling). */
function sameCoding(frame: JpegFrame | undefined, components: number, sampling: readonly number[]): frame is JpegFrame {
  return (
    frame?.sequential === true &&
    frame.components === components &&
    (components === 1 || (frame.sampling[0] === sampling[0] && frame.sampling[1] === sampling[1]))
  );
}

/** Re-encodes one tile at the TIFF's tile size (padding by repeating its edge), components and sampling. */
async function reencode(data: Uint8Array, tileSize: number, components: 1 | 3, sampling: readonly number[], quality: number): Promise<Buffer> {
  const img = sharp(data, { limitInputPixels: false });
  const meta = await img.metadata();
  const width = Math.min(meta.width, tileSize);
  const height = Math.min(meta.height, tileSize);
  return img
    .extract({ left: 0, top: 0, width, height })
    .extend({ right: tileSize - width, bottom: tileSize - height, extendWith: 'copy' })
    .toColourspace(components === 1 ? 'b-w' : 'srgb')
    .jpeg({ quality, optimiseCoding: false, chromaSubsampling: sampling[0] === 1 && sampling[1] === 1 ? '4:4:4' : '4:2:0' })
    .toBuffer();
}

/** Writes the derivative of the image whose tiles are in `input.tilesDir` to `target` (via a temporary file). */
export async function writeDerivative(input: DerivativeInput, target: string): Promise<void> {
  const { tilesDir, full, tileSize, scaleFactors, quality, levels } = input;
  if (tileSize % 16 !== 0) throw new Error(`tile size ${tileSize} is not a multiple of 16, as TIFF tiles must be`);
  // impliedTiles lists a level's tiles row by row, the order of a TIFF page's tiles.
  const byLevel = scaleFactors.map((sf) => impliedTiles(full, tileSize, [sf]));
  const tiles = byLevel.flat();
  const first = await readFile(path.join(tilesDir, tiles[0]!.path));
  const frame = jpegFrame(first);
  if (frame === undefined) throw new Error(`published tile ${tiles[0]!.path} is not a JPEG stream`);
  const components: 1 | 3 = frame.components === 1 ? 1 : 3;
  const sampling: [number, number] = components === 1 ? [1, 1] : frame.sampling;
  const pages: TiffPage[] = scaleFactors.map((sf, i) => ({ ...levelSize(full, sf), tileSize, components, sampling, tileCount: byLevel[i]!.length }));

  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await writeTiledTiff(tmp, pages, async (page, index) => {
      if (levels && scaleFactors[page]! > levels.upTo) await levels.all;
      // Read synchronously: hundreds of small files cost a third of the CPU time that way, without
      // a thread-pool round trip for each open, stat, read and close, and ingest's main thread has
      // nothing else to answer meanwhile.
      const data = readFileSync(path.join(tilesDir, byLevel[page]![index]!.path));
      const tile = jpegFrame(data);
      if (sameCoding(tile, components, sampling)) {
        if (tile.width === tileSize && tile.height === tileSize) return data;
        const padded = padJpeg(data, tileSize, tileSize);
        if (padded) return padded;
      }
      return reencode(data, tileSize, components, sampling, quality);
    });
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
}
