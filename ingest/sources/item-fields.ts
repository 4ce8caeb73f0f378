// Fields every metadata reader settles the same way: the label (or the neutral stand-in for an
// uncatalogued item), the IIIF behavior a type implies, a rights URI in a JSON metadata file, and
// dropping empty optional values so a SourceItem carries only what its source said.
import type { InternationalString } from '@iiif/presentation-3';
import { z } from 'zod';
import type { ItemRecord, ItemType } from '../../manifests/item.ts';
import { canonicalRights } from '../../manifests/rights.ts';

/** A `rights` value of item.json or collection.json, read into the IIIF form; anything else is refused. */
export const rightsField = z
  .string()
  .refine((r) => canonicalRights(r) !== undefined, 'must be a rightsstatements.org or Creative Commons URI')
  .transform((r) => canonicalRights(r)!);

/** The stand-in label of an item whose source gives no title, in the three interface languages. */
export const UNTITLED_LABEL: InternationalString = { nl: ['Zonder titel'], fr: ['Sans titre'], en: ['Untitled'] };

/** A title as a language map. Titles are in the item's own language, not the interface's, so `none`. */
export function labelFor(title: string | InternationalString | undefined): Pick<ItemRecord, 'label' | 'untitled'> {
  if (typeof title === 'string') {
    const t = title.trim();
    return t ? { label: { none: [t] } } : { label: UNTITLED_LABEL, untitled: true };
  }
  const hasText = title !== undefined && Object.values(title).some((v) => v?.some((s) => s.trim() !== ''));
  return hasText ? { label: title } : { label: UNTITLED_LABEL, untitled: true };
}

/** Books, journals and manuscripts are read page after page; prints and maps are single sheets. */
export function behaviorFor(type: ItemType): ItemRecord['behavior'] {
  return type === 'book' || type === 'periodical' || type === 'manuscript' ? 'paged' : 'individuals';
}

/** The object without keys whose value is undefined, '' or an empty string after trimming. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(typeof v === 'string' && v.trim() === '')),
  ) as T;
}
