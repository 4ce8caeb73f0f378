// Reads Dublin Core item descriptions: `oai_dc` records as OAI-PMH repositories serve them (a bare
// `<oai_dc:dc>`, a `<metadata>` wrapper, or a GetRecord/ListRecords response), and simple DC or
// DCMI terms elements in any prefix. Maps the fifteen elements to the item's descriptive fields;
// DC names no roles, so creators get `cre` and contributors `ctb`. Pure, on the parsed XML.
import type { Identifier, ItemType } from '../../../manifests/item.ts';
import { rightsFromText } from '../../../manifests/rights.ts';
import { httpUrlProblem, isHttpUrl } from '../../../manifests/safe-url.ts';
import { normaliseLanguage } from '../languages.ts';
import { attr, child, children, descendants, text, type XmlElement } from '../xml.ts';
import { type CatalogueDescription, distinct } from './description.ts';

/** One DC record and the OAI-PMH header identifier it came with, if any. */
export interface DcRecord {
  dc: XmlElement;
  oaiIdentifier?: string;
}

/** The DC records of a parsed document, wherever OAI-PMH or an export put them. */
export function dcRecords(doc: XmlElement): DcRecord[] {
  const oai = [...descendants(doc, 'OAI-PMH', 'GetRecord', 'record'), ...descendants(doc, 'OAI-PMH', 'ListRecords', 'record')];
  const fromOai = oai.flatMap((r) => {
    const oaiIdentifier = text(child(child(r, 'header'), 'identifier')) || undefined;
    // A deleted record has a header and no metadata.
    return descendants(r, 'metadata', 'dc').map((dc) => ({ dc, ...(oaiIdentifier ? { oaiIdentifier } : {}) }));
  });
  const bare = [
    ...children(doc, 'dc'),
    ...descendants(doc, 'metadata', 'dc'),
    ...descendants(doc, 'record', 'metadata', 'dc'),
    ...descendants(doc, 'records', 'record', 'metadata', 'dc'),
  ].map((dc) => ({ dc }));
  return [...fromOai, ...bare];
}

const values = (dc: XmlElement, name: string) => distinct(children(dc, name).map(text));

const TYPE_WORDS: [RegExp, ItemType][] = [
  [/periodical|journal|newspaper|serial|tijdschrift|krant|periodique|journal|zeitschrift|zeitung/, 'periodical'],
  [/manuscript|handschrift|manuscrit/, 'manuscript'],
  [/\bmaps?\b|cartographic|kaart|carte|karte/, 'map'],
  [/still ?image|\bimage\b|print|prent|gravure|estampe|druckgraphik|photograph/, 'print'],
  [/text|book|boek|livre|buch/, 'book'],
];

/** The item type the DC `type` values name (DCMI Type or a catalogue's own words), if any. */
export function typeFromDc(types: readonly string[]): ItemType | undefined {
  for (const [pattern, type] of TYPE_WORDS) if (types.some((t) => pattern.test(t.toLowerCase()))) return type;
  return undefined;
}

/** A date with a time of day: a repository's own record of an upload (DSpace's dc.date.accessioned), not when the work was made. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The work's date: the first that is not a repository timestamp, else the first. */
function workDate(dates: readonly string[]): string | undefined {
  return dates.find((d) => !TIMESTAMP.test(d)) ?? dates[0];
}

function identifierOf(value: string): Identifier {
  const scheme = /^(urn|doi|isbn|issn|handle|hdl|ark|oai):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme) return { type: scheme === 'hdl' ? 'handle' : scheme, value };
  return { type: isHttpUrl(value) ? 'uri' : 'other', value };
}

/** The descriptive fields of one DC record. */
export function describeDc(dc: XmlElement): CatalogueDescription {
  const languages: string[] = [];
  const unknownLanguages: string[] = [];
  for (const value of values(dc, 'language')) {
    const code = normaliseLanguage(value);
    if (code) languages.push(code);
    else unknownLanguages.push(value);
  }
  const identifiers = values(dc, 'identifier');
  const descriptions = [...values(dc, 'description'), ...values(dc, 'abstract')];
  const rights = [...children(dc, 'rights'), ...children(dc, 'license'), ...children(dc, 'accessRights')].flatMap((r) => [
    attr(r, 'resource') ?? '',
    text(r),
  ]);
  // A DC identifier that looks like a link but is not a web address is kept as an identifier, never linked.
  const links = identifiers.filter((i) => /^[a-z][a-z0-9+.-]*:\/\//i.test(i));
  const optional: Partial<CatalogueDescription> = {
    title: values(dc, 'title')[0],
    publisher: values(dc, 'publisher').join('; ') || undefined,
    date: workDate([...values(dc, 'date'), ...values(dc, 'issued'), ...values(dc, 'created')]),
    partOf: values(dc, 'isPartOf')[0] ?? values(dc, 'relation')[0],
    rights: rights.filter(Boolean).map(rightsFromText).find(Boolean),
    externalUrl: links.find((u) => httpUrlProblem(u) === undefined),
    summary: descriptions[0],
    note: [...descriptions.slice(1), ...values(dc, 'source')].join('\n') || undefined,
    type: typeFromDc(values(dc, 'type')),
  };
  const description: CatalogueDescription = {
    agents: [...values(dc, 'creator').map((name) => ({ name, role: 'cre' })), ...values(dc, 'contributor').map((name) => ({ name, role: 'ctb' }))],
    languages: distinct(languages),
    unknownLanguages,
    refusedUrls: [],
    subjects: distinct([...values(dc, 'subject'), ...values(dc, 'coverage'), ...values(dc, 'spatial'), ...values(dc, 'temporal')]),
    identifiers: identifiers.map(identifierOf),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') (description as unknown as Record<string, unknown>)[key] = value;
  }
  return description;
}
