import { describe, expect, it } from 'vitest';
import type { FacetName } from './backend.ts';
import { buildSnapshot, patchSnapshot, type FacetRow, type ItemRow, type Snapshot } from './facet-snapshot.ts';

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
    const patched = patchSnapshot(start, '3', [2], [{ item: d, facets: [['language', 'lat'], ['place', 'Brugge']] }]);
    const fresh = buildSnapshot('3', [a, c, d], [...facets(1, 'ger', 'Berlin'), ...facets(3, 'ger', 'Berlin'), ...facets(7, 'lat', 'Brugge')]);
    expect(view(patched)).toEqual(view(fresh));
    expect(patched.generation).toBe('3');
    expect(patched.position[2]).toBe(-1);
  });
});
