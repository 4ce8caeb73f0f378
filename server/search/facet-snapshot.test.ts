import { describe, expect, it } from 'vitest';
import type { FacetName } from './backend.ts';
import { buildSnapshot, facetCandidates, patchSnapshot, postings, type FacetRow, type ItemRow, type Snapshot } from './facet-snapshot.ts';

const item = (rowid: number, titleKey: string, year: number | null): ItemRow => ({ rowid, titleKey, yearFrom: year, yearTo: year });
const facets = (rowid: number, language: string, place: string): FacetRow[] => [
  [rowid, 'language', language],
  [rowid, 'place', place],
];

/** What a snapshot says, by rowid, independent of positions. */
function view(s: Snapshot) {
  const live = (order: Uint32Array) => [...order].filter((p) => !s.dead[p]).map((p) => s.rowids[p]);
  const valuesOf = (f: FacetName) =>
    Object.fromEntries(
      [...s.all].map((p) => {
        const col = s.facets[f];
        return [s.rowids[p], [...col.valueIds.subarray(col.offsets[p], col.offsets[p + 1])].map((id) => col.values[id])];
      }),
    );
  return {
    all: [...s.all].map((p) => s.rowids[p]),
    byTitle: live(s.byTitle),
    byDate: live(s.byDate),
    byDateDesc: live(s.byDateDesc),
    language: valuesOf('language'),
    place: valuesOf('place'),
    positions: [...s.all].every((p) => s.position[s.rowids[p]!] === p),
  };
}

describe('facet snapshot', () => {
  const a = item(1, 'beantwortung', 1784);
  const b = item(2, 'getijdenboek', 1475);
  const c = item(3, 'kalender', null);
  const d = item(7, 'abdruck', 1500);

  it('orders by title, by date (undated last) and by date descending', () => {
    const s = buildSnapshot('1', [a, b, c], [...facets(1, 'ger', 'Berlin'), ...facets(2, 'dut', 'Brugge'), ...facets(3, 'ger', 'Berlin')]);
    expect(view(s)).toMatchObject({ all: [1, 2, 3], byTitle: [1, 2, 3], byDate: [2, 1, 3], byDateDesc: [1, 2, 3] });
  });

  it('patched with removals and additions says what a fresh build says', () => {
    const start = buildSnapshot('1', [a, b, c], [...facets(1, 'ger', 'Berlin'), ...facets(2, 'dut', 'Brugge'), ...facets(3, 'ger', 'Berlin')]);
    const patched = patchSnapshot(
      start,
      '3',
      [2],
      [
        {
          item: d,
          facets: [
            ['language', 'lat'],
            ['place', 'Brugge'],
          ],
        },
      ],
    );
    const fresh = buildSnapshot('3', [a, c, d], [...facets(1, 'ger', 'Berlin'), ...facets(3, 'ger', 'Berlin'), ...facets(7, 'lat', 'Brugge')]);
    expect(view(patched)).toEqual(view(fresh));
    expect(patched.generation).toBe('3');
    expect(patched.position[2]).toBe(-1);
  });

  it('lists positions per facet value, and for two or more filters every item failing at most one', () => {
    const rows: FacetRow[] = [
      ...facets(1, 'ger', 'Berlin'),
      ...facets(2, 'dut', 'Brugge'),
      ...facets(3, 'ger', 'Brugge'),
      ...facets(4, 'fre', 'Paris'),
      [1, 'century', '18'],
      [2, 'century', '15'],
      [3, 'century', '18'],
      [4, 'century', '18'],
    ];
    const s = buildSnapshot('1', [item(1, 'a', 1700), item(2, 'b', 1475), item(3, 'c', 1750), item(4, 'd', 1790)], rows);
    const ger = s.facets.language.ids.get('ger')!;
    expect([...postings(s).language[ger]!].map((p) => s.rowids[p])).toEqual([1, 3]);
    expect(facetCandidates(s, [{ facet: 'language', values: ['ger'] }])).toBeUndefined();
    const two = facetCandidates(s, [
      { facet: 'language', values: ['ger'] },
      { facet: 'place', values: ['Brugge'] },
    ])!;
    // 1 fails place only, 2 fails language only, 3 passes both, 4 fails both.
    expect([...two].map((p) => s.rowids[p])).toEqual([1, 2, 3]);
    const three = facetCandidates(s, [
      { facet: 'language', values: ['ger', 'fre'] },
      { facet: 'place', values: ['Brugge'] },
      { facet: 'century', values: ['15'] },
    ])!;
    // Items failing two filters may be listed too; every item failing at most one must be.
    expect([...three].map((p) => s.rowids[p])).toEqual(expect.arrayContaining([2, 3]));
  });
});
