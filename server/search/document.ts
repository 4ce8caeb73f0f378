// Turns a published item (its ItemRecord and full-text AnnotationPages) into the document both search
// engines index. Pure: reading the files is reindex.ts's job, so this is tested table-driven and
// ingest, reindex and tests all build the same document.
import { centuries, parseDateRange } from '../../manifests/dates.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { type JoinedLine, joinLineEnds } from '../../manifests/modern-spelling.ts';
import { readTextPage, TextPageError } from '../../manifests/page-text.ts';
import type { FacetName, IndexDocument, IndexPage } from './backend.ts';

const PRINTER_ROLES = new Set(['prt', 'pbl', 'bsl']);
const TITLE_LANGUAGES = ['nl', 'en', 'fr', 'de', 'none'];

/**
 * One published full-text page as the index holds it: its lines with their annotation ids and boxes,
 * read by the one reader of published text pages (manifests/page-text.ts), which the downloads and
 * the PDF use too. So block annotations (IIIF Text Granularity), which repeat their lines' text, are
 * not indexed twice, and a drop cap the source made a block of its own is joined to the line it
 * begins: "Aufklaͤrung" is found as the reader sees it. Undefined for a file that is not a text page
 * or has no line with a box (the page is then indexed without text, as one without a file).
 */
export function parseTextPage(json: string, page: { key: string; label?: string }): IndexPage | undefined {
  let read: ReturnType<typeof readTextPage>;
  try {
    read = readTextPage(json, `full text of ${page.key}`);
  } catch (err) {
    if (err instanceof TextPageError) return undefined;
    throw err;
  }
  const lines = read.lines
    .map((l) => ({
      ...(l.id !== undefined ? { id: l.id } : {}),
      text: l.text.trim(),
      xywh: [l.x, l.y, l.w, l.h] as [number, number, number, number],
    }))
    .filter((l) => l.text !== '');
  if (read.canvas === undefined) return undefined;
  return { key: page.key, ...(page.label !== undefined ? { label: page.label } : {}), canvas: read.canvas, lines };
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

/**
 * A page's lines as search matches them, one per line: a word hyphenated across a line end whole on
 * the line where it begins (`Unmuͤn-` + `digkeit iſt` → `Unmuͤndigkeit`, `iſt`), by the join rule of
 * the modern-spelling view (manifests/modern-spelling.ts). Letterforms stay as printed; folding makes
 * them modern. Computed from the published lines, so hits still point at real line annotations.
 */
export function matchLines(page: IndexPage): JoinedLine[] {
  return joinLineEnds(page.lines.map((l) => l.text));
}

/** The text of a page as search matches it, as one string: its match lines joined by newlines. */
export function pageText(page: IndexPage): string {
  return matchLines(page)
    .map((l) => l.text)
    .join('\n');
}
