// Reads the item editor's form (an untrusted urlencoded body) into the edited ItemRecord, or into the
// list of problems, each naming the form field it belongs to so the page can show it next to the
// field and in the summary. What ingest derived from the images (page files, sizes, image ids) is
// taken from the published record; the form only orders and labels pages. HTML in the summary and
// attribution is sanitised exactly as ingested metadata is (manifests/sanitize.ts).
import * as v from 'valibot';
import type { InternationalString } from '@iiif/presentation-3';
import { parseDateRange } from '../../../manifests/dates.ts';
import { ROLE_LABELS } from '../../../manifests/field-labels.ts';
import type { Agent, ItemRecord, ItemType } from '../../../manifests/item.ts';
import { toBcp47 } from '../../../manifests/language-map.ts';
import { sanitizeValue } from '../../../manifests/sanitize.ts';
import { rightsOption } from './rights-options.ts';

export const ITEM_TYPES: readonly ItemType[] = ['book', 'periodical', 'print', 'manuscript', 'map', 'other'];

/** Why a field was refused; text.ts words each code in nl, fr and en. */
export type ProblemCode =
  | 'required'
  | 'tooLong'
  | 'language'
  | 'date'
  | 'role'
  | 'agentName'
  | 'rights'
  | 'choice'
  | 'pages'
  | 'thumbnailPage'
  | 'emptyAfterCleaning';

export interface FieldProblem {
  /** The id of the form control at fault (`title-value-0`, `date`, `agent-role-2`). */
  field: string;
  code: ProblemCode;
  /** A value to quote in the message (the code that is not a language, say). */
  detail?: string;
}

export type FormBody = Record<string, string | string[] | undefined>;

/** Longest single-line value and longest summary accepted, in characters. */
const MAX_LINE = 1000;
const MAX_TEXT = 20_000;

const formValue = v.union([v.string(), v.array(v.string())]);
const formBody = v.record(v.string(), v.optional(formValue));

function list(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function one(body: FormBody, name: string): string {
  return (list(body, name)[0] ?? '').trim();
}

/** A language tag as IIIF wants it (`none` for no language); undefined when it is none. */
function languageKey(code: string): string | undefined {
  const c = code.trim();
  if (c === '' || c === 'none') return 'none';
  return toBcp47(c);
}

interface Reader {
  problems: FieldProblem[];
  problem: (field: string, code: ProblemCode, detail?: string) => void;
}

function languageMap(body: FormBody, r: Reader, name: string, max: number, clean: boolean): InternationalString {
  const langs = list(body, `${name}Lang`);
  const values = list(body, name);
  const map: InternationalString = {};
  values.forEach((raw, i) => {
    const value = raw.trim();
    if (value === '') return;
    if (value.length > max) return r.problem(`${name}-value-${i}`, 'tooLong', String(max));
    const key = languageKey(langs[i] ?? '');
    if (key === undefined) return r.problem(`${name}-lang-${i}`, 'language', (langs[i] ?? '').trim());
    const kept = clean ? sanitizeValue(value) : value;
    if (kept === '') return r.problem(`${name}-value-${i}`, 'emptyAfterCleaning');
    map[key] = [...(map[key] ?? []), kept];
  });
  return map;
}

function line(body: FormBody, r: Reader, name: string): string | undefined {
  const value = one(body, name);
  if (value.length > MAX_LINE) r.problem(name, 'tooLong', String(MAX_LINE));
  return value === '' ? undefined : value;
}

function agents(body: FormBody, r: Reader): Agent[] {
  const names = list(body, 'agentName');
  const roles = list(body, 'agentRole');
  const uris = list(body, 'agentUri');
  const out: Agent[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    const role = (roles[i] ?? '').trim().toLowerCase();
    const uri = (uris[i] ?? '').trim();
    if (name === '') {
      if (role !== '') r.problem(`agent-name-${i}`, 'agentName');
      return;
    }
    if (name.length > MAX_LINE) return r.problem(`agent-name-${i}`, 'tooLong', String(MAX_LINE));
    if (role !== '' && ROLE_LABELS[role] === undefined) return r.problem(`agent-role-${i}`, 'role', role);
    // The authority link is not edited here; it stays with the name it came with.
    out.push({ name, ...(role ? { role } : {}), ...(/^https?:\/\//.test(uri) ? { uri } : {}) });
  });
  return out;
}

/**
 * The edited record, or the problems that keep the form from being one. `published` supplies what
 * the form does not edit (id, identifiers, contents, source record, the pages' images).
 */
export function readItemForm(input: unknown, published: ItemRecord): { record: ItemRecord; problems: [] } | { problems: FieldProblem[] } {
  const parsed = v.safeParse(formBody, input);
  if (!parsed.success) return { problems: [{ field: 'form', code: 'choice' }] };
  const body = parsed.output;
  const problems: FieldProblem[] = [];
  const r: Reader = { problems, problem: (field, code, detail) => void problems.push({ field, code, ...(detail !== undefined ? { detail } : {}) }) };

  const label = languageMap(body, r, 'title', MAX_LINE, false);
  if (Object.keys(label).length === 0 && !problems.some((p) => p.field.startsWith('title-'))) r.problem('title-value-0', 'required');
  const summary = languageMap(body, r, 'summary', MAX_TEXT, true);

  const type = one(body, 'type') as ItemType;
  if (!ITEM_TYPES.includes(type)) r.problem('type', 'choice');

  const date = line(body, r, 'date');
  if (date !== undefined && parseDateRange(date) === undefined) r.problem('date', 'date', date);

  const languages: string[] = [];
  for (const code of one(body, 'languages')
    .split(/[\s,;]+/)
    .filter(Boolean)) {
    if (toBcp47(code) === undefined) r.problem('languages', 'language', code);
    else if (!languages.includes(code.toLowerCase())) languages.push(code.toLowerCase());
  }
  const subjects = [
    ...new Set(
      one(body, 'subjects')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (subjects.some((s) => s.length > MAX_LINE)) r.problem('subjects', 'tooLong', String(MAX_LINE));

  const rights = one(body, 'rights');
  if (rightsOption(rights) === undefined && rights !== published.rights) r.problem('rights', 'rights');
  const attributionText = one(body, 'attribution');
  const attribution = sanitizeValue(attributionText);
  if (attributionText === '') r.problem('attribution', 'required');
  else if (attributionText.length > MAX_LINE) r.problem('attribution', 'tooLong', String(MAX_LINE));
  else if (attribution === '') r.problem('attribution', 'emptyAfterCleaning');

  const behavior = one(body, 'behavior');
  if (behavior !== 'paged' && behavior !== 'individuals') r.problem('behavior', 'choice');
  const viewingDirection = one(body, 'viewingDirection');
  if (viewingDirection !== 'left-to-right' && viewingDirection !== 'right-to-left') r.problem('viewingDirection', 'choice');

  // Pages: the published pages, each once, in the submitted order with the submitted labels.
  const keys = list(body, 'pageKey');
  const labels = list(body, 'pageLabel');
  const byKey = new Map(published.pages.map((p) => [p.key, p]));
  const orderOk = keys.length === published.pages.length && new Set(keys).size === keys.length && keys.every((k) => byKey.has(k));
  if (!orderOk) r.problem('pages', 'pages');
  labels.forEach((l, i) => {
    if (l.trim().length > 200) r.problem(`page-label-${i}`, 'tooLong', '200');
  });
  const thumbnailPage = one(body, 'thumbnailPage');
  if (thumbnailPage !== '' && !byKey.has(thumbnailPage)) r.problem('thumbnailPage', 'thumbnailPage');

  const agentList = agents(body, r);
  const publisher = line(body, r, 'publisher');
  const place = line(body, r, 'place');
  const shelfmark = line(body, r, 'shelfmark');
  const holdingInstitution = line(body, r, 'holdingInstitution');
  if (problems.length > 0) return { problems };

  const pages = keys.map((key, i) => {
    const { label: _old, ...page } = byKey.get(key)!;
    const label = (labels[i] ?? '').trim();
    return label === '' ? page : { ...page, label };
  });
  const {
    label: _l,
    untitled: _u,
    summary: _s,
    publisher: _p,
    place: _pl,
    date: _d,
    shelfmark: _sh,
    holdingInstitution: _h,
    thumbnailPage: _t,
    ...kept
  } = published;
  const record: ItemRecord = {
    ...kept,
    type,
    label,
    ...(Object.keys(summary).length > 0 ? { summary } : {}),
    agents: agentList,
    ...(publisher ? { publisher } : {}),
    ...(place ? { place } : {}),
    ...(date ? { date } : {}),
    languages,
    subjects,
    ...(shelfmark ? { shelfmark } : {}),
    ...(holdingInstitution ? { holdingInstitution } : {}),
    rights,
    attribution,
    ...(thumbnailPage ? { thumbnailPage } : {}),
    behavior: behavior as ItemRecord['behavior'],
    viewingDirection: viewingDirection as ItemRecord['viewingDirection'],
    pages,
  };
  return { record, problems: [] };
}
