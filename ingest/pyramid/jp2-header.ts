// Reads what the image check needs from a JPEG 2000 file without decoding it: the size, components,
// bit depth and colour space from the JP2 header boxes (`ihdr`, `colr`, ISO/IEC 15444-1 annex I) or,
// for a raw codestream (.j2k), from its SIZ marker, and the tiling and wavelet from the codestream's
// main header (SIZ, COD), which decide how it can be decoded in bounded memory (jp2-decode.ts). A
// file cut short is told here, from the lengths its boxes declare and the codestream's end marker,
// before any decoder runs. Pure parsers plus one reader that walks the boxes by seeking.
import { open, type FileHandle } from 'node:fs/promises';

export class Jp2Error extends Error {
  override name = 'Jp2Error';
}

export type Jp2Container = 'jp2' | 'jpx' | 'j2k';
/** `colr` box: an enumerated space, an ICC profile, or none given (a raw codestream). */
export type Jp2Colour = 'sRGB' | 'greyscale' | 'sYCC' | 'ICC' | 'other' | 'unspecified';

/** The codestream's main header: image and tile grid (SIZ) and coding style (COD). */
export interface CodestreamHeader {
  width: number;
  height: number;
  components: number;
  /** Bits per sample of the deepest component. */
  bitDepth: number;
  signed: boolean;
  /** The largest horizontal and vertical subsampling of a component (XRsiz, YRsiz), when one is subsampled (YCbCr 4:2:0 is [2, 2]). */
  subsampling?: [number, number];
  tileWidth: number;
  tileHeight: number;
  tilesAcross: number;
  tilesDown: number;
  /** Wavelet decomposition levels and whether the 5-3 reversible (lossless) transform is used, from COD. */
  levels?: number;
  reversible?: boolean;
}

export interface Jp2Header extends CodestreamHeader {
  container: Jp2Container;
  colour: Jp2Colour;
  /** Bytes of the codestream (the `jp2c` box's contents, or the whole .j2k file). */
  codestreamBytes: number;
  /** Where the ICC profile of a `colr` box with one lies in the file. */
  icc?: { offset: number; length: number };
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const SOC = 0xff4f;
const SIZ = 0xff51;
const COD = 0xff52;
const SOT = 0xff90;
const SOD = 0xff93;
const EOC = 0xffd9;
/** A jp2h box bigger than this (ICC profiles are a few kB to a few hundred) is not a header. */
const MAX_HEADER_BOX = 16 * 2 ** 20;
/** The main header holds SIZ first and COD soon after; comments can make it longer. */
const MAIN_HEADER_WINDOW = 64 * 1024;

/** Whether the first bytes of a file are a JP2/JPX file (signature box) or a raw codestream (SOC then SIZ). */
export function jpeg2000Kind(head: Uint8Array): 'boxes' | 'codestream' | undefined {
  if (head.length >= 12 && JP2_SIGNATURE.every((b, i) => head[i] === b)) return 'boxes';
  if (head.length >= 4 && u16(head, 0) === SOC && u16(head, 2) === SIZ) return 'codestream';
  return undefined;
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const fourCc = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** The main header of a codestream starting at `bytes[0]` (SOC), as far as `bytes` holds it. */
export function parseCodestreamHeader(bytes: Uint8Array): CodestreamHeader {
  if (bytes.length < 4 || u16(bytes, 0) !== SOC) throw new Jp2Error('codestream does not start with the SOC marker');
  if (u16(bytes, 2) !== SIZ) throw new Jp2Error('codestream has no SIZ marker after SOC');
  const lsiz = bytes.length >= 6 ? u16(bytes, 4) : 0;
  if (lsiz < 41 || 4 + lsiz > bytes.length) throw new Jp2Error('SIZ marker is cut short');
  const at = 6;
  const [xsiz, ysiz, xosiz, yosiz, xtsiz, ytsiz, xtosiz, ytosiz] = Array.from({ length: 8 }, (_, i) => u32(bytes, at + 2 + 4 * i)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const components = u16(bytes, at + 34);
  if (components < 1 || lsiz !== 38 + 3 * components) throw new Jp2Error(`SIZ marker declares ${components} components in ${lsiz} bytes`);
  const width = xsiz - xosiz;
  const height = ysiz - yosiz;
  if (width <= 0 || height <= 0) throw new Jp2Error(`SIZ marker gives no image area (${xsiz}x${ysiz} from ${xosiz},${yosiz})`);
  if (xtsiz === 0 || ytsiz === 0 || xtosiz > xosiz || ytosiz > yosiz || xtosiz + xtsiz <= xosiz || ytosiz + ytsiz <= yosiz) {
    throw new Jp2Error('SIZ marker has an impossible tile grid');
  }
  let bitDepth = 0;
  let signed = false;
  let [dx, dy] = [1, 1];
  for (let c = 0; c < components; c++) {
    const ssiz = bytes[at + 36 + 3 * c]!;
    bitDepth = Math.max(bitDepth, (ssiz & 0x7f) + 1);
    signed ||= (ssiz & 0x80) !== 0;
    dx = Math.max(dx, bytes[at + 37 + 3 * c]!);
    dy = Math.max(dy, bytes[at + 38 + 3 * c]!);
  }
  if (bitDepth > 38) throw new Jp2Error(`SIZ marker gives ${bitDepth} bits per sample`);
  const header: CodestreamHeader = {
    width,
    height,
    components,
    bitDepth,
    signed,
    ...(dx > 1 || dy > 1 ? { subsampling: [dx, dy] as [number, number] } : {}),
    tileWidth: xtsiz,
    tileHeight: ytsiz,
    tilesAcross: Math.ceil((xsiz - xtosiz) / xtsiz),
    tilesDown: Math.ceil((ysiz - ytosiz) / ytsiz),
  };
  // COD follows somewhere in the main header, which ends at the first tile part (SOT).
  for (let m = 4 + lsiz; m + 4 <= bytes.length; ) {
    const marker = u16(bytes, m);
    if (marker === SOT || marker === SOD || marker === EOC || marker >> 8 !== 0xff) break;
    const length = u16(bytes, m + 2);
    if (marker === COD && length >= 12 && m + 2 + length <= bytes.length) {
      header.levels = bytes[m + 9]!;
      header.reversible = bytes[m + 13] === 1;
      break;
    }
    m += 2 + length;
  }
  return header;
}

/** The `ihdr` box's contents: height, width, components, bits per component (ISO/IEC 15444-1 I.5.3.1). */
export function parseImageHeaderBox(bytes: Uint8Array): { width: number; height: number; components: number } {
  if (bytes.length < 14) throw new Jp2Error('ihdr box is cut short');
  return { height: u32(bytes, 0), width: u32(bytes, 4), components: u16(bytes, 8) };
}

/** The `colr` box's contents: its method and, for an enumerated space, which (I.5.3.3; JPX adds more). */
export function parseColourBox(bytes: Uint8Array): Jp2Colour {
  if (bytes.length < 3) throw new Jp2Error('colr box is cut short');
  const method = bytes[0];
  if (method === 2 || method === 3) return 'ICC';
  if (method !== 1 || bytes.length < 7) return 'other';
  return ({ 16: 'sRGB', 17: 'greyscale', 18: 'sYCC' } as Record<number, Jp2Colour>)[u32(bytes, 3)] ?? 'other';
}

interface Box {
  type: string;
  /** Offset of the contents. */
  start: number;
  /** Offset just past the box (the file's end for a box that runs to it). */
  end: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The boxes in `[from, to)`, read by their headers only. */
async function boxesIn(handle: FileHandle, from: number, to: number): Promise<Box[]> {
  const boxes: Box[] = [];
  for (let at = from; at < to; ) {
    const head = await readAt(handle, at, 16);
    if (head.length < 8) throw new Jp2Error(`file is truncated: a box header at byte ${at} is cut short`);
    const lbox = u32(head, 0);
    const type = fourCc(head, 4);
    let start = at + 8;
    let end: number;
    if (lbox === 1) {
      if (head.length < 16) throw new Jp2Error(`file is truncated: the ${type} box header is cut short`);
      end = at + Number(new DataView(head.buffer, head.byteOffset).getBigUint64(8));
      start = at + 16;
    } else end = lbox === 0 ? to : at + lbox;
    if (end < start) throw new Jp2Error(`${type} box at byte ${at} declares ${lbox} bytes, fewer than its header`);
    if (end > to) throw new Jp2Error(`file is truncated: the ${type} box declares ${end - at} bytes but only ${to - at} are there`);
    boxes.push({ type, start, end });
    at = end;
  }
  return boxes;
}

/** Checks the codestream in `[start, end)` ends with EOC, as every complete one does. */
async function checkEnd(handle: FileHandle, start: number, end: number): Promise<void> {
  const tail = await readAt(handle, end - 2, 2);
  if (end - start < 4 || tail.length < 2 || u16(tail, 0) !== EOC) {
    throw new Jp2Error('file is truncated: the codestream does not end with its EOC marker');
  }
}

/** The header of the JPEG 2000 file `file` (JP2, JPX or a raw codestream), read without decoding it. */
export async function readJp2Header(file: string): Promise<Jp2Header> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const kind = jpeg2000Kind(await readAt(handle, 0, 12));
    if (kind === undefined) throw new Jp2Error('not a JPEG 2000 file (no JP2 signature box and no codestream start)');
    if (kind === 'codestream') {
      const header = parseCodestreamHeader(await readAt(handle, 0, MAIN_HEADER_WINDOW));
      await checkEnd(handle, 0, size);
      return { ...header, container: 'j2k', colour: 'unspecified', codestreamBytes: size };
    }
    const boxes = await boxesIn(handle, 0, size);
    const ftyp = boxes.find((b) => b.type === 'ftyp');
    const brand = ftyp ? fourCc(await readAt(handle, ftyp.start, 4), 0) : '';
    if (boxes.some((b) => b.type === 'ftbl')) {
      throw new Jp2Error('JPX file keeps its codestream in fragments (ftbl box), which the decoder cannot read');
    }
    const jp2h = boxes.find((b) => b.type === 'jp2h');
    const jp2c = boxes.find((b) => b.type === 'jp2c');
    if (!jp2h) throw new Jp2Error('JP2 file has no header box (jp2h)');
    if (!jp2c) throw new Jp2Error('JP2 file has no codestream box (jp2c)');
    if (jp2h.end - jp2h.start > MAX_HEADER_BOX) throw new Jp2Error(`JP2 header box is ${jp2h.end - jp2h.start} bytes, too large to be one`);
    const inside = await boxesIn(handle, jp2h.start, jp2h.end);
    const ihdrBox = inside.find((b) => b.type === 'ihdr');
    if (!ihdrBox) throw new Jp2Error('JP2 header has no image header box (ihdr)');
    const ihdr = parseImageHeaderBox(await readAt(handle, ihdrBox.start, ihdrBox.end - ihdrBox.start));
    // The first colr box is the one a reader must use (I.5.3.3).
    const colrBox = inside.find((b) => b.type === 'colr');
    const colour = colrBox ? parseColourBox(await readAt(handle, colrBox.start, Math.min(colrBox.end - colrBox.start, 7))) : 'unspecified';
    const header = parseCodestreamHeader(await readAt(handle, jp2c.start, Math.min(MAIN_HEADER_WINDOW, jp2c.end - jp2c.start)));
    if (ihdr.width !== header.width || ihdr.height !== header.height) {
      throw new Jp2Error(`ihdr box says ${ihdr.width}x${ihdr.height} but the codestream is ${header.width}x${header.height}`);
    }
    await checkEnd(handle, jp2c.start, jp2c.end);
    // A profile follows the method, precedence and approximation bytes.
    const icc = colour === 'ICC' && colrBox ? { offset: colrBox.start + 3, length: colrBox.end - colrBox.start - 3 } : undefined;
    return { ...header, container: brand === 'jpx ' ? 'jpx' : 'jp2', colour, codestreamBytes: jp2c.end - jp2c.start, ...(icc ? { icc } : {}) };
  } finally {
    await handle.close();
  }
}
