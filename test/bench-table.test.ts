// The figures table `npm run bench -- --write-docs` writes into docs/benchmarks.md: rows and
// measured-on lines per part, a partial run replacing only its parts, the prose left alone.
import { describe, expect, it } from 'vitest';
import { FIGURES_END, FIGURES_START, figureRow, renderFiguresTable, replaceFigures, type PartRun } from './bench/figures-table.ts';

const machine = { cores: 2, cpu: 'AMD EPYC', node: '24.21.0' };

const ingest: PartRun = {
  part: 'ingest',
  date: '2026-12-01',
  machine,
  figures: [
    {
      part: 'ingest',
      name: 'large scan throughput, ours / vips dzsave (10000x14000)',
      ratio: 0.954,
      goal: '>= 0.9',
      detail: 'ours 3.3 s, vips 3.2 s',
    },
    { part: 'ingest', name: 'large scan CPU time, vips dzsave / ours', ratio: 0.7, detail: 'a | b\nc' },
  ],
};
const viewer: PartRun = {
  part: 'viewer',
  date: '2026-12-02',
  machine: { cores: 1, cpu: 'Intel Xeon', node: '24.21.0' },
  figures: [
    { part: 'viewer', name: 'first tile painted (Leeszaal / Mirador 4, lower is better)', ratio: 0.27, goal: '≤ 0.50', detail: '642 ms vs 2353 ms' },
  ],
};

describe('renderFiguresTable', () => {
  it('renders one table of every figure, then each part’s date and machine', () => {
    expect(renderFiguresTable([viewer, ingest])).toBe(
      [
        '| part | figure | ratio | goal | detail |',
        '|---|---|---|---|---|',
        '| ingest | large scan throughput, ours / vips dzsave (10000x14000) | 0.95 | >= 0.9 | ours 3.3 s, vips 3.2 s |',
        '| ingest | large scan CPU time, vips dzsave / ours | 0.70 | – | a \\| b c |',
        '| viewer | first tile painted (Leeszaal / Mirador 4, lower is better) | 0.27 | ≤ 0.50 | 642 ms vs 2353 ms |',
        '',
        'Measured:',
        '',
        '- ingest: 2026-12-01, 2 cores (AMD EPYC), Node.js 24.21.0',
        '- viewer: 2026-12-02, 1 core (Intel Xeon), Node.js 24.21.0',
      ].join('\n'),
    );
  });

  it('shows a missing or non-finite ratio as a dash', () => {
    expect(figureRow({ part: 'search', name: 'x', detail: 'y' })).toBe('| search | x | – | – | y |');
    expect(figureRow({ part: 'search', name: 'x', ratio: Infinity, detail: 'y' })).toBe('| search | x | – | – | y |');
  });
});

describe('replaceFigures', () => {
  const page = (block: string) => `# Benchmarks\n\nProse before.\n\n${FIGURES_START}\n${block}\n${FIGURES_END}\n\nProse after.\n`;

  it('rewrites only the block between the markers', () => {
    const out = replaceFigures(page('old table'), [ingest]);
    expect(out).toBe(page(renderFiguresTable([ingest])));
  });

  it('replaces the parts that ran and keeps the others’ rows and measured lines', () => {
    const before = page(renderFiguresTable([ingest, viewer]));
    const newer: PartRun = { ...viewer, date: '2026-12-03', figures: [{ ...viewer.figures[0]!, ratio: 0.31 }] };
    const out = replaceFigures(before, [newer]);
    expect(out).toBe(page(renderFiguresTable([ingest, newer])));
    expect(replaceFigures(out, [])).toBe(out);
  });

  it('refuses a page without the markers', () => {
    expect(() => replaceFigures('# Benchmarks\n', [ingest])).toThrow(/bench:figures:start/);
    expect(() => replaceFigures(`${FIGURES_END}\n${FIGURES_START}\n`, [ingest])).toThrow(/no/);
  });
});
