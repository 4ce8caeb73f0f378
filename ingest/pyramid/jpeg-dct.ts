// Lossless JPEG operations in the DCT domain, for ingest: nothing is decoded to pixels, each block's
// coefficients are kept bit for bit (only DC differences are re-coded, since the predictor changes
// where blocks get new neighbours).
// - padJpeg widens a tile: a TIFF's edge tiles must have the full tile size, while the published edge
//   tiles are cut to the image. Each added block is flat, the mean of the nearest original block, and
//   invisible, as the TIFF page's size ends where the original pixels do.
// - joinJpegs stitches a pyramid level's tiles into one image (the level's whole-image file, such as
//   full/max): the same pixels as the tiles, with no second generation of JPEG loss.
// Re-encoding through libvips cost ~7 ms per edge tile and a serial decode and encode of 35 Mpx for
// full/max; these take a fraction of that. Pure. Streams using what this does not handle (progressive
// or arithmetic coding, restart intervals, several scans, a missing Huffman code, tiles coded with
// different tables) get `undefined`, and the caller falls back to libvips.
import { isFrameMarker, jpegSegments } from './jpeg-frame.ts';

/** A canonical Huffman table: decode by a 9-bit look-up with a bit-by-bit fallback; encode by symbol. */
interface HuffmanTable {
  lookup: Uint16Array;
  maxCode: Int32Array;
  valOffset: Int32Array;
  values: Uint8Array;
  /** By symbol: its code and code length (0: the symbol has no code). */
  codes: Uint16Array;
  lengths: Uint8Array;
  /**
   * For AC tables, by the next SKIP_BITS bits: as many whole codes with their extra bits as they
   * hold, in one step, as (ends with the end of block << 11) | (coefficients passed << 4) | bits
   * used; 0 when not even one code and its bits fit.
   */
  skip: Uint16Array;
}

const LOOKUP_BITS = 9;
const SKIP_BITS = 12;
const SKIP_EOB = 0x800;

function huffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKUP_BITS);
  const maxCode = new Int32Array(18).fill(-1);
  const valOffset = new Int32Array(18);
  const codes = new Uint16Array(256);
  const lengths = new Uint8Array(256);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1]!;
    valOffset[length] = k - code;
    for (let i = 0; i < n; i++, k++, code++) {
      const symbol = values[k]!;
      codes[symbol] = code;
      lengths[symbol] = length;
      if (length <= LOOKUP_BITS) {
        const shift = LOOKUP_BITS - length;
        for (let fill = 0; fill < 1 << shift; fill++) lookup[(code << shift) | fill] = (length << 8) | symbol;
      }
    }
    if (n > 0) maxCode[length] = code - 1;
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  const skip = new Uint16Array(1 << SKIP_BITS);
  for (let window = 0; window < skip.length; window++) {
    let used = 0;
    let passed = 0;
    let eob = 0;
    // Codes and their extra bits, one after another, while they fit in the window and the block.
    for (;;) {
      let symbol = -1;
      let length = 1;
      for (; length <= SKIP_BITS - used; length++) {
        const code = (window >>> (SKIP_BITS - used - length)) & ((1 << length) - 1);
        if (code <= maxCode[length]!) {
          symbol = values[code + valOffset[length]!]!;
          break;
        }
      }
      if (symbol < 0 || used + length + (symbol & 15) > SKIP_BITS) break;
      const step = symbol === 0x00 ? 0 : symbol === 0xf0 ? 16 : (symbol >> 4) + 1;
      if (passed + step > 63) break;
      used += length + (symbol & 15);
      passed += step;
      if (symbol === 0x00) {
        eob = SKIP_EOB;
        break;
      }
    }
    if (used > 0) skip[window] = eob | (passed << 4) | used;
  }
  return { lookup, maxCode, valOffset, values, codes, lengths, skip };
}

/** Tables by their definition: tiles of one encoder share them, and building one costs ~0.1 ms. */
const tableCache = new Map<string, HuffmanTable>();

function cachedHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const key = Buffer.from(counts).toString('latin1') + Buffer.from(values).toString('latin1');
  let table = tableCache.get(key);
  if (!table) {
    // Streams with tables of their own (optimised coding) would otherwise fill it without end.
    if (tableCache.size >= 32) tableCache.clear();
    table = huffmanTable(counts, values.slice());
    tableCache.set(key, table);
  }
  return table;
}

function unstuff(data: Uint8Array, start: number): { bytes: Uint8Array; bits: number } | undefined {
  // Four spare zero bytes, so that the reader may look ahead past the last one.
  const bytes = new Uint8Array(data.length - start + 4);
  let n = 0;
  let i = start;
  while (i < data.length) {
    // 0xFF is rare in coded data: copy the runs between them whole.
    const ff = data.indexOf(0xff, i);
    const runEnd = ff < 0 ? data.length : ff;
    bytes.set(data.subarray(i, runEnd), n);
    n += runEnd - i;
    i = runEnd;
    if (ff < 0) break;
    const next = data[i + 1];
    if (next === 0x00) {
      bytes[n++] = 0xff;
      i += 2;
    } else if (next === 0xff) {
      i++;
    } else if (next === 0xd9) {
      return { bytes: bytes.subarray(0, n + 4), bits: n * 8 };
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** A component's decoded blocks, row by row: DC values and where each block's AC bits are (in bits). */
interface BlockGrid {
  columns: number;
  rows: number;
  dc: Int32Array;
  acFrom: Int32Array;
  acTo: Int32Array;
}

/** A component of the scan with its Huffman tables and its blocks per MCU (1 x 1 when not interleaved). */
interface ScanComponent {
  h: number;
  v: number;
  dc: HuffmanTable;
  ac: HuffmanTable;
}

interface Header {
  /** Offset of the frame header's fields (after its length), where the size is patched. */
  frameAt: number;
  width: number;
  height: number;
  mcuWidth: number;
  mcuHeight: number;
  components: ScanComponent[];
  /** Offset of the first entropy-coded byte. */
  scanStart: number;
}

/** The markers before the scan, or undefined when the stream is not one this module handles. */
function parseHeader(data: Uint8Array): Header | undefined {
  const dcTables = new Map<number, HuffmanTable>();
  const acTables = new Map<number, HuffmanTable>();
  let frame: { id: number; h: number; v: number }[] = [];
  let frameAt = -1;
  for (const { marker, start, end } of jpegSegments(data)) {
    if (end > data.length) return undefined;
    if (marker === 0xc0 || marker === 0xc1) {
      if (data[start] !== 8) return undefined;
      frameAt = start;
      frame = [];
      for (let c = 0; c < data[start + 5]!; c++) {
        const o = start + 6 + 3 * c;
        frame.push({ id: data[o]!, h: data[o + 1]! >> 4, v: data[o + 1]! & 15 });
      }
    } else if (isFrameMarker(marker)) {
      // Progressive, lossless, 12-bit and arithmetic-coded frames.
      return undefined;
    } else if (marker === 0xc4) {
      for (let o = start; o < end; ) {
        const counts = data.subarray(o + 1, o + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        (data[o]! >> 4 === 0 ? dcTables : acTables).set(data[o]! & 15, cachedHuffmanTable(counts, data.subarray(o + 17, o + 17 + total)));
        o += 17 + total;
      }
    } else if (marker === 0xdd) {
      if ((data[start]! << 8) | data[start + 1]!) return undefined;
    } else if (marker === 0xda) {
      const n = data[start]!;
      const o = start + 1 + 2 * n;
      if (frameAt < 0 || n !== frame.length || data[o] !== 0 || data[o + 1] !== 63 || data[o + 2] !== 0) return undefined;
      // A single-component scan is not interleaved: its MCU is one block, whatever its sampling.
      const single = n === 1;
      const components: ScanComponent[] = [];
      for (let c = 0; c < n; c++) {
        const f = frame.find((x) => x.id === data[start + 1 + 2 * c]);
        const dc = dcTables.get(data[start + 2 + 2 * c]! >> 4);
        const ac = acTables.get(data[start + 2 + 2 * c]! & 15);
        if (!f || !dc || !ac) return undefined;
        components.push({ h: single ? 1 : f.h, v: single ? 1 : f.v, dc, ac });
      }
      return {
        frameAt,
        height: (data[frameAt + 1]! << 8) | data[frameAt + 2]!,
        width: (data[frameAt + 3]! << 8) | data[frameAt + 4]!,
        mcuWidth: 8 * Math.max(...components.map((c) => c.h)),
        mcuHeight: 8 * Math.max(...components.map((c) => c.v)),
        components,
        scanStart: end,
      };
    }
  }
  return undefined;
}

function peekAt(b: Uint8Array, pos: number, n: number): number {
  const i = pos >>> 3;
  return (((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) << (pos & 7)) >>> (32 - n);
}

/** The Huffman code at bit `pos`, as (code length << 8) | symbol, or -1 when no code matches. */
function decodeAt(b: Uint8Array, pos: number, t: HuffmanTable): number {
  const entry = t.lookup[peekAt(b, pos, LOOKUP_BITS)]!;
  if (entry !== 0) return entry;
  const bits = peekAt(b, pos, 16);
  for (let length = LOOKUP_BITS + 1; length <= 16; length++) {
    const code = bits >>> (16 - length);
    if (code <= t.maxCode[length]!) return (length << 8) | t.values[code + t.valOffset[length]!]!;
  }
  return -1;
}

/** Set by skipBlock: the DC difference of the block it passed and where the block's AC bits begin. */
let lastDcDiff = 0;
let lastAcFrom = 0;

/** The bit position after the block at `pos` (a DC difference, then AC codes up to the end of block), or -1. */
function skipBlock(b: Uint8Array, pos: number, dc: HuffmanTable, ac: HuffmanTable): number {
  let symbol = decodeAt(b, pos, dc);
  if (symbol < 0) return -1;
  pos += symbol >> 8;
  const s = symbol & 0xff;
  let diff = 0;
  if (s > 0) {
    diff = peekAt(b, pos, s);
    if (diff < 1 << (s - 1)) diff -= (1 << s) - 1;
    pos += s;
  }
  lastDcDiff = diff;
  lastAcFrom = pos;
  const fast = ac.skip;
  for (let k = 1; k < 64; ) {
    const entry = fast[peekAt(b, pos, SKIP_BITS)]!;
    // A run of codes that stays inside the block: past coefficient 63 the next bits are the next
    // block's, coded with other tables.
    const passed = (entry >> 4) & 0x7f;
    if (entry !== 0 && (entry & SKIP_EOB ? k + passed < 64 : k + passed <= 64)) {
      pos += entry & 15;
      if (entry & SKIP_EOB) break;
      k += passed;
      continue;
    }
    symbol = decodeAt(b, pos, ac);
    if (symbol < 0) return -1;
    pos += symbol >> 8;
    const rs = symbol & 0xff;
    const size = rs & 15;
    if (size === 0) {
      if (rs !== 0xf0) break;
      k += 16;
    } else {
      pos += size;
      k += (rs >> 4) + 1;
    }
  }
  return pos;
}

/**
 * Decodes the block structure of the scan (`bytes`, unstuffed, `bits` long, `mcusX` x `mcusY` MCUs):
 * each block's DC value and where its AC bits lie, and where each MCU starts. Undefined when a code
 * is not in the tables or the data ends early.
 */
function readBlocks(
  header: Header,
  mcusX: number,
  mcusY: number,
  bytes: Uint8Array,
  bits: number,
): { grids: BlockGrid[]; mcuStart: Int32Array } | undefined {
  const grids = header.components.map(({ h, v }): BlockGrid => {
    const columns = mcusX * h;
    const rows = mcusY * v;
    return { columns, rows, dc: new Int32Array(columns * rows), acFrom: new Int32Array(columns * rows), acTo: new Int32Array(columns * rows) };
  });
  const predictors = new Int32Array(grids.length);
  // Where each MCU's bits start, row by row, and (last) where the scan's end.
  const mcuStart = new Int32Array(mcusX * mcusY + 1);
  let pos = 0;
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
      mcuStart[my * mcusX + mx] = pos;
      for (let c = 0; c < grids.length; c++) {
        const { h, v, dc, ac } = header.components[c]!;
        const grid = grids[c]!;
        for (let by = 0; by < v; by++) {
          for (let bx = 0; bx < h; bx++) {
            pos = skipBlock(bytes, pos, dc, ac);
            if (pos < 0 || pos > bits) return undefined;
            const at = (my * v + by) * grid.columns + mx * h + bx;
            const value = predictors[c]! + lastDcDiff;
            predictors[c] = value;
            grid.dc[at] = value;
            grid.acFrom[at] = lastAcFrom;
            grid.acTo[at] = pos;
          }
        }
      }
    }
  }
  mcuStart[mcusX * mcusY] = pos;
  return { grids, mcuStart };
}

/** Bits needed for the magnitude of a DC difference (its Huffman category). */
function category(diff: number): number {
  return diff === 0 ? 0 : 32 - Math.clz32(Math.abs(diff));
}

/** Where one MCU of the output comes from: an MCU of a decoded stream, or a flat copy of it. */
interface McuSource {
  stream: Decoded;
  mx: number;
  my: number;
  /** False: the MCU is added, its blocks flat copies of those at (mx, my). */
  inside: boolean;
}

/** Writes entropy-coded bits MSB first, stuffing a zero byte after each 0xFF. */
class BitWriter {
  private out: Uint8Array;
  private length = 0;
  private acc = 0;
  private held = 0;

  constructor(capacity: number) {
    this.out = new Uint8Array(capacity + 4096);
  }

  /** Makes room for `n` more bytes. */
  private reserve(n: number): void {
    if (this.length + n <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.length + n));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }

  private byte(b: number): void {
    this.reserve(2);
    this.out[this.length++] = b;
    if (b === 0xff) this.out[this.length++] = 0;
  }

  /** Appends the low `n` (0 to 24) bits of `value`. */
  put(value: number, n: number): void {
    this.acc = ((this.acc << n) | (value & ((1 << n) - 1))) >>> 0;
    this.held += n;
    while (this.held >= 8) {
      this.held -= 8;
      this.byte((this.acc >>> this.held) & 0xff);
    }
    this.acc &= (1 << this.held) - 1;
  }

  /** Appends bits [from, to) of `source` (unstuffed, with four spare bytes at its end). */
  copy(source: Uint8Array, from: number, to: number): void {
    let p = from;
    // Complete the byte being written; then each output byte is two source bytes shifted alike,
    // which a plain loop does several times faster than a put() per byte (the bulk of a join).
    if (this.held > 0 && to > p) {
      const n = Math.min(8 - this.held, to - p);
      this.put(peekAt(source, p, n), n);
      p += n;
    }
    const whole = (to - p) >>> 3;
    if (whole > 0) {
      this.reserve(2 * whole);
      const out = this.out;
      let length = this.length;
      const shift = p & 7;
      const back = 8 - shift;
      for (let i = p >>> 3, end = i + whole; i < end; i++) {
        const b = ((source[i]! << shift) | (source[i + 1]! >>> back)) & 0xff;
        out[length++] = b;
        if (b === 0xff) out[length++] = 0;
      }
      this.length = length;
      p += 8 * whole;
    }
    if (to > p) this.put(peekAt(source, p, to - p), to - p);
  }

  /** Pads the last byte with one bits, as the standard asks, and returns the bytes written. */
  finish(): Uint8Array {
    if (this.held > 0) this.put(0x7f, 8 - this.held);
    return this.out.subarray(0, this.length);
  }
}

/**
 * Codes a scan of `mcusX` x `mcusY` MCUs, each taken from `locate(mx, my)`. An MCU that follows its
 * predecessor in the same stream is copied as it is; the first of each run is re-coded, its DC
 * differences now taken from the previous output MCU. Undefined when a table lacks a needed code.
 */
function writeScan(
  header: Header,
  mcusX: number,
  mcusY: number,
  locate: (mx: number, my: number) => McuSource,
  sizeHint: number,
): Uint8Array | undefined {
  const writer = new BitWriter(sizeHint);
  const last = new Int32Array(header.components.length);
  let previous: { stream: Decoded; index: number } | undefined;
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
      const from = locate(mx, my);
      const { grids, bytes, mcuStart } = from.stream;
      const index = from.my * from.stream.mcusX + from.mx;
      if (from.inside && previous?.stream === from.stream && previous.index + 1 === index) {
        writer.copy(bytes, mcuStart[index]!, mcuStart[index + 1]!);
      } else {
        for (let c = 0; c < header.components.length; c++) {
          const { h, v, dc, ac } = header.components[c]!;
          const grid = grids[c]!;
          for (let by = 0; by < v; by++) {
            for (let bx = 0; bx < h; bx++) {
              const at = (from.my * v + by) * grid.columns + from.mx * h + bx;
              const diff = grid.dc[at]! - last[c]!;
              last[c] = grid.dc[at]!;
              const s = category(diff);
              if (dc.lengths[s] === 0) return undefined;
              writer.put(dc.codes[s]!, dc.lengths[s]!);
              if (s > 0) writer.put(diff < 0 ? diff + (1 << s) - 1 : diff, s);
              if (from.inside) writer.copy(bytes, grid.acFrom[at]!, grid.acTo[at]!);
              else if (ac.lengths[0x00] === 0) return undefined;
              else writer.put(ac.codes[0x00]!, ac.lengths[0x00]!);
            }
          }
        }
      }
      // The predictors now hold the DC of each component's last block in this MCU, whichever way it went.
      for (let c = 0; c < header.components.length; c++) {
        const { h, v } = header.components[c]!;
        const grid = grids[c]!;
        last[c] = grid.dc[(from.my * v + v - 1) * grid.columns + from.mx * h + h - 1]!;
      }
      previous = from.inside ? { stream: from.stream, index } : undefined;
    }
  }
  return writer.finish();
}

/** A stream of `header`'s markers (its size set to width x height), then `scan`, then EOI. */
function assemble(data: Uint8Array, header: Header, scan: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(header.scanStart + scan.length + 2);
  out.set(data.subarray(0, header.scanStart));
  out[header.frameAt + 1] = height >> 8;
  out[header.frameAt + 2] = height & 0xff;
  out[header.frameAt + 3] = width >> 8;
  out[header.frameAt + 4] = width & 0xff;
  out.set(scan, header.scanStart);
  out[out.length - 2] = 0xff;
  out[out.length - 1] = 0xd9;
  return out;
}

/** A stream decoded to its block structure. */
interface Decoded {
  header: Header;
  grids: BlockGrid[];
  mcuStart: Int32Array;
  bytes: Uint8Array;
  mcusX: number;
  mcusY: number;
}

function decode(data: Uint8Array): Decoded | undefined {
  const header = parseHeader(data);
  if (!header) return undefined;
  const source = unstuff(data, header.scanStart);
  if (!source) return undefined;
  const mcusX = Math.ceil(header.width / header.mcuWidth);
  const mcusY = Math.ceil(header.height / header.mcuHeight);
  const blocks = readBlocks(header, mcusX, mcusY, source.bytes, source.bits);
  if (!blocks) return undefined;
  return { header, ...blocks, bytes: source.bytes, mcusX, mcusY };
}

/**
 * `data` widened to `width` x `height` pixels (multiples of its MCU size, at least its own size),
 * or undefined when the stream is not one this module handles (see the header).
 */
export function padJpeg(data: Uint8Array, width: number, height: number): Uint8Array | undefined {
  const tile = decode(data);
  if (!tile) return undefined;
  const { header, mcusX, mcusY } = tile;
  if (header.width > width || header.height > height || width % header.mcuWidth !== 0 || height % header.mcuHeight !== 0) return undefined;
  const from: McuSource = { stream: tile, mx: 0, my: 0, inside: true };
  const locate = (mx: number, my: number) => {
    from.inside = mx < mcusX && my < mcusY;
    from.mx = Math.min(mx, mcusX - 1);
    from.my = Math.min(my, mcusY - 1);
    return from;
  };
  const scan = writeScan(header, width / header.mcuWidth, height / header.mcuHeight, locate, data.length * 2);
  return scan && assemble(data, header, scan, width, height);
}

/** The bytes before the scan with the frame's size zeroed: equal for tiles coded alike. */
function codingOf(data: Uint8Array, header: Header): Buffer {
  const bytes = Buffer.from(data.subarray(0, header.scanStart));
  bytes.fill(0, header.frameAt + 1, header.frameAt + 5);
  return bytes;
}

/**
 * One image of the tiles in `rows` (row by row, left to right, as a pyramid level's tiles are),
 * or undefined when they are not tiles of one image coded alike: every tile but the last of a row
 * (column) a whole number of MCUs wide (high), all with the same markers before the scan.
 */
export function joinJpegs(rows: readonly (readonly Uint8Array[])[]): Uint8Array | undefined {
  const tiles: Decoded[][] = [];
  let coding: Buffer | undefined;
  for (const row of rows) {
    const decodedRow: Decoded[] = [];
    for (const data of row) {
      const tile = decode(data);
      if (!tile) return undefined;
      const own = codingOf(data, tile.header);
      coding ??= own;
      if (!own.equals(coding)) return undefined;
      decodedRow.push(tile);
    }
    if (decodedRow.length === 0 || decodedRow.length !== rows[0]!.length) return undefined;
    tiles.push(decodedRow);
  }
  if (tiles.length === 0) return undefined;
  const { mcuWidth, mcuHeight } = tiles[0]![0]!.header;
  const whole = (d: Decoded, last: boolean, side: 'width' | 'height') => last || d.header[side] % (side === 'width' ? mcuWidth : mcuHeight) === 0;
  // Where each column (row) of tiles starts, in MCUs of the joined image.
  const columnStarts = [0];
  for (const [i, t] of tiles[0]!.entries()) {
    if (!whole(t, i === tiles[0]!.length - 1, 'width')) return undefined;
    columnStarts.push(columnStarts.at(-1)! + t.mcusX);
  }
  const rowStarts = [0];
  for (const [j, row] of tiles.entries()) {
    if (!whole(row[0]!, j === tiles.length - 1, 'height')) return undefined;
    if (row.some((t, i) => t.header.width !== tiles[0]![i]!.header.width || t.header.height !== row[0]!.header.height)) return undefined;
    rowStarts.push(rowStarts.at(-1)! + row[0]!.mcusY);
  }
  const width = tiles[0]!.reduce((sum, t) => sum + t.header.width, 0);
  const height = tiles.reduce((sum, row) => sum + row[0]!.header.height, 0);
  if (width > 0xffff || height > 0xffff) return undefined;
  const columnOf = new Int32Array(columnStarts.at(-1)!);
  for (let i = 0; i + 1 < columnStarts.length; i++) columnOf.fill(i, columnStarts[i]!, columnStarts[i + 1]!);
  const rowOf = new Int32Array(rowStarts.at(-1)!);
  for (let j = 0; j + 1 < rowStarts.length; j++) rowOf.fill(j, rowStarts[j]!, rowStarts[j + 1]!);
  const from: McuSource = { stream: tiles[0]![0]!, mx: 0, my: 0, inside: true };
  const locate = (mx: number, my: number) => {
    const i = columnOf[mx]!;
    const j = rowOf[my]!;
    from.stream = tiles[j]![i]!;
    from.mx = mx - columnStarts[i]!;
    from.my = my - rowStarts[j]!;
    return from;
  };
  const first = rows[0]![0]!;
  const sizeHint = rows.reduce((sum, row) => sum + row.reduce((s, d) => s + d.length, 0), 0);
  const scan = writeScan(tiles[0]![0]!.header, columnOf.length, rowOf.length, locate, sizeHint);
  return scan && assemble(first, tiles[0]![0]!.header, scan, width, height);
}
