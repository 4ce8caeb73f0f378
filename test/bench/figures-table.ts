// The figures table of docs/benchmarks.md, written by `npm run bench -- --write-docs`: one Markdown
// table of every part's figures, then the date and machine each part was measured on. Only the text
// between the marker comments is generated; the page's prose stays as written. A run of some parts
// replaces those parts' rows and keeps the others', so `npm run bench search -- --write-docs`
// updates the search figures alone. Pure, so it is tested without running a benchmark.

export interface BenchFigure {
  part: string;
  name: string;
  /** Ours / reference, oriented so that higher is better for throughput; see `goal` for latency figures. */
  ratio?: number;
  goal?: string;
  detail: string;
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
}

/** One part's figures from one run. */
export interface PartRun {
  part: string;
  /** Day of the run, YYYY-MM-DD. */
  date: string;
  machine: Machine;
  figures: BenchFigure[];
}

export const FIGURES_START = '<!-- bench:figures:start -->';
export const FIGURES_END = '<!-- bench:figures:end -->';
/** The benchmark parts, in the order `npm run bench` runs them and the table lists them (a row of an unknown part goes last). */
export const PART_ORDER: readonly string[] = [
  'ingest',
  'jpeg2000',
  'bag',
  'text',
  'catalogue',
  'ocr',
  'server',
  'search',
  'viewer',
  'pdf',
  'robustness',
  'admin',
  'upload',
  'editor',
];

const HEADER = ['| part | figure | ratio | goal | detail |', '|---|---|---|---|---|'];

/** A part's rows and its "measured" line, as they stand in the page. */
interface Section {
  rows: string[];
  measured: string;
}

const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim() || '–';

export function figureRow(f: BenchFigure): string {
  const ratio = f.ratio === undefined || !Number.isFinite(f.ratio) ? '–' : f.ratio.toFixed(2);
  return `| ${cell(f.part)} | ${cell(f.name)} | ${ratio} | ${cell(f.goal ?? '')} | ${cell(f.detail)} |`;
}

export function measuredLine(run: Pick<PartRun, 'part' | 'date' | 'machine'>): string {
  const { cores, cpu, node } = run.machine;
  return `- ${run.part}: ${run.date}, ${cores} ${cores === 1 ? 'core' : 'cores'} (${cell(cpu)}), Node.js ${node}`;
}

/** The generated block (without the markers) for these sections. */
function renderSections(sections: Map<string, Section>): string {
  const rank = (part: string) => {
    const i = PART_ORDER.indexOf(part);
    return i === -1 ? PART_ORDER.length : i;
  };
  const parts = [...sections.keys()].sort((a, b) => rank(a) - rank(b));
  const rows = parts.flatMap((p) => sections.get(p)!.rows);
  const measured = parts.map((p) => sections.get(p)!.measured).filter((l) => l !== '');
  return [...HEADER, ...rows, '', 'Measured:', '', ...measured].join('\n');
}

function sectionsOf(runs: PartRun[]): Map<string, Section> {
  const sections = new Map<string, Section>();
  for (const run of runs) {
    sections.set(run.part, { rows: run.figures.map(figureRow), measured: measuredLine(run) });
  }
  return sections;
}

/** The figures table and the measured-on lines for these runs, as Markdown. */
export function renderFiguresTable(runs: PartRun[]): string {
  return renderSections(sectionsOf(runs));
}

/** Reads the parts' rows and measured lines back from a generated block. */
function parseBlock(block: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  const section = (part: string) => {
    let s = sections.get(part);
    if (!s) {
      s = { rows: [], measured: '' };
      sections.set(part, s);
    }
    return s;
  };
  for (const line of block.split('\n')) {
    const row = /^\| ([^|]+?) \| /.exec(line);
    if (row && !HEADER.includes(line)) section(row[1]!).rows.push(line);
    const measured = /^- ([a-z][\w-]*): /.exec(line);
    if (measured) section(measured[1]!).measured = line;
  }
  return sections;
}

/**
 * `doc` with the block between the markers rewritten: the parts in `runs` get their new figures and
 * measured lines, other parts keep theirs. Throws when the markers are missing or out of order.
 */
export function replaceFigures(doc: string, runs: PartRun[]): string {
  const start = doc.indexOf(FIGURES_START);
  const end = doc.indexOf(FIGURES_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`the page has no ${FIGURES_START} … ${FIGURES_END} block to write the figures into`);
  }
  const sections = parseBlock(doc.slice(start + FIGURES_START.length, end));
  for (const [part, s] of sectionsOf(runs)) sections.set(part, s);
  return `${doc.slice(0, start)}${FIGURES_START}\n${renderSections(sections)}\n${doc.slice(end)}`;
}
