// Reads PRImA PAGE XML full text (the 2010, 2013-07-15 and 2019-07-15 schemas, as OCR-D,
// Transkribus, eScriptorium and Kraken write it) into the same lines and words as ALTO: each
// TextRegion a block, in the page's ReadingOrder when it has one (else document order), its lines in
// document order (or Transkribus' `custom` readingOrder), each TextLine's box the bounding box of its
// `Coords` polygon (or of the `Point` children older files use; a line with only a `Baseline`, as
// eScriptorium exports lines without a mask, stands the page's line height above it; a region
// transcribed as a whole, with no line of text, is one line), scaled from the Page's
// imageWidth/imageHeight to the master. Text as transcribed, never normalised.
import { attrs, kids, type OrderedNode, parseOrdered, tagOf, textOf, walk } from './ordered-xml.ts';
import { type Box, boxScaler, num, type PageText, scaleFactors, type TextLine, type TextWord, uniqueLineIds, unionBox } from './text-lines.ts';

type Scaled = ReturnType<typeof boxScaler>;

/** The children of `node` named `tag`. */
const childrenNamed = (node: OrderedNode, tag: string) => kids(node).filter((k) => tagOf(k) === tag);

/**
 * The text of an element's preferred TextEquiv: the one with the lowest `index`, else the first;
 * its Unicode, else its PlainText. Undefined when it has none or it is empty.
 */
export function preferredText(node: OrderedNode): string | undefined {
  return preferredEquiv(node)?.text;
}

/** The preferred TextEquiv's text (as preferredText) and its `conf` (0 to 1) when given. */
function preferredEquiv(node: OrderedNode): { text: string; conf?: number } | undefined {
  const equivs = childrenNamed(node, 'TextEquiv');
  if (equivs.length === 0) return undefined;
  const indexed = equivs.filter((e) => num(attrs(e).index) !== undefined);
  const chosen = indexed.length > 0 ? indexed.reduce((a, b) => (num(attrs(b).index)! < num(attrs(a).index)! ? b : a)) : equivs[0]!;
  const conf = num(attrs(chosen).conf);
  for (const tag of ['Unicode', 'PlainText']) {
    const text = textOf(childrenNamed(chosen, tag));
    if (text !== '') return { text, ...(conf !== undefined && conf >= 0 && conf <= 1 ? { conf } : {}) };
  }
  return undefined;
}

/** The bounding box of an element's `Coords` (or another points element such as `Baseline`): its `points` (`x,y x,y …`), or the `Point` children of 2010-era files. */
function coordsBox(node: OrderedNode, scaled: Scaled, tag = 'Coords'): Box | undefined {
  const coords = childrenNamed(node, tag)[0];
  if (!coords) return undefined;
  const points = attrs(coords).points;
  const pairs: [number, number][] = [];
  if (points !== undefined) {
    for (const pair of points.trim().split(/\s+/)) {
      const [x, y] = pair.split(',').map((v) => num(v));
      if (x !== undefined && y !== undefined) pairs.push([x, y]);
    }
  } else {
    for (const point of childrenNamed(coords, 'Point')) {
      const [x, y] = [num(attrs(point).x), num(attrs(point).y)];
      if (x !== undefined && y !== undefined) pairs.push([x, y]);
    }
  }
  if (pairs.length === 0) return undefined;
  const xs = pairs.map((p) => p[0]);
  const ys = pairs.map((p) => p[1]);
  return scaled(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
}

/**
 * Region ids in the order the ReadingOrder gives: an OrderedGroup's members by `index`, an
 * UnorderedGroup's in document order, nested groups in place (a group's own `regionRef` first).
 */
export function readingOrder(page: OrderedNode): string[] {
  const order: string[] = [];
  const visit = (group: OrderedNode) => {
    const members = kids(group).filter((k) => tagOf(k) !== undefined && tagOf(k) !== 'Labels' && tagOf(k) !== 'UserDefined');
    const ordered = /^OrderedGroup/.test(tagOf(group) ?? '');
    const sorted = ordered ? [...members].sort((a, b) => (num(attrs(a).index) ?? 0) - (num(attrs(b).index) ?? 0)) : members;
    for (const member of sorted) {
      const ref = attrs(member).regionRef;
      if (ref) order.push(ref);
      if (/Group/.test(tagOf(member) ?? '')) visit(member);
    }
  };
  for (const ro of childrenNamed(page, 'ReadingOrder')) for (const group of kids(ro)) if (/Group$/.test(tagOf(group) ?? '')) visit(group);
  return order;
}

const isRegion = (node: OrderedNode) => tagOf(node)?.endsWith('Region') === true;

/** Every TextRegion among `nodes` and the regions nested in them, in document order (lines hold no regions, so they are not searched). */
function* textRegions(nodes: OrderedNode[]): Generator<OrderedNode> {
  for (const node of nodes) {
    if (!isRegion(node)) continue;
    if (tagOf(node) === 'TextRegion') yield node;
    yield* textRegions(kids(node));
  }
}

/** The regions of the page in reading order; those the ReadingOrder leaves out follow in document order, so no text is lost. */
function regionsInOrder(page: OrderedNode): OrderedNode[] {
  const regions = [...textRegions(kids(page))];
  const byId = new Map<string, OrderedNode[]>();
  // A referenced region brings the text regions nested in it (a table's cells, say) to its place.
  const collect = (nodes: OrderedNode[]) => {
    for (const node of nodes) {
      if (!isRegion(node)) continue;
      const id = attrs(node).id;
      if (id) byId.set(id, [...textRegions([node])]);
      collect(kids(node));
    }
  };
  collect(kids(page));
  const placed = new Set<OrderedNode>();
  const out: OrderedNode[] = [];
  const place = (region: OrderedNode) => {
    if (placed.has(region)) return;
    placed.add(region);
    out.push(region);
  };
  for (const ref of readingOrder(page)) for (const region of byId.get(ref) ?? []) place(region);
  for (const region of regions) place(region);
  return out;
}

/** Transkribus' reading order of a line within its region: `custom="readingOrder {index:3;}"`. */
function customIndex(node: OrderedNode): number | undefined {
  return num(/readingOrder\s*\{[^}]*\bindex\s*:\s*(\d+)/.exec(attrs(node).custom ?? '')?.[1]);
}

/** A region's lines in document order, or in Transkribus' `custom` reading order when every line has one. */
function linesInOrder(region: OrderedNode): OrderedNode[] {
  const lines = childrenNamed(region, 'TextLine');
  const indexes = lines.map(customIndex);
  if (indexes.some((i) => i === undefined)) return lines;
  return lines
    .map((line, i) => ({ line, index: indexes[i]! }))
    .sort((a, b) => a.index - b.index)
    .map((l) => l.line);
}

function wordsOf(line: OrderedNode, scaled: Scaled): TextWord[] {
  const words: TextWord[] = [];
  for (const word of childrenNamed(line, 'Word')) {
    const glyphs = (): { text: string; conf?: number } => ({
      text: childrenNamed(word, 'Glyph')
        .map((g) => preferredText(g) ?? '')
        .join(''),
    });
    const { text, conf } = preferredEquiv(word) ?? glyphs();
    const box = coordsBox(word, scaled);
    if (text !== '' && box) words.push({ text, ...box, ...(conf !== undefined ? { confidence: conf } : {}) });
  }
  return words;
}

/** Lines on a page without other lines to measure are taken as a fiftieth of the page high (a printed page of about fifty lines). */
const LINES_PER_PAGE = 50;

/** The median height of the page's boxed lines, the height given a line known only by its baseline. */
function lineHeight(boxed: readonly Box[], imageHeight: number): number {
  const heights = boxed.map((b) => b.h).sort((a, b) => a - b);
  return heights.length > 0 ? heights[Math.floor(heights.length / 2)]! : Math.round(imageHeight / LINES_PER_PAGE);
}

/** Parses PAGE XML, scaling its coordinates to a master of imageWidth × imageHeight pixels. */
export function parsePageXml(xml: string, imageWidth: number, imageHeight: number): PageText {
  const doc = parseOrdered(xml, 'PAGE XML');
  const root = [...walk(doc, 'PcGts')][0];
  if (!root) throw new Error('not PAGE XML: no <PcGts> root element');
  const page = [...walk(kids(root), 'Page')][0];
  if (!page) throw new Error('PAGE XML has no <Page> element');
  const image = { width: imageWidth, height: imageHeight };
  const scaled = boxScaler(image, scaleFactors(image, { width: num(attrs(page).imageWidth), height: num(attrs(page).imageHeight) }));
  const lines: TextLine[] = [];
  const lineId = uniqueLineIds();
  // Lines with a Baseline only (eScriptorium writes Coords only for lines with a mask): boxed once the page's line height is known.
  const baselineOnly: { line: TextLine; baseline: Box }[] = [];
  let blocks = 0;
  for (const region of regionsInOrder(page)) {
    blocks += 1;
    const block = attrs(region).id || `block-${blocks}`;
    const linesBefore = lines.length;
    for (const lineNode of linesInOrder(region)) {
      const words = wordsOf(lineNode, scaled);
      // The line's own transcription is preferred: it has the spacing, words may be segmented apart.
      const text = preferredText(lineNode) ?? words.map((w) => w.text).join(' ');
      if (text === '') continue;
      const box = coordsBox(lineNode, scaled) ?? (words.length > 0 ? unionBox(words) : undefined);
      const baseline = box ? undefined : coordsBox(lineNode, scaled, 'Baseline');
      if (!box && !baseline) continue;
      const line: TextLine = { id: lineId(attrs(lineNode).id, lines.length), text, ...(box ?? baseline!), block, words };
      lines.push(line);
      if (baseline) baselineOnly.push({ line, baseline });
    }
    // Region-level transcription (the PRImA layout datasets): the region is its own line.
    const regionText = lines.length === linesBefore ? preferredText(region)?.replace(/\s*\n\s*/g, ' ') : undefined;
    const regionBox = regionText ? coordsBox(region, scaled) : undefined;
    if (regionText && regionBox) lines.push({ id: lineId(attrs(region).id, lines.length), text: regionText, ...regionBox, block, words: [] });
  }
  if (baselineOnly.length > 0) {
    const unboxed = new Set(baselineOnly.map((b) => b.line));
    const height = lineHeight(
      lines.filter((l) => !unboxed.has(l)),
      imageHeight,
    );
    for (const { line, baseline } of baselineOnly) {
      const bottom = baseline.y + baseline.h;
      line.y = Math.max(0, bottom - height);
      line.h = bottom - line.y;
    }
  }
  return { lines };
}
