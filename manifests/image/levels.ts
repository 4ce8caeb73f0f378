// The files a static IIIF Image API 3 level-0 service must hold for one image: every tile implied by
// `tiles` (width + scaleFactors), each size listed in `sizes`, and `full/max`, all at their canonical
// paths. Pure arithmetic shared by the tiler (to complete and verify what libvips wrote) and the tests
// (to prove a published image is complete), so both agree on exactly what a viewer may ask for.

export interface Size {
  width: number;
  height: number;
}

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One file of a level-0 image: the region of the full image it shows and its pixel size. */
export interface Level0File {
  region: Region;
  size: Size;
  /** Canonical path relative to the image folder: `<region>/<w,h>/0/default.jpg`. */
  path: string;
}

/** Size of the image scaled down by a factor, as IIIF and OpenSeadragon compute it (round up). */
export function levelSize(full: Size, scaleFactor: number): Size {
  return { width: Math.ceil(full.width / scaleFactor), height: Math.ceil(full.height / scaleFactor) };
}

/** Scale factors 1, 2, 4, … down to the first level that fits in one tile. */
export function scaleFactorsFor(full: Size, tileSize: number): number[] {
  const factors = [1];
  let f = 1;
  while (true) {
    const s = levelSize(full, f);
    if (s.width <= tileSize && s.height <= tileSize) return factors;
    f *= 2;
    factors.push(f);
  }
}

/** Canonical region segment: `full` when the region is the whole image, else `x,y,w,h`. */
export function regionSegment(full: Size, r: Region): string {
  return r.x === 0 && r.y === 0 && r.w === full.width && r.h === full.height ? 'full' : `${r.x},${r.y},${r.w},${r.h}`;
}

export function filePath(regionSeg: string, sizeSeg: string): string {
  return `${regionSeg}/${sizeSeg}/0/default.jpg`;
}

/** Every tile a client may ask for, given the info.json `tiles` entry. */
export function impliedTiles(full: Size, tileSize: number, scaleFactors: readonly number[]): Level0File[] {
  const files: Level0File[] = [];
  for (const sf of scaleFactors) {
    const step = tileSize * sf;
    for (let y = 0; y < full.height; y += step) {
      for (let x = 0; x < full.width; x += step) {
        const region = { x, y, w: Math.min(step, full.width - x), h: Math.min(step, full.height - y) };
        const size = { width: Math.ceil(region.w / sf), height: Math.ceil(region.h / sf) };
        files.push({ region, size, path: filePath(regionSegment(full, region), `${size.width},${size.height}`) });
      }
    }
  }
  return files;
}

/** The whole-image files: each listed size at `full/w,h` and the largest allowed size at `full/max`. */
export function impliedSizes(full: Size, sizes: readonly Size[], max: Size): Level0File[] {
  const region = { x: 0, y: 0, w: full.width, h: full.height };
  return [
    ...sizes.map((s) => ({ region, size: s, path: filePath('full', `${s.width},${s.height}`) })),
    { region, size: max, path: filePath('full', 'max') },
  ];
}

export interface SizeLimits {
  maxWidth: number;
  maxHeight: number;
  maxArea: number;
}

/**
 * The `max` size under the service's limits: the full size when within them, else the largest
 * pyramid level (full size halved, rounded up) within them, which the tiler renders from one page
 * of the derivative without resampling a larger level.
 */
export function maxSize(full: Size, limits: SizeLimits): Size {
  const fits = (s: Size) => s.width <= limits.maxWidth && s.height <= limits.maxHeight && s.width * s.height <= limits.maxArea;
  let sf = 1;
  while (!fits(levelSize(full, sf)) && (full.width > sf || full.height > sf)) sf *= 2;
  return levelSize(full, sf);
}

/**
 * Sizes to list in info.json: every pyramid level no larger than `largest` on its long side (at least
 * the smallest level), smallest first, never the full size.
 *
 * Only pyramid levels, because OpenSeadragon up to 5 (the one inside Mirador 4) reads `sizes` as the
 * exact sizes of its levels whenever it holds as many entries as there are levels below full, or one
 * more (OpenSeadragon 6 also checks the scale factors). A size that is no level (a thumbnail 200 wide
 * beside the 200x359 level of a 1600x2867 page) then shifts every level: it draws a 400-wide level
 * where the 800-wide one belongs and asks for its tiles with the wrong regions and sizes, so the
 * page is smeared into streaks or cut off. Levels smaller than full, smallest first, are either
 * fewer than OpenSeadragon's count (and ignored) or exactly all of them (and right).
 */
export function listedSizes(full: Size, scaleFactors: readonly number[], largest: number): Size[] {
  const levels = scaleFactors.map((sf) => levelSize(full, sf)).filter((s) => s.width < full.width || s.height < full.height);
  const small = levels.filter((s) => Math.max(s.width, s.height) <= largest);
  const chosen = small.length > 0 ? small : levels.slice(-1);
  return chosen.sort((a, b) => a.width - b.width || a.height - b.height);
}

/** The scale factor whose level `size` is, or undefined when it is no level of `full` (halving, rounded up). */
export function levelScaleFactor(full: Size, size: Size): number | undefined {
  for (let sf = 1; ; sf *= 2) {
    const level = levelSize(full, sf);
    if (level.width === size.width && level.height === size.height) return sf;
    if (level.width < size.width || (level.width === 1 && level.height === 1)) return undefined;
  }
}

/**
 * The pyramid's scale factors: `scaleFactorsFor`'s, continued by halving down to the smallest of
 * `reach` (each of which must be a level), so that a small size other parts link to (the
 * manifests' thumbnail) is a level and may be listed. The extra levels each fit in one tile.
 */
export function pyramidScaleFactors(full: Size, tileSize: number, reach: readonly Size[]): number[] {
  const factors = scaleFactorsFor(full, tileSize);
  for (const size of reach) {
    const sf = levelScaleFactor(full, size);
    if (sf === undefined) throw new RangeError(`${size.width}x${size.height} is no pyramid level of ${full.width}x${full.height}`);
    while (factors.at(-1)! < sf) factors.push(factors.at(-1)! * 2);
  }
  return factors;
}

/** Of `sizes`, those that are levels of the pyramid `scaleFactors` below the full size (what a viewer may take for levels). */
export function levelSizesOnly(full: Size, sizes: readonly Size[], scaleFactors: readonly number[]): Size[] {
  return sizes.filter((s) => {
    const sf = levelScaleFactor(full, s);
    return sf !== undefined && sf > 1 && scaleFactors.includes(sf);
  });
}
