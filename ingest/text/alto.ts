// Reads ALTO full text (versions 2, 3 and 4) into lines and words with boxes in image pixels, for
// the full-text annotations and the search index. Text is kept exactly as transcribed: historical
// spelling (long s `ſ`, combining letters such as `oͤ`) is never normalised.
import type { TextLine as PublishedLine } from '../../manifests/text-page.ts';
import { refuseEntities, XMLParser, XMLValidator } from '../sources/xml.ts';

export interface TextWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The recogniser's confidence (ALTO `WC`, 0 to 1), when the file gives it: OCR output does. */
  confidence?: number;
}
/** A published text line (manifests/text-page.ts) with the words ALTO gives inside it. */
export interface TextLine extends PublishedLine {
  words: TextWord[];
}
export interface PageText {
  lines: TextLine[];
}

/** Resolution assumed for mm10/inch1200 files that do not give the page size (a common scan setting). */
const ASSUMED_DPI = 300;
/** Page sizes this close to the image's are the same pixels (ground truth is often 1 px off). */
const SAME_SIZE_TOLERANCE = 0.01;

type Node = { [tag: string]: Node[] | string | Record<string, string> | undefined } & { ':@'?: Record<string, string> };

// Document order matters here (reading order of blocks and lines), hence preserveOrder.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
  htmlEntities: false,
});

function tagOf(node: Node): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function kids(node: Node): Node[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? value : [];
}

function attrs(node: Node): Record<string, string> {
  return node[':@'] ?? {};
}

function* walk(nodes: Node[], tag: string): Generator<Node> {
  for (const node of nodes) {
    if (tagOf(node) === tag) yield node;
    else yield* walk(kids(node), tag);
  }
}

/**
 * The TextLines under `nodes` in document order, each with the TextBlock that holds it (its ID, or
 * `block-<n>` when it has none), so the published text keeps the paragraphs the page was set in.
 */
function* linesWithBlocks(nodes: Node[], count = { blocks: 0 }, block?: string): Generator<{ line: Node; block: string | undefined }> {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'TextLine') {
      yield { line: node, block };
    } else if (tag === 'TextBlock') {
      count.blocks += 1;
      yield* linesWithBlocks(kids(node), count, attrs(node).ID || `block-${count.blocks}`);
    } else {
      yield* linesWithBlocks(kids(node), count, block);
    }
  }
}

function textOf(nodes: Node[]): string {
  return nodes
    .map((n) => (typeof n['#text'] === 'string' ? n['#text'] : textOf(kids(n))))
    .join('')
    .trim();
}

function num(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const CLOSING = /^[.,;:!?)\]}»›”’\-¬]/u;
const OPENING = /[([{«‹„‚]$/u;

/** Whether two Strings of a line without SP elements were printed apart. Transcriptions often
 * segment punctuation as Strings of its own; it sits flush against its word, so no space there. */
function separated(a: { content: string; box?: Box }, b: { content: string; box?: Box }, lineHeight: number): boolean {
  const attached = CLOSING.test(b.content) || OPENING.test(a.content);
  if (!attached) return true;
  if (!a.box || !b.box) return false;
  return b.box.x - (a.box.x + a.box.w) > Math.max(2, lineHeight * 0.15);
}

/** Parses ALTO (v2, v3, v4), scaling coordinates to image pixels (imageWidth/Height) whatever MeasurementUnit says. */
export function parseAlto(xml: string, imageWidth: number, imageHeight: number): PageText {
  refuseEntities(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`ALTO is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const doc = parser.parse(xml) as Node[];
  const alto = [...walk(doc, 'alto')][0];
  if (!alto) throw new Error('not ALTO: no <alto> root element');
  const unit = textOf([...walk(kids(alto), 'MeasurementUnit')]).toLowerCase() || 'pixel';
  const page = [...walk(kids(alto), 'Page')][0];
  const pageWidth = num(page && attrs(page).WIDTH);
  const pageHeight = num(page && attrs(page).HEIGHT);
  const perUnit = unit === 'mm10' ? ASSUMED_DPI / 254 : unit === 'inch1200' ? ASSUMED_DPI / 1200 : 1;
  const scale = (image: number, pageSize: number | undefined) => {
    if (!pageSize || pageSize <= 0) return perUnit;
    const s = image / pageSize;
    return unit === 'pixel' && Math.abs(s - 1) <= SAME_SIZE_TOLERANCE ? 1 : s;
  };
  const sx = scale(imageWidth, pageWidth);
  const sy = scale(imageHeight, pageHeight);
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const box = (a: Record<string, string>): Box | undefined => {
    const [hpos, vpos, width, height] = [num(a.HPOS), num(a.VPOS), num(a.WIDTH), num(a.HEIGHT)];
    if (hpos === undefined || vpos === undefined || width === undefined || height === undefined) return undefined;
    const x = clamp(Math.round(hpos * sx), imageWidth);
    const y = clamp(Math.round(vpos * sy), imageHeight);
    const x2 = clamp(Math.round((hpos + width) * sx), imageWidth);
    const y2 = clamp(Math.round((vpos + height) * sy), imageHeight);
    return { x, y, w: x2 - x, h: y2 - y };
  };
  const union = (boxes: Box[]): Box => {
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
  };

  const lines: TextLine[] = [];
  const ids = new Set<string>();
  for (const { line: lineNode, block } of linesWithBlocks(page ? [page] : kids(alto))) {
    const words: TextWord[] = [];
    const parts = kids(lineNode);
    const hasSpaces = parts.some((p) => tagOf(p) === 'SP');
    const lineHeight = num(attrs(lineNode).HEIGHT);
    let text = '';
    let spaced = false;
    let previous: { content: string; box?: Box } | undefined;
    for (const part of parts) {
      const tag = tagOf(part);
      const content = attrs(part).CONTENT ?? '';
      if (tag === 'SP') spaced = true;
      else if (tag === 'String' && content !== '') {
        const b = box(attrs(part));
        if (previous) {
          const apart = hasSpaces ? spaced : separated(previous, { content, box: b }, (lineHeight ?? 0) * sy);
          if (apart) text += ' ';
        }
        text += content;
        const wc = num(attrs(part).WC);
        if (b) words.push({ text: content, ...b, ...(wc !== undefined && wc >= 0 && wc <= 1 ? { confidence: wc } : {}) });
        previous = { content, box: b };
        spaced = false;
      } else if (tag === 'HYP') {
        text += content;
      }
    }
    if (text === '') continue;
    const lineBox = box(attrs(lineNode)) ?? (words.length > 0 ? union(words) : undefined);
    if (!lineBox) continue;
    let id = attrs(lineNode).ID || `line-${lines.length + 1}`;
    for (let n = 2; ids.has(id); n++) id = `${attrs(lineNode).ID || 'line'}-${n}`;
    ids.add(id);
    lines.push({ id, text, ...lineBox, ...(block ? { block } : {}), words });
  }
  return { lines };
}
