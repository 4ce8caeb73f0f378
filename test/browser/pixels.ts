// Pixel comparisons for the browser tests: whether what a viewer painted is the page itself, by the
// correlation of the two greyscale images at one small size. A page smeared into streaks or cut
// off keeps brightness but loses the page's layout, so its correlation falls far below a right one.

/** Pearson correlation of two equally long greyscale sample arrays; 0 when either is flat. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`correlation of ${a.length} and ${b.length} samples`);
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The smallest box holding every pixel of an RGBA buffer whose alpha is above half: what a canvas painted. */
export function paintedBox(rgba: ArrayLike<number>, width: number, height: number): Box | undefined {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[(y * width + x) * 4 + 3]! <= 127) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? undefined : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * The part of an `image` that a viewer showed in `box` of its `canvas`, in image pixels. A viewer's
 * initial view centres the page and may overflow the canvas a little on one axis (the painted box
 * then spans that axis): the box's other axis gives the scale, and the overflow is taken as even on
 * both sides. Undefined when the box spans both axes (the scale is then unknown).
 */
export function shownRegion(image: { width: number; height: number }, box: Box, canvas: { width: number; height: number }): Box | undefined {
  const spansX = box.left === 0 && box.width === canvas.width;
  const spansY = box.top === 0 && box.height === canvas.height;
  if (spansX && spansY) return undefined;
  const scale = spansY ? box.width / image.width : box.height / image.height;
  const width = Math.min(image.width, Math.round(box.width / scale));
  const height = Math.min(image.height, Math.round(box.height / scale));
  return { left: Math.round((image.width - width) / 2), top: Math.round((image.height - height) / 2), width, height };
}
