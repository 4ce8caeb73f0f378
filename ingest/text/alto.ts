// Reads ALTO full text (versions 2, 3 and 4) into lines and words with boxes in image pixels, for
// the full-text annotations and the search index. Text is kept exactly as transcribed: historical
// spelling (long s `ſ`, combining letters such as `oͤ`) is never normalised.
import { attrs, kids, type OrderedNode, parseOrdered, tagOf, textOf, walk } from './ordered-xml.ts';
import { type Box, boxScaler, num, type PageText, scaleFactors, type TextLine, type TextWord, uniqueLineIds, unionBox } from './text-lines.ts';

/** Resolution assumed for mm10/inch1200 files that do not give the page size (a common scan setting). */
const ASSUMED_DPI = 300;

type Node = OrderedNode;

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
  const doc = parseOrdered(xml, 'ALTO');
  const alto = [...walk(doc, 'alto')][0];
  if (!alto) throw new Error('not ALTO: no <alto> root element');
  const unit = textOf([...walk(kids(alto), 'MeasurementUnit')]).toLowerCase() || 'pixel';
  const page = [...walk(kids(alto), 'Page')][0];
  const pageWidth = num(page && attrs(page).WIDTH);
  const pageHeight = num(page && attrs(page).HEIGHT);
  const perUnit = unit === 'mm10' ? ASSUMED_DPI / 254 : unit === 'inch1200' ? ASSUMED_DPI / 1200 : 1;
  const image = { width: imageWidth, height: imageHeight };
  const factors = scaleFactors(image, { width: pageWidth, height: pageHeight }, perUnit);
  const scaled = boxScaler(image, factors);
  const box = (a: Record<string, string>): Box | undefined => {
    const [hpos, vpos, width, height] = [num(a.HPOS), num(a.VPOS), num(a.WIDTH), num(a.HEIGHT)];
    if (hpos === undefined || vpos === undefined || width === undefined || height === undefined) return undefined;
    return scaled(hpos, vpos, hpos + width, vpos + height);
  };

  const lines: TextLine[] = [];
  const lineId = uniqueLineIds();
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
          const apart = hasSpaces ? spaced : separated(previous, { content, box: b }, (lineHeight ?? 0) * factors.sy);
          if (apart) text += ' ';
        }
        text += content;
        const conf = num(attrs(part).WC);
        if (b) words.push({ text: content, ...b, ...(conf !== undefined && conf >= 0 && conf <= 1 ? { confidence: conf } : {}) });
        previous = { content, box: b };
        spaced = false;
      } else if (tag === 'HYP') {
        text += content;
      }
    }
    if (text === '') continue;
    const lineBox = box(attrs(lineNode)) ?? (words.length > 0 ? unionBox(words) : undefined);
    if (!lineBox) continue;
    lines.push({ id: lineId(attrs(lineNode).ID, lines.length), text, ...lineBox, ...(block ? { block } : {}), words });
  }
  return { lines };
}
