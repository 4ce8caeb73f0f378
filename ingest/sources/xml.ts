// XML reading shared by the METS/MODS and full-text readers (and the builder that writes ALTO).
// Namespace prefixes are dropped (files use `mets:`/`mods:` prefixes, other prefixes or default
// namespaces for the same elements), every element is an array so optional repeats need no special
// case, and values stay strings exactly as written (no number parsing: `0017` and `1784` are
// text). A document whose DTD declares entities or names an external DTD is refused before parsing
// (refuseEntities): catalogue XML never needs them, and they are how entity-expansion bombs and
// external-file reads are written.
import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';

/**
 * fast-xml-parser, loaded as its CommonJS build: that is one bundled file (5 ms to load), its ES
 * module build some twenty source modules (35 ms), paid before every ingest's first page.
 */
export const { XMLParser, XMLValidator, XMLBuilder } = createRequire(import.meta.url)('fast-xml-parser') as typeof FastXmlParser;

/** A parsed element: attributes under `@name`, text under `#text`, child elements as arrays. */
export type XmlElement = { readonly [key: string]: unknown };

const options = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
  htmlEntities: false,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
};
const parser = new XMLParser(options);
/** For MARCXML, whose leader and 008 count character positions from the first, spaces included. */
const spacedParser = new XMLParser({ ...options, trimValues: false });

function lineAt(xml: string, index: number): number {
  return xml.slice(0, index).split('\n').length;
}

/**
 * Throws when the document's DTD declares an entity (internal or external, general or parameter)
 * or its DOCTYPE refers to an external DTD. Searched in the whole text, not only the prolog, so no
 * comment or odd placement hides one; a METS or ALTO file has no reason to contain either.
 */
export function refuseEntities(xml: string): void {
  refuseEntityDeclarations(xml);
  const doctype = /<!DOCTYPE[^[>]*/i.exec(xml);
  if (doctype && /\b(?:SYSTEM|PUBLIC)\b/.test(doctype[0])) {
    throw new Error(
      `refused: its DOCTYPE refers to an external DTD (line ${lineAt(xml, doctype.index)}); external references are not followed: remove the DOCTYPE`,
    );
  }
}

/**
 * Throws when the document declares an entity (internal or external, general or parameter). Alone,
 * for hOCR: XHTML names its public DTD, which an HTML parser never fetches, but declares nothing.
 */
export function refuseEntityDeclarations(xml: string): void {
  const entity = /<!ENTITY\s+(?:%\s*)?([^\s>]*)/i.exec(xml);
  if (entity) {
    throw new Error(
      `refused: its DTD declares the entity ${JSON.stringify(entity[1])} (line ${lineAt(xml, entity.index)}); entity declarations are not accepted, since they can expand into huge text or read other files: remove the DOCTYPE`,
    );
  }
}

/**
 * Parses a document, or throws an Error whose message says where it is not well-formed XML or why
 * it is refused. Values are trimmed unless `keepSpaces` (text() collapses spaces either way).
 */
export function parseXml(xml: string, { keepSpaces = false }: { keepSpaces?: boolean } = {}): XmlElement {
  refuseEntities(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return (keepSpaces ? spacedParser : parser).parse(xml) as XmlElement;
}

function asElement(value: unknown): XmlElement {
  return typeof value === 'object' && value !== null ? (value as XmlElement) : { '#text': String(value) };
}

/** Child elements by local name. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value.map(asElement) : [];
}

/** The first child element by local name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

/** Descendants along a path of local names (`child(child(a, 'b'), 'c')` for every match). */
export function descendants(element: XmlElement | undefined, ...names: string[]): XmlElement[] {
  let level = element ? [element] : [];
  for (const name of names) level = level.flatMap((e) => children(e, name));
  return level;
}

/** An attribute by local name (prefix dropped: `xlink:href` is `href`). */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The element's own text, whitespace runs collapsed (MODS values are often indented), or ''. */
export function text(element: XmlElement | undefined): string {
  const value = element?.['#text'];
  const raw = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return raw.replace(/\s+/g, ' ').trim();
}
