// The schema validators' on-disk cache: a process that compiles the schema and one that loads the
// cached code give the same verdicts and errors, and a damaged cache file is compiled over, not
// trusted. Each run is a separate Node process, as ingest runs are.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(REPO, 'node_modules', '.cache', 'leeszaal');
// The folder is made by the first compile: on a fresh clone this test may run before any.
const cached = () =>
  existsSync(CACHE)
    ? readdirSync(CACHE, { withFileTypes: true }).filter((e) => e.name.startsWith('presentation-3-validators-') && e.name.endsWith('.cjs'))
    : [];

/** Validates documents that pass and fail in different ways, in a fresh process; returns its verdicts. */
function verdicts(): string {
  const script = `
    import { validatePresentation } from ${JSON.stringify(path.join(REPO, 'manifests/validate.ts'))};
    const docs = [
      { '@context': 'http://iiif.io/api/presentation/3/context.json', id: 'https://x.example/m', type: 'Manifest', label: { nl: ['Boek'] },
        items: [{ id: 'https://x.example/c1', type: 'Canvas', width: 10, height: 20, items: [] }] },
      { type: 'Manifest', label: 'not a language map', items: 'none' },
      { type: 'Collection', id: 'https://x.example/c', items: [{ id: 5 }] },
      { type: 'AnnotationPage', id: 'https://x.example/p', items: [{ type: 'Annotation', motivation: 7 }] },
      { type: 'Something' },
    ];
    console.log(JSON.stringify(docs.map((d) => validatePresentation(d))));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('schema validator cache', () => {
  it('gives the same verdicts compiled and cached, and compiles over a damaged cache', () => {
    for (const e of cached()) rmSync(path.join(CACHE, e.name), { force: true });
    const compiled = verdicts();
    const parsed = JSON.parse(compiled) as { ok: boolean; errors: string[] }[];
    expect(parsed.map((r) => r.ok)).toEqual([true, false, false, false, false]);
    expect(parsed[1]!.errors.some((e) => e.startsWith('schema'))).toBe(true);
    expect(cached()).toHaveLength(1);

    expect(verdicts()).toBe(compiled);

    const file = path.join(CACHE, cached()[0]!.name);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, 1000));
    expect(verdicts()).toBe(compiled);
    expect(readFileSync(file, 'utf8')).toBe(good);
  });
});
