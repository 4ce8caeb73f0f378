// Item ids and page keys made from curator-given names always fit ID_PATTERN.
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../manifests/layout.ts';
import { toSafeId, uniqueSafeIds } from './safe-id.ts';

describe('toSafeId', () => {
  it.each([
    ['kant-aufklaerung-1784', 'kant-aufklaerung-1784'],
    ['BRU Ms 0042', 'bru-ms-0042'],
    ['Getijdenboek (Brugge), 1460', 'getijdenboek-brugge-1460'],
    ['Ærøskøbing Straße', 'aeroskobing-strasse'],
    ['Cœur Łódź', 'coeur-lodz'],
    ['crème brûlée', 'creme-brulee'],
    ['__x__', 'x'],
    ['../../etc/passwd', 'etc-passwd'],
    ['', ''],
    ['???', ''],
  ])('%j → %j', (name, id) => {
    expect(toSafeId(name)).toBe(id);
    if (id) expect(id).toMatch(ID_PATTERN);
  });

  it('cuts long names to the pattern length', () => {
    const id = toSafeId('a'.repeat(300));
    expect(id).toHaveLength(128);
    expect(id).toMatch(ID_PATTERN);
  });
});

describe('uniqueSafeIds', () => {
  it('suffixes repeats in order of appearance and uses the fallback for empty names', () => {
    expect(uniqueSafeIds(['A', 'a', 'a-2', '!', '?'], 'page')).toEqual(['a', 'a-2', 'a-2-2', 'page', 'page-2']);
  });
});
