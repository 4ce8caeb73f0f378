// How the scan reads BagIt bags: a bag whose payload is one item folder is one item named by the
// bag, a bag whose payload holds item folders is a collection, each item carrying its bag so that
// ingest verifies it; a bag that is not complete is reported, by file, and none of its items read.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSource } from './scan.ts';

const defaults = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-bag-scan-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    out.push(...(e.isDirectory() ? await files(root, child) : [child]));
  }
  return out;
}

/** A bag with these payload files (relative to data/) and a SHA-256 manifest of them. */
async function bag(name: string, payload: Record<string, string>, info = ''): Promise<string> {
  const root = path.join(dir, name);
  for (const [rel, text] of Object.entries(payload)) {
    await mkdir(path.dirname(path.join(root, 'data', rel)), { recursive: true });
    await writeFile(path.join(root, 'data', rel), text);
  }
  const listed = (await files(root)).map(
    (f) =>
      `${createHash('sha256')
        .update(payload[f.slice(5)] ?? '')
        .digest('hex')}  ${f}`,
  );
  await writeFile(path.join(root, 'manifest-sha256.txt'), listed.join('\n'));
  await writeFile(path.join(root, 'bagit.txt'), 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n');
  await writeFile(path.join(root, 'bag-info.txt'), info);
  return root;
}

describe('scanning a bag', () => {
  it('reads a bag whose payload is an item folder as one item, named by its External-Identifier', async () => {
    const root = await bag('PPN-1', { 'images/0001.jpg': 'x', 'images/0002.jpg': 'y' }, 'External-Identifier: PPN 745 123\n');
    const scan = await scanSource(root, defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items.map((i) => [i.id, i.folder, i.bag, i.pages.map((p) => p.file)])).toEqual([
      ['ppn-745-123', path.join(root, 'data'), root, ['images/0001.jpg', 'images/0002.jpg']],
    ]);
  });

  it('reads a bag of item folders as a collection, in a collection of its own', async () => {
    const root = await bag('deliveries/levering-2026', { 'brief-1/scan.jpg': 'x', 'brief-2/scan.jpg': 'y' });
    const scan = await scanSource(path.dirname(root), defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items.map((i) => [i.id, i.bag])).toEqual([
      ['brief-1', root],
      ['brief-2', root],
    ]);
  });

  it('reports a bag that is not complete, by file, and reads none of its items', async () => {
    const root = await bag('incomplete', { 'a/scan.jpg': 'x', 'b/scan.jpg': 'y' });
    await writeFile(path.join(root, 'data', 'b', 'late.jpg'), 'z');
    const scan = await scanSource(path.dirname(root), defaults);
    expect(scan.items.filter((i) => i.bag === root)).toEqual([]);
    expect(scan.problems).toContainEqual({
      item: 'incomplete',
      file: 'incomplete/data/b/late.jpg',
      reason: "bag not intact, nothing of it is published: data/b/late.jpg is in the bag's data/ but not listed in manifest-sha256.txt",
    });
  });
});
