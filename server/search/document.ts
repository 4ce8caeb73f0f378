// Turns a published item (its ItemRecord and full-text AnnotationPages) into the document both search
// engines index. Pure: reading the files is reindex.ts's job, so this is tested table-driven and
// ingest, reindex and tests all build the same document.
import * as v from 'valibot';
import { centuries, parseDateRange } from '../../manifests/dates.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import type { FacetName, IndexDocument, IndexLine, IndexPage } from './backend.ts';

const PRINTER_ROLES = new Set(['prt', 'pbl', 'bsl']);
const TITLE_LANGUAGES = ['nl', 'en', 'fr', 'de', 'none'];

const fragmentTarget = /^(?<canvas>[^#]+)#xywh=(?<x>\d+(?:\.\d+)?),(?<y>\d+(?:\.\d+)?),(?<w>\d+(?:\.\d+)?),(?<h>\d+(?:\.\d+)?)$/;

const textBody = v.object({ type: v.literal('TextualBody'), value: v.string() });
const annotation = v.object({
  id: v.optional(v.string()),
  motivation: v.optional(v.union([v.string(), v.array(v.string())])),
  textGranularity: v.optional(v.unknown()),
  body: v.union([textBody, v.pipe(v.array(textBody), v.minLength(1))]),
  target: v.union([v.string(), v.object({ source: v.union([v.string(), v.object({ id: v.string() })]), selector: v.object({ value: v.string() }) })]),
});
const annotationPage = v.object({ type: v.literal('AnnotationPage'), items: v.array(v.unknown()) });

/**
 * Reads one full-text AnnotationPage into lines with boxes; annotations that are not text lines are
 * skipped, among them those the IIIF Text Granularity extension marks as another granularity (the
 * block annotations ingest publishes repeat their lines' text, which must not be indexed twice).
 */
export function parseTextPage(json: unknown, page: { key: string; label?: string }): IndexPage | undefined {
  const parsed = v.safeParse(annotationPage, json);
  if (!parsed.success) return undefined;
  let canvas: string | undefined;
  const lines: IndexLine[] = [];
  for (const item of parsed.output.items) {
    const anno = v.safeParse(annotation, item);
    if (!anno.success) continue;
    const { body, target, textGranularity } = anno.output;
    if (textGranularity !== undefined && textGranularity !== 'line') continue;
    const text = (Array.isArray(body) ? body[0]! : body).value.trim();
    const fragment =
      typeof target === 'string' ? target : `${typeof target.source === 'string' ? target.source : target.source.id}#${target.selector.value}`;
    const m = fragmentTarget.exec(fragment);
    if (!m?.groups || text === '') continue;
    canvas ??= m.groups.canvas;
    const { x, y, w, h } = m.groups;
    lines.push({ ...(anno.output.id ? { id: anno.output.id } : {}), text, xywh: [Number(x), Number(y), Number(w), Number(h)] });
  }
  if (canvas === undefined) return undefined;
  return { key: page.key, ...(page.label !== undefined ? { label: page.label } : {}), canvas, lines };
}

/** The display title: the first value in nl, en, fr, de or `none`, else any language. */
export function displayTitle(label: Record<string, string[] | undefined>): string {
  for (const lang of TITLE_LANGUAGES) {
    const v = label[lang]?.[0];
    if (v) return v;
  }
  return Object.values(label).find((v) => v?.[0])?.[0] ?? '';
}

function allValues(map: Record<string, string[] | undefined> | undefined): string[] {
  if (!map) return [];
  return [...new Set(Object.values(map).flatMap((v) => v ?? []))];
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.map((v) => v?.trim()).filter((v): v is string => !!v))];
}

/** The index document of one item; `pages` are its full-text pages in reading order. */
export function buildIndexDocument(record: ItemRecord, pages: IndexPage[]): IndexDocument {
  const years = parseDateRange(record.date);
  const printers = unique([record.publisher, ...record.agents.filter((a) => a.role && PRINTER_ROLES.has(a.role)).map((a) => a.name)]);
  const facets: Record<FacetName, string[]> = {
    type: [record.type],
    language: unique(record.languages),
    century: years ? centuries(years).map(String) : [],
    person: unique(record.agents.filter((a) => !a.role || !PRINTER_ROLES.has(a.role)).map((a) => a.name)),
    place: unique([record.place]),
    printer: printers,
    subject: unique(record.subjects),
    collection: unique([record.partOf]),
  };
  return {
    id: record.id,
    type: record.type,
    title: displayTitle(record.label as Record<string, string[] | undefined>),
    labels: allValues(record.label as Record<string, string[] | undefined>),
    summaries: allValues(record.summary as Record<string, string[] | undefined> | undefined),
    agents: record.agents.map((a) => (a.role ? { name: a.name, role: a.role } : { name: a.name })),
    ...(printers[0] !== undefined ? { printer: printers[0] } : {}),
    ...(record.place ? { place: record.place } : {}),
    ...(record.date ? { date: record.date } : {}),
    ...(years ? { yearFrom: years.from, yearTo: years.to } : {}),
    languages: [...record.languages],
    subjects: [...record.subjects],
    ...(record.shelfmark ? { shelfmark: record.shelfmark } : {}),
    identifiers: record.identifiers.map((i) => i.value),
    ...(record.partOf ? { collection: record.partOf } : {}),
    rights: record.rights,
    facets,
    pages: pages.filter((p) => p.lines.length > 0),
  };
}

/** The text of a page as one string, lines joined by newlines (what snippets and page search read). */
export function pageText(page: IndexPage): string {
  return page.lines.map((l) => l.text).join('\n');
}
