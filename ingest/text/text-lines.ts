// What the full-text readers (ALTO, PAGE XML, hOCR) have in common: the lines and words they
// produce, in the master image's pixels, and how a box recognised on an image of another size (or in
// another unit) is brought onto the master. Pure; the readers and their tests use it.
import type { TextLine as PublishedLine } from '../../manifests/text-page.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface TextWord extends Box {
  text: string;
  /** The recogniser's confidence, 0 to 1, when the source gives one (ALTO `WC`, PAGE `conf`, hOCR `x_wconf` / 100). */
  confidence?: number;
}
/** A published text line (manifests/text-page.ts) with the words the source gives inside it. */
export interface TextLine extends PublishedLine {
  words: TextWord[];
}
export interface PageText {
  lines: TextLine[];
}

/** Sizes this close to the image's are the same pixels (ground truth is often 1 px off). */
const SAME_SIZE_TOLERANCE = 0.01;

/**
 * Factors from source coordinates to master pixels, per axis: master size / source size. When the
 * source gives only one side, the other is taken to scale alike (images are scaled, not stretched);
 * when it gives neither, `perUnit` (1 for pixels). A size within 1% of the master's is the same.
 */
export function scaleFactors(
  image: { width: number; height: number },
  source: { width?: number | undefined; height?: number | undefined },
  perUnit = 1,
): { sx: number; sy: number } {
  const factor = (master: number, size: number | undefined) => (size !== undefined && size > 0 ? master / size : undefined);
  const snap = (f: number) => (perUnit === 1 && Math.abs(f - 1) <= SAME_SIZE_TOLERANCE ? 1 : f);
  const fx = factor(image.width, source.width);
  const fy = factor(image.height, source.height);
  return { sx: snap(fx ?? fy ?? perUnit), sy: snap(fy ?? fx ?? perUnit) };
}

/** Turns source rectangles (x1, y1, x2, y2 in source units) into master pixel boxes, clamped to the image. */
export function boxScaler(image: { width: number; height: number }, factors: { sx: number; sy: number }) {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return (x1: number, y1: number, x2: number, y2: number): Box => {
    const x = clamp(Math.round(Math.min(x1, x2) * factors.sx), image.width);
    const y = clamp(Math.round(Math.min(y1, y2) * factors.sy), image.height);
    const right = clamp(Math.round(Math.max(x1, x2) * factors.sx), image.width);
    const bottom = clamp(Math.round(Math.max(y1, y2) * factors.sy), image.height);
    return { x, y, w: right - x, h: bottom - y };
  };
}

/** The smallest box holding all of `boxes` (at least one). */
export function unionBox(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
}

/** Gives each line an id unique on the page: its own, else `line-<n>`, with `-2`, `-3` … on a repeat. */
export function uniqueLineIds(): (own: string | undefined, index: number) => string {
  const ids = new Set<string>();
  return (own, index) => {
    let id = own || `line-${index + 1}`;
    for (let n = 2; ids.has(id); n++) id = `${own || 'line'}-${n}`;
    ids.add(id);
    return id;
  };
}

/** A number from an attribute or token, or undefined when it is absent or not finite. */
export function num(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
