// Image ids: `<itemId>_<pageKey>.<hash>`, where the hash covers the page's content and the settings
// that shape its tiles. A changed scan (or tile size, or JPEG quality) gets a new image folder beside
// the old one, so the manifest switches from the old image to the new one in one rename and no
// viewer ever meets a half-replaced set of tiles.
import { createHash } from 'node:crypto';

/** Bump when the tiler's output changes in a way that needs every image redone (2: info.json lists only pyramid levels). */
const TILER_VERSION = 2;

export interface TileShape {
  tileSize: number;
  quality: number;
}

export function imageIdFor(itemId: string, pageKey: string, contentSha256: string, shape: TileShape): string {
  const hash = createHash('sha256').update(`${contentSha256}\n${shape.tileSize}\n${shape.quality}\n${TILER_VERSION}`).digest('hex').slice(0, 10);
  return `${itemId}_${pageKey}.${hash}`;
}
