// Publishes the image of one page: unless an image with the same id (same content, same tile
// settings) is already published, it checks the header, writes the level-0 tiles and then, from
// them, the pyramidal TIFF (and meanwhile the whole-image levels and the `max` aliases) in the
// staging folder, then renames the derivative and finally the image folder into place. An image
// folder therefore exists only when complete.
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DataPaths } from '../manifests/layout.ts';
import { writeDerivative } from './derivative.ts';
import { checkImage, decodeFailure, ImageError } from './image-check.ts';
import { scaleFactorsFor, type Size } from './level0.ts';
import { reserveLevelJoiner } from './level-join.ts';
import { completeImage, joinLevelImages, linkMaxAliases, writeTiles, type TileSettings } from './tile.ts';

export interface PublishedImage {
  imageId: string;
  width: number;
  height: number;
  /** False when the image was already published and no image work was done. */
  tiled: boolean;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export async function publishImage(args: {
  source: string;
  imageId: string;
  serviceId: string;
  paths: DataPaths;
  stagingDir: string;
  settings: TileSettings;
  /** Sizes other parts link to (the thumbnail), given the image's full size. */
  extraSizes: (full: Size) => Size[];
  /** Main-thread work to run while libvips tiles on its own threads (called once work has started). */
  whileBusy?: () => Promise<void>;
}): Promise<PublishedImage> {
  const { paths, imageId } = args;
  const dir = paths.imageDir(imageId);
  const derivative = paths.derivative(imageId);
  const infoFile = path.join(dir, 'info.json');
  if ((await exists(infoFile)) && (await exists(derivative))) {
    const info = JSON.parse(await readFile(infoFile, 'utf8')) as { width: number; height: number };
    return { imageId, width: info.width, height: info.height, tiled: false };
  }
  const header = await checkImage(args.source, args.settings.maxPixels);
  const full = { width: header.width, height: header.height };
  const stagedTif = path.join(args.stagingDir, `${imageId}.tif`);
  const stagedDir = path.join(args.stagingDir, imageId);
  // Started now, the join worker is ready when the tiles are.
  const joiner = reserveLevelJoiner();
  try {
    await rm(stagedDir, { recursive: true, force: true });
    try {
      await Promise.all([writeTiles(args.source, stagedDir, args.settings), args.whileBusy?.()]);
      const { tileSize, quality } = args.settings;
      const extraSizes = args.extraSizes(full);
      // The derivative is mostly copying, the joined levels main-thread work and the aliases
      // file-system calls: together they keep the disk and the cores busy. All settle before the
      // staged files may be removed.
      const steps = await Promise.allSettled([
        writeDerivative({ tilesDir: stagedDir, full, tileSize, scaleFactors: scaleFactorsFor(full, tileSize), quality }, stagedTif),
        joinLevelImages(stagedDir, full, args.settings, extraSizes, joiner),
        linkMaxAliases(stagedDir, full, tileSize),
      ]);
      const failed = steps.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      await completeImage(stagedDir, stagedTif, args.serviceId, full, args.settings, extraSizes);
    } catch (err) {
      // The header was fine, so a decoding failure means damaged pixel data.
      throw new ImageError(`image data could not be decoded; the file may be truncated or corrupt (${await decodeFailure(args.source, err)})`);
    }
    await mkdir(path.dirname(derivative), { recursive: true });
    await rename(stagedTif, derivative);
    // An image folder left by an interrupted run is incomplete only if it has no info.json, and
    // then it is safe to replace: no manifest can point at it yet.
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.dirname(dir), { recursive: true });
    await rename(stagedDir, dir);
  } finally {
    joiner.release();
    await rm(stagedDir, { recursive: true, force: true });
    await rm(stagedTif, { force: true });
  }
  return { imageId, ...full, tiled: true };
}
