// Widens a baseline JPEG tile to a larger size without decoding it, for the derivative writer: a
// TIFF's edge tiles must have the full tile size, while the published edge tiles are cut to the image.
// The tile's own DCT blocks are kept bit for bit (only their DC differences are re-coded, since the
// predictor changes at each new row of blocks), and each added block is flat, the mean of the nearest
// original block: invisible, as the TIFF page's size ends where the original pixels do. Re-encoding
// through libvips cost ~7 ms a tile (mostly per-pipeline overhead) and lost quality; this takes a
// fraction of that. Pure. Streams using what this does not handle (progressive or arithmetic coding,
// restart intervals, several scans, a missing Huffman code) get `undefined`, and the caller re-encodes.

/** A canonical Huffman table: decode by a 9-bit look-up with a bit-by-bit fallback; encode by symbol. */
interface HuffmanTable {
  lookup: Uint16Array;
  maxCode: Int32Array;
  valOffset: Int32Array;
  values: Uint8Array;
  /** By symbol: its code and code length (0: the symbol has no code). */
  codes: Uint16Array;
  lengths: Uint8Array;
}

const LOOKUP_BITS = 9;

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
  return { lookup, maxCode, valOffset, values, codes, lengths };
}

function unstuff(data: Uint8Array, start: number): { bytes: Uint8Array; bits: number } | undefined {
  // Four spare zero bytes, so that the reader may look ahead past the last one.
  const bytes = new Uint8Array(data.length - start + 4);
  let n = 0;
  let i = start;
  while (i < data.length) {
    const b = data[i]!;
    if (b !== 0xff) {
      bytes[n++] = b;
      i++;
      continue;
    }
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

/** A component's decoded blocks, row by row: DC values and where each block's AC bits are. */
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
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  const dcTables = new Map<number, HuffmanTable>();
  const acTables = new Map<number, HuffmanTable>();
  let frame: { id: number; h: number; v: number }[] = [];
  let frameAt = -1;
  let i = 2;
  while (i + 4 <= data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (data[i + 2]! << 8) | data[i + 3]!;
    const start = i + 4;
    const end = i + 2 + length;
    if (length < 2 || end > data.length) return undefined;
    if (marker === 0xc0 || marker === 0xc1) {
      if (data[start] !== 8) return undefined;
      frameAt = start;
      frame = [];
      for (let c = 0; c < data[start + 5]!; c++) {
        const o = start + 6 + 3 * c;
        frame.push({ id: data[o]!, h: data[o + 1]! >> 4, v: data[o + 1]! & 15 });
      }
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return undefined;
    } else if (marker === 0xc4) {
      for (let o = start; o < end; ) {
        const counts = data.subarray(o + 1, o + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        (data[o]! >> 4 === 0 ? dcTables : acTables).set(data[o]! & 15, huffmanTable(counts, data.subarray(o + 17, o + 17 + total)));
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
    i = end;
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
  for (let k = 1; k < 64; ) {
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
 * Decodes the block structure of the scan (`bytes`, unstuffed, `bits` long): each block's DC value
 * and where its AC bits lie. Undefined when a code is not in the tables or the data ends early.
 */
function readBlocks(header: Header, bytes: Uint8Array, bits: number): BlockGrid[] | undefined {
  const mcusX = Math.ceil(header.width / header.mcuWidth);
  const mcusY = Math.ceil(header.height / header.mcuHeight);
  const grids = header.components.map(({ h, v }): BlockGrid => {
    const columns = mcusX * h;
    const rows = mcusY * v;
    return { columns, rows, dc: new Int32Array(columns * rows), acFrom: new Int32Array(columns * rows), acTo: new Int32Array(columns * rows) };
  });
  const predictors = new Int32Array(grids.length);
  let pos = 0;
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
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
  return grids;
}

/** Bits needed for the magnitude of a DC difference (its Huffman category). */
function category(diff: number): number {
  return diff === 0 ? 0 : 32 - Math.clz32(Math.abs(diff));
}

/**
 * Codes the blocks of a `width` x `height` scan: the original blocks where the original MCUs were
 * (AC bits copied from `bytes`), flat copies of the nearest original block elsewhere. Undefined when
 * a table lacks a code this needs.
 */
function writeBlocks(header: Header, grids: BlockGrid[], bytes: Uint8Array, width: number, height: number): Uint8Array | undefined {
  const mcusX = Math.ceil(header.width / header.mcuWidth);
  const mcusY = Math.ceil(header.height / header.mcuHeight);
  let out = new Uint8Array(bytes.length * 2 + 4096);
  let length = 0;
  let acc = 0;
  let held = 0;
  // Appends the low n (0 to 24) bits of value, stuffing a zero byte after each 0xFF.
  const put = (value: number, n: number) => {
    acc = ((acc << n) | (value & ((1 << n) - 1))) >>> 0;
    held += n;
    while (held >= 8) {
      held -= 8;
      const byte = (acc >>> held) & 0xff;
      if (length + 2 > out.length) {
        const grown = new Uint8Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[length++] = byte;
      if (byte === 0xff) out[length++] = 0;
    }
    acc &= (1 << held) - 1;
  };
  const last = new Int32Array(grids.length);
  for (let my = 0; my < height / header.mcuHeight; my++) {
    for (let mx = 0; mx < width / header.mcuWidth; mx++) {
      const inside = my < mcusY && mx < mcusX;
      for (let c = 0; c < grids.length; c++) {
        const { h, v, dc, ac } = header.components[c]!;
        const grid = grids[c]!;
        for (let by = 0; by < v; by++) {
          for (let bx = 0; bx < h; bx++) {
            const at = Math.min(my * v + by, grid.rows - 1) * grid.columns + Math.min(mx * h + bx, grid.columns - 1);
            const diff = grid.dc[at]! - last[c]!;
            last[c] = grid.dc[at]!;
            const s = category(diff);
            if (dc.lengths[s] === 0) return undefined;
            put(dc.codes[s]!, dc.lengths[s]!);
            if (s > 0) put(diff < 0 ? diff + (1 << s) - 1 : diff, s);
            if (inside) {
              let p = grid.acFrom[at]!;
              const to = grid.acTo[at]!;
              for (; to - p >= 24; p += 24) put(peekAt(bytes, p, 24), 24);
              if (to > p) put(peekAt(bytes, p, to - p), to - p);
            } else {
              if (ac.lengths[0x00] === 0) return undefined;
              put(ac.codes[0x00]!, ac.lengths[0x00]!);
            }
          }
        }
      }
    }
  }
  // The last byte is padded with one bits, as the standard asks.
  if (held > 0) put(0x7f, 8 - held);
  return out.subarray(0, length);
}

/**
 * `data` widened to `width` x `height` pixels (multiples of its MCU size, at least its own size),
 * or undefined when the stream is not one this module handles (see the header).
 */
export function padJpeg(data: Uint8Array, width: number, height: number): Uint8Array | undefined {
  const header = parseHeader(data);
  if (!header || header.width > width || header.height > height) return undefined;
  if (width % header.mcuWidth !== 0 || height % header.mcuHeight !== 0) return undefined;
  const source = unstuff(data, header.scanStart);
  if (!source) return undefined;
  const grids = readBlocks(header, source.bytes, source.bits);
  if (!grids) return undefined;
  const scan = writeBlocks(header, grids, source.bytes, width, height);
  if (!scan) return undefined;
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
