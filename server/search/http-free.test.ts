// The search engines answer typed queries and know nothing of HTTP, so they serve ingest, reindex
// and the routes alike; only part.ts, which mounts the search routes, may reach into the web layer.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('./', import.meta.url);
const modules = readdirSync(dir).filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts') && f !== 'part.ts');
const httpModule = /^(express|\.\.\/routes\/.*|\.\.\/errors\.ts|\.\.\/headers\.ts)$/;

function imports(source: string): string[] {
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('search modules are free of HTTP', () => {
  it.each(modules)('%s', (file) => {
    expect(imports(readFileSync(new URL(file, dir), 'utf8')).filter((s) => httpModule.test(s))).toEqual([]);
  });

  it('would notice an import of the web layer', () => {
    const found = imports("import express from 'express';\nimport { x } from '../routes/search.ts';\nconst h = await import('../headers.ts');\nimport './normalize.ts';");
    expect(found.filter((s) => httpModule.test(s))).toEqual(['express', '../routes/search.ts', '../headers.ts']);
  });
});
