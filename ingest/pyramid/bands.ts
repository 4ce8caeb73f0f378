// Plans how a large tiled scan is tiled by several libvips pipelines at once, for the tiler
// (tile.ts). libvips decodes an image on one thread per pipeline (for a 140-Mpx JPEG-compressed
// TIFF, 1.7 of the 4.3 CPU-seconds of tiling it), so a single pipeline leaves cores idle. The image
// is cut into horizontal bands whose edges fall on tile edges of every pyramid level up to a
// chosen scale factor, and on even rows of each: a band's tiles of those levels are then exactly
// the whole image's, the same pixels and so the same bytes. The levels above are made afterwards
// from the tiles of that level, a small image.

import type { Size } from '../../manifests/image/levels.ts';

export interface Band {
  top: number;
  height: number;
}

export interface BandPlan {
  bands: Band[];
  /** The largest scale factor whose tiles the bands write; the levels above are made from its tiles. */
  bandScale: number;
}

/** Below this many pixels a second pipeline saves a few tens of milliseconds: not worth its memory. */
export const MIN_BAND_PIXELS = 16_000_000;
/** Most pipelines one image is tiled by. */
const MAX_BANDS = 4;
/**
 * The pipelines' widths added up, at most. A pipeline holds a few rows of tiles of its width: four
 * bands of a 20000x30000 scan peaked at 666 MB resident in all, two at 404 MB.
 */
export const MAX_BANDS_WIDTH = 80_000;

/**
 * Bands for up to `count` pipelines (fewer for a wide image, to bound memory), or undefined when
 * the image is too small or too short to split.
 */
export function planBands(full: Size, tileSize: number, scaleFactors: readonly number[], count: number): BandPlan | undefined {
  count = Math.min(count, MAX_BANDS, Math.floor(MAX_BANDS_WIDTH / full.width));
  if (count < 2 || full.width * full.height < MIN_BAND_PIXELS) return undefined;
  let best: { plan: BandPlan; cost: number } | undefined;
  for (const scale of scaleFactors) {
    if (scale < 2) continue;
    const bands = bandsOf(full.height, tileSize * scale, count);
    if (bands.length < 2) continue;
    // Time in units of one pipeline tiling the whole image: the longest band, then the levels
    // above, made from an image 1/scale² the size, decoded and encoded as the bands were.
    const cost = Math.max(...bands.map((b) => b.height)) / full.height + 1 / (scale * scale);
    if (!best || cost < best.cost) best = { plan: { bands, bandScale: scale }, cost };
  }
  return best?.plan;
}

/** Up to `count` bands of about equal height, cut at multiples of `unit` rows. */
function bandsOf(height: number, unit: number, count: number): Band[] {
  const cuts = [0];
  for (let i = 1; i < count; i++) {
    const cut = Math.round((i * height) / count / unit) * unit;
    if (cut > cuts.at(-1)! && cut < height) cuts.push(cut);
  }
  return cuts.map((top, i) => ({ top, height: (cuts[i + 1] ?? height) - top }));
}
