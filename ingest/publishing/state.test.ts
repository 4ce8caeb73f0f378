// Ingest's state file read back through its one reader: a good file unchanged (older files filled
// in), a missing one a fresh start, and each damage refused naming the file and the field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadState, stateFile } from './state.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-state-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const BASE = 'https://leeszaal.example';
const page = { file: 'images/p1.tif', size: 10, mtimeMs: 1, sha256: 'ab', imageId: 'kant_p1.ab', width: 100, height: 200 };
const good = { version: 1, baseUrl: BASE, items: { kant: { pages: { p1: page }, manifestHash: 'cd', publishedAt: '2026-12-05T03:00:00Z' } } };

async function loadText(text: string) {
  await writeFile(stateFile(dir), text);
  return loadState(dir, BASE);
}

describe('loadState', () => {
  it('starts afresh when there is no state file', async () => {
    expect(await loadState(path.join(dir, 'none'), BASE)).toEqual({ version: 1, baseUrl: BASE, items: {}, retired: {}, bags: {} });
  });

  it('reads a state file, filling in what older files lack', async () => {
    expect(await loadText(JSON.stringify(good))).toEqual({ ...good, retired: {}, bags: {} });
  });

  it.each<[string, string, RegExp]>([
    ['a cut-off file', '{"version": 1, "baseUrl"', /is damaged: not JSON/],
    ['another version', JSON.stringify({ ...good, version: 2 }), /version/],
    [
      'a page without its image',
      JSON.stringify({ ...good, items: { kant: { ...good.items.kant, pages: { p1: { ...page, imageId: undefined } } } } }),
      /items\.kant\.pages\.p1\.imageId/,
    ],
    ['a retirement that is no time', JSON.stringify({ ...good, retired: { old: 'yesterday' } }), /retired\.old/],
  ])('refuses %s, naming the file and the field', async (_what, text, message) => {
    await expect(loadText(text)).rejects.toThrow(message);
    await expect(loadText(text)).rejects.toThrow(`ingest state ${stateFile(dir)} is damaged`);
  });
});
