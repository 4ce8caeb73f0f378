// Test helper: proves a data folder is completely and validly published. Every manifest, the
// collection and every annotation page pass validatePresentation; every id lies under the base URL;
// every image a manifest paints has an info.json whose implied level-0 files (each tile, each listed
// size, full/max) exist with exactly the promised pixel size, plus the thumbnail and the derivative.
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { impliedSizes, impliedTiles, type Size } from '../../manifests/image/levels.ts';
import type { ImageInfo3 } from '../../manifests/image/info.ts';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { canvasSizes, validatePresentation } from '../../manifests/validate.ts';

export interface PublishedReport {
  manifests: string[];
  images: number;
  files: number;
  problems: string[];
}

type Json = Record<string, unknown>;

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Collects every string value under `key` anywhere in `json`. */
function valuesOf(json: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(json)) for (const v of json) valuesOf(v, key, out);
  else if (json && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      if (k === key && typeof v === 'string') out.push(v);
      valuesOf(v, key, out);
    }
  }
  return out;
}

export async function checkPublished(dataDir: string, baseUrl: string, opts: { pixelSizes?: boolean } = {}): Promise<PublishedReport> {
  const paths = dataPaths(dataDir);
  const urls = publicUrls(baseUrl);
  const problems: string[] = [];
  const report: PublishedReport = { manifests: [], images: 0, files: 0, problems };
  const toPath = (url: string): string | undefined => {
    if (!url.startsWith(`${urls.base}/`)) return undefined;
    return path.join(paths.root, url.slice(urls.base.length + 1).split('#')[0]!);
  };

  const collection = JSON.parse(await readFile(paths.collection, 'utf8')) as Json;
  const cv = validatePresentation(collection, { baseUrl: urls.base });
  if (!cv.ok) problems.push(`collection: ${cv.errors.join('; ')}`);
  for (const ref of (collection.items as Json[]) ?? []) {
    const file = toPath(String(ref.id));
    if (!file || !(await exists(file))) problems.push(`collection lists missing manifest ${String(ref.id)}`);
    for (const thumb of (ref.thumbnail as Json[]) ?? []) {
      const t = toPath(String(thumb.id));
      if (!t || !(await exists(t))) problems.push(`collection thumbnail missing: ${String(thumb.id)}`);
    }
  }

  const items = (await readdir(paths.presentation, { withFileTypes: true })).filter((d) => d.isDirectory());
  const checkedImages = new Set<string>();
  for (const dir of items) {
    const manifestFile = paths.manifest(dir.name);
    if (!(await exists(manifestFile))) {
      problems.push(`item folder ${dir.name} has no manifest`);
      continue;
    }
    report.manifests.push(dir.name);
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Json;
    const mv = validatePresentation(manifest, { baseUrl: urls.base });
    if (!mv.ok) problems.push(`${dir.name} manifest: ${mv.errors.join('; ')}`);
    const canvases = canvasSizes(manifest);
    // Annotation pages referenced by the manifest (full text) must exist and validate.
    for (const canvas of (manifest.items as Json[]) ?? []) {
      for (const page of (canvas.annotations as Json[]) ?? []) {
        const file = toPath(String(page.id));
        if (!file || !(await exists(file))) {
          problems.push(`${dir.name}: missing annotation page ${String(page.id)}`);
          continue;
        }
        const ap = JSON.parse(await readFile(file, 'utf8')) as Json;
        const av = validatePresentation(ap, { baseUrl: urls.base, canvases });
        if (!av.ok) problems.push(`${dir.name} ${String(page.id)}: ${av.errors.join('; ')}`);
      }
    }
    // Every image service and every static image URL (thumbnails) must be backed by files.
    const services = valuesOf(manifest, 'id').filter((id) => id.startsWith(`${urls.base}/iiif/image/`));
    for (const id of services) {
      const rest = id.slice(`${urls.base}/iiif/image/`.length);
      const imageId = rest.split('/')[0]!;
      if (rest.includes('/')) {
        const file = toPath(id);
        if (!file || !(await exists(file))) problems.push(`${dir.name}: missing image file ${id}`);
        continue;
      }
      if (checkedImages.has(imageId)) continue;
      checkedImages.add(imageId);
      await checkImage(imageId);
    }
  }

  async function checkImage(imageId: string): Promise<void> {
    report.images += 1;
    const dir = paths.imageDir(imageId);
    const infoFile = path.join(dir, 'info.json');
    if (!(await exists(infoFile))) {
      problems.push(`image ${imageId}: no info.json`);
      return;
    }
    if (!(await exists(paths.derivative(imageId)))) problems.push(`image ${imageId}: no derivative TIFF`);
    const info = JSON.parse(await readFile(infoFile, 'utf8')) as ImageInfo3;
    if (info.id !== urls.imageService(imageId)) problems.push(`image ${imageId}: info.json id ${info.id}`);
    if (info['@context'] !== 'http://iiif.io/api/image/3/context.json' || info.profile !== 'level0' || info.type !== 'ImageService3') {
      problems.push(`image ${imageId}: info.json is not a level-0 ImageService3`);
    }
    const full: Size = { width: info.width, height: info.height };
    const tiles = info.tiles[0]!;
    const max = info.maxWidth ? { width: info.maxWidth, height: info.maxHeight! } : full;
    for (const f of [...impliedTiles(full, tiles.width, tiles.scaleFactors), ...impliedSizes(full, info.sizes, max)]) {
      const file = path.join(dir, f.path);
      report.files += 1;
      if (!(await exists(file))) {
        problems.push(`image ${imageId}: missing ${f.path}`);
        continue;
      }
      if (opts.pixelSizes !== false) {
        const m = await sharp(file).metadata();
        if (m.width !== f.size.width || m.height !== f.size.height) {
          problems.push(`image ${imageId}: ${f.path} is ${m.width}x${m.height}`);
        }
      }
    }
  }
  return report;
}

/** Every JSON file published under the data folder (not the private state). */
export async function publishedJsonFiles(dataDir: string): Promise<string[]> {
  const root = path.resolve(dataDir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !path.relative(root, f).startsWith('.leeszaal'));
}
