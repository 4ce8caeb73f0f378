// `npm run bench [part…]`: runs the benchmark parts (ingest, server, search, viewer) in order and
// prints each figure as a ratio to a reference measured in the same run, so the numbers hold on a
// noisy machine. Each part is a module exporting `run(log)`; the figures it returns are printed
// together at the end as a table.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchFigure {
  part: string;
  name: string;
  /** Ours / reference, oriented so that higher is better for throughput; see `note` for latency figures. */
  ratio?: number;
  goal?: string;
  detail: string;
}

export type BenchLog = (line: string) => void;
export type BenchPart = (log: BenchLog) => Promise<BenchFigure[]>;

const PARTS = ['ingest', 'server', 'search', 'viewer'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    console.error(`Unknown bench part(s): ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
    process.exit(2);
  }
  const parts = asked.length > 0 ? asked : [...PARTS];
  const figures: BenchFigure[] = [];
  let failed = false;
  for (const part of parts) {
    const file = path.join(here, `${part}.ts`);
    if (!existsSync(file)) {
      console.log(`[${part}] not implemented yet`);
      continue;
    }
    const mod = (await import(pathToFileURL(file).href)) as { run: BenchPart };
    try {
      figures.push(...(await mod.run((line) => console.log(`[${part}] ${line}`))));
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
  if (failed) process.exit(1);
}

await main();
