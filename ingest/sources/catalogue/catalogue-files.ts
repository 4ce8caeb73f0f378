// Which files of a folder are catalogue records, and reading them into descriptions: MARC
// (`marc.xml`, `*.marcxml`, `*_marc.xml`, `*.mrc`) and Dublin Core (`dc.xml`, `oai_dc.xml`,
// `*_dc.xml`). In an item folder the file describes that item; at the top of a collection folder
// it holds records for the item folders below (see collection-catalogue.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ItemRecord } from '../../../manifests/item.ts';
import { parseXml } from '../xml.ts';
import { xmlText } from '../xml-text.ts';
import type { CatalogueDescription } from './description.ts';
import { dcRecords, describeDc } from './dublin-core.ts';
import { describeMarc } from './marc-fields.ts';
import { looksLikeXml, marcXmlText, readMarcFile } from './marc-file.ts';

export type CatalogueKind = 'marc' | 'dc';

const MARC_NAME = /^(marc\.xml|marcxml\.xml)$|\.(mrc|marc|marcxml)$|[._-]marc\.xml$|[._-]marcxml\.xml$/i;
const DC_NAME = /^(dc|oai_dc|dublin_?core)\.xml$|[._-](oai_)?dc\.xml$/i;

/** The kind of catalogue file a name stands for, if any. */
export function catalogueKind(name: string): CatalogueKind | undefined {
  return MARC_NAME.test(name) ? 'marc' : DC_NAME.test(name) ? 'dc' : undefined;
}

/** The catalogue files among a folder's files, MARC before Dublin Core, each in name order. */
export function catalogueFiles(names: readonly string[]): { name: string; kind: CatalogueKind }[] {
  const found = names.flatMap((name) => {
    const kind = catalogueKind(name);
    return kind ? [{ name, kind }] : [];
  });
  return found.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'marc' ? -1 : 1));
}

/** One record of a catalogue file, described, with what identifies it and how to publish it. */
export interface CatalogueEntry {
  description: CatalogueDescription;
  /** Identifiers a folder may be named after: 001, 035 (with and without its `(OCoLC)` prefix), shelfmarks, DC identifiers. */
  keys: string[];
  /** `records.mrc record 3`, or the file name for a file of one record. */
  label: string;
  /** Absolute path of the file. */
  file: string;
  sourceRecord: NonNullable<ItemRecord['sourceRecord']>;
  /** The record on its own, for a file of several; made only for the records an item folder uses. */
  text?: () => Promise<string>;
}

/** What reading a catalogue file gives: its records, and the records (or the whole file) it could not read, each reason naming it. */
export interface CatalogueReading {
  entries: CatalogueEntry[];
  errors: { label: string; reason: string }[];
}

function marcKeys(description: CatalogueDescription): string[] {
  const ids = description.identifiers.flatMap((i) => (i.type === 'isbn' ? [] : [i.value, `${i.type}-${i.value}`]));
  return [...ids, ...(description.shelfmark ? [description.shelfmark] : [])];
}

function dcKeys(description: CatalogueDescription, oaiIdentifier: string | undefined): string[] {
  const oai = oaiIdentifier ? [oaiIdentifier, oaiIdentifier.split(':').at(-1)!] : [];
  const uriTails = description.identifiers.filter((i) => i.type === 'uri').map((i) => i.value.replace(/\/+$/, '').split('/').at(-1)!);
  return [...description.identifiers.map((i) => i.value), ...uriTails, ...oai];
}

/** Reads a catalogue file; `several` tells how its records are published (each on its own, or the file as it is). */
export async function readCatalogueFile(file: string, kind: CatalogueKind, several: boolean): Promise<CatalogueReading> {
  const name = path.basename(file);
  const bytes = await readFile(file);
  const entries: CatalogueEntry[] = [];
  const errors: CatalogueReading['errors'] = [];
  const label = (index: number, count: number) => (count > 1 || several ? `${name} record ${index}` : name);
  try {
    if (kind === 'marc') {
      const xml = looksLikeXml(bytes);
      const readings = await readMarcFile(bytes);
      for (const reading of readings) {
        if ('error' in reading) {
          errors.push({ label: label(reading.index, readings.length), reason: `${label(reading.index, readings.length)}: ${reading.error}` });
          continue;
        }
        const description = describeMarc(reading.record);
        entries.push({
          description,
          keys: marcKeys(description),
          label: label(reading.index, readings.length),
          file,
          ...(several
            ? { sourceRecord: { file: 'marc.xml', format: 'marcxml' as const }, text: () => marcXmlText(reading.record) }
            : { sourceRecord: { file: name, format: xml ? ('marcxml' as const) : ('marc' as const) } }),
        });
      }
    } else {
      const records = dcRecords(parseXml(xmlText(bytes)));
      if (records.length === 0)
        throw new Error('holds no Dublin Core record (no <oai_dc:dc> or <dc>, alone, in <metadata> or in an OAI-PMH response)');
      for (const [i, record] of records.entries()) {
        const description = describeDc(record.dc);
        entries.push({
          description,
          keys: dcKeys(description, record.oaiIdentifier),
          label: label(i + 1, records.length),
          file,
          sourceRecord: { file: several ? 'dc.xml' : name, format: 'dc' },
          ...(several ? { text: async () => dcXmlText(description) } : {}),
        });
      }
    }
  } catch (error) {
    errors.push({ label: name, reason: `${name} is ${(error as Error).message}` });
  }
  return { entries, errors };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One record of a Dublin Core collection file as its own `oai_dc` document, from what was read. */
function dcXmlText(d: CatalogueDescription): string {
  const element = (name: string, values: (string | undefined)[]) => values.flatMap((v) => (v ? [`  <dc:${name}>${escapeXml(v)}</dc:${name}>`] : []));
  const lines = [
    ...element('title', [d.title]),
    ...element(
      'creator',
      d.agents.filter((a) => a.role === 'cre').map((a) => a.name),
    ),
    ...element(
      'contributor',
      d.agents.filter((a) => a.role !== 'cre').map((a) => a.name),
    ),
    ...element('date', [d.date]),
    ...element('publisher', [d.publisher]),
    ...element('language', d.languages),
    ...element('subject', d.subjects),
    ...element('description', [d.summary, d.note]),
    ...element(
      'identifier',
      d.identifiers.map((i) => i.value),
    ),
    ...element('relation', [d.partOf]),
    ...element('rights', [d.rights]),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n${lines.join('\n')}\n</oai_dc:dc>\n`;
}
