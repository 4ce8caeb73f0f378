// What changed between two versions of an item's record, field by field, as a curator reads it:
// for the history page (what a published version changed, by whom), and for a refused save (the
// other curator's changes). Each field is shown as one line of plain text; pages are compared as
// their order and their labels.
import type { InternationalString } from '@iiif/presentation-3';
import type { ItemRecord } from '../../../manifests/item.ts';

export const DIFF_FIELDS = [
  'title',
  'type',
  'agents',
  'date',
  'place',
  'publisher',
  'languages',
  'subjects',
  'shelfmark',
  'holdingInstitution',
  'summary',
  'rights',
  'attribution',
  'pageOrder',
  'pageLabels',
  'thumbnailPage',
  'behavior',
  'viewingDirection',
] as const;

export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldChange {
  field: DiffField;
  before: string;
  after: string;
}

function mapText(map: InternationalString | undefined): string {
  if (!map) return '';
  return Object.entries(map)
    .map(([lang, values]) => `${lang === 'none' ? '' : `[${lang}] `}${(values ?? []).join(' | ')}`)
    .join('; ');
}

function shown(record: ItemRecord, field: DiffField): string {
  switch (field) {
    case 'title':
      return mapText(record.label);
    case 'summary':
      return mapText(record.summary);
    case 'agents':
      return record.agents.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join('; ');
    case 'languages':
      return record.languages.join(', ');
    case 'subjects':
      return record.subjects.join('; ');
    case 'pageOrder':
      return record.pages.map((p) => p.key).join(', ');
    case 'pageLabels':
      return record.pages
        .filter((p) => p.label !== undefined)
        .map((p) => `${p.key}: ${p.label}`)
        .sort()
        .join('; ');
    case 'thumbnailPage':
      return record.thumbnailPage ?? record.pages[0]?.key ?? '';
    default:
      return record[field] ?? '';
  }
}

/** The fields whose shown value differs, in the editor's order. */
export function diffRecords(before: ItemRecord, after: ItemRecord): FieldChange[] {
  return DIFF_FIELDS.flatMap((field) => {
    const a = shown(before, field);
    const b = shown(after, field);
    return a === b ? [] : [{ field, before: a, after: b }];
  });
}
