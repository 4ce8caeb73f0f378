// Symbolic links and hidden page files in a source: never followed or read, always reported with
// the item, the file and the reason, and the other items still read.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceScan } from './source-item.ts';
import { scanSource } from './scan.ts';

const defaults = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };
const MODS = '<mods:mods><mods:titleInfo><mods:title>Boek</mods:title></mods:titleInfo></mods:mods>';
const METS = `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3"><mets:dmdSec ID="D"><mets:mdWrap><mets:xmlData>${MODS}</mets:xmlData></mets:mdWrap></mets:dmdSec></mets:mets>`;

let dir: string;
let outside: string;
let scan: SourceScan;

async function put(file: string, content = 'x'): Promise<void> {
  await mkdir(path.dirname(path.join(dir, 'src', file)), { recursive: true });
  await writeFile(path.join(dir, 'src', file), content);
}
async function link(file: string, target: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, 'src', file)), { recursive: true });
  await symlink(target, path.join(dir, 'src', file));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-links-'));
  outside = path.join(dir, 'outside');
  await mkdir(outside);
  await writeFile(path.join(outside, 'mets.xml'), METS);
  await writeFile(path.join(outside, 'page.jpg'), 'x');
  await writeFile(path.join(outside, 'alto.xml'), '<alto/>');

  await put('linked-mets/images/p1.jpg');
  await link('linked-mets/mets.xml', path.join(outside, 'mets.xml'));
  await put('linked-alto/mets.xml', METS);
  await put('linked-alto/images/p1.jpg');
  await link('linked-alto/alto/p1.xml', path.join(outside, 'alto.xml'));
  await put('linked-image/images/p1.jpg');
  await link('linked-image/images/p2.jpg', path.join(outside, 'page.jpg'));
  await put('linked-folder/p1.jpg');
  await link('linked-folder/images', outside);
  await put('dot-image/images/p1.jpg');
  await put('dot-image/images/..jpg');
  await put('json-link/item.json', JSON.stringify({ pages: [{ file: 'scans/p1.jpg' }] }));
  await link('json-link/scans/p1.jpg', path.join(outside, 'page.jpg'));
  await put('mac-copy/images/p1.jpg');
  await put('mac-copy/images/._p1.jpg');
  await put('good/images/p1.jpg');
  scan = await scanSource(path.join(dir, 'src'), defaults);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('links and hidden files in item folders', () => {
  it.each([
    ['linked-mets', 'linked-mets/mets.xml', /^mets\.xml is a symbolic link; links are not followed/],
    ['linked-alto', 'linked-alto/alto/p1.xml', /^alto\/p1\.xml is a symbolic link/],
    ['linked-image', 'linked-image/images/p2.jpg', /^images\/p2\.jpg is a symbolic link/],
    ['linked-folder', 'linked-folder/images', /^images is a symbolic link/],
    ['dot-image', 'dot-image/images/..jpg', /^images\/\.\.jpg looks like a page or metadata but its name starts with a dot/],
    ['json-link', 'json-link/item.json', /^item\.json pages\[0\]\.file: scans\/p1\.jpg is \(or lies in\) a symbolic link/],
  ])('%s: reported and left out', (item, file, reason) => {
    expect(scan.problems).toContainEqual({ item, file, reason: expect.stringMatching(reason) });
    expect(scan.items.map((i) => i.id)).not.toContain(item);
  });

  it('still reads the other items, and lets macOS resource forks (._name) pass unremarked', () => {
    expect(scan.items.map((i) => i.id).sort()).toEqual(['good', 'mac-copy']);
    expect(scan.problems.filter((p) => p.item === 'mac-copy')).toEqual([]);
  });
});

describe('links beside a collection CSV', () => {
  it('does not take a linked image for a row, and says why', async () => {
    const csvDir = path.join(dir, 'csv');
    await mkdir(path.join(csvDir, 'images'), { recursive: true });
    await writeFile(path.join(csvDir, 'items.csv'), 'id,title,file\nprent-1,Prent,images/a.jpg\n');
    await symlink(path.join(outside, 'page.jpg'), path.join(csvDir, 'images', 'a.jpg'));
    const result = await scanSource(csvDir, defaults);
    expect(result.items).toEqual([]);
    expect(result.problems).toContainEqual({
      item: 'csv',
      file: 'images/a.jpg',
      reason: expect.stringMatching(/^images\/a\.jpg is a symbolic link/),
    });
  });
});
