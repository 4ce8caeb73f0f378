// Turns one page image into a complete static IIIF Image API 3 level-0 image folder: libvips writes
// the tiles (sharp's `iiif3` tile layout), then this module completes and verifies the folder
// against what info.json promises (every implied tile, every listed size, `full/max`) and writes our
// own info.json. The work happens in a staging folder the caller renames into place.
import { access, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { openSource, render } from '../server/image/render.ts';
import { joinLevels, type LevelJoin, type LevelJoiner } from './level-join.ts';
import {
  impliedSizes,
  impliedTiles,
  levelSize,
  listedSizes,
  maxSize,
  scaleFactorsFor,
  type Level0File,
  type Size,
  type SizeLimits,
} from './level0.ts';

/** Ingest has no client waiting; the limit only stops a render that hangs. */
const RENDER_TIMEOUT_S = 600;

export interface TileSettings {
  tileSize: number;
  quality: number;
  maxPixels: number;
  limits: SizeLimits;
  /** Longest side of the largest pyramid level listed in `sizes`. */
  largestListedSize: number;
}

/** Extra whole-image sizes to publish and list beside the pyramid levels (the manifests' thumbnail). */
export type ExtraSizes = readonly Size[];

export interface ImageInfo3 {
  '@context': 'http://iiif.io/api/image/3/context.json';
  id: string;
  type: 'ImageService3';
  protocol: 'http://iiif.io/api/image';
  profile: 'level0';
  width: number;
  height: number;
  maxWidth?: number;
  maxHeight?: number;
  maxArea?: number;
  sizes: Size[];
  tiles: { width: number; height: number; scaleFactors: number[] }[];
}

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

/** Writes the libvips tiles of `source` into `outDir` (which must not exist). */
export async function writeTiles(source: string, outDir: string, settings: TileSettings): Promise<void> {
  await mkdir(path.dirname(outDir), { recursive: true });
  // libvips treats a dot in the last path segment as a file extension and may write
  // vips-properties.xml beside the folder, so it works in a private folder of its own.
  const work = `${outDir}.work`;
  const dz = path.join(work, 'tiles');
  await rm(work, { recursive: true, force: true });
  await mkdir(work);
  // Huffman optimisation off, as libvips itself defaults: 15% less CPU for ~5% larger tiles.
  await sharp(source, { limitInputPixels: settings.maxPixels })
    .jpeg({ quality: settings.quality, optimiseCoding: false })
    .tile({ layout: 'iiif3', size: settings.tileSize, overlap: 0, depth: 'onetile', id: 'https://leeszaal.invalid' })
    .toFile(dz);
  // libvips names the folder after the output path and puts its own info.json inside it.
  await rename(dz, outDir);
  await rm(work, { recursive: true, force: true });
  await rm(path.join(outDir, 'info.json'), { force: true });
}

/**
 * `max` aliases of the full-resolution tiles in a folder made by `writeTiles`: a full-resolution
 * tile's canonical size is `max` (the whole region), while clients such as OpenSeadragon ask for it
 * as `w,h`. Both names point at one file (a hard link costs no space). Needs only the tiles, so it can
 * run while the derivative is written.
 */
export async function linkMaxAliases(outDir: string, full: Size, tileSize: number): Promise<void> {
  const io = pLimit(16);
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

/** The pyramid libvips builds for the iiif3 layout (halve until one tile holds the level), the listed sizes and `max`. */
function pyramidOf(full: Size, settings: TileSettings, extraSizes: ExtraSizes): { scaleFactors: number[]; sizes: Size[]; max: Size } {
  const scaleFactors = scaleFactorsFor(full, settings.tileSize);
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
export async function joinLevelImages(outDir: string, full: Size, settings: TileSettings, extraSizes: ExtraSizes, joiner?: LevelJoiner): Promise<void> {
  const { scaleFactors, sizes, max } = pyramidOf(full, settings, extraSizes);
  const jobs: LevelJoin[] = [];
  for (const f of impliedSizes(full, sizes, max)) {
    const sf = scaleFactors.find((k) => {
      const level = levelSize(full, k);
      return level.width === f.size.width && level.height === f.size.height;
    });
    const target = path.join(outDir, f.path);
    if (sf === undefined || (await exists(target))) continue;
    const tiles = impliedTiles(full, settings.tileSize, [sf]).map((t) => path.join(outDir, t.path));
    const across = Math.ceil(f.size.width / settings.tileSize);
    jobs.push({ target, rows: Array.from({ length: tiles.length / across }, (_, j) => tiles.slice(j * across, (j + 1) * across)) });
  }
  // A worker that cannot start or dies only costs speed: completeImage renders whatever it did not
  // write, and a half-written file it left aside must not be published with the folder.
  await (joiner ? joiner.join(jobs) : joinLevels(jobs)).catch(() => Promise.all(jobs.map((j) => rm(`${j.target}.tmp`, { force: true }))));
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
  const wanted: Level0File[] = [...impliedTiles(full, settings.tileSize, scaleFactors), ...impliedSizes(full, sizes, max)];

  // Hundreds of small file-system calls: issued a few at a time rather than one after another.
  const io = pLimit(16);
  const missing = (await Promise.all(wanted.map((f) => io(async () => ((await exists(path.join(outDir, f.path))) ? undefined : f))))).filter(
    (f) => f !== undefined,
  );
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
    '@context': 'http://iiif.io/api/image/3/context.json',
    id: serviceId,
    type: 'ImageService3',
    protocol: 'http://iiif.io/api/image',
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
