// The bundled sample publishes cleanly, as `npm start` and the other parts' tests need it, also when
// several test workers ask for it at the same moment (they queue on the ingest lock), and a single
// item folder can be given as the source.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { SAMPLE_SOURCE } from '../support/sample.ts';
import { checkPublished } from './published-data.ts';
import { REPO, runCli } from './run-cli.ts';

const BASE = 'http://127.0.0.1:39917/leeszaal';
const run = promisify(execFile);
const cleanup: string[] = [];

afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

describe('the bundled sample', () => {
  it('is published once for concurrent test workers, complete and valid', async () => {
    const script = `import { publishedSample } from ${JSON.stringify(path.join(REPO, 'test/support/sample.ts'))};
      console.log(JSON.stringify(await publishedSample(${JSON.stringify(BASE)})));`;
    const workers = await Promise.all([1, 2].map(() => run(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO })));
    const [a, b] = workers.map((w) => JSON.parse(w.stdout) as { dataDir: string; baseUrl: string });
    expect(a).toEqual(b);
    expect(a!.baseUrl).toBe(BASE);
    expect(a!.dataDir.startsWith(path.join(REPO, '.tmp'))).toBe(true);
    cleanup.push(a!.dataDir);
    const report = await checkPublished(a!.dataDir, BASE);
    expect(report.problems).toEqual([]);
    expect(report.manifests.sort()).toEqual(['bengel-abriss-1751', 'corvinus-frauenzimmer-1715', 'eiteritz-1719', 'kant-aufklaerung-1784']);
    expect(await readFile(dataPaths(a!.dataDir).textPage('kant-aufklaerung-1784', 'page-0017'), 'utf8')).toContain('ſ');
  }, 120_000);

  it('publishes one item folder given as the source', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-one-item-'));
    cleanup.push(data);
    const r = await runCli([path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784'), '--data', data, '--jobs', '1']);
    expect(r.stderr).toMatch(/published 1 item\(s\), unchanged 0, failed 0; pages 4 \(tiled 4, reused 0\)/);
    expect(r.code).toBe(0);
    expect((await checkPublished(data, 'http://localhost:3000')).problems).toEqual([]);
  }, 120_000);
});
