// Renders one parsed IIIF image request with sharp, for requests no pre-made tile answers. Reads the
// pyramidal TIFF derivative at the smallest pyramid level that still has enough pixels, so a small
// view of a huge scan decodes only a few tiles; then region, size, mirroring, rotation, quality and
// format in the order the Image API prescribes.
import { stat } from 'node:fs/promises';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import type { Size } from './levels.ts';
import type { ImageOperation } from './request.ts';

/** One resolution of a source image (a pyramid page or sub-IFD, or a single plain image). */
export interface SourceLevel {
  width: number;
  height: number;
  page?: number;
  subifd?: number;
}

export interface ImageSource {
  file: string;
  /** Changes whenever the file is replaced (re-publish), for cache keys and ETags. */
  version: string;
  levels: SourceLevel[];
}

export interface RenderOptions {
  jpegQuality: number;
  timeoutSeconds: number;
}

const MAX_SOURCES = 2000;
/** How long a source's version is trusted before the file is checked again (re-publish replaces files by rename). */
const SOURCE_TTL_MS = 2000;
const sources = new Map<string, { version: string; source: Promise<ImageSource>; until: number }>();

/** Reads (once per file version) the levels of a source image. */
export async function openSource(file: string): Promise<ImageSource> {
  const now = Date.now();
  const known = sources.get(file);
  if (known !== undefined && known.until > now) return known.source;
  const s = await stat(file);
  const version = `${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}`;
  if (known?.version === version) {
    known.until = now + SOURCE_TTL_MS;
    return known.source;
  }
  const source = readLevels(file, version);
  source.catch(() => {
    if (sources.get(file)?.source === source) sources.delete(file);
  });
  if (sources.size >= MAX_SOURCES) sources.clear();
  sources.set(file, { version, source, until: now + SOURCE_TTL_MS });
  return source;
}

async function readLevels(file: string, version: string): Promise<ImageSource> {
  const meta = await sharp(file, { limitInputPixels: false }).metadata();
  const base: SourceLevel = { width: meta.width, height: meta.height };
  const levels: SourceLevel[] = [base];
  const subifds = meta.subifds ?? 0;
  for (let i = 0; i < subifds; i++) {
    const m = await sharp(file, { subifd: i, limitInputPixels: false }).metadata();
    levels.push({ width: m.width, height: m.height, subifd: i });
  }
  if (subifds === 0) {
    for (let page = 1; page < (meta.pages ?? 1); page++) {
      const m = await sharp(file, { page, limitInputPixels: false }).metadata();
      levels.push({ width: m.width, height: m.height, page });
    }
  }
  // Only true reductions of the same picture count as pyramid levels.
  const ratio = base.width / base.height;
  const pyramid = levels.filter((l, i) => i === 0 || (l.width < base.width && Math.abs(l.width / l.height - ratio) < 0.05 * ratio));
  return { file, version, levels: pyramid };
}

/** The smallest level that still has at least as many pixels as the output needs. */
export function chooseLevel(levels: SourceLevel[], full: Size, req: Pick<ImageOperation, 'region' | 'size'>): SourceLevel {
  const needX = req.size.w / req.region.w;
  const needY = req.size.h / req.region.h;
  let best = levels.reduce((a, b) => (b.width > a.width ? b : a));
  // A level one pixel short (pyramid halving rounds odd sizes down) still counts as enough.
  const needW = needX * full.width - 1;
  const needH = needY * full.height - 1;
  for (const level of levels) {
    if (level.width >= needW && level.height >= needH && level.width < best.width) best = level;
  }
  return best;
}

/** Bytes a pixel takes in a render's buffers at most: RGBA (rotations into PNG and WebP add alpha). */
const BYTES_PER_PIXEL = 4;

/**
 * An upper bound of the memory a render holds: the source pixels it decodes at the level it reads,
 * the resized image, and, when mirrored or rotated, that image handed over whole plus its rotated
 * bounding box. The server reserves it from its render budget before starting.
 */
export function renderBytes(req: ImageOperation, full: Size, source: ImageSource): number {
  const level = chooseLevel(source.levels, full, req);
  const decoded = Math.ceil((req.region.w * level.width) / full.width) * Math.ceil((req.region.h * level.height) / full.height);
  const output = req.size.w * req.size.h;
  let pixels = decoded + output;
  const degrees = req.degrees % 360;
  if (req.mirror || degrees !== 0) {
    const rad = (degrees * Math.PI) / 180;
    const c = Math.abs(Math.cos(rad));
    const s = Math.abs(Math.sin(rad));
    pixels += output + Math.ceil(req.size.w * c + req.size.h * s) * Math.ceil(req.size.w * s + req.size.h * c);
  }
  return pixels * BYTES_PER_PIXEL;
}

/** Renders the request from `source`, whose level 0 shows the `full`-sized image. */
export async function render(req: ImageOperation, full: Size, source: ImageSource, options: RenderOptions): Promise<Buffer> {
  const level = chooseLevel(source.levels, full, req);
  const fx = level.width / full.width;
  const fy = level.height / full.height;
  const left = Math.min(level.width - 1, Math.floor(req.region.x * fx));
  const top = Math.min(level.height - 1, Math.floor(req.region.y * fy));
  const right = Math.max(left + 1, Math.min(level.width, Math.ceil((req.region.x + req.region.w) * fx)));
  const bottom = Math.max(top + 1, Math.min(level.height, Math.ceil((req.region.y + req.region.h) * fy)));

  // Random access: a request reads a few tiles from anywhere in the page, not the page top to bottom.
  const open: SharpOptions = { limitInputPixels: false, sequentialRead: false };
  if (level.page !== undefined) open.page = level.page;
  if (level.subifd !== undefined) open.subifd = level.subifd;
  const timeout = { seconds: options.timeoutSeconds };
  let img: Sharp = sharp(source.file, open)
    .timeout(timeout)
    .extract({ left, top, width: right - left, height: bottom - top })
    .resize(req.size.w, req.size.h, { fit: 'fill' });

  const degrees = req.degrees % 360;
  if (req.mirror || degrees !== 0) {
    // sharp orders operations itself; a raw hand-over keeps region and size strictly before rotation.
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).timeout(timeout);
    if (req.mirror) img = img.flop();
    if (degrees !== 0) {
      const transparent = req.format !== 'jpg';
      img = transparent
        ? img.ensureAlpha().rotate(degrees, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
        : img.rotate(degrees, { background: { r: 255, g: 255, b: 255, alpha: 1 } });
    }
  }

  if (req.quality === 'gray') img = img.grayscale().toColourspace('b-w');
  if (req.quality === 'bitonal') img = img.threshold(128, { grayscale: true });

  switch (req.format) {
    case 'jpg':
      // Huffman optimisation off, as for the tiles: a pass less for a few percent more bytes.
      img = img.flatten({ background: '#ffffff' }).jpeg({ quality: options.jpegQuality, optimiseCoding: false });
      break;
    case 'png':
      img = img.png({ compressionLevel: 6 });
      break;
    case 'webp':
      img = img.webp({ quality: options.jpegQuality });
      break;
  }
  return img.toBuffer();
}
