// Nothing half-published: an ingest re-publishing changed items is killed (SIGKILL, no chance to
// clean up) at several moments. After every kill each published manifest is either the complete
// previous version or the complete new one, valid, with every file it references present; the next
// run takes over the dead process's lock and finishes the job.
import { copyFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import { REPLACED_IMAGE_GRACE_MS } from '../../manifests/caching.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { checkPublished } from './published-data.ts';
import { runCli, startCli } from './run-cli.ts';

const BASE = 'http://localhost:3000';
const ITEMS = ['bengel-abriss-1751', 'corvinus-frauenzimmer-1715', 'eiteritz-1719', 'kant-aufklaerung-1784'];
let root: string;
let source: string;
let data: string;
/** How long the first, full publication took here: kill moments are fractions of it. */
let fullRunMs: number;

const manifests = async () =>
  Object.fromEntries(await Promise.all(ITEMS.map(async (id) => [id, await readFile(dataPaths(data).manifest(id), 'utf8')] as const)));

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-kill-'));
  source = path.join(root, 'sample');
  data = path.join(root, 'data');
  await cp(SAMPLE_SOURCE, source, { recursive: true });
  const started = Date.now();
  const first = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
  fullRunMs = Date.now() - started;
  expect(first.code, first.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('an ingest killed at any moment', () => {
  it('leaves every item at its complete old or complete new version, and the next run completes', async () => {
    const before = await manifests();
    // The new version: every page rescanned (so re-publishing takes about as long as the first run,
    // and the kills below land while it works), one print's title corrected. Each rescan is another
    // sample scan, read from the pristine sample, not the copy being changed.
    const kantImages = path.join(source, 'kant-aufklaerung-1784', 'images');
    for (const [from, to] of [
      ['0016', '0001'],
      ['0018', '0016'],
      ['0001', '0018'],
      ['0016', '0017'],
    ]) {
      await copyFile(path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'images', `page-${from}.tif`), path.join(kantImages, `page-${to}.tif`));
    }
    const prints = ['bengel_abriss01_1751-0007.jpg', 'corvinus_frauenzimmer_1715-0054.jpg', 'eiteritz_affe_1719-0206.jpg'];
    for (const [i, to] of prints.entries()) {
      const from = prints[(i + 1) % prints.length]!;
      await copyFile(path.join(SAMPLE_SOURCE, 'prints-1653-1751', 'images', from), path.join(source, 'prints-1653-1751', 'images', to));
    }
    const csv = path.join(source, 'prints-1653-1751', 'items.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('Abriß der so genannten Brüdergemeine', 'Abriß der Brüdergemeine'));

    const snapshots: Record<string, string>[] = [];
    let killedMidway = 0;
    // Moments from start-up to late in the run, scaled to this machine's speed; the jitter varies
    // where each kill lands from one test run to the next.
    for (const fraction of [0.1, 0.25, 0.4, 0.55, 0.7, 0.85]) {
      const base = Math.round(fraction * fullRunMs);
      const { child, done } = startCli([source, '--data', data, '--jobs', '2'], { PUBLIC_BASE_URL: BASE });
      await sleep(base + Math.floor(Math.random() * 0.1 * fullRunMs));
      child.kill('SIGKILL');
      const r = await done;
      if (r.signal === 'SIGKILL') killedMidway += 1;
      const report = await checkPublished(data, BASE);
      expect(report.problems, `after kill at ~${base} ms (${r.signal ?? `exit ${r.code}`})`).toEqual([]);
      expect(report.manifests.sort()).toEqual(ITEMS);
      snapshots.push(await manifests());
    }

    // The kills must land while ingest works, not after it finished (later ones may find less to do).
    expect(killedMidway).toBeGreaterThanOrEqual(3);
    const last = await runCli([source, '--data', data], { PUBLIC_BASE_URL: BASE });
    expect(last.stderr).toMatch(/failed 0/);
    expect(last.code).toBe(0);
    const after = await manifests();
    expect(after['kant-aufklaerung-1784']).not.toBe(before['kant-aufklaerung-1784']);
    expect(after['bengel-abriss-1751']).toContain('Abriß der Brüdergemeine');
    for (const snap of snapshots) {
      for (const id of ITEMS) expect([before[id], after[id]]).toContain(snap[id]);
    }
    const report = await checkPublished(data, BASE);
    expect(report.problems).toEqual([]);
    // Images only the old version used stay while caches may hand out the old manifest: each is
    // recorded as retired; left-overs of killed runs no manifest ever named are gone at once.
    expect(report.images).toBe(7);
    const retired = Object.keys(JSON.parse(await readFile(path.join(dataPaths(data).state, 'state.json'), 'utf8')).retired);
    expect(retired.length).toBeGreaterThan(0);
    expect(await readdir(path.join(dataPaths(data).iiif, 'image'))).toHaveLength(7 + retired.length);
    // After the grace period, a run leaves exactly the images the manifests use, even those whose removal a kill interrupted.
    const later = new Date(Date.now() + REPLACED_IMAGE_GRACE_MS);
    await ingest({ source, dataDir: data, baseUrl: BASE, config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: BASE }), now: () => later });
    expect(await readdir(path.join(dataPaths(data).iiif, 'image'))).toHaveLength(7);
    expect(await readdir(path.join(data, 'derivatives'))).toHaveLength(7);
    expect(await readdir(path.join(dataPaths(data).state))).not.toContain('ingest.lock');
  }, 240_000);
});
