// One page's image for the book PDF, as a JPEG whose long side is at most the size the reader
// picked: a published file (a listed size or `full/max`) when one comes close enough, embedded as
// it is, with no second generation of JPEG loss and no decoding at all; otherwise rendered at that
// size from the pyramidal derivative by the same renderer as the Image API. Never upscaled.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseImageInfo, type PublishedImageInfo } from '../../manifests/image/info.ts';
import { openSource, render } from '../../manifests/image/render.ts';
import type { DataPaths } from '../../manifests/layout.ts';
import { notFound } from '../errors.ts';
import { existingFileInside } from '../../manifests/data-file.ts';

export interface PageJpeg {
  jpeg: Buffer;
  width: number;
  height: number;
}

export interface PageImageOptions {
  jpegQuality: number;
  timeoutSeconds: number;
}

/** A published file is used when its long side is at least this share of the size asked for. */
const CLOSE_ENOUGH = 0.85;

/** Which file to use or size to render for an image described by `info` at long side `size` (pure). */
export function choosePageImage(info: Pick<PublishedImageInfo, 'width' | 'height' | 'sizes' | 'maxWidth' | 'maxHeight'>, size: number) {
  const long = (s: { width: number; height: number }) => Math.max(s.width, s.height);
  const max = { width: info.maxWidth ?? info.width, height: info.maxHeight ?? info.height, file: 'full/max/0/default.jpg' };
  if (long(max) <= size) return { file: max.file, width: max.width, height: max.height };
  const listed = (info.sizes ?? []).map((s) => ({ ...s, file: `full/${s.width},${s.height}/0/default.jpg` })).filter((s) => long(s) <= size);
  const best = listed.reduce<(typeof listed)[number] | undefined>((a, b) => (a === undefined || long(b) > long(a) ? b : a), undefined);
  if (best !== undefined && long(best) >= CLOSE_ENOUGH * size) return { file: best.file, width: best.width, height: best.height };
  const scale = size / long(max);
  return { render: true as const, width: Math.max(1, Math.round(max.width * scale)), height: Math.max(1, Math.round(max.height * scale)) };
}

/** The JPEG of published image `imageId` for a PDF page of long side `size`. */
export async function pageJpeg(paths: DataPaths, imageId: string, size: number, options: PageImageOptions): Promise<PageJpeg> {
  const dir = paths.imageDir(imageId);
  const infoFile = await existingFileInside(paths.root, path.join(dir, 'info.json'));
  if (infoFile === undefined) throw notFound(`image ${imageId} is not published`);
  const info = parseImageInfo(await readFile(infoFile, 'utf8'), `info.json of ${imageId}`);
  const choice = choosePageImage(info, size);
  if (!('render' in choice)) {
    const file = await existingFileInside(paths.root, path.join(dir, choice.file));
    if (file !== undefined) return { jpeg: await readFile(file), width: choice.width, height: choice.height };
  }
  const target = 'render' in choice ? choice : { width: choice.width, height: choice.height };
  for (const candidate of [paths.derivative(imageId), path.join(dir, 'full', 'max', '0', 'default.jpg')]) {
    const real = await existingFileInside(paths.root, candidate);
    if (real === undefined) continue;
    const jpeg = await render(
      {
        region: { x: 0, y: 0, w: info.width, h: info.height },
        size: { w: target.width, h: target.height },
        mirror: false,
        degrees: 0,
        quality: 'default',
        format: 'jpg',
      },
      { width: info.width, height: info.height },
      await openSource(real),
      options,
    );
    return { jpeg, width: target.width, height: target.height };
  }
  throw notFound(`no pixels published for image ${imageId}`);
}
