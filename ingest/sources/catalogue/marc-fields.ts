// Maps one MARC 21 bibliographic record to the item's descriptive fields (the table in the README,
// "MARC and Dublin Core": 245 title, 1XX/7XX names with roles, 260/264 imprint, 008 and 041
// languages, 6XX subjects, 852/090 shelfmark and library, 0XX identifiers, 5XX notes, rights and
// summary, 856 link, leader type). Pure: the record comes in as leader and fields, already read.
// Values lose the ISBD punctuation cataloguers end subfields with (` /`, ` :`, `.`), nothing else.
import type { MarcField, MarcDataField } from '@natlibfi/marc-record';
import type { Agent, Identifier, ItemType } from '../../../manifests/item.ts';
import { rightsFromText } from '../../../manifests/rights.ts';
import { httpUrlProblem } from '../../../manifests/safe-url.ts';
import { normaliseLanguage } from '../languages.ts';
import { type CatalogueDescription, distinct } from './description.ts';
import { relatorCode, relatorForTerm } from './relator-terms.ts';

/** What 856 `$3` says of catalogue enrichment: a part of the book or a text about it (Library of Congress, DNB, BnF, KB). */
const ENRICHMENT =
  /table of contents|contents|publisher description|contributor biographical|sample text|review|cover image|inhaltsverzeichnis|inhaltstext|klappentext|rezension|inhoudsopgave|table des mati[eè]res|sommaire|4e de couverture/i;

/**
 * The 856 links that stand for the item itself: not a related resource (second indicator 2) nor an
 * enrichment link the catalogue adds (`$3 Table of contents`), which would send a reader elsewhere.
 */
function itemLinks(record: MarcInput): string[] {
  return dataFields(record, '856')
    .filter((f) => f.ind2 !== '2' && !subfields(f, '3').some((m) => ENRICHMENT.test(m)))
    .flatMap((f) => subfields(f, 'u'));
}

export interface MarcInput {
  leader: string;
  fields: readonly MarcField[];
}

const isData = (f: MarcField): f is MarcDataField => 'subfields' in f;

function dataFields(record: MarcInput, ...tags: string[]): MarcDataField[] {
  return record.fields.filter(isData).filter((f) => tags.includes(f.tag));
}

function control(record: MarcInput, tag: string): string | undefined {
  const field = record.fields.find((f) => f.tag === tag && !isData(f));
  return field && !isData(field) ? field.value : undefined;
}

function subfields(field: MarcDataField | undefined, codes: string): string[] {
  return (field?.subfields ?? []).filter((s) => codes.includes(s.code)).map((s) => s.value?.trim() ?? '');
}

/**
 * A subfield without the ISBD punctuation that introduces the next one: ` /`, ` :`, ` ;`, ` =`, a
 * trailing comma, and a final full stop (not an ellipsis, nor the stop of an initial: `Kant, I.`).
 */
export function withoutIsbd(value: string): string {
  let v = value
    .trim()
    .replace(/\s*[/:;=,]$/, '')
    .trim();
  if (/[^.]\.$/.test(v) && !/(^|[\s.])\p{Lu}\.$/u.test(v)) v = v.slice(0, -1).trim();
  return v;
}

function joined(field: MarcDataField | undefined, codes: string, separator = ' '): string {
  return distinct(subfields(field, codes).map(withoutIsbd)).join(separator);
}

function titleOf(record: MarcInput): string | undefined {
  const field = dataFields(record, '245')[0];
  if (!field) return undefined;
  const main = withoutIsbd(subfields(field, 'a').join(' '));
  const sub = withoutIsbd(subfields(field, 'b').join(' '));
  const parts = subfields(field, 'np').map(withoutIsbd).filter(Boolean);
  const title = main && sub ? `${main}: ${sub}` : main || sub;
  return [title, ...parts].filter(Boolean).join('. ') || undefined;
}

/** The name of a 100/110/111/700/710/711 field: person with numeration, titles and dates; body with its units. */
function nameOf(field: MarcDataField): string {
  if (field.tag.endsWith('00')) return joined(field, 'abcqd', ', ');
  if (field.tag.endsWith('10')) return joined(field, 'ab', '. ');
  return joined(field, 'acdn', ', ');
}

function roleOf(field: MarcDataField): string | undefined {
  const code = subfields(field, '4').map(relatorCode).find(Boolean);
  if (code) return code;
  // 111/711 keep the relator term in $j; $e there is a subordinate unit.
  const terms = subfields(field, field.tag.endsWith('11') ? 'j' : 'e');
  return terms.map(relatorForTerm).find(Boolean);
}

function agentsOf(record: MarcInput): Agent[] {
  const agents = dataFields(record, '100', '110', '111', '700', '710', '711').flatMap((field): Agent[] => {
    const name = nameOf(field);
    if (!name) return [];
    const role = roleOf(field);
    const uri = subfields(field, '10').find((v) => /^https?:\/\//.test(v));
    return [{ name, ...(role ? { role } : {}), ...(uri ? { uri } : {}) }];
  });
  // A printer named only in a manufacture statement (264 _3 $b, 260 $f) is an agent too.
  const printers = dataFields(record, '264')
    .filter((f) => f.ind2 === '3')
    .flatMap((f) => subfields(f, 'b'));
  const printers260 = dataFields(record, '260').flatMap((f) => subfields(f, 'f'));
  for (const name of distinct([...printers, ...printers260].map(withoutIsbd))) {
    if (!agents.some((a) => a.name === name)) agents.push({ name, role: 'prt' });
  }
  return agents;
}

interface Imprint {
  place?: string;
  publisher?: string;
  date?: string;
}

/** Place, publisher and date from 260, or 264 by its function: publication, else production, else manufacture. */
function imprintOf(record: MarcInput): Imprint {
  const by264 = (ind2: string) => dataFields(record, '264').filter((f) => f.ind2 === ind2);
  const statements = [...dataFields(record, '260'), ...by264('1'), ...by264('0')];
  const manufacture = by264('3');
  const from = (fields: MarcDataField[], code: string) => distinct(fields.flatMap((f) => subfields(f, code)).map(withoutIsbd));
  const place = from(statements, 'a').join('; ') || from(manufacture, 'a').join('; ');
  const publisher = from(statements, 'b').join('; ') || from(manufacture, 'b').join('; ');
  const date = from(statements, 'c')[0] ?? from(manufacture, 'c')[0] ?? from(by264('4'), 'c')[0];
  return { place: place || undefined, publisher: publisher || undefined, date: date ?? dateFrom008(control(record, '008')) };
}

/** 008/07-10 (and 11-14 for a range), unknown digits written `u` as `X`, as catalogue dates do. */
export function dateFrom008(fixed: string | undefined): string | undefined {
  if (!fixed || fixed.length < 15) return undefined;
  const type = fixed[6];
  const year = (s: string) => (/^[0-9u]{4}$/.test(s) && s !== 'uuuu' ? s.replaceAll('u', 'X') : undefined);
  const date1 = year(fixed.slice(7, 11));
  const date2 = year(fixed.slice(11, 15));
  if (!date1) return undefined;
  // Dates 2 is an end year for a range (i, k, m, q); for other types it is a reprint's or detail date.
  return date2 && date2 !== '9999' && 'ikmq'.includes(type ?? '') ? `${date1}-${date2}` : date1;
}

function languagesOf(record: MarcInput): string[] {
  const fixed = control(record, '008');
  const fromFixed = fixed && fixed.length >= 38 ? fixed.slice(35, 38) : '';
  // Older records run several codes together in one $a (`gerlat`).
  const from041 = dataFields(record, '041').flatMap((f) => subfields(f, 'a').flatMap((v) => v.match(/.{1,3}/g) ?? []));
  return distinct([fromFixed, ...from041]).filter((code) => !/^[\s|#]*$/.test(code) && code !== 'zxx' && code !== 'und');
}

/** A 6XX heading: its name or term, then its subdivisions (`$v $x $y $z`) after ` -- `. */
function headingOf(field: MarcDataField): string {
  const main: string[] = [];
  const subdivisions: string[] = [];
  for (const { code, value } of field.subfields) {
    const v = withoutIsbd(value ?? '');
    if (!v) continue;
    if ('vxyz'.includes(code)) subdivisions.push(v);
    else if ('abcdfgklmnpqst'.includes(code) && subdivisions.length === 0) main.push(v);
  }
  return [main.join(field.tag === '600' ? ', ' : ' '), ...subdivisions].filter(Boolean).join(' -- ');
}

function subjectsOf(record: MarcInput): string[] {
  return distinct(dataFields(record, '600', '610', '611', '630', '648', '650', '651', '655').map(headingOf));
}

function holdingOf(record: MarcInput): { shelfmark?: string; holdingInstitution?: string } {
  const location = dataFields(record, '852')[0];
  const shelfmark = location ? subfields(location, 'j')[0] || joined(location, 'hi') : undefined;
  const local = joined(dataFields(record, '090')[0], 'ab');
  const institution = location ? subfields(location, 'a')[0] || subfields(location, 'b')[0] : undefined;
  return { shelfmark: shelfmark || local || undefined, holdingInstitution: institution || undefined };
}

/** `(OCoLC)12345678` as type `OCoLC`, value `12345678`; a bare number as a system number. */
export function systemNumber(value: string): Identifier {
  const prefixed = /^\(([^)]+)\)\s*(.+)$/.exec(value.trim());
  return prefixed ? { type: prefixed[1]!.trim(), value: prefixed[2]!.trim() } : { type: 'system', value: value.trim() };
}

function identifiersOf(record: MarcInput): Identifier[] {
  const ids: Identifier[] = [];
  const controlNumber = control(record, '001')?.trim();
  if (controlNumber) ids.push({ type: control(record, '003')?.trim() || 'control number', value: controlNumber });
  for (const f of dataFields(record, '035')) for (const v of subfields(f, 'a')) if (v) ids.push(systemNumber(v));
  for (const f of dataFields(record, '020')) for (const v of subfields(f, 'a')) if (v) ids.push({ type: 'isbn', value: withoutIsbd(v) });
  for (const f of dataFields(record, '024')) {
    const type = f.ind1 === '7' ? subfields(f, '2')[0] : ({ '0': 'isrc', '1': 'upc', '2': 'ismn', '3': 'ean' } as Record<string, string>)[f.ind1];
    for (const v of subfields(f, 'a')) if (v) ids.push({ type: type || 'other', value: v });
  }
  const seen = new Set<string>();
  return ids.filter((i) => {
    const key = `${i.type}\u0000${i.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Leader/06 (type of record) and 07 (bibliographic level) as the item type, if the leader gives one. */
export function typeFromLeader(leader: string): ItemType | undefined {
  const record = leader[6];
  const level = leader[7];
  // No leader (some hand-made MARCXML has none): the item's pages decide, as without metadata.
  if (record === undefined || record === ' ') return undefined;
  // Manuscript language material and manuscript music; printed and manuscript maps.
  if (record === 't' || record === 'd') return 'manuscript';
  if (record === 'e' || record === 'f') return 'map';
  if (record === 'k') return 'print';
  if (record === 'a' || record === 'c') {
    // A serial, or a part of one (an article or issue: 07 `b`).
    return level === 's' || level === 'b' ? 'periodical' : 'book';
  }
  return 'other';
}

/** The descriptive fields of one MARC record. */
export function describeMarc(record: MarcInput): CatalogueDescription {
  const languages: string[] = [];
  const unknownLanguages: string[] = [];
  for (const value of languagesOf(record)) {
    const code = normaliseLanguage(value);
    if (code) languages.push(code);
    else unknownLanguages.push(value);
  }
  const links = dataFields(record, '856').flatMap((f) => subfields(f, 'u'));
  const refusedUrls = links.flatMap((u) => {
    const problem = httpUrlProblem(u);
    return problem ? [`MARC 856 $u ${problem}`] : [];
  });
  const rightsValues = dataFields(record, '540', '506').flatMap((f) => subfields(f, 'uaf'));
  const { place, publisher, date } = imprintOf(record);
  const { shelfmark, holdingInstitution } = holdingOf(record);
  const optional: Partial<CatalogueDescription> = {
    title: titleOf(record),
    publisher,
    place,
    date,
    shelfmark,
    holdingInstitution,
    partOf: joined(dataFields(record, '773')[0], 't') || joined(dataFields(record, '490', '830', '440')[0], 'a') || undefined,
    rights: rightsValues.map(rightsFromText).find(Boolean),
    externalUrl: itemLinks(record).find((u) => httpUrlProblem(u) === undefined),
    // Summaries and notes are prose: their full stops stay.
    summary: distinct(dataFields(record, '520').map((f) => subfields(f, 'ab').join(' '))).join('\n') || undefined,
    note: distinct(dataFields(record, '500').map((f) => subfields(f, 'a').join(' '))).join('\n') || undefined,
    type: typeFromLeader(record.leader),
  };
  const description: CatalogueDescription = {
    agents: agentsOf(record),
    languages: distinct(languages),
    unknownLanguages,
    refusedUrls,
    subjects: subjectsOf(record),
    identifiers: identifiersOf(record),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') (description as unknown as Record<string, unknown>)[key] = value;
  }
  return description;
}
