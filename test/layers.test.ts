// The parts import only downwards: ingest/ and server/ each use manifests/ (the published model) and
// config.ts, never each other; manifests/ uses neither; the viewer talks to the server over HTTP only
// (it may share manifests' types); the search engines know nothing of HTTP. Only start.ts, at the
// top, composes ingest and server. Checked on every source file's import specifiers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter(
      (e) => e.isFile() && /\.(ts|mjs)$/.test(e.name) && !e.parentPath.includes(`${path.sep}dist`) && !e.parentPath.includes(`${path.sep}sample`),
    )
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Every module a file imports, as a path from the repository root (packages by name). */
function importsOf(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => (s.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), s)) : s));
}

const RULES: { files: string; forbidden: RegExp; why: string }[] = [
  { files: 'ingest', forbidden: /^(server|viewer)\//, why: 'ingest uses manifests/, never the server or the viewer' },
  { files: 'server', forbidden: /^(ingest|viewer)\//, why: 'the server uses manifests/, never ingest or the viewer' },
  { files: 'manifests', forbidden: /^(ingest|server|viewer)\//, why: 'manifests/ is the bottom layer' },
  { files: 'viewer', forbidden: /^(ingest|server)\/|^config\.ts$/, why: 'the viewer talks to the server over HTTP only' },
  {
    files: 'server/search',
    forbidden: /^(express|server\/(routes\/|errors\.ts|headers\.ts|app\.ts|search-part\.ts))/,
    why: 'search engines know nothing of HTTP',
  },
];

describe('layers', () => {
  for (const rule of RULES) {
    it(`${rule.files}: ${rule.why}`, () => {
      const files = sourceFiles(rule.files);
      expect(files.length).toBeGreaterThan(0);
      const offending = files.flatMap((f) =>
        importsOf(f, readFileSync(path.join(ROOT, f), 'utf8'))
          .filter((i) => rule.forbidden.test(i))
          .map((i) => `${f} → ${i}`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('would notice a forbidden import, static or dynamic', () => {
    const found = importsOf(
      'ingest/pyramid/tile.ts',
      "import { render } from '../../server/image/render.ts';\nconst m = await import('../../viewer/x.ts');\nimport sharp from 'sharp';",
    );
    expect(found).toEqual(['server/image/render.ts', 'viewer/x.ts', 'sharp']);
    expect(found.filter((i) => RULES[0]!.forbidden.test(i))).toEqual(['server/image/render.ts', 'viewer/x.ts']);
  });
});
