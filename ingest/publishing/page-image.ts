// Publishes the image of one page: unless an image with the same id (same content, same tile
// settings) is already published, it checks the header, writes the level-0 tiles and then, from
// them, the pyramidal TIFF (and meanwhile the whole-image levels and the `max` aliases) in the
// staging folder, then renames the derivative and finally the image folder into place. An image
// folder therefore exists only when complete. A page new to its item may be tiled while its content
// is still being hashed (the id comes from the hash): hashing a large scan takes 0.1 s per 60 MB.
// A JPEG 2000 page is first decoded into a tiled TIFF beside the staged folder (jp2-decode.ts), which
// is tiled in its place and removed with the other staged files.
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseImageInfo } from '../../manifests/image/info.ts';
import type { DataPaths } from '../../manifests/layout.ts';
import { writeDerivative } from '../pyramid/derivative.ts';
import { checkImage, decodeFailure, ImageError } from '../image-check.ts';
import { decodeJp2 } from '../pyramid/jp2-decode.ts';
import { scaleFactorsFor, type Size } from '../../manifests/image/levels.ts';
import { reserveLevelJoiner } from '../pyramid/level-join.ts';
import { completeImage, joinLevelImages, linkMaxAliases, writeTiles, type TileSettings } from '../pyramid/tile.ts';

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

/** The image published under `imageId`, if there is a complete one. */
async function publishedImage(paths: DataPaths, imageId: string): Promise<PublishedImage | undefined> {
  const infoFile = path.join(paths.imageDir(imageId), 'info.json');
  if (!(await exists(infoFile)) || !(await exists(paths.derivative(imageId)))) return undefined;
  const info = parseImageInfo(await readFile(infoFile, 'utf8'), infoFile);
  return { imageId, width: info.width, height: info.height, tiled: false };
}

/** A tiling failure, reported as damaged pixel data: the header was fine. */
async function decodeError(source: string, err: unknown): Promise<ImageError> {
  return new ImageError(`image data could not be decoded; the file may be truncated or corrupt (${await decodeFailure(source, err)})`);
}

export async function publishImage(args: {
  source: string;
  /**
   * The image's id, or the promise of it while the content hash it comes from is computed: the page
   * is then tiled meanwhile, and the tiles are dropped should that id turn out to be published.
   */
  imageId: string | Promise<string>;
  serviceId: (imageId: string) => string;
  paths: DataPaths;
  stagingDir: string;
  settings: TileSettings;
  /** Sizes other parts link to (the thumbnail), given the image's full size. */
  extraSizes: (full: Size) => Size[];
  /** Main-thread work to run while libvips tiles on its own threads (called once work has started). */
  whileBusy?: () => Promise<void>;
}): Promise<PublishedImage> {
  const { paths } = args;
  if (typeof args.imageId === 'string') {
    const published = await publishedImage(paths, args.imageId);
    if (published) return published;
  } else {
    // Awaited once the tiles are written; a failure before then is reported where it is awaited.
    args.imageId.catch(() => undefined);
  }
  const header = await checkImage(args.source, args.settings.maxPixels);
  const full = { width: header.width, height: header.height };
  // Named apart from the id, which may not be known yet.
  const stagedDir = path.join(args.stagingDir, randomUUID());
  const stagedTif = `${stagedDir}.tif`;
  // What libvips tiles: the page itself, or its JPEG 2000 decoded.
  const pixels = header.jp2 ? `${stagedDir}.decoded.tif` : args.source;
  const { tileSize, quality } = args.settings;
  const extraSizes = args.extraSizes(full);
  // Started now, the join worker is ready when the tiles are.
  const joiner = reserveLevelJoiner();
  // The derivative is mostly copying, the joined levels worker-thread work and the aliases
  // file-system calls: together they keep the disk and the cores busy.
  let steps: Promise<PromiseSettledResult<void>[]> | undefined;
  try {
    if (header.jp2) await decodeJp2(args.source, header.jp2, pixels);
    try {
      const base = Promise.withResolvers<number>();
      const tiling = writeTiles(pixels, stagedDir, args.settings, base.resolve);
      const busy = args.whileBusy?.();
      // They start as soon as the levels they read are final: a banded scan's levels above the band
      // scale are made last, by one small pipeline, which leaves them a core.
      const levels = { upTo: await Promise.race([base.promise, tiling.then(() => Infinity)]), all: tiling };
      steps = Promise.allSettled([
        writeDerivative({ tilesDir: stagedDir, full, tileSize, scaleFactors: scaleFactorsFor(full, tileSize), quality, levels }, stagedTif),
        joinLevelImages(stagedDir, full, args.settings, extraSizes, joiner, levels),
        linkMaxAliases(stagedDir, full, tileSize),
      ]);
      await Promise.all([tiling, busy]);
    } catch (err) {
      throw await decodeError(pixels, err);
    }
    const imageId = await args.imageId;
    if (typeof args.imageId !== 'string') {
      const published = await publishedImage(paths, imageId);
      if (published) return published;
    }
    try {
      const failed = (await steps).find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      await completeImage(stagedDir, stagedTif, args.serviceId(imageId), full, args.settings, extraSizes);
    } catch (err) {
      throw await decodeError(pixels, err);
    }
    const dir = paths.imageDir(imageId);
    const derivative = paths.derivative(imageId);
    await mkdir(path.dirname(derivative), { recursive: true });
    await rename(stagedTif, derivative);
    // An image folder left by an interrupted run is incomplete only if it has no info.json, and
    // then it is safe to replace: no manifest can point at it yet.
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.dirname(dir), { recursive: true });
    await rename(stagedDir, dir);
    return { imageId, ...full, tiled: true };
  } finally {
    // All settle before the staged files may be removed, also when the tiling failed after they
    // started or the image turned out to be published already.
    await steps;
    joiner.release();
    await rm(stagedDir, { recursive: true, force: true });
    await rm(stagedTif, { force: true });
    if (pixels !== args.source) await rm(pixels, { force: true });
  }
}
