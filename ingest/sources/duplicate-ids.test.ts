// The duplicate-id check on its own: which items pass, what each claimant's problem says (other
// lines of the same CSV, other files, "and N more" past the first few), and that it stays linear
// and bounded for 100,000 claimants of one id.
import { describe, expect, it } from 'vitest';
import { NAMED_CLAIMANTS, withoutDuplicateIds } from './duplicate-ids.ts';
import type { SourceItem, SourceProblem } from './source-item.ts';

const item = (id: string, file: string, line?: number): SourceItem => ({
  id,
  type: 'print',
  label: { none: [id] },
  agents: [],
  languages: [],
  subjects: [],
  identifiers: [],
  behavior: 'individuals',
  viewingDirection: 'left-to-right',
  rights: 'http://rightsstatements.org/vocab/InC/1.0/',
  attribution: 'Openbare Bibliotheek Brugge',
  folder: `/src/${file.split('/')[0]}`,
  metadataFile: `/src/${file}`,
  ...(line === undefined ? {} : { metadataLine: line }),
  pages: [],
  toc: [],
});
const shown = (p: string) => p.replace(/^\/src\//, '');
const earlier: SourceProblem = { item: 'x', file: 'x/mets.xml', reason: 'an earlier problem' };

describe('withoutDuplicateIds', () => {
  it.each([
    { name: 'distinct ids all pass', items: [item('a', 'a/item.json'), item('b', 'b/item.json')], kept: ['a', 'b'], reasons: [] },
    {
      name: 'two folders claiming one id',
      items: [item('same', 'dup-a/item.json'), item('other', 'o/item.json'), item('same', 'dup-b/item.json')],
      kept: ['other'],
      reasons: [
        ['dup-a/item.json', 'item id same is claimed 2 times (also by dup-b/item.json); give each item its own id'],
        ['dup-b/item.json', 'item id same is claimed 2 times (also by dup-a/item.json); give each item its own id'],
      ],
    },
    {
      name: 'two rows of one CSV name each other’s line',
      items: [item('same', 'c/items.csv', 2), item('same', 'c/items.csv', 4)],
      kept: [],
      reasons: [
        ['c/items.csv', 'line 2: item id same is claimed 2 times (also 1 more time(s) in the same file: line 4); give each item its own id'],
        ['c/items.csv', 'line 4: item id same is claimed 2 times (also 1 more time(s) in the same file: line 2); give each item its own id'],
      ],
    },
    {
      name: 'rows of a CSV and an item folder',
      items: [item('same', 'c/items.csv', 2), item('same', 'c/items.csv', 3), item('same', 'c/items.csv', 9), item('same', 'd/mets.xml')],
      kept: [],
      reasons: [
        [
          'c/items.csv',
          'line 2: item id same is claimed 4 times (also 2 more time(s) in the same file: lines 3, 9; also by d/mets.xml); give each item its own id',
        ],
        [
          'c/items.csv',
          'line 3: item id same is claimed 4 times (also 2 more time(s) in the same file: lines 2, 9; also by d/mets.xml); give each item its own id',
        ],
        [
          'c/items.csv',
          'line 9: item id same is claimed 4 times (also 2 more time(s) in the same file: lines 2, 3; also by d/mets.xml); give each item its own id',
        ],
        ['d/mets.xml', 'item id same is claimed 4 times (also by c/items.csv); give each item its own id'],
      ],
    },
    {
      name: 'past the first few claimants, "and N more"',
      items: Array.from({ length: 8 }, (_, i) => item('same', `f${i}/item.json`)),
      kept: [],
      reasons: Array.from({ length: 8 }, (_, i) => {
        const others = [0, 1, 2, 3, 4, 5, 6, 7].filter((j) => j !== i).map((j) => `f${j}/item.json`);
        return [
          `f${i}/item.json`,
          `item id same is claimed 8 times (also by ${others.slice(0, 5).join(', ')} and 2 more); give each item its own id`,
        ];
      }),
    },
  ])('$name', ({ items, kept, reasons }) => {
    const result = withoutDuplicateIds({ items, problems: [earlier] }, shown);
    expect(result.items.map((i) => i.id)).toEqual(kept);
    expect(result.problems).toEqual([earlier, ...reasons.map(([file, reason]) => ({ item: 'same', file, reason }))]);
  });

  it('reports 100,000 claimants of one id, each problem naming its own line and at most a few others', () => {
    const n = 100_000;
    const items = Array.from({ length: n }, (_, i) => item('same', 'c/items.csv', i + 2));
    const started = performance.now();
    const result = withoutDuplicateIds({ items, problems: [] }, shown);
    // Quadratic, this took minutes; linear, well under a second on any machine.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.items).toEqual([]);
    expect(result.problems).toHaveLength(n);
    expect(result.problems[n - 1]!.reason).toBe(
      `line ${n + 1}: item id same is claimed ${n} times (also ${n - 1} more time(s) in the same file: lines 2, 3, 4, 5, 6 and ${n - 1 - NAMED_CLAIMANTS} more); give each item its own id`,
    );
    expect(new Set(result.problems.map((p) => p.reason.split(':')[0])).size).toBe(n);
  });
});
