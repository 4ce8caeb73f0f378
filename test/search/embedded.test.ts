// The embedded engine (node:sqlite FTS5): the shared contract, plus what only it has — the index
// file in <data>/search/, rebuilds that switch atomically, and writes by another process (ingest)
// becoming visible to a running server.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { describeSearchContract } from './contract.ts';
import { KANT_ID, sampleDocuments } from './fixtures.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-search-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describeSearchContract('embedded', async () => new EmbeddedSearchBackend(await tempDir()));

describe('embedded engine', () => {
  async function* docs() {
    yield* await sampleDocuments();
  }

  it('keeps one index file behind current.json and replaces it on rebuild', async () => {
    const dir = await tempDir();
    const backend = new EmbeddedSearchBackend(dir);
    await backend.rebuild(docs());
    const first = (await readdir(dir)).filter((f) => f.endsWith('.sqlite'));
    await backend.rebuild(docs());
    const second = (await readdir(dir)).filter((f) => f.endsWith('.sqlite'));
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
    await backend.close();
  });

  it('a reader sees a rebuild and single-item writes made through another connection', async () => {
    const dir = await tempDir();
    const server = new EmbeddedSearchBackend(dir);
    const ingest = new EmbeddedSearchBackend(dir);
    const search = async (q: string) => (await server.search({ q, filters: {}, sort: 'relevance', page: 1, size: 10 })).hits.map((h) => h.id);
    expect(await search('Aufklärung')).toEqual([]);
    await ingest.rebuild(docs());
    await new Promise((r) => setTimeout(r, 600));
    expect(await search('Aufklärung')).toEqual([KANT_ID]);
    await ingest.remove(KANT_ID);
    expect(await search('Aufklärung')).toEqual([]);
    await server.close();
    await ingest.close();
  });

  it('a reader that patched its snapshot through single-item writes answers like a fresh reader', async () => {
    const dir = await tempDir();
    const reader = new EmbeddedSearchBackend(dir);
    const writer = new EmbeddedSearchBackend(dir);
    await writer.rebuild(docs());
    const browse = { filters: {}, sort: 'date' as const, page: 1, size: 20 };
    await reader.search(browse);
    const [kant, other] = await sampleDocuments();
    await writer.index({ ...kant!, id: 'kant-copy', facets: { ...kant!.facets, place: ['Brugge'] }, yearFrom: 1470, yearTo: 1470 });
    await writer.remove(other!.id);
    await writer.index({ ...kant!, title: 'Aaa first by title' });
    const patched = await reader.search(browse);
    const freshReader = new EmbeddedSearchBackend(dir);
    const fresh = await freshReader.search(browse);
    await freshReader.close();
    expect(patched).toEqual(fresh);
    expect(patched.hits.map((h) => h.id)).toContain('kant-copy');
    expect(patched.hits.map((h) => h.id)).not.toContain(other!.id);
    expect(patched.facets.place).toContainEqual({ value: 'Brugge', count: 4 });
    const byTitle = await reader.search({ ...browse, sort: 'title' });
    expect(byTitle.hits[0]?.id).toBe(KANT_ID);
    await reader.close();
    await writer.close();
  });

  /** An item beside Kant's essay, sharing its person and place, with a person and a title of its own. */
  async function extraItem(person: string, title: string) {
    const kant = (await sampleDocuments()).find((d) => d.id === KANT_ID)!;
    return {
      ...kant,
      id: 'extra-item',
      title,
      labels: [title],
      agents: [...kant.agents, { name: person, role: 'author' }],
      facets: { ...kant.facets, person: [...kant.facets.person, person] },
      pages: [],
    };
  }
  const kinds = async (backend: EmbeddedSearchBackend, q: string) => (await backend.suggest(q, 20)).map((s) => `${s.kind}:${s.text}`);
  const typoHits = async (backend: EmbeddedSearchBackend, q: string) =>
    (await backend.search({ q, filters: {}, sort: 'relevance', page: 1, size: 5 })).hits.map((h) => h.id);

  it('forgets what only a removed item brought: its title, persons, places and words in suggestions and typo correction', async () => {
    const backend = new EmbeddedSearchBackend(await tempDir());
    try {
      await backend.rebuild(docs());
      const kant = (await sampleDocuments()).find((d) => d.id === KANT_ID)!;
      await backend.index(await extraItem('Quirinus Xylandersohn', 'Zwetschgenbaumlehre'));
      expect(await kinds(backend, 'Xylander')).toContain('person:Quirinus Xylandersohn');
      expect(await kinds(backend, 'Zwetsch')).toEqual(expect.arrayContaining(['title:Zwetschgenbaumlehre', 'word:Zwetschgenbaumlehre']));
      expect(await typoHits(backend, 'Zwetschgenbaumlehrr')).toEqual(['extra-item']);
      const kantSuggestions = await kinds(backend, 'Kant');

      await backend.remove('extra-item');
      expect(await kinds(backend, 'Xylander')).toEqual([]);
      expect(await kinds(backend, 'Zwetsch')).toEqual([]);
      expect(await typoHits(backend, 'Zwetschgenbaumlehrr')).toEqual([]);
      // What another item still has stays suggested.
      expect(await kinds(backend, 'Kant')).toEqual(kantSuggestions);

      await backend.remove(KANT_ID);
      const person = kant.facets.person[0]!;
      expect(await kinds(backend, person)).not.toContain(`person:${person}`);
    } finally {
      await backend.close();
    }
  });

  it('forgets what an updated item no longer has, keeps what it still has in place, and counts re-indexed words once', async () => {
    const backend = new EmbeddedSearchBackend(await tempDir());
    try {
      await backend.rebuild(docs());
      const kantSuggestions = await kinds(backend, 'Kant');

      // Indexed three times as it is, then corrected: a misspelt name and title.
      for (let i = 0; i < 3; i++) await backend.index(await extraItem('Quirinus Xylandersohn', 'Zwetschgenbaumlehre'));
      expect(await kinds(backend, 'Xylander')).toContain('person:Quirinus Xylandersohn');
      expect(await typoHits(backend, 'Zwetschgenbaumlehrr')).toEqual(['extra-item']);
      await backend.index(await extraItem('Quirinus Xylander', 'Pflaumenbaumlehre'));

      expect(await kinds(backend, 'Xylander')).toEqual(['person:Quirinus Xylander']);
      expect(await kinds(backend, 'Zwetsch')).toEqual([]);
      expect(await typoHits(backend, 'Zwetschgenbaumlehrr')).toEqual([]);
      expect(await kinds(backend, 'Pflaumen')).toEqual(expect.arrayContaining(['title:Pflaumenbaumlehre', 'word:Pflaumenbaumlehre']));
      expect(await kinds(backend, 'Kant')).toEqual(kantSuggestions);

      // Its words were counted once however often it was indexed: removing it leaves none behind.
      await backend.remove('extra-item');
      expect(await typoHits(backend, 'Pflaumenbaumlehrr')).toEqual([]);
      expect(await kinds(backend, 'Xylander')).toEqual([]);
      expect(await kinds(backend, 'Kant')).toEqual(kantSuggestions);
    } finally {
      await backend.close();
    }
  });

  it('a failed rebuild leaves the current index answering', async () => {
    const dir = await tempDir();
    const backend = new EmbeddedSearchBackend(dir);
    await backend.rebuild(docs());
    async function* broken() {
      yield* (await sampleDocuments()).slice(0, 2);
      throw new Error('disk on fire');
    }
    await expect(backend.rebuild(broken())).rejects.toThrow('disk on fire');
    const r = await backend.search({ q: 'Aufklärung', filters: {}, sort: 'relevance', page: 1, size: 10 });
    expect(r.hits.map((h) => h.id)).toEqual([KANT_ID]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    await backend.close();
  });

  it('a damaged current.json makes search unavailable, naming the file, until a rebuild writes a good one', async () => {
    const dir = await tempDir();
    const seed = new EmbeddedSearchBackend(dir);
    await seed.rebuild(docs());
    await seed.close();
    // Pointing outside the index folder is refused like any damage.
    await writeFile(path.join(dir, 'current.json'), JSON.stringify({ file: '../../elsewhere.sqlite' }));
    const backend = new EmbeddedSearchBackend(dir);
    const health = await backend.health();
    expect(health.ok).toBe(false);
    expect(health.message).toContain(`${path.join(dir, 'current.json')} names no index file`);
    expect(health.message).toMatch(/file/);
    await backend.rebuild(docs());
    expect(await backend.health()).toMatchObject({ ok: true });
    const r = await backend.search({ q: 'Aufklärung', filters: {}, sort: 'relevance', page: 1, size: 10 });
    expect(r.hits.map((h) => h.id)).toEqual([KANT_ID]);
    await backend.close();
  });
});
