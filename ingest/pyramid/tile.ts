// Turns one page image into a complete static IIIF Image API 3 level-0 image folder: libvips writes
// the tiles (sharp's `iiif3` tile layout; a large tiled TIFF in bands, several pipelines at once,
// see bands.ts), then this module completes and verifies the folder against what info.json promises
// (every implied tile, every listed size, `full/max`) and writes our own info.json. The work happens
// in a staging folder the caller renames into place.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { access, link, mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import sharp, { type Sharp } from 'sharp';
import { IMAGE_CONTEXT, IMAGE_PROTOCOL, type ImageInfo3 } from '../../manifests/image/info.ts';
import { openSource, render } from '../../manifests/image/render.ts';
import { planBands, type BandPlan } from './bands.ts';
import { joinJpegs } from './jpeg-dct.ts';
import { joinLevels, type LevelJoin, type LevelJoiner } from './level-join.ts';
import {
  impliedSizes,
  impliedTiles,
  levelSize,
  listedSizes,
  maxSize,
  pyramidScaleFactors,
  scaleFactorsFor,
  type Level0File,
  type Size,
  type SizeLimits,
} from '../../manifests/image/levels.ts';
import { isTiledTiff } from './tiff-layout.ts';

/** Ingest has no client waiting; the limit only stops a render that hangs. */
const RENDER_TIMEOUT_S = 600;

export interface TileSettings {
  tileSize: number;
  quality: number;
  maxPixels: number;
  limits: SizeLimits;
  /** Longest side of the largest pyramid level listed in `sizes`. */
  largestListedSize: number;
  /** Pipelines a large tiled scan may be tiled by at once (bands.ts caps it); 1: always one. */
  bands: number;
}

/**
 * Whole-image sizes other parts link to (the manifests' thumbnail), published and listed with the
 * pyramid's levels. Each must be a pyramid level (levels.ts `levelScaleFactor`), which the pyramid
 * is continued down to if need be: info.json lists only levels (see `listedSizes` for why).
 */
export type ExtraSizes = readonly Size[];

export interface TiledImage {
  info: ImageInfo3;
  /** Files libvips did not write at a canonical path and this module made itself. */
  completed: number;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Which levels of a tiles folder still being written are final: every level up to `upTo` now, all once `all` resolves. */
export interface LevelsReady {
  upTo: number;
  all: Promise<unknown>;
}

/**
 * Writes the libvips tiles of `source` into `outDir` (which must not exist): in bands by several
 * pipelines at once when the source is a large tiled TIFF (bands.ts), else by one. `onBaseLevels`
 * is told once the largest scale factor whose level, and every level below it, is final in
 * `outDir`: for a banded scan the band scale, before the levels above it are made; else Infinity,
 * when every level is written.
 */
export async function writeTiles(source: string, outDir: string, settings: TileSettings, onBaseLevels?: (upTo: number) => void): Promise<void> {
  await mkdir(path.dirname(outDir), { recursive: true });
  const banded = await bandPlanFor(source, settings);
  if (banded && (await writeBandedTiles(source, outDir, settings, banded.full, banded.plan, onBaseLevels))) return;
  await libvipsTiles(sharp(source, { limitInputPixels: settings.maxPixels }), outDir, settings);
  onBaseLevels?.(Infinity);
}

/** libvips' tiles of `image` into `outDir` (which must not exist), without its info.json. */
async function libvipsTiles(image: Sharp, outDir: string, settings: TileSettings): Promise<void> {
  // libvips treats a dot in the last path segment as a file extension and may write
  // vips-properties.xml beside the folder, so it works in a private folder of its own.
  const work = `${outDir}.work`;
  const dz = path.join(work, 'tiles');
  await rm(work, { recursive: true, force: true });
  await mkdir(work);
  // Huffman optimisation off, as libvips itself defaults: 15% less CPU for ~5% larger tiles.
  await image
    .jpeg({ quality: settings.quality, optimiseCoding: false })
    .tile({ layout: 'iiif3', size: settings.tileSize, overlap: 0, depth: 'onetile', id: 'https://leeszaal.invalid' })
    .toFile(dz);
  // libvips names the folder after the output path and puts its own info.json inside it.
  await rename(dz, outDir);
  await rm(work, { recursive: true, force: true });
  await rm(path.join(outDir, 'info.json'), { force: true });
}

async function bandPlanFor(source: string, settings: TileSettings): Promise<{ full: Size; plan: BandPlan } | undefined> {
  if (settings.bands < 2 || !(await isTiledTiff(source))) return undefined;
  const meta = await sharp(source, { limitInputPixels: false }).metadata();
  const full = { width: meta.width, height: meta.height };
  const plan = planBands(full, settings.tileSize, scaleFactorsFor(full, settings.tileSize), settings.bands);
  return plan && { full, plan };
}

/** A pyramid level's tiles, row by row, as a DCT-domain join takes them. */
function levelRows(full: Size, tileSize: number, scale: number): Level0File[][] {
  const tiles = impliedTiles(full, tileSize, [scale]);
  const across = Math.ceil(levelSize(full, scale).width / tileSize);
  return Array.from({ length: tiles.length / across }, (_, r) => tiles.slice(r * across, (r + 1) * across));
}

const sizeFolder = (f: Level0File) => path.dirname(path.dirname(f.path));
const regionFolder = (f: Level0File) => path.dirname(sizeFolder(f));

/**
 * Moves tile `from` in folder `fromDir` to the name of tile `to` in `toDir`. A region folder may hold
 * the tiles of two levels (clipped at the image's corner, their regions coincide), so the tile's
 * size folder is moved, into a region folder made if need be.
 */
async function moveTile(fromDir: string, from: Level0File, toDir: string, to: Level0File): Promise<void> {
  await mkdir(path.join(toDir, regionFolder(to)), { recursive: true });
  await rename(path.join(fromDir, sizeFolder(from)), path.join(toDir, sizeFolder(to)));
}

/**
 * Tiles the bands at once, each by its own pipeline. The first band's folder becomes the image's
 * (its top is the image's, so its tiles already have their names); the other bands' tiles of the
 * levels up to `plan.bandScale` move in. Then that level, joined in the DCT domain into one small
 * image, is tiled for the levels above. False, with nothing left behind, should that level's tiles
 * not join (they always do, all coded alike by one encoder): the caller then tiles the whole image.
 */
async function writeBandedTiles(
  source: string,
  outDir: string,
  settings: TileSettings,
  full: Size,
  plan: BandPlan,
  onBaseLevels: ((upTo: number) => void) | undefined,
): Promise<boolean> {
  const { tileSize } = settings;
  const work = `${outDir}.bands`;
  const bandDir = (i: number) => path.join(work, String(i));
  const bandSize = (i: number) => ({ width: full.width, height: plan.bands[i]!.height });
  await rm(work, { recursive: true, force: true });
  await mkdir(work);
  try {
    // Every pipeline settles before any folder is moved or removed.
    const tiled = await Promise.allSettled(
      plan.bands.map((band, i) =>
        libvipsTiles(
          sharp(source, { limitInputPixels: settings.maxPixels }).extract({ left: 0, top: band.top, width: full.width, height: band.height }),
          bandDir(i),
          settings,
        ),
      ),
    );
    const failed = tiled.find((t) => t.status === 'rejected');
    if (failed) throw failed.reason;

    const io = pLimit(16);
    // A band's levels above bandScale are cut short by the band's end: their few tiles go first,
    // with the region folders they leave empty, so that whole region folders can move next.
    await Promise.all(
      plan.bands.map((_, i) => {
        const scales = scaleFactorsFor(bandSize(i), tileSize).filter((s) => s > plan.bandScale);
        return Promise.all(
          impliedTiles(bandSize(i), tileSize, scales).map((t) =>
            io(async () => {
              await rm(path.join(bandDir(i), sizeFolder(t)), { recursive: true, force: true });
              await rmdir(path.join(bandDir(i), regionFolder(t))).catch(() => undefined);
            }),
          ),
        );
      }),
    );
    await rename(bandDir(0), outDir);
    // A band's region folder holds tiles of one region, which is the image's region lower by the
    // band's top: it moves whole, one call, and no other band has that region.
    const scales = scaleFactorsFor(full, tileSize);
    const folders = new Map<string, string>();
    for (const scale of scales.filter((s) => s <= plan.bandScale)) {
      const whole = levelRows(full, tileSize, scale);
      for (let i = 1; i < plan.bands.length; i++) {
        // The band's rows are the image's from the one its top falls on.
        const first = plan.bands[i]!.top / (tileSize * scale);
        levelRows(bandSize(i), tileSize, scale).forEach((row, r) =>
          row.forEach((t, c) => folders.set(path.join(bandDir(i), regionFolder(t)), regionFolder(whole[first + r]![c]!))),
        );
      }
    }
    // Hundreds of renames, synchronous: a thread-pool round trip for each would cost more than the call.
    for (const [from, to] of folders) renameSync(from, path.join(outDir, to));

    const level = levelSize(full, plan.bandScale);
    const joined = joinJpegs(levelRows(full, tileSize, plan.bandScale).map((row) => row.map((t) => readFileSync(path.join(outDir, t.path)))));
    if (!joined) {
      await rm(outDir, { recursive: true, force: true });
      return false;
    }
    onBaseLevels?.(plan.bandScale);
    const upper = path.join(work, 'upper');
    await libvipsTiles(sharp(joined), upper, settings);
    const moves = scales
      .filter((s) => s > plan.bandScale)
      .flatMap((scale) => {
        const whole = impliedTiles(full, tileSize, [scale]);
        return impliedTiles(level, tileSize, [scale / plan.bandScale]).map((t, j) => io(() => moveTile(upper, t, outDir, whole[j]!)));
      });
    await Promise.all(moves);
    return true;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * `max` aliases of the full-resolution tiles in a folder made by `writeTiles`: a full-resolution
 * tile's canonical size is `max` (the whole region), while clients such as OpenSeadragon ask for it
 * as `w,h`. Both names point at one file (a hard link costs no space). Needs only the tiles, so it can
 * run while the derivative is written.
 */
export async function linkMaxAliases(outDir: string, full: Size, tileSize: number): Promise<void> {
  // Many at once: each alias is a chain of calls, and its next call waits for the main thread,
  // which the derivative keeps busy meanwhile; a deep queue keeps the thread pool creating folders
  // while the derivative holds the main thread.
  const io = pLimit(64);
  const tiles = impliedTiles(full, tileSize, scaleFactorsFor(full, tileSize));
  const aliases = tiles.filter((f) => f.region.w === f.size.width && f.region.h === f.size.height && !f.path.startsWith('full/'));
  await Promise.all(
    aliases.map((f) =>
      io(async () => {
        const alias = path.join(outDir, f.path.replace(`/${f.size.width},${f.size.height}/`, '/max/'));
        await mkdir(path.dirname(alias), { recursive: true });
        await link(path.join(outDir, f.path), alias).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      }),
    ),
  );
}

/**
 * The published pyramid: libvips' levels for the iiif3 layout (halve until one tile holds the
 * level), continued down to the extra sizes; the listed sizes (levels only) and `max`.
 */
function pyramidOf(full: Size, settings: TileSettings, extraSizes: ExtraSizes): { scaleFactors: number[]; sizes: Size[]; max: Size } {
  const scaleFactors = pyramidScaleFactors(full, settings.tileSize, extraSizes);
  const sizes = uniqueSizes([...listedSizes(full, scaleFactors, settings.largestListedSize), ...extraSizes], full);
  return { scaleFactors, sizes, max: maxSize(full, settings.limits) };
}

/**
 * Writes the whole-image files that are a pyramid level (`full/max`, and the listed sizes, which are
 * levels) by joining that level's tiles in the DCT domain (level-join.ts): the tiles' own pixels, with
 * no decoding and no second JPEG generation, in a fraction of a render's time. Files it cannot join
 * (tiles coded otherwise, or beyond JPEG's 65535-pixel limit) are left for completeImage to render.
 * Needs only the tiles, so it can run while the derivative is written. Runs on `joiner` when given
 * (one reserved ahead, already started), else on a worker of its own.
 */
export async function joinLevelImages(
  outDir: string,
  full: Size,
  settings: TileSettings,
  extraSizes: ExtraSizes,
  joiner?: LevelJoiner,
  levels?: LevelsReady,
): Promise<void> {
  const { sizes, max } = pyramidOf(full, settings, extraSizes);
  // Only libvips' levels have tiles to join; a level the pyramid was continued by is rendered.
  const scaleFactors = scaleFactorsFor(full, settings.tileSize);
  const now: LevelJoin[] = [];
  const later: LevelJoin[] = [];
  for (const f of impliedSizes(full, sizes, max)) {
    const sf = scaleFactors.find((k) => {
      const level = levelSize(full, k);
      return level.width === f.size.width && level.height === f.size.height;
    });
    const target = path.join(outDir, f.path);
    if (sf === undefined || (await exists(target))) continue;
    (levels && sf > levels.upTo ? later : now).push({
      target,
      rows: levelRows(full, settings.tileSize, sf).map((row) => row.map((t) => path.join(outDir, t.path))),
    });
  }
  // A worker that cannot start or dies only costs speed: completeImage renders whatever it did not
  // write, and a half-written file it left aside must not be published with the folder.
  const join = (jobs: LevelJoin[]) =>
    (joiner ? joiner.join(jobs) : joinLevels(jobs)).catch(() => Promise.all(jobs.map((j) => rm(`${j.target}.tmp`, { force: true }))));
  await join(now);
  if (later.length > 0) {
    await levels?.all;
    await join(later);
  }
}

/**
 * Completes a folder made by `writeTiles` into a level-0 image: every implied tile, each listed size
 * and `full/max` (any still missing, such as a thumbnail size that is no level, is rendered from the
 * pyramidal `derivative`, cheap because each pyramid level is a page), and our own info.json. The
 * `max` aliases are linkMaxAliases' part, the joined levels joinLevelImages'.
 */
export async function completeImage(
  outDir: string,
  derivative: string,
  serviceId: string,
  full: Size,
  settings: TileSettings,
  extraSizes: ExtraSizes,
): Promise<TiledImage> {
  const { scaleFactors, sizes, max } = pyramidOf(full, settings, extraSizes);
  // A level that fits in one tile is also a listed size: one file, made once.
  const wanted = [
    ...new Map([...impliedTiles(full, settings.tileSize, scaleFactors), ...impliedSizes(full, sizes, max)].map((f) => [f.path, f])).values(),
  ];

  // Hundreds of stat calls, synchronous: a thread-pool round trip for each would cost more than the call.
  const missing = wanted.filter((f) => !existsSync(path.join(outDir, f.path)));
  const render = pLimit(2);
  await Promise.all(
    missing.map((f) =>
      render(async () => {
        const target = path.join(outDir, f.path);
        await mkdir(path.dirname(target), { recursive: true });
        await renderFromDerivative(derivative, full, f, settings.quality, target);
      }),
    ),
  );
  const completed = missing.length;

  const limited = max.width !== full.width || max.height !== full.height;
  const info: ImageInfo3 = {
    '@context': IMAGE_CONTEXT,
    id: serviceId,
    type: 'ImageService3',
    protocol: IMAGE_PROTOCOL,
    profile: 'level0',
    width: full.width,
    height: full.height,
    ...(limited ? { maxWidth: max.width, maxHeight: max.height, maxArea: max.width * max.height } : {}),
    sizes,
    tiles: [{ width: settings.tileSize, height: settings.tileSize, scaleFactors }],
  };
  await writeFile(path.join(outDir, 'info.json'), JSON.stringify(info, null, 2));
  return { info, completed };
}

function uniqueSizes(sizes: Size[], full: Size): Size[] {
  const seen = new Map<string, Size>();
  for (const s of sizes) {
    if (s.width >= full.width && s.height >= full.height) continue;
    seen.set(`${s.width},${s.height}`, s);
  }
  return [...seen.values()].sort((a, b) => a.width - b.width || a.height - b.height);
}

/**
 * Renders one whole-image file from the pyramidal TIFF as the image server renders any request:
 * from the smallest pyramid page that still has enough pixels, so even `full/max` of a huge scan
 * never decodes the full resolution.
 */
async function renderFromDerivative(derivative: string, full: Size, f: Level0File, quality: number, target: string) {
  const body = await render(
    { region: f.region, size: { w: f.size.width, h: f.size.height }, mirror: false, degrees: 0, quality: 'default', format: 'jpg' },
    full,
    await openSource(derivative),
    { jpegQuality: quality, timeoutSeconds: RENDER_TIMEOUT_S },
  );
  const tmp = `${target}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, target);
}
