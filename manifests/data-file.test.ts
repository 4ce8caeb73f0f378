// Checked resolution in the data folder: files reached through links that leave it, or that lie in
// its private folders, are treated as missing.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existingFileInside, isInside, privateFolderOf } from './data-file.ts';

describe('isInside', () => {
  it.each([
    ['/data', '/data', true],
    ['/data', '/data/a/b', true],
    ['/data', '/data/../etc', false],
    ['/data', '/database', false],
    ['/data', '/', false],
  ])('%s contains %s: %s', (root, p, ok) => expect(isInside(root, path.resolve(p))).toBe(ok));
});

describe('existingFileInside', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-safe-'));
    await mkdir(path.join(root, 'data', 'sub'), { recursive: true });
    await writeFile(path.join(root, 'data', 'sub', 'ok.json'), '{}');
    await writeFile(path.join(root, 'outside.json'), '{}');
    await symlink(path.join(root, 'outside.json'), path.join(root, 'data', 'sub', 'link.json'));
    await symlink(path.join(root, 'data', 'sub', 'ok.json'), path.join(root, 'data', 'inner-link.json'));
    for (const dir of ['.leeszaal', 'search', 'derivatives']) {
      await mkdir(path.join(root, 'data', dir), { recursive: true });
      await writeFile(path.join(root, 'data', dir, 'private.json'), '{}');
    }
    await symlink(path.join(root, 'data', '.leeszaal'), path.join(root, 'data', 'sub', 'state-link'));
    await symlink(path.join(root, 'data', 'derivatives', 'private.json'), path.join(root, 'data', 'sub', 'derivative-link.json'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds a file inside', async () => {
    expect(await existingFileInside(path.join(root, 'data'), path.join(root, 'data', 'sub', 'ok.json'))).toMatch(/ok\.json$/);
  });
  it('follows links that stay inside', async () => {
    expect(await existingFileInside(path.join(root, 'data'), path.join(root, 'data', 'inner-link.json'))).toMatch(/ok\.json$/);
  });
  it.each([
    ['a link out of the folder', 'data/sub/link.json'],
    ['a path out of the folder', 'outside.json'],
    ['a folder', 'data/sub'],
    ['a missing file', 'data/sub/none.json'],
    ['a null byte', 'data/sub/ok.json\0.png'],
    ['the private state', 'data/.leeszaal/private.json'],
    ['the search index', 'data/search/private.json'],
    ['a derivative', 'data/derivatives/private.json'],
    ['a linked folder that is the private state', 'data/sub/state-link/private.json'],
    ['a link to a derivative', 'data/sub/derivative-link.json'],
  ])('refuses %s', async (_what, rel) => {
    expect(await existingFileInside(path.join(root, 'data'), path.join(root, rel))).toBeUndefined();
  });
  it('lets the renderer read its derivatives, and nothing else private', async () => {
    const data = path.join(root, 'data');
    expect(await existingFileInside(data, path.join(data, 'derivatives', 'private.json'), 'derivatives')).toMatch(/private\.json$/);
    expect(await existingFileInside(data, path.join(data, '.leeszaal', 'private.json'), 'derivatives')).toBeUndefined();
  });
});

describe('private folders', () => {
  it.each([
    ['/data/.leeszaal/state.json', '.leeszaal'],
    ['/data/search/index.sqlite', 'search'],
    ['/data/derivatives/a.tif', 'derivatives'],
    ['/data/records/search/x.json', undefined],
    ['/data/iiif/presentation/kant/manifest.json', undefined],
    ['/data/searching/x', undefined],
  ])('%s lies in %s', (file, folder) => expect(privateFolderOf('/data', file)).toBe(folder));
});
