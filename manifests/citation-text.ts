// "Cite this": the one line of citation text a researcher or pupil pastes into their work (author,
// title, place: printer, date, holding institution and shelfmark, page, stable link and the date they
// looked), in nl, fr or en. The viewer's Cite panel, the item page's "Cite this" box and its copy
// button all show this text; the citation files (citation-formats.ts) read the same people from the
// record with the same roles, so every form names the same authors, printer and institution. Pure:
// the caller supplies the language and the date.
import type { ItemRecord } from './item.ts';
import type { Trilingual, UiLanguage } from './language-map.ts';

/** MARC relator codes of those cited as the work's makers, its editors, and its printer or publisher. */
export const AUTHOR_ROLES: ReadonlySet<string> = new Set(['aut', 'cre', 'cmp', 'art', 'egr']);
export const EDITOR_ROLES: ReadonlySet<string> = new Set(['edt']);
export const PUBLISHER_ROLES: ReadonlySet<string> = new Set(['pbl', 'prt']);

/** The fields of an ItemRecord a citation needs. */
export type CitableRecord = Pick<ItemRecord, 'label' | 'agents' | 'publisher' | 'place' | 'date' | 'holdingInstitution' | 'shelfmark'>;

/** Who a record cites: authors (an agent without a role counts as one), editors, and the printer or publisher. */
export function citedPeople(record: Pick<CitableRecord, 'agents' | 'publisher'>): { authors: string[]; editors: string[]; publisher?: string } {
  const named = (roles: ReadonlySet<string>, noRole: boolean) =>
    record.agents.filter((a) => (a.role === undefined ? noRole : roles.has(a.role))).map((a) => a.name.trim());
  const publisher = record.publisher ?? record.agents.find((a) => a.role !== undefined && PUBLISHER_ROLES.has(a.role))?.name;
  return { authors: named(AUTHOR_ROLES, true), editors: named(EDITOR_ROLES, false), ...(publisher ? { publisher } : {}) };
}

export interface CitationSource {
  authors: string[];
  editors?: string[];
  title: string;
  place?: string;
  printer?: string;
  date?: string;
  institution?: string;
  shelfmark?: string;
  /** Label of the cited page, when a page rather than the whole item is cited. */
  pageLabel?: string;
  url: string;
}

/** The citable fields of a published record, its title in the reader's language when it has one. */
export function sourceFromRecord(record: CitableRecord, lang: UiLanguage, url: string): CitationSource {
  const { authors, editors, publisher } = citedPeople(record);
  const label = record.label[lang] ?? record.label.none ?? record.label.en ?? Object.values(record.label).find((v) => v && v.length > 0) ?? [];
  const src: CitationSource = { authors, title: label.join('; '), url };
  if (editors.length > 0) src.editors = editors;
  if (record.place) src.place = record.place;
  if (publisher) src.printer = publisher;
  if (record.date) src.date = record.date;
  if (record.holdingInstitution) src.institution = record.holdingInstitution;
  if (record.shelfmark) src.shelfmark = record.shelfmark;
  return src;
}

/** The citation's own words, by the conventions of each language. */
const WORDS = {
  anonymous: { nl: 'Anoniem', fr: 'Anonyme', en: 'Anonymous' },
  noPlace: { nl: 'z.pl.', fr: 's.l.', en: 'n.p.' },
  noDate: { nl: 'z.j.', fr: 's.d.', en: 'n.d.' },
  editor: { nl: 'red.', fr: 'éd.', en: 'ed.' },
  page: { nl: 'p.', fr: 'p.', en: 'p.' },
  accessed: { nl: 'geraadpleegd op', fr: 'consulté le', en: 'accessed' },
} as const satisfies Record<string, Trilingual>;

/** Ends a citation element with a full stop unless it already ends with punctuation. */
const sentence = (s: string): string => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function dateText(date: Date, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** One line of citation text, ending with the stable link and the access date. */
export function formatCitation(src: CitationSource, lang: UiLanguage, accessed: Date): string {
  const parts: string[] = [];
  const names = [...src.authors, ...(src.editors ?? []).map((e) => `${e} (${WORDS.editor[lang]})`)];
  parts.push(sentence(names.length > 0 ? names.join('; ') : WORDS.anonymous[lang]));
  parts.push(sentence(src.title));
  const place = src.place ?? WORDS.noPlace[lang];
  const imprint = src.printer ? `${place}: ${src.printer}` : place;
  parts.push(sentence(`${imprint}, ${src.date ?? WORDS.noDate[lang]}`));
  const located = [src.institution, src.shelfmark, src.pageLabel ? `${WORDS.page[lang]} ${src.pageLabel}` : undefined].filter(
    (s): s is string => !!s,
  );
  if (located.length > 0) parts.push(sentence(located.join(', ')));
  parts.push(`${src.url} (${WORDS.accessed[lang]} ${dateText(accessed, lang)}).`);
  return parts.join(' ');
}
