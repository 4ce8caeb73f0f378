// XML read in document order, for the full-text readers (ALTO, PAGE XML): the order of blocks,
// regions and lines is the reading order when a file gives no other, which the grouped form of
// ingest/sources/xml.ts loses. Entity declarations and external DTDs are refused first
// (refuseEntities), as for every XML ingest reads.
import { refuseEntities, XMLParser, XMLValidator } from '../sources/xml.ts';

/** A parsed element: its children (or text) under its local name, its attributes under `:@`. */
export type OrderedNode = { [tag: string]: OrderedNode[] | string | Record<string, string> | undefined } & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
  // Decodes character references (`&#383;`, `&#x17F;`, as some OCR tools write ſ); the parser
  // ties them to its HTML entity table, whose named entities no well-made XML file uses.
  htmlEntities: true,
});

/** Parses `xml`, or throws saying why it is refused or where it is not well-formed (`what` names the format). */
export function parseOrdered(xml: string, what: string): OrderedNode[] {
  refuseEntities(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return parser.parse(xml) as OrderedNode[];
}

export function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

export function kids(node: OrderedNode): OrderedNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? value : [];
}

export function attrs(node: OrderedNode): Record<string, string> {
  return node[':@'] ?? {};
}

/** The elements named `tag` under `nodes`, in document order, not looking inside a match. */
export function* walk(nodes: OrderedNode[], tag: string): Generator<OrderedNode> {
  for (const node of nodes) {
    if (tagOf(node) === tag) yield node;
    else yield* walk(kids(node), tag);
  }
}

/** The text under `nodes`, joined and trimmed. */
export function textOf(nodes: OrderedNode[]): string {
  return nodes
    .map((n) => (typeof n['#text'] === 'string' ? n['#text'] : textOf(kids(n))))
    .join('')
    .trim();
}
