// IIIF Image API 3.0 request parsing for the image route: turns the untrusted region, size, rotation
// and quality.format path segments into exact pixel operations on one image, following §4 of the
// spec (clipping at the edge, 400 for empty regions, upscaling only with `^`, server limits), and
// computes the canonical URI form (§4.8) so the fast path can find pre-made files and caches share keys.
import type { Size, SizeLimits } from '../../manifests/image/levels.ts';
import { FORMATS, QUALITIES, type Format, type ImageOperation, type Quality } from '../../manifests/image/request.ts';
import { HttpError } from '../errors.ts';
/** Formats the spec names that this server does not produce. */
const KNOWN_UNSUPPORTED_FORMATS = ['tif', 'gif', 'jp2', 'pdf'];

export interface ImageRequestParams {
  region: string;
  size: string;
  rotation: string;
  /** `quality.format`, e.g. `default.jpg`. */
  qualityFormat: string;
}

export interface ImageRequest extends ImageOperation {
  /** Canonical parameter values (§4.8) and `region/size/rotation/quality.format`. */
  canonical: { region: string; size: string; rotation: string; quality: Quality; format: Format; path: string };
}

const bad = (part: string, message: string) => new HttpError(400, `${part}: ${message}`);

const INT = /^\d{1,10}$/;
const DECIMAL = /^(?:\d{1,10}(?:\.\d{1,10})?|\.\d{1,10})$/;

function pixelInt(part: string, text: string, what: string): number {
  if (!INT.test(text)) throw bad(part, `${what} must be a non-negative integer (got ${JSON.stringify(text)})`);
  return Number(text);
}

function decimal(part: string, text: string, what: string): number {
  if (!DECIMAL.test(text)) throw bad(part, `${what} must be a number of decimal digits and "." (got ${JSON.stringify(text)})`);
  return Number(text);
}

/** The spec's float form: integer when possible, no trailing zeros, leading 0 below 1. */
export function canonicalNumber(text: string): string {
  const [intPart = '', frac = ''] = text.split('.');
  const i = intPart.replace(/^0+(?=\d)/, '') || '0';
  const f = frac.replace(/0+$/, '');
  return f === '' ? i : `${i}.${f}`;
}

function resolveRegion(text: string, img: Size): { x: number; y: number; w: number; h: number } {
  const { width: W, height: H } = img;
  if (text === 'full') return { x: 0, y: 0, w: W, h: H };
  if (text === 'square') {
    const s = Math.min(W, H);
    return { x: Math.floor((W - s) / 2), y: Math.floor((H - s) / 2), w: s, h: s };
  }
  const pct = text.startsWith('pct:');
  const parts = (pct ? text.slice(4) : text).split(',');
  if (parts.length !== 4) {
    throw bad('region', `expected full, square, x,y,w,h or pct:x,y,w,h (got ${JSON.stringify(text)})`);
  }
  const names = ['x', 'y', 'w', 'h'];
  let x: number, y: number, right: number, bottom: number;
  if (pct) {
    const [px, py, pw, ph] = parts.map((p, i) => decimal('region', p, names[i] ?? '')) as [number, number, number, number];
    if (pw === 0 || ph === 0) throw bad('region', 'width and height must be greater than zero');
    x = Math.round((px * W) / 100);
    y = Math.round((py * H) / 100);
    right = Math.round(((px + pw) * W) / 100);
    bottom = Math.round(((py + ph) * H) / 100);
  } else {
    const [rx, ry, rw, rh] = parts.map((p, i) => pixelInt('region', p, names[i] ?? '')) as [number, number, number, number];
    if (rw === 0 || rh === 0) throw bad('region', 'width and height must be greater than zero');
    x = rx;
    y = ry;
    right = rx + rw;
    bottom = ry + rh;
  }
  if (x >= W || y >= H) throw bad('region', `${JSON.stringify(text)} lies outside the ${W}x${H} image`);
  right = Math.min(right, W);
  bottom = Math.min(bottom, H);
  if (right <= x || bottom <= y) throw bad('region', `${JSON.stringify(text)} is less than one pixel`);
  return { x, y, w: right - x, h: bottom - y };
}

/** Largest size of a region within the limits; with `up`, scaled up to them too. */
export function fitToLimits(rw: number, rh: number, limits: SizeLimits, up: boolean): { w: number; h: number } {
  const s = Math.min(up ? Infinity : 1, limits.maxWidth / rw, limits.maxHeight / rh, Math.sqrt(limits.maxArea / (rw * rh)));
  if (s === 1) return { w: rw, h: rh };
  let w = Math.min(limits.maxWidth, Math.max(1, Math.round(rw * s)));
  let h = Math.min(limits.maxHeight, Math.max(1, Math.round(rh * s)));
  if (w * h > limits.maxArea) {
    w = Math.max(1, Math.floor(rw * s));
    h = Math.max(1, Math.floor(rh * s));
  }
  return { w, h };
}

/**
 * The width and height of a `w`x`h` image rotated by `degrees` (its bounding box), rounded up: what
 * the response really measures, since the size parameter applies before rotation (§4.3). libvips
 * rounds the exact box to the nearest pixel, so rounding up never under-counts it.
 */
export function rotatedSize(w: number, h: number, degrees: number): { w: number; h: number } {
  const turn = degrees % 180;
  if (turn === 0) return { w, h };
  if (turn === 90) return { w: h, h: w };
  const rad = (degrees * Math.PI) / 180;
  const c = Math.abs(Math.cos(rad));
  const s = Math.abs(Math.sin(rad));
  // The epsilon keeps float noise (1272.0000000001) from adding a pixel.
  return { w: Math.ceil(w * c + h * s - 1e-6), h: Math.ceil(w * s + h * c - 1e-6) };
}

/** Whether a `w`x`h` response is within the server's limits. */
const withinLimits = (w: number, h: number, limits: SizeLimits) => w <= limits.maxWidth && h <= limits.maxHeight && w * h <= limits.maxArea;

/**
 * `size`, shrunk (keeping its proportions) until the image rotated by `degrees` fits the limits.
 * Only for the sizes the server chooses (`max`, `!w,h`): their result is defined as constrained by
 * maxWidth, maxHeight and maxArea (Image API 3 §4.2), and what a client receives is the rotated image.
 */
export function fitRotated(size: { w: number; h: number }, degrees: number, limits: SizeLimits): { w: number; h: number } {
  const box = rotatedSize(size.w, size.h, degrees);
  if (withinLimits(box.w, box.h, limits)) return size;
  // The box grows linearly with the size, so one scale factor fits all three limits; the loop only
  // takes off the pixel that rounding may add.
  let s = Math.min(limits.maxWidth / box.w, limits.maxHeight / box.h, Math.sqrt(limits.maxArea / (box.w * box.h)));
  for (;;) {
    const w = Math.max(1, Math.floor(size.w * s));
    const h = Math.max(1, Math.floor(size.h * s));
    const b = rotatedSize(w, h, degrees);
    if (withinLimits(b.w, b.h, limits) || (w === 1 && h === 1)) return { w, h };
    s *= 0.999;
  }
}

function resolveSize(text: string, rw: number, rh: number, limits: SizeLimits, degrees: number): { w: number; h: number } {
  const up = text.startsWith('^');
  const body = up ? text.slice(1) : text;
  const noUpscale = (w: number, h: number) => {
    if (!up && (w > rw || h > rh)) {
      throw bad('size', `${JSON.stringify(text)} is larger than the ${rw}x${rh} region; prefix it with ^ to upscale`);
    }
    return { w, h };
  };
  if (body === 'max') return fitRotated(fitToLimits(rw, rh, limits, up), degrees, limits);
  if (body.startsWith('pct:')) {
    const n = decimal('size', body.slice(4), 'percentage');
    if (!up && n > 100) throw bad('size', `pct:${body.slice(4)} is over 100; use ^pct: to upscale`);
    return noUpscale(Math.round((rw * n) / 100), Math.round((rh * n) / 100));
  }
  const confined = body.startsWith('!');
  const parts = (confined ? body.slice(1) : body).split(',');
  if (parts.length !== 2) throw bad('size', `expected max, w,, ,h, pct:n, w,h or !w,h, optionally after ^ (got ${JSON.stringify(text)})`);
  const [wt = '', ht = ''] = parts;
  if (confined) {
    const bw = pixelInt('size', wt, 'w');
    const bh = pixelInt('size', ht, 'h');
    if (bw === 0 || bh === 0) throw bad('size', 'w and h must be greater than zero');
    const s = Math.min(up ? Infinity : 1, bw / rw, bh / rh);
    const w = Math.max(1, Math.min(bw, Math.round(rw * s)));
    const h = Math.max(1, Math.min(bh, Math.round(rh * s)));
    return fitRotated(fitToLimits(w, h, limits, false), degrees, limits);
  }
  if (wt === '' && ht === '') throw bad('size', 'give a width, a height or both');
  if (ht === '') {
    const w = pixelInt('size', wt, 'w');
    return noUpscale(w, Math.round((rh * w) / rw));
  }
  if (wt === '') {
    const h = pixelInt('size', ht, 'h');
    return noUpscale(Math.round((rw * h) / rh), h);
  }
  return noUpscale(pixelInt('size', wt, 'w'), pixelInt('size', ht, 'h'));
}

function parseRotation(text: string): { mirror: boolean; degrees: number; canonical: string } {
  const mirror = text.startsWith('!');
  const body = mirror ? text.slice(1) : text;
  if (!DECIMAL.test(body)) throw bad('rotation', `expected degrees from 0 to 360, optionally after ! (got ${JSON.stringify(text)})`);
  const degrees = Number(body);
  if (degrees > 360) throw bad('rotation', `${body} is over 360 degrees`);
  return { mirror, degrees, canonical: `${mirror ? '!' : ''}${canonicalNumber(body)}` };
}

function parseQualityFormat(text: string): { quality: Quality; format: Format } {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) throw bad('quality', `expected quality.format such as default.jpg (got ${JSON.stringify(text)})`);
  const quality = text.slice(0, dot);
  const format = text.slice(dot + 1);
  if (!(QUALITIES as readonly string[]).includes(quality)) {
    throw bad('quality', `${JSON.stringify(quality)} is not one of ${QUALITIES.join(', ')}`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    const why = KNOWN_UNSUPPORTED_FORMATS.includes(format) ? 'is not offered by this server' : 'is not an image format';
    throw bad('format', `${JSON.stringify(format)} ${why}; use ${FORMATS.join(', ')}`);
  }
  return { quality: quality as Quality, format: format as Format };
}

/** Parses and resolves one image request against the image's size and the server's limits. */
export function parseImageRequest(params: ImageRequestParams, img: Size, limits: SizeLimits): ImageRequest {
  const region = resolveRegion(params.region, img);
  const rotation = parseRotation(params.rotation);
  const size = resolveSize(params.size, region.w, region.h, limits, rotation.degrees);
  if (size.w < 1 || size.h < 1) throw bad('size', `${JSON.stringify(params.size)} gives an image less than one pixel`);
  const serverLimits = `the server's limits (maxWidth ${limits.maxWidth}, maxHeight ${limits.maxHeight}, maxArea ${limits.maxArea})`;
  if (!withinLimits(size.w, size.h, limits)) throw bad('size', `${size.w}x${size.h} exceeds ${serverLimits}`);
  // The limits bound what is sent, and rotation enlarges it: an explicit size is what the client
  // asked for exactly, so rather than send another size it is refused (max and !w,h shrank to fit).
  const box = rotatedSize(size.w, size.h, rotation.degrees);
  if (!withinLimits(box.w, box.h, limits)) {
    throw bad('size', `${size.w}x${size.h} rotated by ${rotation.canonical} degrees is ${box.w}x${box.h}, which exceeds ${serverLimits}`);
  }
  const { quality, format } = parseQualityFormat(params.qualityFormat);

  const full = region.x === 0 && region.y === 0 && region.w === img.width && region.h === img.height;
  const canonicalRegion = full ? 'full' : `${region.x},${region.y},${region.w},${region.h}`;
  const upscaled = size.w > region.w || size.h > region.h;
  const max = fitRotated(fitToLimits(region.w, region.h, limits, upscaled), rotation.degrees, limits);
  const sameAsMax = size.w === max.w && size.h === max.h;
  const canonicalSize = upscaled ? (sameAsMax ? '^max' : `^${size.w},${size.h}`) : sameAsMax ? 'max' : `${size.w},${size.h}`;
  const canonical = {
    region: canonicalRegion,
    size: canonicalSize,
    rotation: rotation.canonical,
    quality,
    format,
    path: `${canonicalRegion}/${canonicalSize}/${rotation.canonical}/${quality}.${format}`,
  };
  return { region, size, mirror: rotation.mirror, degrees: rotation.degrees, quality, format, canonical };
}
