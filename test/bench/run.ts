// `npm run bench [part…]`: runs the benchmark parts (figures-table.ts's PART_ORDER) in order and prints each figure as a ratio to a reference measured in the
// same run, so the numbers hold on a noisy machine. Each part is a module exporting `run(log)`; the figures it returns are printed
// together at the end as a table. With `--write-docs` they also replace the parts' rows of the
// figures table in docs/benchmarks.md (figures-table.ts).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PART_ORDER as PARTS, replaceFigures, type BenchFigure, type PartRun } from './figures-table.ts';

export type { BenchFigure } from './figures-table.ts';

export type BenchLog = (line: string) => void;
export type BenchPart = (log: BenchLog) => Promise<BenchFigure[]>;

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS_PAGE = path.resolve(here, '../../docs/benchmarks.md');
const WRITE_DOCS = '--write-docs';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const writeDocs = args.includes(WRITE_DOCS);
  const asked = args.filter((a) => a !== WRITE_DOCS);
  const unknown = asked.filter((p) => !PARTS.includes(p));
  if (unknown.length > 0) {
    console.error(`Unknown bench part(s): ${unknown.join(', ')}; choose from ${PARTS.join(', ')} (and ${WRITE_DOCS})`);
    process.exit(2);
  }
  // A page without the markers fails now, not after an hour of measuring.
  if (writeDocs) replaceFigures(await readFile(DOCS_PAGE, 'utf8'), []);
  const parts = asked.length > 0 ? asked : [...PARTS];
  const figures: BenchFigure[] = [];
  const runs: PartRun[] = [];
  const machine = { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model.trim() || 'unknown CPU', node: process.versions.node };
  let failed = false;
  for (const part of parts) {
    const file = path.join(here, `${part}.ts`);
    if (!existsSync(file)) {
      console.log(`[${part}] not implemented yet`);
      continue;
    }
    const mod = (await import(pathToFileURL(file).href)) as { run: BenchPart };
    try {
      const found = await mod.run((line) => console.log(`[${part}] ${line}`));
      figures.push(...found);
      runs.push({ part, date: new Date().toISOString().slice(0, 10), machine, figures: found });
    } catch (err) {
      failed = true;
      console.error(`[${part}] failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log('\nfigure | ratio | goal | detail');
  for (const f of figures) {
    const ratio = f.ratio === undefined ? '-' : f.ratio.toFixed(2);
    console.log(`${f.part}: ${f.name} | ${ratio} | ${f.goal ?? '-'} | ${f.detail}`);
  }
  if (writeDocs && runs.length > 0) {
    // Only parts that finished replace their rows; a failed part keeps its last figures.
    await writeFile(DOCS_PAGE, replaceFigures(await readFile(DOCS_PAGE, 'utf8'), runs));
    console.log(`\nFigures of ${runs.map((r) => r.part).join(', ')} written to ${path.relative(process.cwd(), DOCS_PAGE)}`);
  }
  if (failed) process.exit(1);
}

await main();
