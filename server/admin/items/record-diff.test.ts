// Field-level differences between two versions of a record, table-driven: each field a curator edits
// shows as one line before and after; unchanged fields do not show.
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../../manifests/item.ts';
import { itemRecord } from '../../../test/support/item-record.ts';
import { diffRecords } from './record-diff.ts';

const page = (key: string, label?: string) => ({ key, file: `${key}.tif`, imageId: key, width: 1, height: 1, ...(label ? { label } : {}) });
const base: ItemRecord = itemRecord({
  id: 'kant',
  label: { de: ['Was ist Aufklärung?'] },
  agents: [{ name: 'Kant', role: 'aut' }],
  date: '1784',
  pages: [page('a', '1'), page('b')],
});

describe('diffRecords', () => {
  it.each([
    {
      what: 'title',
      change: { label: { de: ['Aufklärung'], en: ['Enlightenment'] } },
      field: 'title',
      before: '[de] Was ist Aufklärung?',
      after: '[de] Aufklärung; [en] Enlightenment',
    },
    { what: 'date', change: { date: 'ca. 1784' }, field: 'date', before: '1784', after: 'ca. 1784' },
    { what: 'place (removed)', change: { place: undefined }, field: 'place', before: 'Berlin', after: '', from: { place: 'Berlin' } },
    {
      what: 'agents',
      change: {
        agents: [
          { name: 'Kant', role: 'aut' },
          { name: 'Spener', role: 'prt' },
        ],
      },
      field: 'agents',
      before: 'Kant (aut)',
      after: 'Kant (aut); Spener (prt)',
    },
    {
      what: 'page order',
      change: { pages: [page('b'), page('a', '1')] },
      field: 'pageOrder',
      before: 'a, b',
      after: 'b, a',
      from: { thumbnailPage: 'a' },
    },
    { what: 'page labels', change: { pages: [page('a', '1'), page('b', '2')] }, field: 'pageLabels', before: 'a: 1', after: 'a: 1; b: 2' },
    { what: 'thumbnail page (the first when none is named)', change: { thumbnailPage: 'b' }, field: 'thumbnailPage', before: 'a', after: 'b' },
    {
      what: 'reading direction',
      change: { viewingDirection: 'right-to-left' as const },
      field: 'viewingDirection',
      before: 'left-to-right',
      after: 'right-to-left',
    },
  ])('shows a changed $what', ({ change, field, before, after, from }) => {
    const a = { ...base, ...from };
    expect(diffRecords(a, { ...a, ...change })).toEqual([{ field, before, after }]);
  });

  it('finds nothing between equal records', () => {
    expect(diffRecords(base, structuredClone(base))).toEqual([]);
  });

  it('lists several changes in the editor’s order', () => {
    const changed = { ...base, rights: 'http://rightsstatements.org/vocab/InC/1.0/', label: { de: ['X'] }, date: '1785' };
    expect(diffRecords(base, changed).map((c) => c.field)).toEqual(['title', 'date', 'rights']);
  });
});
