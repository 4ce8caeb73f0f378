// XML read in document order, for the full-text readers (ALTO, PAGE XML): the order of blocks,
// regions and lines is the reading order when a file gives no other, which the grouped form of
// ingest/sources/xml.ts loses. Parsed with saxes, a strict (well-formedness errors with line and
// column) streaming parser that expands no entity beyond XML's own and character references and
// reads no DTD; a newspaper page's text is read four times as fast as with fast-xml-parser's
// validator and parser together. Entity declarations and external DTDs are refused first
// (refuseEntities), as for every XML ingest reads. Namespace prefixes are dropped, text trimmed
// (these formats keep their text in attributes or whole elements, never in mixed content).
import { SaxesParser } from 'saxes';
import { refuseEntities } from '../sources/xml.ts';

/** A parsed element (its local name, attributes by local name, children), or a text node (`text`, no tag). */
export interface OrderedNode {
  tag: string | undefined;
  attrs: Record<string, string>;
  children: OrderedNode[];
  text?: string;
}

const NONE: Record<string, string> = Object.freeze({}) as Record<string, string>;
const LEAF: OrderedNode[] = Object.freeze([]) as unknown as OrderedNode[];

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses `xml`, or throws saying why it is refused or where it is not well-formed (`what` names the format). */
export function parseOrdered(xml: string, what: string): OrderedNode[] {
  refuseEntities(xml);
  const parser = new SaxesParser({ xmlns: false });
  const root: OrderedNode[] = [];
  const stack: OrderedNode[][] = [root];
  const addText = (value: string) => {
    const text = value.trim();
    if (text !== '') stack.at(-1)!.push({ tag: undefined, attrs: NONE, children: LEAF, text });
  };
  parser.on('error', (err) => {
    const reason = err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    throw new Error(`${what} is not well-formed XML: ${reason} (line ${parser.line}, column ${parser.column + 1})`);
  });
  parser.on('opentag', (tag) => {
    const children: OrderedNode[] = [];
    let attributes = tag.attributes;
    // Most files put no prefix on attributes; only then is a copy needed.
    for (const name in attributes) {
      if (name.includes(':') || name === 'xmlns') {
        attributes = {};
        for (const [n, value] of Object.entries(tag.attributes)) if (n !== 'xmlns' && !n.startsWith('xmlns:')) attributes[localName(n)] = value;
        break;
      }
    }
    stack.at(-1)!.push({ tag: localName(tag.name), attrs: attributes, children });
    stack.push(children);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  return root;
}

export function tagOf(node: OrderedNode): string | undefined {
  return node.tag;
}

export function kids(node: OrderedNode): OrderedNode[] {
  return node.children;
}

export function attrs(node: OrderedNode): Record<string, string> {
  return node.attrs;
}

/** The elements named `tag` under `nodes`, in document order, not looking inside a match. */
export function* walk(nodes: OrderedNode[], tag: string): Generator<OrderedNode> {
  for (const node of nodes) {
    if (node.tag === tag) yield node;
    else yield* walk(node.children, tag);
  }
}

/** The text under `nodes`, joined and trimmed. */
export function textOf(nodes: OrderedNode[]): string {
  return nodes
    .map((n) => n.text ?? textOf(n.children))
    .join('')
    .trim();
}
