// Writes the pyramidal, tiled, JPEG-compressed TIFF the server renders level-2 requests from (any
// region, size or rotation) without decoding the full-resolution scan each time. One file per image.
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export async function writeDerivative(source: string, target: string, quality: number, maxPixels: number): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await sharp(source, { limitInputPixels: maxPixels })
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'jpeg', quality })
    .toFile(tmp);
  await rename(tmp, target);
}
