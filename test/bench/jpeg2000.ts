// JPEG 2000 benchmark: a 20000x30000 RGB archival master (the bundled Kant page repeated, encoded by
// libvips' OpenJPEG writer in 1024-pixel tiles, lossy 9-7, as many access masters are) ingested by
// this project's CLI against `vips dzsave --layout iiif3` of the same file (Debian's libvips-tools,
// which reads JPEG 2000 through the same OpenJPEG), with the same tile size and JPEG quality, runs
// alternating after `sync` as in the ingest part. Figures: throughput (vips time / ours; both decode
// the same codestream, which is most of the work) and the peak memory of our whole process tree,
// ingest and its decoder, against the 1 GiB budget.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config.ts';
import { KANT_PAGE_0017 } from '../support/inputs.ts';
import { watchTree } from '../support/process-tree.ts';
import { ensureDebianTools } from './debian-tools.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(REPO, 'ingest', 'cli.mjs');
const WIDTH = 20_000;
const HEIGHT = 30_000;
/** Each run takes minutes on two cores; three alternating runs give a median. */
const RUNS = 3;
const BUDGET = 2 ** 30;

interface Measured {
  seconds: number;
  /** Peak of the summed resident sets of the command and its children. */
  peak: number;
}

async function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  execFileSync('sync');
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const { treePeak } = await watchTree(child.pid!, exited, 100);
  const code = await exited;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${code}): ${stderr.slice(-500)}`);
  return { seconds, peak: treePeak };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  ensureDebianTools(log, [['/usr/bin/vips', 'libvips-tools']]);
  const config = loadConfig({});
  const root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-jpeg2000-'));
  try {
    const item = path.join(root, 'master');
    const master = path.join(item, 'images', 'page-0001.jp2');
    await mkdir(path.dirname(master), { recursive: true });
    const repeated = path.join(root, 'repeated.v');
    log(`encoding a ${WIDTH}x${HEIGHT} RGB JPEG 2000 master (1024-pixel tiles, 9-7) with vips`);
    execFileSync('vips', ['replicate', KANT_PAGE_0017, repeated, '14', '15']);
    execFileSync('vips', ['crop', repeated, `${master}[tile-width=1024,tile-height=1024,Q=45]`, '0', '0', String(WIDTH), String(HEIGHT)]);
    await rm(repeated);
    const megapixels = (WIDTH * HEIGHT) / 1e6;
    log(`master ready; tile ${config.TILE_SIZE}, JPEG quality ${config.JPEG_QUALITY}; ${RUNS} runs each, alternating`);

    const env = { ...process.env, TILE_SIZE: String(config.TILE_SIZE), JPEG_QUALITY: String(config.JPEG_QUALITY), LOG_LEVEL: 'silent' };
    const dzArgs = ['--layout', 'iiif3', '--tile-size', String(config.TILE_SIZE), '--overlap', '0', '--suffix', `.jpg[Q=${config.JPEG_QUALITY}]`];
    const ours: Measured[] = [];
    const theirs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      const o = await measure(process.execPath, [CLI, item, '--data', path.join(root, `data-${i}`)], env);
      ours.push(o);
      await rm(path.join(root, `data-${i}`), { recursive: true, force: true });
      const v = await measure('vips', ['dzsave', master, path.join(root, `vips-${i}`), ...dzArgs], env);
      theirs.push(v);
      await rm(path.join(root, `vips-${i}`), { recursive: true, force: true });
      log(`run ${i + 1}: ours ${o.seconds.toFixed(1)} s (tree peak ${mb(o.peak)}), vips dzsave ${v.seconds.toFixed(1)} s (peak ${mb(v.peak)})`);
    }
    const oursS = median(ours.map((r) => r.seconds));
    const vipsS = median(theirs.map((r) => r.seconds));
    const oursPeak = Math.max(...ours.map((r) => r.peak));
    return [
      {
        part: 'jpeg2000',
        name: `JPEG 2000 master throughput, ours / vips dzsave (${WIDTH}x${HEIGHT} RGB, 1024-pixel tiles)`,
        ratio: vipsS / oursS,
        goal: '>= 0.5',
        detail:
          `ours ${(megapixels / oursS).toFixed(1)} MP/s (median ${oursS.toFixed(1)} s: vips decodes to a TIFF, then our tiler), ` +
          `vips ${(megapixels / vipsS).toFixed(1)} MP/s (median ${vipsS.toFixed(1)} s); ours also writes the pyramidal TIFF, sizes, full/max and the manifest`,
      },
      {
        part: 'jpeg2000',
        name: 'JPEG 2000 master peak memory, 1 GiB budget / ours (ingest and its decoder together)',
        ratio: BUDGET / oursPeak,
        goal: '>= 1',
        detail: `ours ${mb(oursPeak)} at most over ${RUNS} runs; vips dzsave ${mb(Math.max(...theirs.map((r) => r.peak)))}`,
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
