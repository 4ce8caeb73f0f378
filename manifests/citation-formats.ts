// An item's citation in the formats reference managers import: RIS (EndNote, Zotero, Mendeley),
// BibTeX (LaTeX), CSL-JSON (Zotero, Pandoc's citeproc), and the Highwire Press `citation_*` meta tags
// that Zotero's connector reads from the item's web page. All are made from the published ItemRecord,
// so every format says the same: authors, title, imprint, date, holding institution and shelfmark,
// the stable link, and the rights and attribution that come with the item. The people cited are read
// as citation-text.ts reads them for the text shown on the page. Pure: the server sends them.
import { citedPeople } from './citation-text.ts';
import type { ItemRecord, ItemType } from './item.ts';
import { pickString, toBcp47, UI_LANGUAGES } from './language-map.ts';
import { parseDateRange } from './dates.ts';
import { rightsNameAndUri } from './rights-names.ts';

/** Where the item lives on the web: its stable page, and its PDF when the server makes one. */
export interface CitationLinks {
  url: string;
  pdf?: string;
}

/** The fields every format draws on, read once from the record. */
interface Citable {
  id: string;
  type: ItemType;
  title: string;
  authors: string[];
  editors: string[];
  publisher?: string;
  place?: string;
  date?: string;
  /** First year of the date, when it has one. */
  year?: number;
  languages: string[];
  subjects: string[];
  institution?: string;
  shelfmark?: string;
  partOf?: string;
  isbn?: string;
  doi?: string;
  rights: string;
  attribution: string;
}

function citable(record: ItemRecord): Citable {
  const { authors, editors, publisher } = citedPeople(record);
  const identifier = (type: string) => record.identifiers.find((i) => i.type.toLowerCase() === type)?.value;
  const c: Citable = {
    id: record.id,
    type: record.type,
    // A stand-in label ("untitled item") is no title to cite.
    title: record.untitled ? '' : (pickString(record.label, ['none', ...UI_LANGUAGES]) ?? ''),
    authors,
    editors,
    languages: record.languages.flatMap((l) => toBcp47(l) ?? []),
    subjects: record.subjects,
    rights: record.rights,
    attribution: record.attribution,
  };
  if (publisher) c.publisher = publisher;
  if (record.place) c.place = record.place;
  if (record.date) {
    c.date = record.date;
    const range = parseDateRange(record.date);
    if (range) c.year = range.from;
  }
  if (record.holdingInstitution) c.institution = record.holdingInstitution;
  if (record.shelfmark) c.shelfmark = record.shelfmark;
  if (record.partOf) c.partOf = record.partOf;
  const isbn = identifier('isbn');
  if (isbn) c.isbn = isbn;
  const doi = identifier('doi');
  if (doi) c.doi = doi;
  return c;
}

/** "Rights: <name> <uri>. Attribution: <text>", the note every format carries: in English, as a citation file has no reader's language. */
const rightsNote = (c: Citable) => `Rights: ${rightsNameAndUri(c.rights, 'en')}. Attribution: ${c.attribution}`;

// ── RIS ──────────────────────────────────────────────────────────────────────────────────────────

const RIS_TYPES: Record<ItemType, string> = { book: 'BOOK', periodical: 'JFULL', print: 'ART', manuscript: 'MANSCPT', map: 'MAP', other: 'GEN' };

/** RIS tags: `TAG  - value`, CRLF line ends, as the format's specification and EndNote want. */
export function toRis(record: ItemRecord, links: CitationLinks): string {
  const c = citable(record);
  const lines: [string, string | undefined][] = [
    ['TY', RIS_TYPES[c.type]],
    ['TI', c.title || undefined],
    ...c.authors.map((a): [string, string] => ['AU', a]),
    ...c.editors.map((a): [string, string] => ['A2', a]),
    ['PY', c.year === undefined ? undefined : String(c.year)],
    ['DA', c.date],
    ['CY', c.place],
    ['PB', c.publisher],
    ['T2', c.partOf],
    ...c.languages.map((l): [string, string] => ['LA', l]),
    ...c.subjects.map((s): [string, string] => ['KW', s]),
    ['SN', c.isbn],
    ['DO', c.doi],
    ['DB', c.institution],
    ['CN', c.shelfmark],
    ['UR', links.url],
    ['L1', links.pdf],
    ['N1', rightsNote(c)],
    ['ER', ''],
  ];
  // A value is one line: a line break inside would start a bogus tag.
  const one = (v: string) => v.replace(/\s+/g, ' ').trim();
  return `${lines
    .filter((l): l is [string, string] => l[1] !== undefined)
    .map(([tag, v]) => `${tag}  - ${one(v)}`)
    .join('\r\n')}\r\n`;
}

// ── BibTeX ───────────────────────────────────────────────────────────────────────────────────────

const BIBTEX_TYPES: Record<ItemType, string> = {
  book: 'book',
  periodical: 'periodical',
  print: 'misc',
  manuscript: 'unpublished',
  map: 'misc',
  other: 'misc',
};

/** A value safe inside BibTeX braces: TeX's special characters escaped, whitespace folded. UTF-8 stays (biber, bibtex8). */
export function bibtexEscape(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^]/g, (ch) =>
      ch === '\\' ? '\\textbackslash{}' : ch === '~' ? '\\textasciitilde{}' : ch === '^' ? '\\textasciicircum{}' : `\\${ch}`,
    );
}

/** A BibTeX name; one with " and " in it is braced, since BibTeX would split it into two people. */
const bibName = (name: string) => (/\sand\s/i.test(name) ? `{${bibtexEscape(name)}}` : bibtexEscape(name));

export function toBibtex(record: ItemRecord, links: CitationLinks): string {
  const c = citable(record);
  const fields: [string, string | undefined][] = [
    ['author', c.authors.length > 0 ? c.authors.map(bibName).join(' and ') : undefined],
    ['editor', c.editors.length > 0 ? c.editors.map(bibName).join(' and ') : undefined],
    // Double braces keep the title's capitals as printed.
    ['title', c.title ? `{${bibtexEscape(c.title)}}` : undefined],
    ['year', c.year === undefined ? undefined : String(c.year)],
    ['date', c.date === undefined ? undefined : bibtexEscape(c.date)],
    ['address', c.place === undefined ? undefined : bibtexEscape(c.place)],
    ['publisher', c.publisher === undefined ? undefined : bibtexEscape(c.publisher)],
    ['series', c.partOf === undefined ? undefined : bibtexEscape(c.partOf)],
    ['language', c.languages.length > 0 ? c.languages.join(', ') : undefined],
    ['keywords', c.subjects.length > 0 ? bibtexEscape(c.subjects.join(', ')) : undefined],
    ['isbn', c.isbn === undefined ? undefined : bibtexEscape(c.isbn)],
    ['doi', c.doi === undefined ? undefined : bibtexEscape(c.doi)],
    ['library', c.institution === undefined ? undefined : bibtexEscape(c.institution)],
    ['shelfmark', c.shelfmark === undefined ? undefined : bibtexEscape(c.shelfmark)],
    ['url', links.url],
    ['file', links.pdf],
    ['note', bibtexEscape(rightsNote(c))],
  ];
  // The key is the item id, which is already lower-case letters, digits, - and _.
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  return `@${BIBTEX_TYPES[c.type]}{${c.id},\n${body}\n}\n`;
}

// ── CSL-JSON ─────────────────────────────────────────────────────────────────────────────────────

const CSL_TYPES: Record<ItemType, string> = {
  book: 'book',
  periodical: 'periodical',
  print: 'graphic',
  manuscript: 'manuscript',
  map: 'map',
  other: 'document',
};

/** One CSL-JSON item (the citeproc input format); names as written, since catalogues do not split them reliably. */
export function toCslJson(record: ItemRecord, links: CitationLinks): Record<string, unknown> {
  const c = citable(record);
  const item: Record<string, unknown> = { id: c.id, type: CSL_TYPES[c.type] };
  if (c.title) item.title = c.title;
  if (c.authors.length > 0) item.author = c.authors.map((literal) => ({ literal }));
  if (c.editors.length > 0) item.editor = c.editors.map((literal) => ({ literal }));
  if (c.date !== undefined) item.issued = c.year === undefined || String(c.year) !== c.date ? { literal: c.date } : { 'date-parts': [[c.year]] };
  if (c.publisher) item.publisher = c.publisher;
  if (c.place) item['publisher-place'] = c.place;
  if (c.partOf) item['collection-title'] = c.partOf;
  if (c.languages[0]) item.language = c.languages[0];
  if (c.subjects.length > 0) item.keyword = c.subjects.join(', ');
  if (c.isbn) item.ISBN = c.isbn;
  if (c.doi) item.DOI = c.doi;
  if (c.institution) item.archive = c.institution;
  if (c.shelfmark) item['call-number'] = c.shelfmark;
  item.URL = links.url;
  item.license = c.rights;
  item.note = rightsNote(c);
  return item;
}

// ── Highwire Press meta tags ─────────────────────────────────────────────────────────────────────

/**
 * `citation_*` meta tags (name, content) for the item's HTML page: what Zotero's connector, Google
 * Scholar and Mendeley read. Values are plain text; the page that writes them must escape them.
 */
export function highwireTags(record: ItemRecord, links: CitationLinks): [string, string][] {
  const c = citable(record);
  const tags: [string, string | undefined][] = [
    ['citation_title', c.title || undefined],
    ...c.authors.map((a): [string, string] => ['citation_author', a]),
    ['citation_publication_date', c.year === undefined ? c.date : String(c.year)],
    ['citation_date', c.date],
    ['citation_publisher', c.publisher],
    ['citation_place', c.place],
    ...c.languages.map((l): [string, string] => ['citation_language', l]),
    ['citation_keywords', c.subjects.length > 0 ? c.subjects.join('; ') : undefined],
    ['citation_isbn', c.isbn],
    ['citation_doi', c.doi],
    ['citation_series_title', c.partOf],
    ['citation_public_url', links.url],
    ['citation_pdf_url', links.pdf],
    ['dc.rights', c.rights],
  ];
  return tags.filter((t): t is [string, string] => t[1] !== undefined && t[1] !== '');
}
