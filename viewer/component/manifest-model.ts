// Turns an untrusted IIIF Presentation 3 or 2 document (Manifest or Collection) into the small page
// model the viewer draws from: pages with their image service, labels, table of contents and the
// services a reader needs (search). Presentation 2 is upgraded with @iiif/parser first, so one code
// path serves both; the upgrader is loaded only when a Presentation 2 document arrives, so readers of
// our own manifests never download it. Anything missing or malformed becomes a clear ManifestError.
import type { InternationalString } from '@iiif/presentation-3';
import type { Lang } from './i18n.ts';

export class ManifestError extends Error {
  override name = 'ManifestError';
}

export interface ImageSource {
  /** Image API service base (no trailing `/info.json`), when the page has one. */
  service?: { id: string; version: 2 | 3 };
  /** Direct image URL: the fallback when there is no service, and a quick preview. */
  url: string;
  width: number;
  height: number;
}

export interface Page {
  index: number;
  canvasId: string;
  /** Stable short key for links: the canvas id's last segment, or the 1-based page number. */
  key: string;
  label: InternationalString;
  width: number;
  height: number;
  image?: ImageSource;
  /** Small image URL for thumbnails. */
  thumbnail?: string;
  /** URLs of the canvas's AnnotationPages (`annotations`): where its full text is, when it has one. */
  annotations?: string[];
  /** What the server offers for this page alone (the canvas's `rendering`), such as its text. */
  rendering?: Download[];
  /** The page's source ALTO: a canvas `seeAlso` with the ALTO profile or format. */
  alto?: Download;
}

/** A file to take away, as `rendering` and `seeAlso` name one. */
export interface Download {
  id: string;
  label?: InternationalString;
  format?: string;
}

export interface TocNode {
  label: InternationalString;
  /** Index of the first page the entry covers; -1 when none of its canvases is in the manifest. */
  start: number;
  children: TocNode[];
}

export interface LabelValue {
  label: InternationalString;
  value: InternationalString;
}

export interface ManifestModel {
  kind: 'manifest';
  id: string;
  label: InternationalString;
  summary?: InternationalString;
  metadata: LabelValue[];
  requiredStatement?: LabelValue;
  rights?: string;
  provider: { label: InternationalString; homepage?: string }[];
  homepage?: string;
  /** Links to machine-readable descriptions (`seeAlso`), e.g. the source record. */
  seeAlso: { id: string; label?: InternationalString; format?: string; profile?: string }[];
  /** Downloads the server offers (`rendering`): the book as PDF or text. */
  rendering: Download[];
  paged: boolean;
  /** `behavior: continuous`: the canvases are parts of one long object (a scroll), shown as one strip. */
  continuous: boolean;
  viewingDirection: 'left-to-right' | 'right-to-left' | 'top-to-bottom' | 'bottom-to-top';
  pages: Page[];
  /** Index of the page the manifest asks to open at (`start`, Presentation 2 `startCanvas`); 0 when none. */
  start: number;
  toc: TocNode[];
  /** Content Search 2.0 service URL (or 1.0 when only that is offered). */
  search?: { id: string; version: 1 | 2 };
}

export interface CollectionEntry {
  id: string;
  type: 'Manifest' | 'Collection';
  label: InternationalString;
  summary?: InternationalString;
  thumbnail?: string;
  homepage?: string;
  /** Year of the item's `navDate`, for browsing by date. */
  year?: number;
  /** The item's `navDate` as given (an ISO 8601 date-time), for showing with nav-date.ts. */
  navDate?: string;
}

export interface CollectionModel {
  kind: 'collection';
  id: string;
  label: InternationalString;
  summary?: InternationalString;
  items: CollectionEntry[];
}

export type IiifModel = ManifestModel | CollectionModel;

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObj(v) ? (str(v.id) ?? str(v['@id'])) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

function langMap(v: unknown): InternationalString | undefined {
  if (typeof v === 'string') return { none: [v] };
  if (!isObj(v)) return undefined;
  const out: InternationalString = {};
  for (const [k, vals] of Object.entries(v)) {
    const strings = arr(vals).filter((s): s is string => typeof s === 'string');
    if (strings.length > 0) out[k] = strings;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function labelValue(v: unknown): LabelValue | undefined {
  if (!isObj(v)) return undefined;
  const label = langMap(v.label);
  const value = langMap(v.value);
  return label && value ? { label, value } : undefined;
}

/** Best string of a language map for a reader: their language, then `none`, then any other. */
export function pickText(map: InternationalString | undefined, lang: Lang, joiner = '; '): string {
  if (!map) return '';
  const values = map[lang] ?? map.none ?? map.en ?? Object.values(map).find((v) => v && v.length > 0) ?? [];
  return values.join(joiner);
}

export type Upgrader = (doc: never) => unknown;

export function isPresentation2(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  const ctx = arr(doc['@context']).map(String);
  return ctx.some((c) => c.includes('/presentation/2')) || (typeof doc['@type'] === 'string' && doc['@type'].startsWith('sc:'));
}

function imageService(body: Json): ImageSource['service'] {
  for (const s of arr(body.service)) {
    if (!isObj(s)) continue;
    const id = idOf(s);
    if (!id) continue;
    const type = String(s.type ?? s['@type'] ?? '');
    const profile = String(arr(s.profile)[0] ?? '');
    const ctx = String(arr(s['@context'])[0] ?? '');
    if (type === 'ImageService3' || ctx.includes('/image/3')) return { id: id.replace(/\/info\.json$/, ''), version: 3 };
    if (type === 'ImageService2' || type === 'ImageService1' || ctx.includes('/image/') || profile.includes('/image/')) {
      return { id: id.replace(/\/info\.json$/, ''), version: 2 };
    }
  }
  return undefined;
}

function paintedImage(canvas: Json): ImageSource | undefined {
  for (const page of arr(canvas.items)) {
    if (!isObj(page)) continue;
    for (const anno of arr(page.items)) {
      if (!isObj(anno) || !arr(anno.motivation).includes('painting')) continue;
      for (let body of arr(anno.body)) {
        if (isObj(body) && body.type === 'Choice') body = arr(body.items)[0];
        if (!isObj(body) || (body.type !== 'Image' && body.type !== undefined)) continue;
        const url = idOf(body);
        if (!url) continue;
        const width = num(body.width) ?? num(canvas.width) ?? 1000;
        const height = num(body.height) ?? num(canvas.height) ?? 1000;
        const service = imageService(body);
        return service ? { service, url, width, height } : { url, width, height };
      }
    }
  }
  return undefined;
}

function thumbnailUrl(resource: Json, image: ImageSource | undefined): string | undefined {
  const thumb = arr(resource.thumbnail)[0];
  if (isObj(thumb)) {
    const svc = imageService(thumb);
    if (svc) return `${svc.id}/full/200,/0/default.jpg`;
    const id = idOf(thumb);
    if (id) return id;
  }
  if (typeof thumb === 'string') return thumb;
  if (image?.service) return `${image.service.id}/full/200,/0/default.jpg`;
  return image?.url;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function pageKeys(canvasIds: string[]): string[] {
  const tails = canvasIds.map(
    (id) =>
      id
        .replace(/[?#].*$/, '')
        .split('/')
        .filter(Boolean)
        .at(-1) ?? '',
  );
  const unique = new Set(tails).size === tails.length && tails.every((k) => SAFE_KEY.test(k));
  return unique ? tails : canvasIds.map((_, i) => String(i + 1));
}

function tocNodes(ranges: unknown[], indexOfCanvas: Map<string, number>): TocNode[] {
  const out: TocNode[] = [];
  for (const r of ranges) {
    if (!isObj(r) || (r.type !== 'Range' && r.type !== undefined)) continue;
    const label = langMap(r.label) ?? { none: ['—'] };
    const childRanges = arr(r.items).filter((i) => isObj(i) && i.type === 'Range');
    const canvases = arr(r.items)
      .map((i) => (isObj(i) && i.type === 'SpecificResource' ? idOf(i.source) : idOf(i)))
      .filter((id): id is string => id !== undefined)
      .map((id) => indexOfCanvas.get(id.replace(/#.*$/, '')))
      .filter((i): i is number => i !== undefined);
    const children = tocNodes(childRanges, indexOfCanvas);
    const starts = [...canvases, ...children.map((c) => c.start).filter((s) => s >= 0)];
    out.push({ label, start: starts.length > 0 ? Math.min(...starts) : -1, children });
  }
  return out;
}

function searchService(doc: Json): ManifestModel['search'] {
  let found: ManifestModel['search'];
  for (const s of arr(doc.service)) {
    if (!isObj(s)) continue;
    const id = idOf(s);
    const type = String(s.type ?? s['@type'] ?? '');
    const profile = String(s.profile ?? '');
    if (!id) continue;
    if (type === 'SearchService2') return { id, version: 2 };
    if (type === 'SearchService1' || profile.includes('/search/1/') || profile.includes('/search/0/')) found ??= { id, version: 1 };
  }
  return found;
}

/** The canvas id `start` names: a Canvas reference, or a SpecificResource whose `source` is one (cookbook 0202). */
function startCanvasId(doc: Json, raw: Json): string | undefined {
  const start = doc.start ?? raw.startCanvas ?? arr(raw.sequences).find(isObj)?.startCanvas;
  const target = isObj(start) && start.type === 'SpecificResource' ? start.source : start;
  return idOf(target)?.replace(/#.*$/, '');
}

/** The entries of a `rendering` or `seeAlso` list with an absolute http(s) id: what can be downloaded. */
function downloads(list: unknown): Download[] {
  return arr(list)
    .filter(isObj)
    .flatMap((r) => {
      const rid = idOf(r);
      if (!rid || !/^https?:\/\//.test(rid)) return [];
      const entry: Download = { id: rid };
      const label = langMap(r.label);
      if (label) entry.label = label;
      if (str(r.format)) entry.format = str(r.format)!;
      return [entry];
    });
}

/** ALTO by its profile (what a Leeszaal server sends) or its format (`application/alto+xml`, used elsewhere). */
const isAlto = (s: Json): boolean => /\/\/www\.loc\.gov\/standards\/alto\//.test(String(s.profile ?? '')) || s.format === 'application/alto+xml';

function buildManifest(doc: Json, raw: Json): ManifestModel {
  const id = idOf(doc);
  if (!id) throw new ManifestError('the manifest has no id');
  const canvases = arr(doc.items).filter(isObj);
  if (canvases.length === 0) throw new ManifestError('the manifest has no pages (items is empty)');
  const canvasIds = canvases.map((c, i) => idOf(c) ?? `${id}#canvas-${i + 1}`);
  const keys = pageKeys(canvasIds);
  const pages: Page[] = canvases.map((canvas, index) => {
    const image = paintedImage(canvas);
    const width = num(canvas.width) ?? image?.width ?? 1000;
    const height = num(canvas.height) ?? image?.height ?? 1000;
    const page: Page = {
      index,
      canvasId: canvasIds[index]!,
      key: keys[index]!,
      label: langMap(canvas.label) ?? { none: [String(index + 1)] },
      width,
      height,
    };
    if (image) page.image = image;
    const thumb = thumbnailUrl(canvas, image);
    if (thumb) page.thumbnail = thumb;
    const annotations = arr(canvas.annotations)
      .map(idOf)
      .filter((a): a is string => a !== undefined);
    if (annotations.length > 0) page.annotations = annotations;
    const rendering = downloads(canvas.rendering);
    if (rendering.length > 0) page.rendering = rendering;
    const alto = downloads(arr(canvas.seeAlso).filter((s) => isObj(s) && isAlto(s)))[0];
    if (alto) page.alto = alto;
    return page;
  });
  const indexOfCanvas = new Map(canvasIds.map((c, i) => [c, i]));
  const firstSequence = arr(raw.sequences).find(isObj);
  const direction = str(doc.viewingDirection) ?? str(raw.viewingDirection) ?? str(firstSequence?.viewingDirection);
  const behavior = arr(doc.behavior).map(String);
  const model: ManifestModel = {
    kind: 'manifest',
    id,
    label: langMap(doc.label) ?? { none: ['—'] },
    metadata: arr(doc.metadata)
      .map(labelValue)
      .filter((x): x is LabelValue => x !== undefined),
    provider: arr(doc.provider)
      .filter(isObj)
      .map((p) => {
        const homepage = idOf(arr(p.homepage)[0]);
        const label = langMap(p.label) ?? { none: [idOf(p) ?? ''] };
        return homepage ? { label, homepage } : { label };
      }),
    seeAlso: arr(doc.seeAlso)
      .filter(isObj)
      .flatMap((s) => {
        const sid = idOf(s);
        if (!sid) return [];
        const entry: ManifestModel['seeAlso'][number] = { id: sid };
        const label = langMap(s.label);
        if (label) entry.label = label;
        if (str(s.format)) entry.format = str(s.format)!;
        if (str(s.profile)) entry.profile = str(s.profile)!;
        return [entry];
      }),
    rendering: downloads(doc.rendering),
    paged: behavior.includes('paged') || behavior.includes('facing-pages'),
    continuous: behavior.includes('continuous'),
    viewingDirection: direction === 'right-to-left' || direction === 'top-to-bottom' || direction === 'bottom-to-top' ? direction : 'left-to-right',
    pages,
    start: indexOfCanvas.get(startCanvasId(doc, raw) ?? '') ?? 0,
    toc: tocNodes(arr(doc.structures), indexOfCanvas),
  };
  const summary = langMap(doc.summary) ?? langMap(raw.description);
  if (summary) model.summary = summary;
  const required = labelValue(doc.requiredStatement);
  if (required) model.requiredStatement = required;
  const rights = str(doc.rights) ?? str(arr(raw.license)[0]);
  if (rights) model.rights = rights;
  const homepage = idOf(arr(doc.homepage)[0]);
  if (homepage) model.homepage = homepage;
  const search = searchService(doc) ?? searchService(raw);
  if (search) model.search = search;
  return model;
}

function buildCollection(doc: Json): CollectionModel {
  const id = idOf(doc);
  if (!id) throw new ManifestError('the collection has no id');
  const items: CollectionEntry[] = arr(doc.items)
    .filter(isObj)
    .flatMap((m) => {
      const mid = idOf(m);
      const type = m.type === 'Collection' ? 'Collection' : m.type === 'Manifest' ? 'Manifest' : undefined;
      if (!mid || !type) return [];
      const entry: CollectionEntry = { id: mid, type, label: langMap(m.label) ?? { none: [mid] } };
      const summary = langMap(m.summary);
      if (summary) entry.summary = summary;
      const thumb = thumbnailUrl(m, undefined);
      if (thumb) entry.thumbnail = thumb;
      const homepage = idOf(arr(m.homepage)[0]);
      if (homepage) entry.homepage = homepage;
      const navDate = str(m.navDate);
      const year = /^(-?\d{1,4})-/.exec(navDate ?? '')?.[1];
      if (year) entry.year = Number(year);
      if (navDate && year) entry.navDate = navDate;
      return [entry];
    });
  const model: CollectionModel = { kind: 'collection', id, label: langMap(doc.label) ?? { none: ['—'] }, items };
  const summary = langMap(doc.summary);
  if (summary) model.summary = summary;
  return model;
}

/** Builds the model from a parsed JSON document; a Presentation 2 document needs the upgrader. */
export function toModel(input: unknown, upgrade?: Upgrader): IiifModel {
  if (!isObj(input)) throw new ManifestError('the document is not a JSON object');
  if (isPresentation2(input) && !upgrade) throw new ManifestError('a Presentation 2 document needs the upgrader (use parseModel)');
  // The upgrader changes the document it is given; a copy keeps the caller's JSON intact.
  const doc = isPresentation2(input) && upgrade ? upgrade(structuredClone(input) as never) : input;
  if (!isObj(doc)) throw new ManifestError('the Presentation 2 document could not be upgraded');
  if (doc.type === 'Manifest') return buildManifest(doc, input);
  if (doc.type === 'Collection') return buildCollection(doc);
  throw new ManifestError(`expected a Manifest or Collection, got ${JSON.stringify(doc.type ?? input['@type'] ?? null)}`);
}

/** Models a document of either version, loading the Presentation 2 upgrader only when needed. */
export async function parseModel(input: unknown): Promise<IiifModel> {
  if (!isPresentation2(input)) return toModel(input);
  const { upgrade } = await import('@iiif/parser/upgrader');
  return toModel(input, upgrade as Upgrader);
}

/** Fetches and models a manifest or collection; network and HTTP failures become ManifestErrors. */
export async function loadModel(url: string, fetcher: typeof fetch = fetch): Promise<IiifModel> {
  let res: Response;
  try {
    res = await fetcher(url, { headers: { accept: 'application/ld+json, application/json' } });
  } catch (err) {
    throw new ManifestError(`could not reach ${url} (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!res.ok) throw new ManifestError(`${url} answered ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ManifestError(`${url} is not valid JSON`);
  }
  return parseModel(json);
}

/** The page index for a key from a link, or undefined when no page has it. */
export function pageIndexOfKey(model: ManifestModel, key: string): number | undefined {
  return model.pages.find((p) => p.key === key)?.index;
}

/**
 * The page a link's `page` value names: a page key first (keys are what the viewer writes), else a
 * page's label in any language (`?page=481`, as printed on the page), else undefined.
 */
export function pageIndexOfLink(model: ManifestModel, value: string): number | undefined {
  const wanted = value.trim();
  return (
    pageIndexOfKey(model, wanted) ??
    model.pages.find((p) =>
      Object.values(p.label)
        .flat()
        .some((l) => l?.trim() === wanted),
    )?.index
  );
}

/**
 * Which pages stand side by side in book view: the first page alone (a cover or title recto), then
 * pairs. Returns the indices shown with `index`, in visual order (right-to-left puts the later page left).
 */
export function spreadOf(model: ManifestModel, index: number): number[] {
  const n = model.pages.length;
  if (index <= 0 || n <= 1) return [0];
  const first = index % 2 === 1 ? index : index - 1;
  const pair = first + 1 < n ? [first, first + 1] : [first];
  return model.viewingDirection === 'right-to-left' ? pair.reverse() : pair;
}
