// The reason shown for an image libvips could not read: the first line of its error, unless that is
// a generic line (sharp's failOn line, libvips's "error in tile"), when the line after it is the
// reason; and when libvips's reason was taken by another image processed at the same time, the
// damaged file is read again for it.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { checkImage, decodeFailure, firstLine } from './image-check.ts';

describe('firstLine', () => {
  it.each([
    ['VipsJpeg: Premature end of input file\nvips2png: unable to write', 'VipsJpeg: Premature end of input file'],
    ['Warning treated as error due to failOn setting\nVipsJpeg: Premature end of JPEG file', 'VipsJpeg: Premature end of JPEG file'],
    ['Warning treated as error due to failOn setting', 'Warning treated as error due to failOn setting'],
    ['Warning treated as error due to failOn setting\n', 'Warning treated as error due to failOn setting'],
    ['error in tile 0 x 904\nVipsJpeg: Premature end of JPEG file', 'VipsJpeg: Premature end of JPEG file'],
    ['error in tile 0 x 904', 'error in tile 0 x 904'],
    ['  spaced  \nmore', 'spaced'],
    ['', ''],
  ])('%j gives %j', (message, want) => {
    expect(firstLine(new Error(message))).toBe(want);
  });

  it('reads non-errors as text', () => {
    expect(firstLine('plain\nsecond')).toBe('plain');
  });
});

describe('decodeFailure', () => {
  const PRINT = path.resolve(import.meta.dirname, 'sample/prints-1653-1751/images');
  let dir: string;
  let truncated: string;
  let good: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-image-check-'));
    good = path.join(PRINT, (await readdir(PRINT)).find((f) => f.endsWith('.jpg'))!);
    const bytes = await readFile(good);
    truncated = path.join(dir, 'truncated.jpg');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['Warning treated as error due to failOn setting', 'error in tile 0 x 904'])(
    'reads the file again for the reason another image took from libvips: %s',
    async (generic) => {
      expect(await decodeFailure(truncated, new Error(generic))).toMatch(/premature end/i);
    },
  );

  it('keeps a reason it was given, without reading the file', async () => {
    expect(await decodeFailure(path.join(dir, 'not-there.jpg'), new Error('VipsJpeg: Premature end of input file'))).toBe(
      'VipsJpeg: Premature end of input file',
    );
  });

  it('keeps the generic line when the file reads fine (the failure was elsewhere)', async () => {
    expect(await decodeFailure(good, new Error('Warning treated as error due to failOn setting'))).toBe(
      'Warning treated as error due to failOn setting',
    );
  });
});

describe('checkImage', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-image-check-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the formats it publishes when refusing another', async () => {
    const gif = path.join(dir, 'scan.tif');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .gif()
      .toFile(gif);
    await expect(checkImage(gif, 1e9)).rejects.toThrow(/^unsupported image format "gif" \(supported: JPEG, TIFF, PNG, WebP, JPEG 2000\)$/);
  });

  it('reads a JPEG 2000 from its own header (the bundled libvips has no reader), and names what is missing', async () => {
    const jp2 = path.join(dir, 'scan.jp2');
    // The JP2 signature box and a file-type box, and nothing else.
    await writeFile(jp2, Buffer.from('0000000c6a5020200d0a870a00000014667479706a703220000000006a703220', 'hex'));
    expect(sharp.format.jp2.input.file).toBe(false);
    await expect(checkImage(jp2, 1e9)).rejects.toThrow(/^not a readable JPEG 2000 file \(JP2 file has no header box \(jp2h\)\)$/);
  });

  it('refuses a JPEG 2000 with subsampled colour (4:2:0) before decoding, saying so rather than calling it corrupt', async () => {
    // Planar Y, Cb, Cr: Y at 64x64, Cb and Cr at 32x32, as opj_compress takes raw YCbCr 4:2:0.
    const raw = path.join(dir, 'ycc420.raw');
    await writeFile(raw, Buffer.alloc(64 * 64 + 2 * 32 * 32, 128));
    const jp2 = path.join(dir, 'ycc420.j2k');
    await promisify(execFile)('opj_compress', ['-i', raw, '-o', jp2, '-F', '64,64,3,8,u@1x1:2x2:2x2']);
    await expect(checkImage(jp2, 1e9)).rejects.toThrow(
      /^JPEG 2000 has subsampled components \(one at 1\/2 x 1\/2 of the image\), which the decoder does not read: re-encode the master without subsampling/,
    );
  });
});
