// A least-recently-used cache of image bytes bounded in total (RENDER_CACHE_MB): rendered images,
// so repeated requests for the same non-tile region (thumbnails, shared citation links) skip sharp,
// and recently served tile files, so a viewer's burst of tile requests skips the disk. An image
// larger than its entry limit is not kept: one huge one-off render (a full-size PNG, tens of MB) would
// push out thousands of tiles and hold memory long after its reader has gone.
export interface CachedImage {
  body: Buffer;
  contentType: string;
  /** For a file: its validators and until when they are trusted without looking at the file again. */
  file?: { etag: string; lastModified: string; checkedUntil: number };
}

export class RenderCache {
  #entries = new Map<string, CachedImage>();
  #bytes = 0;
  readonly maxBytes: number;
  readonly maxEntryBytes: number;

  /** `maxEntryBytes`: the largest image kept (at most the whole budget). */
  constructor(maxBytes: number, maxEntryBytes = maxBytes) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = Math.min(maxBytes, maxEntryBytes);
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): CachedImage | undefined {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedImage): void {
    const size = value.body.byteLength;
    if (size > this.maxEntryBytes) return;
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#bytes -= old.body.byteLength;
      this.#entries.delete(key);
    }
    this.#entries.set(key, value);
    this.#bytes += size;
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= v.body.byteLength;
    }
  }
}
