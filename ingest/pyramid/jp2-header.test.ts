// The JPEG 2000 header reader: SIZ, COD, ihdr and colr parsed from bytes laid out as ISO/IEC 15444-1
// gives them, and whole files as OpenJPEG writes them (tiled and untiled, 5-3 and 9-7, 8 and 16 bits,
// JP2 and raw codestream), including cut short ones; and which headers are refused for memory.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT_PAGE_0017 } from '../../test/support/inputs.ts';
import { decoderReason, UNTILED_MAX_PIXELS, undecodable } from './jp2-decode.ts';
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

describe('undecodable', () => {
  const header = (w: number, h: number, across: number, down: number): Jp2Header => ({
    ...parseCodestreamHeader(codestream(w, h, Math.ceil(w / across), Math.ceil(h / down), [8, 8, 8])),
    container: 'jp2',
    colour: 'sRGB',
    codestreamBytes: 1,
  });
  it('takes any tiled file and untiled ones up to the limit', () => {
    expect(undecodable(header(20000, 30000, 20, 30))).toBeUndefined();
    expect(undecodable(header(10000, UNTILED_MAX_PIXELS / 10000, 1, 1))).toBeUndefined();
  });
  it('refuses a large untiled one, saying how to re-encode it', () => {
    expect(undecodable(header(20000, 30000, 1, 1))).toMatch(
      /^JPEG 2000 is not tiled \(one 20000x30000 tile\).*600 megapixels.*opj_compress -t 1024,1024/,
    );
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
