// The user's guide and the reference pages, checked as a reader meets them: the README stays a short
// guide (the reference lives in docs/), and every relative link in it and in docs/ leads to a file that
// exists and, when it names a heading, to that heading as GitHub anchors it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pages = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name)),
];

/** The anchors GitHub gives a Markdown file's headings (outside code blocks). */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!inCode && heading?.[1]) anchors.add(slugger.slug(heading[1].replaceAll('`', '')));
  }
  return anchors;
}

/** Relative Markdown links `[text](target)`, outside code blocks and inline code. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '').filter((target) => !/^[a-z]+:/i.test(target));
}

describe('the README and docs/', () => {
  it("keep the README a short user's guide, under 15 KB", () => {
    expect(readFileSync(join(root, 'README.md')).byteLength).toBeLessThan(15_000);
  });

  it('finds the anchors GitHub makes, so a broken link below is really broken', () => {
    expect([...anchorsOf('# Running it in production\n## `GET /healthz`\n## A\n## A')]).toEqual([
      'running-it-in-production',
      'get-healthz',
      'a',
      'a-1',
    ]);
    expect(linksOf('[x](docs/a.md#b) `[y](z.md)` [w](https://example.org)')).toEqual(['docs/a.md#b']);
  });

  it.each(pages.map((page) => [relative(root, page), page]))('%s links only to files and headings that exist', (_, page) => {
    const broken: string[] = [];
    for (const target of linksOf(readFileSync(page, 'utf8'))) {
      const [file = '', anchor] = target.split('#');
      const path = file === '' ? page : join(dirname(page), decodeURIComponent(file));
      if (!existsSync(path)) broken.push(`${target}: no such file`);
      else if (anchor && path.endsWith('.md') && !anchorsOf(readFileSync(path, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
