// Fields every metadata reader settles the same way: the label (or the neutral stand-in for an
// uncatalogued item), the IIIF behavior a type implies, a rights URI in a JSON metadata file, and
// dropping empty optional values so a SourceItem carries only what its source said; and the
// messages for what is wrong in item.json or collection.json.
import type { InternationalString } from '@iiif/presentation-3';
import * as v from 'valibot';
import type { ItemRecord, ItemType } from '../../manifests/item.ts';
import { canonicalRights } from '../../manifests/rights.ts';

/** A `rights` value of item.json or collection.json, read into the IIIF form; anything else is refused. */
export const rightsField = v.pipe(
  v.string(),
  v.check((r) => canonicalRights(r) !== undefined, 'must be a rightsstatements.org or Creative Commons URI'),
  v.transform((r) => canonicalRights(r)!),
);

/** A text value of item.json or collection.json: trimmed, and not empty. */
export const nonEmptyText = v.pipe(v.string('must be text'), v.trim(), v.minLength(1, 'must not be empty'));

/**
 * The object schema of a whole JSON metadata file. valibot's object schemas also take an array
 * (an object to `typeof`), which as a whole file is a mistake.
 */
export function jsonFile<T extends v.ObjectEntries>(entries: T) {
  return v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'must be a JSON object'),
    v.strictObject(entries),
  );
}

type Issue = v.BaseIssue<unknown>;

const keysOf = (issue: Issue): PropertyKey[] => (issue.path ?? []).map((p) => p.key as PropertyKey);

/** `pages[2].file` from an issue's path. */
function fieldName(keys: readonly PropertyKey[]): string {
  return (
    keys.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '') ||
    '(top level)'
  );
}

/**
 * What a curator can act on: a missing field is "required", an unknown one is named, and for a
 * field with alternative forms (a title as text or as a language map) the errors of the form that
 * was attempted. A union issue means no form matched as a whole; its sub-issues, with paths from
 * the field, say where each form failed, and those past the field's own type are the attempted form's.
 */
function explain(issue: Issue): { at: PropertyKey[]; message: string }[] {
  const at = keysOf(issue);
  if (issue.type === 'union' && issue.issues) {
    const attempted = issue.issues.filter((i) => keysOf(i).length > 0 || i.kind !== 'schema');
    if (attempted.length > 0) return attempted.flatMap(explain).map((e) => ({ ...e, at: [...at, ...e.at] }));
    return [{ at, message: 'has the wrong form: see the item.json example in docs/source-formats.md' }];
  }
  if (issue.kind === 'schema' && issue.expected === 'never') return [{ at: at.slice(0, -1), message: `Unrecognized key: ${issue.received}` }];
  if (issue.kind === 'schema' && issue.input === undefined) return [{ at, message: 'is required' }];
  return [{ at, message: issue.message }];
}

/** One line per problem in a JSON metadata file: `<field>: <what is wrong>`. */
export function issueMessages(issues: readonly Issue[]): string[] {
  return issues.flatMap(explain).map(({ at, message }) => `${fieldName(at)}: ${message}`);
}

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
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(typeof v === 'string' && v.trim() === ''))) as T;
}
