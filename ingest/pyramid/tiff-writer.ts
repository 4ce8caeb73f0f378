// Writes a tiled, multi-page TIFF whose tiles arrive already JPEG-compressed (TIFF Technical Note 2:
// each tile a complete JPEG stream), one page per pyramid level, largest first, the others marked as
// reduced-resolution images: the layout libvips, libtiff and iipsrv read as a pyramid. Tile data goes
// first, then the directories, so the header is written last: classic TIFF when every offset turned
// out to fit in 32 bits, BigTIFF otherwise.
// No library writes pre-compressed tiles into a TIFF, hence this small writer.
import { open } from 'node:fs/promises';

export interface TiffPage {
  width: number;
  height: number;
  tileSize: number;
  /** 1 (grey) or 3 (YCbCr JPEG). */
  components: 1 | 3;
  /** YCbCr sampling factors of the JPEG streams, for `components` 3: [2, 2] is 4:2:0. */
  sampling: [number, number];
  /** Number of tiles, row by row: ceil(width / tileSize) * ceil(height / tileSize). */
  tileCount: number;
}

const FETCH_AHEAD = 32;
const BATCH_BYTES = 4 * 1024 * 1024;
const PAD = new Uint8Array(1);
/** Tile data starts here, after the larger (BigTIFF) header, whichever header is written in the end. */
const DATA_START = 16;

const SHORT = 3;
const LONG = 4;
const LONG8 = 16;

interface Entry {
  tag: number;
  type: typeof SHORT | typeof LONG | typeof LONG8;
  values: readonly number[];
}

function entriesFor(page: TiffPage, first: boolean, offsets: readonly number[], counts: readonly number[], big: boolean): Entry[] {
  const wide = big ? LONG8 : LONG;
  const entries: Entry[] = [
    { tag: 254, type: LONG, values: [first ? 0 : 1] },
    { tag: 256, type: LONG, values: [page.width] },
    { tag: 257, type: LONG, values: [page.height] },
    { tag: 258, type: SHORT, values: Array<number>(page.components).fill(8) },
    { tag: 259, type: SHORT, values: [7] },
    { tag: 262, type: SHORT, values: [page.components === 3 ? 6 : 1] },
    { tag: 277, type: SHORT, values: [page.components] },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 322, type: LONG, values: [page.tileSize] },
    { tag: 323, type: LONG, values: [page.tileSize] },
    { tag: 324, type: wide, values: offsets },
    { tag: 325, type: wide, values: counts },
  ];
  if (page.components === 3) entries.push({ tag: 530, type: SHORT, values: page.sampling });
  return entries;
}

const sizeOf = (type: Entry['type']) => (type === SHORT ? 2 : type === LONG ? 4 : 8);

/** Bytes of a directory: its count, entries and next offset, then the values too long to go inline. */
function directoryLayout(entries: Entry[], big: boolean): { head: number; length: number } {
  const inline = big ? 8 : 4;
  const head = (big ? 8 : 2) + entries.length * (big ? 20 : 12) + (big ? 8 : 4);
  const extra = entries.reduce((sum, e) => {
    const bytes = e.values.length * sizeOf(e.type);
    return bytes > inline ? sum + bytes + (bytes % 2) : sum;
  }, 0);
  return { head, length: head + extra };
}

/** One directory, its out-of-line values right after it, placed at `at`; `next` is the following directory's offset (0 for none). */
function directory(entries: Entry[], at: number, next: number, big: boolean): Buffer {
  const entrySize = big ? 20 : 12;
  const inline = big ? 8 : 4;
  const { head, length } = directoryLayout(entries, big);
  const buf = Buffer.alloc(length);
  let p = 0;
  if (big) {
    buf.writeBigUInt64LE(BigInt(entries.length), p);
    p += 8;
  } else {
    buf.writeUInt16LE(entries.length, p);
    p += 2;
  }
  let extraAt = head;
  const put = (target: number, type: Entry['type'], values: readonly number[]) => {
    values.forEach((v, i) => {
      const o = target + i * sizeOf(type);
      if (type === SHORT) buf.writeUInt16LE(v, o);
      else if (type === LONG) buf.writeUInt32LE(v, o);
      else buf.writeBigUInt64LE(BigInt(v), o);
    });
  };
  for (const e of entries) {
    buf.writeUInt16LE(e.tag, p);
    buf.writeUInt16LE(e.type, p + 2);
    if (big) buf.writeBigUInt64LE(BigInt(e.values.length), p + 4);
    else buf.writeUInt32LE(e.values.length, p + 4);
    const valueAt = p + (big ? 12 : 8);
    const bytes = e.values.length * sizeOf(e.type);
    if (bytes <= inline) {
      put(valueAt, e.type, e.values);
    } else {
      if (big) buf.writeBigUInt64LE(BigInt(at + extraAt), valueAt);
      else buf.writeUInt32LE(at + extraAt, valueAt);
      put(extraAt, e.type, e.values);
      extraAt += bytes + (bytes % 2);
    }
    p += entrySize;
  }
  if (big) buf.writeBigUInt64LE(BigInt(next), p);
  else buf.writeUInt32LE(next, p);
  return buf;
}

/**
 * Writes `pages` to `file`, asking `tile(page, index)` for each JPEG tile in order. BigTIFF is
 * written when classic TIFF's 32-bit offsets would not reach, or when `bigTiff` asks for it.
 */
export async function writeTiledTiff(
  file: string,
  pages: readonly TiffPage[],
  tile: (page: number, index: number) => Promise<Uint8Array>,
  options: { bigTiff?: boolean } = {},
): Promise<void> {
  for (const p of pages) {
    const grid = Math.ceil(p.width / p.tileSize) * Math.ceil(p.height / p.tileSize);
    if (p.tileCount !== grid) throw new Error(`a ${p.width}x${p.height} page of ${p.tileSize}-pixel tiles has ${grid} tiles, not ${p.tileCount}`);
  }
  const fh = await open(file, 'w');
  try {
    let at = DATA_START;
    const placed = pages.map(() => ({ offsets: [] as number[], counts: [] as number[] }));
    // Tiles are fetched a window ahead (reads and re-encodes overlap) and written in batches.
    const order = pages.flatMap((p, page) => Array.from({ length: p.tileCount }, (_, index) => [page, index] as const));
    const ahead: Promise<Uint8Array>[] = [];
    let next = 0;
    let batch: Uint8Array[] = [];
    let batchAt = at;
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length > 0) await fh.writev(batch, batchAt);
      batch = [];
      batchAt = at;
      batchBytes = 0;
    };
    for (const [page] of order) {
      while (next < order.length && ahead.length < FETCH_AHEAD) {
        const [p, i] = order[next++]!;
        const fetched = tile(p, i);
        fetched.catch(() => undefined);
        ahead.push(fetched);
      }
      const data = await ahead.shift()!;
      placed[page]!.offsets.push(at);
      placed[page]!.counts.push(data.length);
      batch.push(data);
      if (data.length % 2 === 1) batch.push(PAD);
      at += data.length + (data.length % 2);
      batchBytes += data.length;
      if (batchBytes >= BATCH_BYTES) await flush();
    }
    await flush();

    const firstDirectory = at;
    const entriesOf = (big: boolean) => pages.map((page, p) => entriesFor(page, p === 0, placed[p]!.offsets, placed[p]!.counts, big));
    const classicEnd = entriesOf(false).reduce((end, entries) => end + directoryLayout(entries, false).length, firstDirectory);
    const big = options.bigTiff === true || classicEnd >= 2 ** 32;
    for (const [p, entries] of entriesOf(big).entries()) {
      const length = directoryLayout(entries, big).length;
      const dir = directory(entries, at, p + 1 < pages.length ? at + length : 0, big);
      await fh.write(dir, 0, dir.length, at);
      at += length;
    }

    const header = Buffer.alloc(big ? 16 : 8);
    header.write('II', 0, 'latin1');
    if (big) {
      header.writeUInt16LE(43, 2);
      header.writeUInt16LE(8, 4);
      header.writeBigUInt64LE(BigInt(firstDirectory), 8);
    } else {
      header.writeUInt16LE(42, 2);
      header.writeUInt32LE(firstDirectory, 4);
    }
    await fh.write(header, 0, header.length, 0);
  } finally {
    await fh.close();
  }
}
