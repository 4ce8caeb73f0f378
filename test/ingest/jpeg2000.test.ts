// JPEG 2000 pages as archives keep them, made here with OpenJPEG's opj_compress from the bundled Kant
// page: a tiled lossless RGB master with precincts in RPCL order (as Kakadu-made masters are), an
// untiled greyscale raw codestream (.j2k), a 16-bit greyscale one (.jpf), an item whose METS names
// its masters with MIMETYPE image/jp2, and a master carrying its scanner's ICC profile. Each
// publishes through the CLI with the pixels of the same page ingested as a TIFF; a truncated and a
// damaged one fail with the item, file and reason named while the others publish, as every JPEG 2000
// page does when the decoder is not installed; and no decoded intermediate is left behind.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp, { type OutputInfo } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { checkPublished } from './published-data.ts';
import { KANT_ALTO, KANT_PAGE_0017, SAMPLE_SOURCE } from '../support/inputs.ts';
import { runCli, type CliResult } from './run-cli.ts';

const run = promisify(execFile);
const BASE = 'http://localhost:3000';
let root: string;
let source: string;
let data: string;
let result: CliResult;

/**
 * `jp2` with its `colr` box replaced by one carrying `icc` (method 2, a restricted ICC profile), as
 * Kakadu writes a master with its scanner's profile. Boxes: 4-byte length, 4-byte type, contents.
 */
function withIccProfile(jp2: Buffer, icc: Buffer): Buffer {
  const at = jp2.indexOf('jp2h', 0, 'latin1') - 4;
  const end = at + jp2.readUInt32BE(at);
  const inner: Buffer[] = [];
  for (let i = at + 8; i < end; i += jp2.readUInt32BE(i)) {
    if (jp2.toString('latin1', i + 4, i + 8) !== 'colr') inner.push(jp2.subarray(i, i + jp2.readUInt32BE(i)));
    else inner.push(box('colr', Buffer.concat([Buffer.from([2, 0, 0]), icc])));
  }
  return Buffer.concat([jp2.subarray(0, at), box('jp2h', Buffer.concat(inner)), jp2.subarray(end)]);
}

function box(type: string, contents: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + contents.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, contents]);
}

async function page(item: string, name: string): Promise<string> {
  const file = path.join(source, item, 'images', name);
  await mkdir(path.dirname(file), { recursive: true });
  return file;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-jpeg2000-'));
  source = path.join(root, 'source');
  data = path.join(root, 'data');
  // The scan's pixels as they are (no colour management), in formats both encoders read.
  const rgb = path.join(root, 'page.ppm');
  const grey = path.join(root, 'page.pgm');
  const grey16 = path.join(root, 'page16.tif');
  await run('vips', ['copy', KANT_PAGE_0017, rgb]);
  await run('vips', ['extract_band', rgb, grey, '1']);
  // 16 bits spanning the full range: v * 257 maps 0..255 onto 0..65535.
  await run('vips', ['linear', grey, `${root}/page16.v`, '257', '0']);
  await run('vips', ['cast', `${root}/page16.v`, grey16, 'ushort']);

  await run('vips', ['copy', rgb, await page('tiff-rgb', 'page-0001.tif')]);
  await run('vips', ['copy', grey, await page('tiff-grey', 'page-0001.tif')]);
  const master = await page('jp2-rgb', 'page-0001.jp2');
  await run('opj_compress', ['-i', rgb, '-o', master, '-t', '512,512', '-c', '[256,256],[256,256],[128,128]', '-p', 'RPCL', '-n', '6']);
  await run('opj_compress', ['-i', grey, '-o', await page('j2k-grey', 'page-0001.j2k')]);
  // opj_compress names its output formats by extension; a JP2 file is a valid JPX (.jpf) file too.
  await run('opj_compress', ['-i', grey16, '-o', `${root}/page16.jp2`, '-t', '1024,1024']);
  await rename(`${root}/page16.jp2`, await page('jpf-grey16', 'page-0001.jpf'));

  // The sample's METS as a workflow exporting JPEG 2000 masters writes it: MIMETYPE image/jp2.
  const mets = await readFile(path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'mets.xml'), 'utf8');
  for (const n of ['0001', '0016', '0017', '0018']) await copyFile(master, await page('mets-jp2', `page-${n}.jp2`));
  await writeFile(
    path.join(source, 'mets-jp2', 'mets.xml'),
    mets.replaceAll('image/tiff', 'image/jp2').replace(/(images\/page-\d+)\.tif/g, '$1.jp2'),
  );
  await mkdir(path.join(source, 'mets-jp2', 'alto'));
  await copyFile(KANT_ALTO['page-0017'], path.join(source, 'mets-jp2', 'alto', 'page-0017.xml'));

  const bytes = await readFile(master);
  // The scan's own profile (a scanner RGB), in the master and in the TIFF it came from.
  const { icc } = await sharp(KANT_PAGE_0017).metadata();
  await writeFile(await page('jp2-icc', 'page-0001.jp2'), withIccProfile(bytes, icc!));
  await copyFile(KANT_PAGE_0017, await page('tiff-icc', 'page-0001.tif'));
  await writeFile(await page('truncated', 'page-0001.jp2'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  // A tile part whose declared length (Psot) runs far past the file: the header boxes are intact.
  const damaged = Buffer.from(bytes);
  const sot = damaged.indexOf(Buffer.from([0xff, 0x90]), damaged.length >> 1);
  damaged.writeUInt32BE(0x7fffffff, sot + 6);
  await writeFile(await page('damaged', 'page-0001.jp2'), damaged);

  result = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The raw pixels of a published file of an item's first page image, such as a tile's path. */
async function published(item: string, file: string): Promise<{ data: Buffer; info: OutputInfo }> {
  const manifest = JSON.parse(await readFile(dataPaths(data).manifest(item), 'utf8'));
  const service: string = manifest.items[0].items[0].items[0].body.service[0].id;
  return sharp(path.join(dataPaths(data).imageDir(service.split('/').at(-1)!), file))
    .raw()
    .toBuffer({ resolveWithObject: true });
}

const maxDifference = (a: Buffer, b: Buffer) => a.reduce((most, v, i) => Math.max(most, Math.abs(v - b[i]!)), 0);

describe('JPEG 2000 pages', () => {
  it('publish, and the bad ones are named with their reason', () => {
    expect(result.stderr).toMatch(/published 8 item/);
    expect(result.stderr).toMatch(/published mets-jp2 \(4 page\(s\)\)/);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /truncated: .*truncated\/images\/page-0001\.jp2: not a readable JPEG 2000 file \(file is truncated: the jp2c box declares \d+ bytes but only \d+ are there\)/,
    );
    expect(result.stderr).toMatch(
      /damaged: .*damaged\/images\/page-0001\.jp2: JPEG 2000 data could not be decoded; the file may be corrupt \(.*[Tt]ile part length/,
    );
  });

  it('publish completely, with every implied file at its size', async () => {
    const report = await checkPublished(data, BASE);
    expect(report.problems).toEqual([]);
    expect(report.manifests).toHaveLength(8);
  });

  it.each([
    ['jp2-rgb', 'tiff-rgb'],
    ['j2k-grey', 'tiff-grey'],
    ['jpf-grey16', 'tiff-grey'],
  ])('%s has the pixels of the same page as a TIFF (%s)', async (jp2, tiff) => {
    const { width, height } = await sharp(KANT_PAGE_0017).metadata();
    for (const file of ['0,0,512,512/512,512/0/default.jpg', `full/${Math.ceil(width / 4)},${Math.ceil(height / 4)}/0/default.jpg`]) {
      const ours = await published(jp2, file);
      const reference = await published(tiff, file);
      expect(ours.info).toEqual(reference.info);
      expect(maxDifference(ours.data, reference.data)).toBe(0);
    }
  });

  it("converts from the ICC profile of its colr box to sRGB, as from a TIFF's embedded profile", async () => {
    const ours = await published('jp2-icc', '0,0,512,512/512,512/0/default.jpg');
    const reference = await published('tiff-icc', '0,0,512,512/512,512/0/default.jpg');
    const unconverted = await published('jp2-rgb', '0,0,512,512/512,512/0/default.jpg');
    const meanDifference = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    // Two colour engines (Debian's and sharp's lcms2), each output JPEG-coded: a few values apart at most.
    expect(meanDifference(ours.data, reference.data)).toBeLessThan(0.5);
    // The profile matters for this scan: left unconverted, the pixels are several values off.
    expect(meanDifference(unconverted.data, reference.data)).toBeGreaterThan(3);
  });

  it('without the decoder installed, names what to install and still publishes the other pages', async () => {
    const lone = path.join(root, 'no-decoder');
    await mkdir(path.join(lone, 'master', 'images'), { recursive: true });
    await mkdir(path.join(lone, 'scan', 'images'), { recursive: true });
    await copyFile(path.join(source, 'jp2-rgb', 'images', 'page-0001.jp2'), path.join(lone, 'master', 'images', 'page-0001.jp2'));
    await copyFile(path.join(source, 'tiff-grey', 'images', 'page-0001.tif'), path.join(lone, 'scan', 'images', 'page-0001.tif'));
    // Ingest itself is started by absolute path and needs no other program.
    const r = await runCli([lone, '--data', path.join(root, 'no-decoder-data')], { PUBLIC_BASE_URL: BASE, PATH: path.join(root, 'empty-path') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/published scan \(1 page\(s\)\)/);
    expect(r.stderr).toMatch(
      /NOT published: master \(master\/images\/page-0001\.jp2\): JPEG 2000 needs the vips command to decode it: install the Debian package libvips-tools/,
    );
  });

  it('leaves no decoded intermediate behind', async () => {
    const files = await readdir(data, { recursive: true });
    expect(files.filter((f) => f.endsWith('.decoded.tif'))).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });
});
