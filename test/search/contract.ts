// The one behaviour every search engine must show, run against each implementation (embedded always,
// Elasticsearch when ELASTICSEARCH_URL points at a real cluster): the sample catalogue plus the Kant
// essay's full text, queried the way readers do — accents, long s, ä/ae spellings, typos, facets
// whose counts ignore their own filter, date ranges over uncertain dates, sorting, paging, suggest,
// and the page where the text matched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchBackend, SearchQuery } from '../../server/search/backend.ts';
import { KANT_ID, kantCanvas, sampleDocuments } from './fixtures.ts';

const query = (partial: Partial<SearchQuery>): SearchQuery => ({ filters: {}, sort: 'relevance', page: 1, size: 20, ...partial });

export function describeSearchContract(name: string, makeBackend: () => Promise<SearchBackend>): void {
  describe(`search contract: ${name}`, () => {
    let backend: SearchBackend;

    beforeAll(async () => {
      backend = await makeBackend();
      const docs = await sampleDocuments();
      async function* all() {
        yield* docs;
      }
      expect(await backend.rebuild(all())).toEqual({ count: docs.length });
    });

    afterAll(async () => {
      await backend?.close();
    });

    const ids = async (q: Partial<SearchQuery>) => (await backend.search(query(q))).hits.map((h) => h.id);

    it.each(['Aufklärung', 'aufklarung', 'Aufklaerung', 'AUFKLÄRUNG', 'Aufklärnug', 'Oufklärung', 'Afuklärung'])(
      'finds the Kant essay for %s',
      async (q) => {
        expect(await ids({ q })).toContain(KANT_ID);
      },
    );

    it('finds iſt in the full text when asked for ist, on a page with text, marked in the snippet', async () => {
      const result = await backend.search(query({ q: 'ist', filters: { type: ['periodical'] } }));
      const kant = result.hits.find((h) => h.id === KANT_ID);
      expect(kant?.page?.key).toMatch(/^page-00(17|20)$/);
      expect(kant?.page?.canvas).toBe(kantCanvas(kant!.page!.key));
      expect(kant?.snippet).toMatch(/<mark>iſt<\/mark>/);
    });

    it('reports the page where the full text matched', async () => {
      const result = await backend.search(query({ q: 'Wahlſpruch' }));
      expect(result.hits[0]?.id).toBe(KANT_ID);
      expect(result.hits[0]?.page).toEqual({ key: 'page-0017', label: '481', canvas: kantCanvas('page-0017') });
    });

    it('escapes HTML in snippets and marks only matches', async () => {
      const result = await backend.search(query({ q: 'Aufklärung' }));
      const snippet = result.hits.find((h) => h.id === KANT_ID)?.snippet ?? '';
      expect(snippet).toContain('<mark>');
      expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    });

    it('needs every query word (AND), across metadata and full text', async () => {
      expect(await ids({ q: 'Kant Aufklärung' })).toEqual([KANT_ID]);
      expect(await ids({ q: 'Kant Brugge' })).toEqual([]);
    });

    it('limits a word to a field with field:word', async () => {
      expect(await ids({ q: 'title:Brugge' })).toEqual(['brugge-getijden']);
      expect((await ids({ q: 'place:Brugge' })).sort()).toEqual(['brugge-getijden', 'caxton-chess', 'mansion-boece']);
      expect(await ids({ q: 'printer:Caxton' })).toEqual(['caxton-chess']);
    });

    it('matches titles in any language of the label', async () => {
      expect(await ids({ q: 'heures' })).toEqual(['brugge-getijden']);
    });

    it('combines values of one facet with OR and facets with AND; counts ignore their own filter', async () => {
      const r = await backend.search(query({ filters: { place: ['Brugge'], language: ['fre', 'eng'] }, sort: 'title' }));
      expect(r.hits.map((h) => h.id).sort()).toEqual(['caxton-chess', 'mansion-boece']);
      expect(r.total).toBe(2);
      // Language counts: Brugge items of every language, as if no language were chosen.
      expect(r.facets.language).toEqual(
        expect.arrayContaining([
          { value: 'dut', count: 1 },
          { value: 'lat', count: 1 },
          { value: 'fre', count: 1 },
          { value: 'eng', count: 1 },
        ]),
      );
      // Place counts: items in French or English, whatever their place.
      expect(r.facets.place).toEqual([{ value: 'Brugge', count: 2 }]);
      expect(r.facets.collection).toEqual([{ value: 'Incunabelen Brugge', count: 2 }]);
    });

    it('facets by century from uncertain dates (ca. 1475, 147X, 1476?)', async () => {
      const r = await backend.search(query({ filters: { century: ['15'] } }));
      expect(r.hits.map((h) => h.id).sort()).toEqual(['brugge-getijden', 'caxton-chess', 'mansion-boece']);
      expect(r.facets.century).toEqual(
        expect.arrayContaining([
          { value: '15', count: 3 },
          { value: '18', count: 3 },
          { value: '19', count: 1 },
        ]),
      );
    });

    it('filters by a year range overlapping the item dates', async () => {
      expect(await ids({ from: 1470, to: 1472, sort: 'date' })).toEqual(['mansion-boece']);
      expect(await ids({ from: 1475, to: 1475, sort: 'date' })).toEqual(['mansion-boece', 'brugge-getijden']);
      expect(await ids({ from: 1780, to: 1790 })).toEqual([KANT_ID]);
      expect(await ids({ from: 1800, sort: 'date' })).toEqual(['aerzte-kalender-1801']);
    });

    it('sorts by date both ways and by title', async () => {
      const byDate = await ids({ sort: 'date' });
      expect(byDate.slice(0, 3)).toEqual(['mansion-boece', 'brugge-getijden', 'caxton-chess']);
      expect(byDate.at(-1)).toBe('aerzte-kalender-1801');
      const byDateDesc = await ids({ sort: '-date' });
      expect(byDateDesc[0]).toBe('aerzte-kalender-1801');
      const byTitle = await backend.search(query({ sort: 'title' }));
      const titles = byTitle.hits.map((h) => h.title.toLowerCase());
      expect(titles[0]).toMatch(/^beantwortung/);
      expect(byTitle.total).toBe(7);
    });

    it('pages through results', async () => {
      const first = await backend.search(query({ sort: 'title', size: 3, page: 1 }));
      const third = await backend.search(query({ sort: 'title', size: 3, page: 3 }));
      expect(first.hits).toHaveLength(3);
      expect(third.hits).toHaveLength(1);
      expect(third.total).toBe(7);
      expect(first.hits.map((h) => h.id)).not.toContain(third.hits[0]!.id);
    });

    it('suggests persons, places and titles from a prefix', async () => {
      const kant = await backend.suggest('kan', 8);
      expect(kant).toContainEqual({ kind: 'person', text: 'Immanuel Kant' });
      const bru = await backend.suggest('Brug', 8);
      expect(bru).toContainEqual({ kind: 'place', text: 'Brugge' });
      const title = await backend.suggest('Aufkl', 8);
      expect(title).toContainEqual({ kind: 'title', text: 'Beantwortung der Frage: Was ist Aufklärung?', id: KANT_ID });
    });

    it('finds the pages of an item whose text matches, with the matching words', async () => {
      const m = await backend.pagesMatching(KANT_ID, 'Aufklärung');
      expect(m?.pages.map((p) => p.key)).toEqual(['page-0017', 'page-0020']);
      expect(m?.terms).toContain('aufklarung');
      expect(m?.pages[0]?.lines.length).toBeGreaterThan(10);
      expect(await backend.pagesMatching('no-such-item', 'Aufklärung')).toBeUndefined();
      expect((await backend.itemPages(KANT_ID))?.map((p) => p.key)).toEqual(['page-0017', 'page-0020']);
      expect(await backend.itemPages('brugge-getijden')).toEqual([]);
    });

    it('updates and removes single items', async () => {
      const [kant] = await sampleDocuments();
      await backend.index({ ...kant!, id: 'kant-copy', title: 'Eine Kopie', labels: ['Eine Kopie'], pages: [] });
      expect(await ids({ q: 'Kopie' })).toEqual(['kant-copy']);
      await backend.index({ ...kant!, id: 'kant-copy', title: 'Ein Abdruck', labels: ['Ein Abdruck'], pages: [] });
      expect(await ids({ q: 'Kopie' })).toEqual([]);
      expect(await ids({ q: 'Abdruck' })).toEqual(['kant-copy']);
      await backend.remove('kant-copy');
      await backend.remove('kant-copy');
      expect(await ids({ q: 'Abdruck' })).toEqual([]);
    });

    it('finds a word hyphenated across a line end whole, on its page, in a snippet that reads it whole', async () => {
      const [kant] = await sampleDocuments();
      const lines = ['aus lauter Unverſtaͤnd⸗', 'lichkeiten und Zwei-', 'feln'].map((text, i) => ({
        text,
        xywh: [10, 10 + 50 * i, 500, 40] as [number, number, number, number],
      }));
      const page = { key: 'p1', label: '1', canvas: 'c1', lines };
      await backend.index({ ...kant!, id: 'hyphen-copy', title: 'Eine Abschrift', labels: ['Eine Abschrift'], pages: [page] });
      try {
        const hit = (await backend.search(query({ q: 'Unverständlichkeiten' }))).hits.find((h) => h.id === 'hyphen-copy');
        expect(hit?.page?.key).toBe('p1');
        expect(hit?.snippet).toContain('<mark>Unverſtändlichkeiten</mark> und');
        expect(await ids({ q: '"Unverständlichkeiten und Zweifeln"' })).toEqual(['hyphen-copy']);
        expect(await ids({ q: 'lichkeiten' })).not.toContain('hyphen-copy');
        const m = await backend.pagesMatching('hyphen-copy', 'Zweifeln');
        expect(m?.terms).toContain('zweifeln');
        // The published lines, as they are: hits point at them.
        expect(m?.pages[0]?.lines).toEqual(lines);
      } finally {
        await backend.remove('hyphen-copy');
      }
    });

    it('reports itself healthy', async () => {
      expect(await backend.health()).toMatchObject({ backend: backend.kind, ok: true });
    });
  });
}
