// `npm run ingest -- . --data ./data` run from the collection folder, twice: the data folder inside
// the source (its state from the first run's start, then its tiles and records) is left out with
// one info line, not scanned as items that fail, and both runs publish every item.
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { SAMPLE_SOURCE } from '../support/inputs.ts';
import { type CliResult, runCli } from './run-cli.ts';

const PRINT = path.join(SAMPLE_SOURCE, 'prints-1653-1751', 'images', 'eiteritz_affe_1719-0206.jpg');

let source: string;
const runs: CliResult[] = [];

beforeAll(async () => {
  source = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-data-inside-'));
  for (const name of ['print-a', 'print-b']) {
    await mkdir(path.join(source, name, 'images'), { recursive: true });
    await copyFile(PRINT, path.join(source, name, 'images', 'page-0001.jpg'));
  }
  for (let i = 0; i < 2; i++) runs.push(await runCli([source, '--data', path.join(source, 'data')], { LOG_LEVEL: 'info' }));
}, 120_000);

afterAll(async () => {
  await rm(source, { recursive: true, force: true });
});

describe('a data folder inside the source folder', () => {
  it.each([0, 1])('run %i publishes both items, reports no failure and says once that it left the data folder out', (run) => {
    const { code, stdout, stderr } = runs[run]!;
    const output = `${stdout}\n${stderr}`;
    expect(code, output).toBe(0);
    expect(output).not.toMatch(/NOT published/);
    expect(output.match(/left out a Leeszaal data folder inside the source/g)).toHaveLength(1);
  });

  it('leaves the published items in place', async () => {
    for (const id of ['print-a', 'print-b']) {
      const manifest = JSON.parse(await readFile(dataPaths(path.join(source, 'data')).manifest(id), 'utf8')) as { items: unknown[] };
      expect(manifest.items).toHaveLength(1);
    }
  });
});
