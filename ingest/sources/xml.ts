// XML reading shared by the METS/MODS and ALTO readers. Namespace prefixes are dropped (files use
// `mets:`/`mods:` prefixes, other prefixes or default namespaces for the same elements), every
// element is an array so optional repeats need no special case, and values stay strings exactly as
// written (no number parsing: `0017` and `1784` are text). External entities are never fetched;
// internal entity expansion is bounded against entity-expansion bombs.
import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';

/**
 * fast-xml-parser, loaded as its CommonJS build: that is one bundled file (5 ms to load), its ES
 * module build some twenty source modules (35 ms), paid before every ingest's first page.
 */
export const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as typeof FastXmlParser;

/** A parsed element: attributes under `@name`, text under `#text`, child elements as arrays. */
export type XmlElement = { readonly [key: string]: unknown };

const parser = new XMLParser({
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
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Parses a document, or throws an Error whose message says where it is not well-formed XML. */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return parser.parse(xml) as XmlElement;
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
