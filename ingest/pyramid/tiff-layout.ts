// Tells whether a TIFF scan stores its first image in tiles, read from the file's first directory
// (never its pixels). libvips reads any tile of a tiled TIFF on its own, but a striped TIFF only
// from the top down, so only a tiled scan can be decoded by several pipelines at once, each its own
// band (bands.ts). libvips and sharp do not report the layout, hence this small reader.
import { open } from 'node:fs/promises';

const TILE_WIDTH = 322;
/** Enough for any first directory a scanner or libvips writes (a dozen or two entries). */
const DIRECTORY_BYTES = 4096;

/**
 * Whether a first directory (its bytes, read from `kind.ifd`) has a TileWidth entry. Classic TIFF
 * and BigTIFF, either byte order; a directory cut short counts as not tiled.
 */
function hasTileWidth(kind: TiffKind, directory: Uint8Array): boolean {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const countSize = kind.big ? 8 : 2;
  const entrySize = kind.big ? 20 : 12;
  if (directory.byteLength < countSize) return false;
  const count = kind.big ? Number(view.getBigUint64(0, kind.little)) : view.getUint16(0, kind.little);
  for (let i = 0; i < count; i++) {
    const at = countSize + i * entrySize;
    if (at + 2 > directory.byteLength) return false;
    if (view.getUint16(at, kind.little) === TILE_WIDTH) return true;
  }
  return false;
}

interface TiffKind {
  little: boolean;
  big: boolean;
  /** Offset of the first directory. */
  ifd: number;
}

/** Byte order, classic or BigTIFF, and the first directory's offset, from the file's first 16 bytes. */
export function tiffKind(head: Uint8Array): TiffKind | undefined {
  if (head.byteLength < 8) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const order = view.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  const magic = view.getUint16(2, little);
  if (magic === 42) return { little, big: false, ifd: view.getUint32(4, little) };
  if (magic === 43 && head.byteLength >= 16) return { little, big: true, ifd: Number(view.getBigUint64(8, little)) };
  return undefined;
}

/** Whether `file` is a TIFF whose first image is tiled; false for anything else or anything unreadable. */
export async function isTiledTiff(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    const kind = tiffKind(head.subarray(0, bytesRead));
    if (!kind) return false;
    const directory = new Uint8Array(DIRECTORY_BYTES);
    const read = await handle.read(directory, 0, DIRECTORY_BYTES, kind.ifd);
    return hasTileWidth(kind, directory.subarray(0, read.bytesRead));
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
