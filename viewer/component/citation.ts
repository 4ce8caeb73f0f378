// "Cite this": a citation of an item (or one page of it) that a researcher or pupil can paste into
// their work: author, title, place: printer, date, holding institution and shelfmark, stable link
// and the date they looked. Built from the published record when there is one, otherwise from the
// manifest's metadata. Pure: the viewer supplies the date and language.
import type { ItemRecord } from '../../manifests/item.ts';
import { type Lang, t } from './i18n.ts';
import { type ManifestModel, pickText } from './manifest-model.ts';

export interface CitationSource {
  authors: string[];
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

/** The fields of an ItemRecord a citation needs. */
export type CitableRecord = Pick<ItemRecord, 'label' | 'agents' | 'publisher' | 'place' | 'date' | 'holdingInstitution' | 'shelfmark'>;

/** The citable fields of a fetched record.json (untrusted JSON), or undefined when its shape is wrong. */
export function parseRecord(json: unknown): CitableRecord | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const r = json as Record<string, unknown>;
  const label = r.label;
  if (typeof label !== 'object' || label === null || Array.isArray(label)) return undefined;
  if (!Object.values(label).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))) return undefined;
  if (!Array.isArray(r.agents)) return undefined;
  const agents = r.agents.flatMap((a: unknown) => {
    if (typeof a !== 'object' || a === null) return [];
    const { name, role } = a as Record<string, unknown>;
    if (typeof name !== 'string') return [];
    return [typeof role === 'string' ? { name, role } : { name }];
  });
  const out: CitableRecord = { label: label as ItemRecord['label'], agents };
  for (const k of ['publisher', 'place', 'date', 'holdingInstitution', 'shelfmark'] as const) {
    if (typeof r[k] === 'string') out[k] = r[k];
  }
  return out;
}

const AUTHOR_ROLES = new Set(['aut', 'cre', 'cmp', 'art', 'egr', 'edt']);
const PRINTER_ROLES = new Set(['prt', 'pbl']);

/** The citable fields of a published ItemRecord. */
export function sourceFromRecord(record: CitableRecord, lang: Lang, url: string): CitationSource {
  const authors = record.agents.filter((a) => !a.role || AUTHOR_ROLES.has(a.role)).map((a) => a.name);
  const printer = record.publisher ?? record.agents.find((a) => a.role && PRINTER_ROLES.has(a.role))?.name;
  const src: CitationSource = { authors, title: pickText(record.label, lang), url };
  if (record.place) src.place = record.place;
  if (printer) src.printer = printer;
  if (record.date) src.date = record.date;
  if (record.holdingInstitution) src.institution = record.holdingInstitution;
  if (record.shelfmark) src.shelfmark = record.shelfmark;
  return src;
}

const FIELD_PATTERNS: ReadonlyArray<[keyof CitationSource, RegExp]> = [
  ['authors', /^(author|creator|auteur|maker|vervaardiger|schrijver|verfasser)/i],
  ['printer', /(printer|publisher|drukker|uitgever|imprimeur|éditeur|editeur|verlag)/i],
  ['place', /(place|plaats|lieu|ort)/i],
  ['date', /^(date|datum|jaar|year|année)/i],
  ['shelfmark', /(shelfmark|signatuur|call number|cote|signatur)/i],
  ['institution', /(holding|institution|instelling|bewaarplaats|repository|bibliothèque|bibliotheek)/i],
];

const plain = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .trim();

/** Best effort for a manifest from elsewhere: reads the metadata pairs whose labels name a field. */
export function sourceFromManifest(model: ManifestModel, lang: Lang, url: string): CitationSource {
  const src: CitationSource = { authors: [], title: plain(pickText(model.label, lang)), url };
  for (const { label, value } of model.metadata) {
    const labels = Object.values(label).flat().join(' ');
    const text = plain(pickText(value, lang));
    if (text === '') continue;
    const field = FIELD_PATTERNS.find(([, re]) => re.test(labels))?.[0];
    if (field === 'authors') src.authors.push(text);
    else if (field && field !== 'url' && field !== 'title' && src[field] === undefined) src[field] = text;
  }
  if (!src.institution) {
    const provider = model.provider[0];
    if (provider) src.institution = pickText(provider.label, lang);
  }
  return src;
}

/** Ends a citation element with a full stop unless it already ends with punctuation. */
const sentence = (s: string): string => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function dateText(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** One line of citation text, ending with the stable link and the access date. */
export function formatCitation(src: CitationSource, lang: Lang, accessed: Date): string {
  const parts: string[] = [];
  const authors = src.authors.length > 0 ? src.authors.join('; ') : t(lang, 'cite.anonymous');
  parts.push(sentence(authors));
  parts.push(sentence(src.title));
  const place = src.place ?? t(lang, 'cite.noPlace');
  const imprint = src.printer ? `${place}: ${src.printer}` : place;
  parts.push(sentence(`${imprint}, ${src.date ?? t(lang, 'cite.noDate')}`));
  const holding = [src.institution, src.shelfmark].filter((s): s is string => !!s).join(', ');
  const located = [holding, src.pageLabel ? t(lang, 'cite.page', { label: src.pageLabel }) : ''].filter((s) => s !== '').join(', ');
  if (located !== '') parts.push(sentence(located));
  parts.push(`${src.url} (${t(lang, 'cite.accessed', { date: dateText(accessed, lang) })}).`);
  return parts.join(' ');
}
