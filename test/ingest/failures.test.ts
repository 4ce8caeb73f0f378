// Bad input: each broken item gets a clear error naming the item, the file and the reason, the good
// items still publish, the exit status is non-zero, and a previously published version of an item
// that now fails stays exactly as it was.
import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { checkPublished } from './published-data.ts';
import { SAMPLE_SOURCE } from '../support/inputs.ts';
import { runCli, type CliResult } from './run-cli.ts';

const BASE = 'http://localhost:3000';
const PRINT = path.join(SAMPLE_SOURCE, 'prints-1653-1751', 'images', 'bengel_abriss01_1751-0007.jpg');
// A JPEG named .tif, as most pages of the Kant scan are.
const KANT = path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'images', 'page-0001.tif');

let root: string;
let source: string;
let data: string;
let result: CliResult;
let previousManifest: string;

/** A PNG whose header claims 100000x100000 pixels over a few bytes of data: a decompression bomb. */
function bombPng(): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function item(name: string, files: Record<string, Buffer | string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(source, name, rel);
    await mkdir(path.dirname(file), { recursive: true });
    if (typeof content === 'string' && content.startsWith('/')) await copyFile(content, file);
    else await writeFile(file, content);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-failures-'));
  source = path.join(root, 'source');
  data = path.join(root, 'data');
  await item('good-print', { 'images/page-0001.jpg': PRINT });
  // Published intact first, then its scan is damaged: the old version must survive the failed run.
  await item('damaged-later', { 'images/page-0001.tif': KANT, 'images/page-0002.jpg': PRINT });
  const first = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
  expect(first.code, first.stderr).toBe(0);
  previousManifest = await readFile(dataPaths(data).manifest('damaged-later'), 'utf8');

  const kantBytes = await readFile(KANT);
  await writeFile(path.join(source, 'damaged-later', 'images', 'page-0001.tif'), kantBytes.subarray(0, Math.floor(kantBytes.length * 0.4)));
  await item('truncated-jpeg', { 'images/page-0001.jpg': PRINT });
  await truncate(path.join(source, 'truncated-jpeg', 'images', 'page-0001.jpg'), 200_000);
  await item('zero-bytes', { 'images/page-0001.jpg': Buffer.alloc(0) });
  await item('gif-scan', { 'images/page-0001.tif': await sharp(PRINT).resize(100).gif().toBuffer() });
  await item('bomb', { 'images/page-0001.png': bombPng() });
  await item('bad-mets', { 'mets.xml': '<mets:mets xmlns:mets="http://www.loc.gov/METS/"><mets:dmdSec>', 'images/page-0001.jpg': PRINT });
  await item('dup-a', { 'item.json': JSON.stringify({ id: 'same-id', title: 'Eerste' }), 'images/p1.jpg': PRINT });
  await item('dup-b', { 'item.json': JSON.stringify({ id: 'same-id', title: 'Tweede' }), 'images/p1.jpg': PRINT });
  await item('prints', {
    'items.csv': 'id,file,label\nprint-ok,ok.jpg,Goede prent\nprint-missing,missing.jpg,Verloren prent\n',
    'images/ok.jpg': PRINT,
  });
  result = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const failureLine = (item: string) => result.stderr.split('\n').find((l) => l.startsWith(`  NOT published: ${item}`)) ?? '';

describe('bad input', () => {
  it('exits non-zero and still publishes the good items', async () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed \d+/);
    const collection = JSON.parse(await readFile(dataPaths(data).collection, 'utf8'));
    const ids = collection.items.map((m: { id: string }) => m.id.split('/').at(-2)).sort();
    expect(ids).toEqual(['damaged-later', 'good-print', 'print-ok']);
  });

  it.each([
    ['damaged-later', 'damaged-later/images/page-0001.tif', /could not be decoded.*truncated or corrupt.*premature end/],
    ['truncated-jpeg', 'truncated-jpeg/images/page-0001.jpg', /could not be decoded.*truncated or corrupt.*premature end/],
    ['zero-bytes', 'zero-bytes/images/page-0001.jpg', /empty \(0 bytes\)/],
    ['gif-scan', 'gif-scan/images/page-0001.tif', /unsupported image format "gif" \(supported: JPEG, TIFF, PNG, WebP, JPEG 2000\)$/],
    ['bomb', 'bomb/images/page-0001.png', /100000x100000.*over MAX_IMAGE_PIXELS/],
    ['bad-mets', 'bad-mets/mets.xml', /not well-formed/],
    ['print-missing', 'prints/items.csv', /missing\.jpg/],
  ])('%s fails naming %s', (name, file, reason) => {
    const line = failureLine(name);
    expect(line, result.stderr).not.toBe('');
    expect(line).toContain(file);
    expect(line).toMatch(reason);
  });

  it('refuses two items claiming one id', () => {
    expect(result.stderr).toMatch(/NOT published: same-id.*claimed/);
    expect(result.stderr).not.toMatch(/^ {2}published: .*same-id/m);
  });

  it('keeps the previously published version of an item that now fails, complete and valid', async () => {
    expect(await readFile(dataPaths(data).manifest('damaged-later'), 'utf8')).toBe(previousManifest);
    const report = await checkPublished(data, BASE);
    expect(report.problems).toEqual([]);
    expect(report.manifests.sort()).toEqual(['damaged-later', 'good-print', 'print-ok']);
  });
});
