// Reads hOCR full text (HTML with OCR classes, as Tesseract, OCRopus and Islandora write it) into
// the same lines and words as ALTO: `ocr_line`, `ocr_textfloat`, `ocr_header` and `ocr_caption`
// lines in document order, grouped by their `ocr_par` (else `ocr_carea`), with their `ocrx_word`
// words; boxes from the `bbox` in each `title`, scaled from the `ocr_page` bbox to the master. Parsed
// with htmlparser2, which runs nothing, fetches nothing and knows only HTML's own named entities.
import { DomUtils, parseDocument } from 'htmlparser2';
import { refuseEntityDeclarations } from '../sources/xml.ts';
import { type Box, boxScaler, num, type PageText, scaleFactors, type TextLine, type TextWord, uniqueLineIds, unionBox } from './text-lines.ts';

type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

const LINE_CLASSES = ['ocr_line', 'ocr_textfloat', 'ocr_header', 'ocr_caption'];
const BLOCK_CLASSES = ['ocr_par', 'ocr_carea'];

/**
 * The properties of an hOCR `title` (`bbox 10 20 30 40; x_wconf 93; image "a;b.tif"`), by name,
 * each its whitespace-separated values; a quoted value keeps its `;` and spaces.
 */
export function titleProperties(title: string): Map<string, string[]> {
  const props = new Map<string, string[]>();
  for (const part of title.match(/(?:"[^"]*"|[^;"])+/g) ?? []) {
    const tokens = part.match(/"[^"]*"|\S+/g) ?? [];
    const [name, ...values] = tokens;
    if (name && !props.has(name))
      props.set(
        name,
        values.map((v) => v.replace(/^"|"$/g, '')),
      );
  }
  return props;
}

/** The `bbox` of a title as x0, y0, x1, y1, or undefined when it has none or it is not four numbers. */
export function bboxOf(title: string | undefined): [number, number, number, number] | undefined {
  const values = titleProperties(title ?? '')
    .get('bbox')
    ?.map((v) => num(v));
  if (values?.length !== 4 || values.some((v) => v === undefined)) return undefined;
  return values as [number, number, number, number];
}

const classesOf = (el: Element) => (DomUtils.getAttributeValue(el, 'class') ?? '').split(/\s+/);
const hasClass = (el: Element, names: readonly string[]) => classesOf(el).some((c) => names.includes(c));
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Parses an hOCR document holding one page, scaling its coordinates to a master of imageWidth × imageHeight pixels. */
export function parseHocr(html: string, imageWidth: number, imageHeight: number): PageText {
  // HTML has no entity declarations; one here is an attack on readers that treat the file as XML.
  refuseEntityDeclarations(html);
  const doc = parseDocument(html, { recognizeSelfClosing: true });
  const pages = DomUtils.findAll((el) => hasClass(el, ['ocr_page']), doc.children);
  if (pages.length === 0) throw new Error('not hOCR: no element of class ocr_page');
  if (pages.length > 1) throw new Error(`the hOCR file holds ${pages.length} pages (ocr_page); give one file per page image`);
  const page = pages[0]!;
  const pageBox = bboxOf(DomUtils.getAttributeValue(page, 'title'));
  const image = { width: imageWidth, height: imageHeight };
  const source = pageBox ? { width: pageBox[2] - pageBox[0], height: pageBox[3] - pageBox[1] } : {};
  const scaled = boxScaler(image, scaleFactors(image, source));
  const boxOf = (el: Element): Box | undefined => {
    const b = bboxOf(DomUtils.getAttributeValue(el, 'title'));
    return b ? scaled(...b) : undefined;
  };

  const lines: TextLine[] = [];
  const lineId = uniqueLineIds();
  let blocks = 0;
  const visit = (nodes: Element['children'], block: string | undefined) => {
    for (const node of nodes) {
      if (!DomUtils.isTag(node)) continue;
      if (hasClass(node, LINE_CLASSES)) {
        const wordEls = DomUtils.findAll((el) => hasClass(el, ['ocrx_word']), node.children);
        const words: TextWord[] = [];
        const texts: string[] = [];
        for (const el of wordEls) {
          const text = collapsed(DomUtils.textContent(el));
          const box = boxOf(el);
          if (text !== '') texts.push(text);
          if (text !== '' && box) words.push({ text, ...box });
        }
        const text = wordEls.length > 0 ? texts.join(' ') : collapsed(DomUtils.textContent(node));
        const box = boxOf(node) ?? (words.length > 0 ? unionBox(words) : undefined);
        if (text === '' || !box) continue;
        lines.push({ id: lineId(DomUtils.getAttributeValue(node, 'id'), lines.length), text, ...box, ...(block ? { block } : {}), words });
      } else if (hasClass(node, BLOCK_CLASSES)) {
        // The innermost block holds the line: a paragraph within its content area.
        blocks += 1;
        visit(node.children, DomUtils.getAttributeValue(node, 'id') || `block-${blocks}`);
      } else {
        visit(node.children, block);
      }
    }
  };
  visit(page.children, undefined);
  return { lines };
}
