// Reads `item.json`, Leeszaal's own item description for curators who have no METS export: the
// ItemRecord fields in a form easy to write by hand (a plain string title, creators with roles,
// pages by file name). Validated with valibot; every error names the field (`pages[2].file`).
import path from 'node:path';
import type { InternationalString } from '@iiif/presentation-3';
import * as v from 'valibot';
import type { TocEntry } from '../../manifests/item.ts';
import { httpUrlProblem, isHttpUrl } from '../../manifests/safe-url.ts';
import type { SourceItem, SourceProblem } from './source-item.ts';
import { fileStem, pageKeys } from './page-order.ts';
import type { ItemContext, ItemReading } from './item-context.ts';
import { plainFile, SUPPORTED_IMAGE } from './item-folder.ts';
import { behaviorFor, compact, issueMessages, jsonFile, labelFor, nonEmptyText, rightsField } from './item-fields.ts';
import { normaliseLanguage } from './languages.ts';
import { toSafeId } from './safe-id.ts';

const text = nonEmptyText;
const texts = v.pipe(v.array(text), v.minLength(1, 'must not be empty'));
const languageMap = v.record(
  v.pipe(v.string(), v.regex(/^(none|[a-z]{2,3}(-[A-Za-z0-9]{1,8})*)$/, 'must be a BCP 47 language tag or "none"')),
  v.union([text, texts]),
);
const relativeFile = v.pipe(
  text,
  v.check(
    (f) => !path.posix.isAbsolute(f) && !path.posix.normalize(f.replaceAll('\\', '/')).startsWith('..'),
    'must be a path inside the item folder',
  ),
);
// Stored links end up as anchors in every IIIF client: only web addresses, never `javascript:` and the like.
const url = v.pipe(
  v.string(),
  v.check(isHttpUrl, (issue) => `must be an http or https URL (${httpUrlProblem(String(issue.input))})`),
);
const oneOf = <const T extends readonly string[]>(values: T) => v.picklist(values, `must be one of ${values.join(', ')}`);

interface TocJson {
  label: string;
  type?: string | undefined;
  pages: string[];
  children?: TocJson[] | undefined;
}
const tocEntry: v.GenericSchema<unknown, TocJson> = v.strictObject({
  label: text,
  type: v.optional(text),
  pages: v.optional(v.array(text), []),
  children: v.optional(v.array(v.lazy(() => tocEntry))),
});

/** The item.json schema (documented in docs/source-formats.md, section "item.json"). */
export const itemJsonSchema = jsonFile({
  id: v.optional(text),
  title: v.optional(v.union([text, languageMap])),
  summary: v.optional(v.union([text, languageMap])),
  type: v.optional(oneOf(['book', 'periodical', 'print', 'manuscript', 'map', 'other'])),
  creators: v.optional(
    v.array(
      v.strictObject({
        name: text,
        role: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{3}$/, 'must be a MARC relator code such as aut, prt, pbl'))),
        uri: v.optional(url),
      }),
    ),
    [],
  ),
  date: v.optional(v.union([text, v.pipe(v.number(), v.integer('must be a whole year'), v.transform(String))])),
  place: v.optional(text),
  publisher: v.optional(text),
  language: v.optional(v.union([text, v.array(text)])),
  subjects: v.optional(v.array(text), []),
  shelfmark: v.optional(text),
  holdingInstitution: v.optional(text),
  identifiers: v.optional(v.array(v.strictObject({ type: text, value: text })), []),
  partOf: v.optional(text),
  rights: v.optional(rightsField),
  attribution: v.optional(text),
  externalUrl: v.optional(url),
  note: v.optional(text),
  behavior: v.optional(oneOf(['paged', 'individuals'])),
  viewingDirection: v.optional(oneOf(['left-to-right', 'right-to-left'])),
  pages: v.optional(
    v.pipe(
      v.array(v.strictObject({ file: relativeFile, label: v.optional(text), alto: v.optional(relativeFile) })),
      v.minLength(1, 'must list at least one page'),
    ),
  ),
  toc: v.optional(v.array(tocEntry), []),
});

export type ItemJson = v.InferOutput<typeof itemJsonSchema>;

function asLanguageMap(value: string | Record<string, string | string[]>): InternationalString {
  if (typeof value === 'string') return { none: [value] };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

/** Why a listed file cannot be read, or undefined when it can (a regular file, no link on the way). */
async function unreadable(folder: string, rel: string, named: string): Promise<string | undefined> {
  const kind = await plainFile(folder, rel);
  if (kind === 'file') return undefined;
  return kind === 'link'
    ? `${named} is (or lies in) a symbolic link; links are not followed: copy the file into the item folder`
    : `${named} is not in the item folder`;
}

/** Reads `item.json` of one item folder. */
export async function readItemJson(json: string, jsonFile: string, ctx: ItemContext): Promise<ItemReading> {
  const file = ctx.shown(jsonFile);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { problems: [{ item: ctx.folderName, file, reason: `item.json is not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = v.safeParse(itemJsonSchema, raw);
  const declaredId = typeof (raw as { id?: unknown })?.id === 'string' ? toSafeId((raw as { id: string }).id) : '';
  if (!parsed.success) {
    return {
      problems: issueMessages(parsed.issues).map((message) => ({ item: declaredId || ctx.folderName, file, reason: `item.json ${message}` })),
    };
  }
  const data = parsed.output;
  const id = data.id ? toSafeId(data.id) : (ctx.identifier && toSafeId(ctx.identifier)) || toSafeId(ctx.folderName);
  const problems: SourceProblem[] = [];
  const problem = (reason: string) => problems.push({ item: id || ctx.folderName, file, reason: `item.json ${reason}` });
  if (!id)
    problem(
      data.id
        ? `id: ${JSON.stringify(data.id)} has no letters or digits to make an item id from`
        : 'id: missing, and the folder name cannot serve as one',
    );

  const languageValues = data.language === undefined ? [] : Array.isArray(data.language) ? data.language : [data.language];
  const languages: string[] = [];
  languageValues.forEach((value, i) => {
    const code = normaliseLanguage(value);
    if (code) languages.push(code);
    else problem(`language${Array.isArray(data.language) ? `[${i}]` : ''}: ${JSON.stringify(value)} is not an ISO 639 code or a known language name`);
  });

  const pages: { file: string; label?: string; alto?: string }[] = [];
  if (data.pages) {
    for (const [i, page] of data.pages.entries()) {
      const f = path.posix.normalize(page.file.replaceAll('\\', '/'));
      if (!SUPPORTED_IMAGE.test(f)) problem(`pages[${i}].file: ${page.file} is not a supported image format (TIFF, JPEG, PNG, WebP or JPEG 2000)`);
      else {
        const why = await unreadable(ctx.folder, f, page.file);
        if (why) problem(`pages[${i}].file: ${why}`);
      }
      let alto: string | undefined;
      if (page.alto) {
        alto = path.posix.normalize(page.alto.replaceAll('\\', '/'));
        const why = await unreadable(ctx.folder, alto, page.alto);
        if (why) problem(`pages[${i}].alto: ${why}`);
      }
      pages.push(compact({ file: f, label: page.label, alto: alto ?? ctx.files.altoByStem.get(fileStem(f)) }));
    }
    const listed = new Set(pages.map((p) => p.file));
    for (const image of ctx.files.images) {
      if (!listed.has(image)) problem(`pages: ${image} is in the item folder but not listed in pages`);
    }
  } else {
    for (const image of ctx.files.images) pages.push(compact({ file: image, alto: ctx.files.altoByStem.get(fileStem(image)) }));
  }
  const keys = pageKeys(pages.map((p) => p.file));
  const keyOf = new Map<string, string>();
  pages.forEach((p, i) => {
    keyOf.set(keys[i]!, keys[i]!);
    keyOf.set(p.file, keys[i]!);
    keyOf.set(path.posix.basename(p.file), keys[i]!);
  });
  const toToc = (entries: TocJson[], at: string): TocEntry[] =>
    entries.map((entry, i) => {
      const here = `${at}[${i}]`;
      const entryPages = entry.pages.flatMap((ref, j) => {
        const key = keyOf.get(ref);
        if (!key) problem(`${here}.pages[${j}]: ${JSON.stringify(ref)} is neither a page file nor a page key of this item`);
        return key ? [key] : [];
      });
      return compact({ label: entry.label, type: entry.type, pages: entryPages, children: toToc(entry.children ?? [], `${here}.children`) });
    });
  const toc = toToc(data.toc, 'toc');
  if (pages.length === 0) problem('pages: the item has no page images (TIFF, JPEG, PNG or WebP, in the folder or in images/)');
  if (problems.length > 0) return { problems };

  const type = data.type ?? (pages.length > 1 ? 'book' : 'print');
  const item: SourceItem = compact({
    id,
    type,
    ...labelFor(data.title === undefined ? undefined : asLanguageMap(data.title)),
    summary: data.summary === undefined ? undefined : asLanguageMap(data.summary),
    agents: data.creators.map((c) => compact({ name: c.name, role: c.role, uri: c.uri })),
    publisher: data.publisher,
    place: data.place,
    date: data.date,
    languages: [...new Set(languages)],
    subjects: data.subjects,
    shelfmark: data.shelfmark,
    holdingInstitution: data.holdingInstitution,
    identifiers: data.identifiers,
    partOf: data.partOf,
    rights: data.rights ?? ctx.inherited.rights,
    attribution: data.attribution ?? ctx.inherited.attribution,
    externalUrl: data.externalUrl,
    note: data.note,
    sourceRecord: { file: 'item.json', format: 'json' as const },
    behavior: data.behavior ?? behaviorFor(type),
    viewingDirection: data.viewingDirection ?? 'left-to-right',
    folder: ctx.folder,
    metadataFile: jsonFile,
    pages: pages.map((p, i) => compact({ key: keys[i]!, ...p })),
    toc,
  });
  return { item, problems: [] };
}
