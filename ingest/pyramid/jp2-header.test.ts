// The JPEG 2000 header reader: SIZ, COD, ihdr and colr parsed from bytes laid out as ISO/IEC 15444-1
// gives them, and whole files as OpenJPEG writes them (tiled and untiled, 5-3 and 9-7, 8 and 16 bits,
// JP2 and raw codestream), including cut short ones; and which headers are refused for memory.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT_PAGE_0017 } from '../../test/support/inputs.ts';
import { DECODER_BUDGET, decodeJp2, decoderMemory, decoderReason, undecodable } from './jp2-decode.ts';
import { jpeg2000Kind, type Jp2Header, parseCodestreamHeader, parseColourBox, readJp2Header } from './jp2-header.ts';

const run = promisify(execFile);

const be16 = (v: number) => [v >> 8, v & 0xff];
const be32 = (v: number) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

/** SOC, SIZ for an image `w`x`h` on tiles `tw`x`th`, components of `bits` bits, then a COD. */
function codestream(w: number, h: number, tw: number, th: number, bits: number[], cod = true): Uint8Array {
  const siz = [...be16(0), ...[w, h, 0, 0, tw, th, 0, 0].flatMap(be32), ...be16(bits.length), ...bits.flatMap((b) => [b - 1, 1, 1])];
  const codSegment = [0xff, 0x52, ...be16(12), 0, 0, ...be16(1), 0, 5, 4, 4, 0, 1];
  return new Uint8Array([0xff, 0x4f, 0xff, 0x51, ...be16(siz.length + 2), ...siz, ...(cod ? codSegment : []), 0xff, 0x90]);
}

describe('parseCodestreamHeader', () => {
  it.each([
    [
      'untiled RGB',
      codestream(1457, 2083, 1457, 2083, [8, 8, 8]),
      { width: 1457, height: 2083, components: 3, bitDepth: 8, tilesAcross: 1, tilesDown: 1 },
    ],
    ['1024 tiles', codestream(20000, 30000, 1024, 1024, [8]), { width: 20000, tilesAcross: 20, tilesDown: 30, tileWidth: 1024 }],
    ['16-bit grey', codestream(100, 50, 100, 50, [16]), { components: 1, bitDepth: 16, signed: false }],
    ['12-bit with an 8-bit alpha', codestream(10, 10, 10, 10, [12, 12, 12, 8]), { components: 4, bitDepth: 12 }],
    ['COD read', codestream(10, 10, 10, 10, [8]), { levels: 5, reversible: true }],
  ])('%s', (_name, bytes, want) => {
    expect(parseCodestreamHeader(bytes)).toMatchObject(want);
  });

  it("reads the components' subsampling (YCbCr 4:2:0 keeps colour at half size each way)", () => {
    const bytes = codestream(10, 10, 10, 10, [8, 8, 8]);
    // XRsiz and YRsiz of the second and third components (after Ssiz, three bytes a component).
    for (const c of [1, 2]) bytes.set([2, 2], 6 + 36 + 3 * c + 1);
    expect(parseCodestreamHeader(bytes)).toMatchObject({ subsampling: [2, 2] });
    expect(parseCodestreamHeader(codestream(10, 10, 10, 10, [8, 8, 8])).subsampling).toBeUndefined();
  });

  it('leaves the wavelet unknown without COD', () => {
    expect(parseCodestreamHeader(codestream(10, 10, 10, 10, [8], false)).levels).toBeUndefined();
  });

  it.each([
    ['no SOC', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), /does not start with the SOC marker/],
    ['no SIZ', new Uint8Array([0xff, 0x4f, 0xff, 0x52, 0, 12]), /no SIZ marker after SOC/],
    ['SIZ cut short', codestream(10, 10, 10, 10, [8]).subarray(0, 30), /SIZ marker is cut short/],
    ['no area', codestream(0, 10, 10, 10, [8]), /no image area/],
    ['zero tiles', codestream(10, 10, 0, 10, [8]), /impossible tile grid/],
  ])('refuses %s', (_name, bytes, reason) => {
    expect(() => parseCodestreamHeader(bytes)).toThrow(reason);
  });
});

describe('parseColourBox', () => {
  it.each([
    [[1, 0, 0, ...be32(16)], 'sRGB'],
    [[1, 0, 0, ...be32(17)], 'greyscale'],
    [[1, 0, 0, ...be32(18)], 'sYCC'],
    [[1, 0, 0, ...be32(12)], 'other'],
    [[2, 0, 0, 0, 0, 1, 0], 'ICC'],
    [[3, 0, 0], 'ICC'],
    [[4, 0, 0], 'other'],
  ])('%j is %s', (bytes, want) => {
    expect(parseColourBox(new Uint8Array(bytes))).toBe(want);
  });
});

describe('jpeg2000Kind', () => {
  it.each([
    [[0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a], 'boxes'],
    [[0xff, 0x4f, 0xff, 0x51], 'codestream'],
    [[0xff, 0xd8, 0xff, 0xe0], undefined],
    [[0x49, 0x49, 0x2a, 0], undefined],
    [[], undefined],
  ])('%j is %s', (bytes, want) => {
    expect(jpeg2000Kind(new Uint8Array(bytes))).toBe(want);
  });
});

describe('decoderMemory and undecodable', () => {
  const header = (w: number, h: number, tile: number, bits = [8, 8, 8], codestreamBytes = 1): Jp2Header => ({
    ...parseCodestreamHeader(codestream(w, h, tile, tile, bits)),
    container: 'jp2',
    colour: 'sRGB',
    codestreamBytes,
  });
  const MB = 2 ** 20;
  // Peaks of `vips copy` to a tiled TIFF measured on files opj_compress and libvips wrote.
  it.each([
    ['12288x8192 RGB in 4096 tiles', header(12288, 8192, 4096), 707 * MB],
    ['untiled 5828x8332 RGB, lossless', header(5828, 8332, 8332, [8, 8, 8], 75_897_165), 347 * MB],
    ['untiled 10000x10000 RGB, lossless', header(10000, 10000, 10000, [8, 8, 8], 155_651_312), 918 * MB],
    ['untiled 11656x16664 RGB, lossy', header(11656, 16664, 16664, [8, 8, 8], 29_135_224), 1206 * MB],
  ])('%s: estimated at or above what was measured, not far above', (_name, h, measured) => {
    expect(decoderMemory(h)).toBeGreaterThanOrEqual(measured);
    expect(decoderMemory(h)).toBeLessThan(measured * 1.6);
  });
  it.each([
    ['20000x30000 RGB in 1024 tiles', header(20000, 30000, 1024), 150 * MB, 250 * MB],
    ['the same, 16 bits', header(20000, 30000, 1024, [16, 16, 16]), 300 * MB, 450 * MB],
    ['20000x30000 grey in 512 tiles', header(20000, 30000, 512, [8]), 20 * MB, 60 * MB],
  ])('%s: a few rows of tiles', (_name, h, low, high) => {
    expect(decoderMemory(h)).toBeGreaterThan(low);
    expect(decoderMemory(h)).toBeLessThan(high);
  });
  it('takes tiled masters of any height, and untiled ones of a page or two', () => {
    expect(undecodable(header(20000, 300000, 1024))).toBeUndefined();
    expect(undecodable(header(20000, 30000, 1024, [16, 16, 16]))).toBeUndefined();
    expect(undecodable(header(6000, 8000, 8000, [8, 8, 8], 70_000_000))).toBeUndefined();
    expect(decoderMemory(header(6000, 8000, 8000, [8, 8, 8], 70_000_000))).toBeLessThan(DECODER_BUDGET);
  });
  it.each([
    [
      header(20000, 30000, 30000),
      /^JPEG 2000 is not tiled \(one 20000x30000 tile\): decoding it would take about 3719 MB of memory, over the 768 MB allowed; re-encode .*opj_compress -t 1024,1024/,
    ],
    [header(20000, 30000, 4096), /^JPEG 2000 has 4096x4096-pixel tiles on a 20000-pixel width: decoding it would take about \d+ MB/],
  ])('refuses %#, saying why and how to re-encode it', (h, reason) => {
    expect(undecodable(h)).toMatch(reason);
  });
});

describe('decoderReason', () => {
  it.each([
    [
      '(vips:1): VIPS-WARNING **: error in tile 0 x 0\njp2kload: Tile part length size inconsistent\n\njp2kload: Failed to decode',
      'Tile part length size inconsistent',
    ],
    ['vips: unable to write\n', 'vips: unable to write'],
    ['', 'the decoder failed without a reason'],
  ])('%j', (stderr, want) => {
    expect(decoderReason(stderr)).toBe(want);
  });
});

describe('readJp2Header on files OpenJPEG wrote', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-jp2-header-'));
    await run('vips', ['copy', KANT_PAGE_0017, path.join(dir, 'page.ppm')]);
    await run('vips', ['extract_band', path.join(dir, 'page.ppm'), path.join(dir, 'page.pgm'), '0']);
    await run('vips', ['cast', path.join(dir, 'page.pgm'), path.join(dir, 'page16.tif'), 'ushort']);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['tiled.jp2', 'page.ppm', ['-t', '512,512'], { container: 'jp2', colour: 'sRGB', components: 3, tilesAcross: 3, tilesDown: 5, reversible: true }],
    ['lossy.jp2', 'page.ppm', ['-I', '-r', '20', '-n', '7'], { tilesAcross: 1, reversible: false, levels: 6 }],
    ['grey.j2k', 'page.pgm', [], { container: 'j2k', colour: 'unspecified', components: 1, bitDepth: 8 }],
    ['deep.jp2', 'page16.tif', ['-t', '1024,1024'], { colour: 'greyscale', bitDepth: 16, tilesAcross: 2, tilesDown: 3 }],
  ])('%s', async (name, input, args, want) => {
    const file = path.join(dir, name);
    await run('opj_compress', ['-i', path.join(dir, input), '-o', file, ...args]);
    const header = await readJp2Header(file);
    expect(header).toMatchObject({ width: 1457, height: 2083, signed: false, ...want });
    const size = (await readFile(file)).length;
    expect(header.codestreamBytes).toBeGreaterThan(size * 0.9);

    const cut = path.join(dir, `cut-${name}`);
    await writeFile(cut, (await readFile(file)).subarray(0, size - 100));
    await expect(readJp2Header(cut)).rejects.toThrow(/^file is truncated: /);
  });

  it.each([
    // Bitonal masters (newspapers, microfilm) and 4-bit greyscale: the decoder shifts a p-bit value up by 8 - p bits.
    { bits: 1, values: [0, 1], want: [0, 255] },
    { bits: 4, values: [0, 1, 8, 15], want: [0, 17, 136, 255] },
  ])('decodes $bits-bit samples onto the full 8-bit range, white as white', async ({ bits, values, want }) => {
    const raw = path.join(dir, `bits${bits}.raw`);
    const file = path.join(dir, `bits${bits}.jp2`);
    await writeFile(raw, Buffer.from(Array.from({ length: 64 * 64 }, (_, i) => values[i % values.length]!)));
    await run('opj_compress', ['-i', raw, '-o', file, '-F', `64,64,1,${bits},u`]);
    const header = await readJp2Header(file);
    expect(header.bitDepth).toBe(bits);
    const tiff = path.join(dir, `bits${bits}.tif`);
    await decodeJp2(file, header, tiff);
    const pixels = await sharp(tiff).extractChannel(0).raw().toBuffer();
    expect([...pixels.subarray(0, values.length)]).toEqual(want);
  });

  it('reads a codestream box that runs to the end of the file (length 0, as Kakadu writes it)', async () => {
    const bytes = Buffer.from(await readFile(path.join(dir, 'tiled.jp2')));
    const jp2c = bytes.indexOf('jp2c', 0, 'latin1') - 4;
    const declared = await readJp2Header(path.join(dir, 'tiled.jp2'));
    bytes.writeUInt32BE(0, jp2c);
    await writeFile(path.join(dir, 'to-end.jp2'), bytes);
    expect(await readJp2Header(path.join(dir, 'to-end.jp2'))).toEqual(declared);
    await writeFile(path.join(dir, 'to-end-cut.jp2'), bytes.subarray(0, bytes.length - 10));
    await expect(readJp2Header(path.join(dir, 'to-end-cut.jp2'))).rejects.toThrow(
      /^file is truncated: the codestream does not end with its EOC marker$/,
    );
  });

  it('tells a JPX file by its brand and refuses one whose codestream is in fragments', async () => {
    const file = path.join(dir, 'tiled.jp2');
    const bytes = Buffer.from(await readFile(file));
    bytes.write('jpx ', 20, 'latin1');
    await writeFile(path.join(dir, 'brand.jpf'), bytes);
    expect((await readJp2Header(path.join(dir, 'brand.jpf'))).container).toBe('jpx');
    const fragments = Buffer.concat([bytes, Buffer.from([0, 0, 0, 8]), Buffer.from('ftbl', 'latin1')]);
    await writeFile(path.join(dir, 'fragments.jpf'), fragments);
    await expect(readJp2Header(path.join(dir, 'fragments.jpf'))).rejects.toThrow(/in fragments \(ftbl box\)/);
  });
});
