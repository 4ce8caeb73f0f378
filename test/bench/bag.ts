// BagIt verification benchmark: how fast ingest verifies a bag of large masters (its streaming,
// bounded-parallel hashing of every manifest entry, plus the structure checks) against coreutils'
// `sha512sum -c manifest-sha512.txt` in the bag, the least any verifier must do, in the same run;
// and how long a re-run takes on the unchanged bag, which the state lets it skip hashing. Five runs
// each, alternating, both from the page cache; the figure is the ratio of the medians, reference /
// ours (higher is better).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { verifyBag } from '../../ingest/sources/bag-verification.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const FILES = 6;
const FILE_MB = 48;
const RUNS = 5;
const run$ = promisify(execFile);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** A bag of FILES incompressible "masters" with its SHA-512 manifest, as bagit.py writes one. */
async function makeBag(bag: string): Promise<void> {
  await mkdir(path.join(bag, 'data', 'images'), { recursive: true });
  const lines: string[] = [];
  let octets = 0;
  for (let i = 1; i <= FILES; i++) {
    const rel = `data/images/master-${String(i).padStart(4, '0')}.tif`;
    const content = randomBytes(FILE_MB << 20);
    await writeFile(path.join(bag, rel), content);
    lines.push(`${createHash('sha512').update(content).digest('hex')}  ${rel}`);
    octets += content.length;
  }
  await writeFile(path.join(bag, 'manifest-sha512.txt'), `${lines.join('\n')}\n`);
  await writeFile(path.join(bag, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  await writeFile(path.join(bag, 'bag-info.txt'), `Payload-Oxum: ${octets}.${FILES}\n`);
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-bag-'));
  try {
    const bag = path.join(folder, 'bag');
    await makeBag(bag);
    const jobs = os.availableParallelism();
    const limit = pLimit(jobs);
    const ours: number[] = [];
    const reference: number[] = [];
    const unchanged: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      reference.push(await seconds(() => run$('sha512sum', ['--quiet', '-c', 'manifest-sha512.txt'], { cwd: bag })));
      let known: Awaited<ReturnType<typeof verifyBag>> | undefined;
      ours.push(
        await seconds(async () => {
          known = await verifyBag(bag, { limit });
        }),
      );
      if (!known?.ok || known.filesHashed !== FILES) throw new Error(`the bag did not verify: ${JSON.stringify(known)}`);
      const verified = known.verified;
      unchanged.push(await seconds(() => verifyBag(bag, { limit, known: verified })));
      log(
        `run ${i + 1}: ours ${ours.at(-1)!.toFixed(2)} s, sha512sum -c ${reference.at(-1)!.toFixed(2)} s, unchanged ${(unchanged.at(-1)! * 1000).toFixed(1)} ms`,
      );
    }
    const mb = FILES * FILE_MB;
    const oursMedian = median(ours);
    const referenceMedian = median(reference);
    const unchangedMedian = median(unchanged);
    return [
      {
        part: 'bag',
        name: `verify a bag of ${FILES} x ${FILE_MB} MB masters (SHA-512), sha512sum -c / ours`,
        ratio: referenceMedian / oursMedian,
        goal: '>= 1 (parallel hashing at least as fast as one sha512sum)',
        detail: `median of ${RUNS}: ours ${(mb / oursMedian).toFixed(0)} MB/s (${oursMedian.toFixed(2)} s, ${jobs} at a time), sha512sum -c ${(mb / referenceMedian).toFixed(0)} MB/s (${referenceMedian.toFixed(2)} s)`,
      },
      {
        part: 'bag',
        name: 'unchanged bag on a re-run, full verification / ours',
        ratio: oursMedian / unchangedMedian,
        goal: '≫ 1 (no file hashed)',
        detail: `median ${(unchangedMedian * 1000).toFixed(1)} ms to list the bag and find it as verified, against ${oursMedian.toFixed(2)} s to verify it`,
      },
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
