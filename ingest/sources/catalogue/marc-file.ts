// Reads a catalogue's MARC export into MARC records, for the MARC item reader: MARCXML (one
// `<record>`, a `<collection>` of them, or an OAI-PMH response holding them; any prefix) and binary
// MARC 21 (ISO 2709, UTF-8; MARC-8 only where it is plain ASCII). The XML goes through the
// project's hardened parser (no entities, well-formedness checked first); the record model, its
// validation and the ISO 2709 decoding are the National Library of Finland's MARC library. One bad
// record in a collection file is reported by its number and does not stop the others.
import type { MarcField, MarcRecord as MarcRecordType } from '@natlibfi/marc-record';
import { attr, children, descendants, parseXml, text, type XmlElement } from '../xml.ts';
import { xmlText } from '../xml-text.ts';

/** A record of the file, or why record `index` (1-based) could not be read. */
export type MarcReading = { index: number; record: MarcRecordType } | { index: number; error: string };

// Loaded only when a MARC file is read: the library is ES modules with a few dependencies, whose
// cost the item folders without MARC should not pay.
const marc = () => import('@natlibfi/marc-record');
const iso2709 = () => import('@natlibfi/marc-record-serializers/dist/iso2709.js');

const RECORD_TERMINATOR = 0x1d;
/** Every field's tag: three digits or letters (MARC 21 local fields use letters, such as `CAT`). */
const TAG = /^[0-9A-Za-z]{3}$/;

/** Whether a file's bytes look like MARCXML rather than ISO 2709 (which starts with five digits). */
export function looksLikeXml(bytes: Uint8Array): boolean {
  const start = xmlText(bytes.subarray(0, 200))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('<');
}

/** The MARCXML `record` elements of a parsed document, wherever a catalogue or OAI-PMH put them. */
export function marcXmlRecords(doc: XmlElement): XmlElement[] {
  const oai = [...descendants(doc, 'OAI-PMH', 'GetRecord', 'record'), ...descendants(doc, 'OAI-PMH', 'ListRecords', 'record')];
  const candidates = [
    ...children(doc, 'record'),
    ...descendants(doc, 'collection', 'record'),
    ...oai.flatMap((r) => descendants(r, 'metadata', 'record')),
    ...oai.flatMap((r) => descendants(r, 'metadata', 'collection', 'record')),
  ];
  return candidates.filter((r) => children(r, 'leader').length > 0 || children(r, 'datafield').length > 0);
}

/** Why a record's fields do not make a MARC record, checked as the library's record schema does. */
function fieldsProblem(fields: readonly MarcField[]): string | undefined {
  if (fields.length === 0) return 'the record has no fields';
  for (const field of fields) {
    if (!TAG.test(field.tag)) return `a field has the tag ${JSON.stringify(field.tag)}, which is not three digits or letters`;
    if (!('subfields' in field)) continue;
    if (field.ind1.length !== 1 || field.ind2.length !== 1)
      return `field ${field.tag} has the indicators ${JSON.stringify(field.ind1 + field.ind2)}, not one character each`;
    if (field.subfields.length === 0) return `field ${field.tag} has no subfields`;
    const badCode = field.subfields.find((s) => s.code.length !== 1);
    if (badCode) return `field ${field.tag} has the subfield code ${JSON.stringify(badCode.code)}, not one character`;
  }
  return undefined;
}

/**
 * One MARCXML `record` element as the library's record. Its fields are checked here rather than by
 * the record's constructor, whose JSON Schema validation costs 1.5 ms a record: a catalogue export
 * of 20,000 records would spend half a minute on it at every ingest.
 */
async function fromXmlElement(element: XmlElement): Promise<MarcRecordType> {
  const { MarcRecord } = await marc();
  const fields: MarcField[] = [];
  for (const control of children(element, 'controlfield')) fields.push({ tag: attr(control, 'tag') ?? '', value: rawText(control) });
  for (const data of children(element, 'datafield')) {
    fields.push({
      tag: attr(data, 'tag') ?? '',
      ind1: attr(data, 'ind1') || ' ',
      ind2: attr(data, 'ind2') || ' ',
      subfields: children(data, 'subfield').map((s) => ({ code: attr(s, 'code') ?? '', value: text(s) })),
    });
  }
  const problem = fieldsProblem(fields);
  if (problem) throw new Error(problem);
  return Object.assign(new MarcRecord(), { leader: rawText(children(element, 'leader')[0]), fields });
}

/** A control field's or the leader's text exactly as written: they count positions, which trimming or collapsing spaces would shift. */
function rawText(element: XmlElement | undefined): string {
  const value = element?.['#text'];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join('') : '';
}

/**
 * What the record model checks: fields have tags and data fields subfields. Empty subfield values
 * are common in real exports (an empty `$c`) and not worth refusing a record for.
 */
const LENIENT = { fields: true, subfields: true, subfieldValues: false, controlFieldValues: false };

/** Reads a MARCXML document. Throws (with the reason) when the file is not well-formed or holds no MARC record. */
export async function readMarcXml(xml: string): Promise<MarcReading[]> {
  const doc = parseXml(xml, { keepSpaces: true });
  const elements = marcXmlRecords(doc);
  if (elements.length === 0) throw new Error('holds no MARCXML record (no <record> with a <leader> or <datafield>, alone or in a <collection>)');
  const readings: MarcReading[] = [];
  for (const [i, element] of elements.entries()) {
    try {
      readings.push({ index: i + 1, record: await fromXmlElement(element) });
    } catch (error) {
      readings.push({ index: i + 1, error: (error as Error).message });
    }
  }
  return readings;
}

/** Why one ISO 2709 record (with its terminator) cannot be read, before the library decodes it. */
function binaryRecordProblem(bytes: Uint8Array): string | undefined {
  const leader = new TextDecoder('latin1').decode(bytes.subarray(0, 24));
  if (bytes.length < 24 || !/^\d{5}/.test(leader))
    return 'its leader does not start with the record length (five digits): the file is not MARC 21 (ISO 2709) or is damaged';
  const declared = Number(leader.slice(0, 5));
  if (declared !== bytes.length) {
    return `its leader gives a length of ${declared} bytes but the record has ${bytes.length}: the file is truncated or damaged`;
  }
  if (!/^\d{5}$/.test(leader.slice(12, 17))) return 'its leader has no base address of data (positions 12-16): the record is damaged';
  // MARC-8 is ASCII until a byte above 7F or an escape (1B) switches to another character set.
  if (leader[9] !== 'a' && bytes.some((b) => b > 0x7f || b === 0x1b)) {
    return 'it is encoded in MARC-8 (leader position 9 is blank), which Leeszaal cannot decode: export it as UTF-8 MARC 21 (leader position 9 "a") or as MARCXML';
  }
  return undefined;
}

/** Reads an ISO 2709 file of one or more records. Throws when it holds none. */
export async function readIso2709(bytes: Uint8Array): Promise<MarcReading[]> {
  const { from } = await iso2709();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const readings: MarcReading[] = [];
  let start = 0;
  let index = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(RECORD_TERMINATOR, start);
    const record = bytes.subarray(start, end === -1 ? bytes.length : end + 1);
    start = end === -1 ? bytes.length : end + 1;
    // Line breaks some tools add between records are no record.
    if (record.every((b) => b === 0x0a || b === 0x0d || b === 0x20)) continue;
    index += 1;
    if (end === -1) {
      readings.push({ index, error: 'it has no record terminator (hex 1D) at its end: the file is truncated' });
      continue;
    }
    const problem = binaryRecordProblem(record);
    if (problem) {
      readings.push({ index, error: problem });
      continue;
    }
    try {
      const parsed = from(utf8.decode(record.subarray(0, -1)), LENIENT);
      const badTag = parsed.fields.find((f) => !TAG.test(f.tag));
      if (badTag) throw new Error(`its directory names the tag ${JSON.stringify(badTag.tag)}: the record is damaged`);
      readings.push({ index, record: parsed });
    } catch (error) {
      const reason = error instanceof TypeError && /encoded data/i.test(error.message) ? 'it is not valid UTF-8' : (error as Error).message;
      readings.push({ index, error: `it could not be decoded: ${reason}` });
    }
  }
  if (readings.length === 0) throw new Error('holds no MARC record');
  return readings;
}

/** Reads a MARC file of either form, by its content rather than its name. */
export async function readMarcFile(bytes: Uint8Array): Promise<MarcReading[]> {
  if (looksLikeXml(bytes)) return readMarcXml(xmlText(bytes));
  return readIso2709(bytes);
}

/** The library's MARCXML writer, for publishing one record of a collection file on its own. */
export async function marcXmlText(record: MarcRecordType): Promise<string> {
  const { to } = await import('@natlibfi/marc-record-serializers/dist/marcxml.js');
  return to(record, { indent: true });
}
