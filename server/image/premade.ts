// Which published level-0 files could answer an image request (the fast path): a tile on the
// published grid at one of its scale factors, a listed size or pyramid level of the whole image, or
// `full/max` at the published max. Pure arithmetic on the published info.json, so a request that no
// file can answer (most rendered ones) costs no file-system lookup at all.
import { levelSize } from '../../manifests/image/levels.ts';
import type { PublishedImageInfo } from '../../manifests/image/info.ts';
import type { ImageRequest } from './parse-request.ts';

/** What the fast path reads of a published info.json. */
export type PublishedLevel0 = Pick<PublishedImageInfo, 'width' | 'height' | 'sizes' | 'tiles' | 'maxWidth' | 'maxHeight'>;

const file = (region: string, size: string) => `${region}/${size}/0/default.jpg`;

/** Paths, relative to the image folder, of the published files that show exactly what `ir` asks for. */
export function premadeCandidates(info: PublishedLevel0, ir: Pick<ImageRequest, 'region' | 'size' | 'canonical'>): string[] {
  const { canonical, region, size } = ir;
  if (canonical.rotation !== '0' || canonical.quality !== 'default' || canonical.format !== 'jpg' || canonical.size.startsWith('^')) return [];
  const wh = `${size.w},${size.h}`;
  if (canonical.region === 'full') {
    const out: string[] = [];
    const max = { w: info.maxWidth ?? info.width, h: info.maxHeight ?? info.height };
    if (size.w === max.w && size.h === max.h) out.push(file('full', 'max'));
    const listed = (info.sizes ?? []).some((s) => s.width === size.w && s.height === size.h);
    // A pyramid level that fits in one tile is published as that tile, at `full/w,h`.
    const level = (info.tiles ?? []).some((t) =>
      t.scaleFactors.some((sf) => {
        const level = levelSize(info, sf);
        return level.width === size.w && level.height === size.h && level.width <= t.width && level.height <= (t.height ?? t.width);
      }),
    );
    if (listed || level) out.push(file('full', wh));
    return out;
  }
  for (const t of info.tiles ?? []) {
    const tw = t.width;
    const th = t.height ?? t.width;
    for (const sf of t.scaleFactors) {
      const aligned =
        region.x % (tw * sf) === 0 &&
        region.y % (th * sf) === 0 &&
        region.w === Math.min(tw * sf, info.width - region.x) &&
        region.h === Math.min(th * sf, info.height - region.y);
      if (aligned && size.w === Math.ceil(region.w / sf) && size.h === Math.ceil(region.h / sf)) return [file(canonical.region, wh)];
    }
  }
  return [];
}
