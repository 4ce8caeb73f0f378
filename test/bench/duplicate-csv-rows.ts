// The robustness part's ingest figure (robustness.ts): how long the scan takes to report a
// curator's spreadsheet of 100,000 rows that all claim one id (every row refused, each with its own
// problem), against csv-parse alone parsing the same file with the options csv.ts uses, measured in
// the same run. The reference is the
// least any CSV reader must do; the rest is reading each row into an item and the duplicate-id
// check, which was quadratic (10,000 such rows took 207 s, 100,000 never finished). Seven runs
// each, alternating; the figure is the ratio of the medians, reference / ours (higher is better).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { scanSource } from '../../ingest/sources/scan.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const ROWS = 100_000;
const RUNS = 7;
const DEFAULTS = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function seconds(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The figure, measured in this process (the robustness part runs it before it starts a server). */
export async function duplicateCsvRows(log: BenchLog): Promise<BenchFigure> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-duplicates-'));
  try {
    await mkdir(path.join(folder, 'images'));
    await writeFile(path.join(folder, 'images', 'scan.jpg'), 'x');
    // Real-looking rows: a title, a creator and a date besides the id pasted down the column.
    const rows = Array.from(
      { length: ROWS },
      (_, i) => `bru-ms-0042,scan.jpg,Brieven aan de stad deel ${i + 1},"Gerards, Marcus",${1500 + (i % 300)}\n`,
    );
    const csv = path.join(folder, 'items.csv');
    await writeFile(csv, `id,file,title,creator,date\n${rows.join('')}`);
    const ours: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      reference.push(
        await seconds(async () => {
          const text = (await readFile(csv)).toString('utf8');
          parse(text, { bom: true, delimiter: ',', info: true, raw: true, skip_empty_lines: true, relax_column_count: true });
        }),
      );
      let problems = 0;
      ours.push(
        await seconds(async () => {
          problems = (await scanSource(folder, DEFAULTS)).problems.length;
        }),
      );
      if (problems !== ROWS) throw new Error(`expected ${ROWS} problems, the scan reported ${problems}`);
      log(`run ${i + 1}: scan ${ours.at(-1)!.toFixed(2)} s, csv-parse alone ${reference.at(-1)!.toFixed(2)} s`);
    }
    const oursMedian = median(ours);
    const referenceMedian = median(reference);
    return {
      part: 'robustness',
      name: `report ${ROWS.toLocaleString('en')} CSV rows claiming one id, csv-parse alone / ours`,
      ratio: referenceMedian / oursMedian,
      goal: 'linear: seconds, not hours',
      detail: `median of ${RUNS}: scan ${oursMedian.toFixed(2)} s (every row reported), csv-parse of the same file ${referenceMedian.toFixed(2)} s`,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
