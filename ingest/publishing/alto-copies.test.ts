import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { publishAltoCopies } from './alto-copies.ts';

const root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-alto-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('publishAltoCopies', () => {
  it('copies each page as received, rewrites only what changed and removes what is gone', async () => {
    const paths = dataPaths(path.join(root, 'data'));
    const staging = path.join(paths.state, 'staging');
    const source = path.join(root, 'source');
    await mkdir(source, { recursive: true });
    const a = path.join(source, 'a.xml');
    const b = path.join(source, 'b.xml');
    await writeFile(a, '<alto>ſ a</alto>');
    await writeFile(b, '<alto>b</alto>');
    const pages = [
      { key: 'page-0001', source: a },
      { key: 'page-0002', source: b },
    ];
    expect(await publishAltoCopies(paths, 'kant', pages, staging)).toBe(2);
    expect(await readFile(paths.alto('kant', 'page-0001'), 'utf8')).toBe('<alto>ſ a</alto>');
    const mtime = (await stat(paths.alto('kant', 'page-0002'))).mtimeMs;

    await writeFile(a, '<alto>a, corrected</alto>');
    expect(await publishAltoCopies(paths, 'kant', pages, staging)).toBe(1);
    expect(await readFile(paths.alto('kant', 'page-0001'), 'utf8')).toBe('<alto>a, corrected</alto>');
    expect((await stat(paths.alto('kant', 'page-0002'))).mtimeMs).toBe(mtime);

    expect(await publishAltoCopies(paths, 'kant', pages.slice(0, 1), staging)).toBe(1);
    expect(await readdir(path.dirname(paths.alto('kant', 'x')))).toEqual(['page-0001.xml']);
    expect(await readdir(staging)).toEqual([]);
  });
});
