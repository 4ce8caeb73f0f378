// A minimal ItemRecord for tests: every field a record must have, empty or neutral (no agents,
// languages or pages, public-domain mark, a paged book read left to right), so that a test states
// only the fields it is about.
import type { ItemRecord } from '../../manifests/item.ts';

export function itemRecord(fields: Partial<ItemRecord> & Pick<ItemRecord, 'id' | 'label'>): ItemRecord {
  return {
    type: 'book',
    agents: [],
    languages: [],
    subjects: [],
    identifiers: [],
    rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
    attribution: 'x',
    behavior: 'paged',
    viewingDirection: 'left-to-right',
    pages: [],
    toc: [],
    ...fields,
  };
}
