// Guard for newcomers: `npm test` must pass on a bare clone, so no test and no test helper may reach
// for the maintainers' inputs kept beside the repository (the sample corpus, the OCR-D workspace, the
// IIIF schema's reference copy). Only the benchmarks (test/bench/) may use them. The files are read
// as text, so a path put together at run time is caught as well as one written out.
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/inputs.ts';

const TEST_DIR = path.join(REPO_ROOT, 'test');
const BENCH_DIR = path.join(TEST_DIR, 'bench');
/** Installed, built or scratch folders: nobody's test code lives there. */
const NOT_SOURCE = new Set(['node_modules', '.git', '.tmp', 'dist', 'test-results']);
// The folder beside the repository, by relative path, by one of its subfolders, or as a path segment
// (`path.join(root, '..', 'shared', …)`).
const FORBIDDEN = /\.\.\/shared\b|\bshared\/(?:corpus|inputs|iiif)\b|['"`]shared['"`]/;

/** Files to check: everything under test/ but the benchmarks, and every *.test.ts elsewhere; not this file, whose examples name the folder. */
async function checkedFiles(dir: string, out: string[] = []): Promise<string[]> {
  const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NOT_SOURCE.has(entry.name) && full !== BENCH_DIR) await checkedFiles(full, out);
    } else if (entry.isFile() && full !== import.meta.filename && (full.startsWith(`${TEST_DIR}${path.sep}`) || entry.name.endsWith('.test.ts'))) {
      out.push(full);
    }
  }
  return out;
}

describe('the tests need nothing beside the clone', () => {
  it.each([
    "path.resolve(REPO, '../shared/corpus')",
    "path.join(root, '..', 'shared', 'iiif', 'presentation-3.schema.json')",
    'cp -r /work/shared/inputs/ocrd-workspace-kant-1784 .',
    'see ../shared for the full corpus',
  ])('recognises %s', (line) => {
    expect(line).toMatch(FORBIDDEN);
  });

  it('no test file or test helper outside test/bench/ mentions the folder beside the repository', async () => {
    const files = await checkedFiles(REPO_ROOT);
    // The walk really reached the tests: unit tests beside the code, cross-part tests, fixtures.
    for (const known of ['ingest/text/alto.test.ts', 'test/ingest/corpus.test.ts', 'test/support/corpus.ts', 'test/fixtures/README.md']) {
      expect(files).toContain(path.join(REPO_ROOT, known));
    }
    expect(files.some((f) => f.startsWith(BENCH_DIR + path.sep))).toBe(false);
    const offenders: string[] = [];
    for (const file of files) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (FORBIDDEN.test(line)) offenders.push(`${path.relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
