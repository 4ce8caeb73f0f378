// Reads hOCR full text (HTML with OCR classes, as Tesseract, OCRopus, kraken and Islandora write it) into
// the same lines and words as ALTO: `ocr_line`, `ocr_textfloat`, `ocr_header` and `ocr_caption`
// lines in document order, grouped by their `ocr_par` (else `ocr_carea`), with their `ocrx_word`
// words; boxes from the `bbox` in each `title`, scaled from the `ocr_page` bbox to the master. Read
// as htmlparser2 streams it (no DOM), which runs nothing, fetches nothing and knows only HTML's own
// named entities.
import { Parser } from 'htmlparser2';
import { refuseEntityDeclarations } from '../sources/xml.ts';
import { type Box, boxScaler, num, type PageText, scaleFactors, type TextLine, type TextWord, uniqueLineIds, unionBox } from './text-lines.ts';

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

/**
 * A title's leading `bbox x0 y0 x1 y1`, as Tesseract and most tools write it: read without the full
 * property parse. kraken ends it with a comma (`bbox 0 0 1457 2083, image page.png`), so that is taken too.
 */
const LEADING_BBOX = /^\s*bbox\s+(\S+)\s+(\S+)\s+(\S+)\s+([^\s;,]+)\s*(?:;|,\s|$)/;

/** The `bbox` of a title as x0, y0, x1, y1, or undefined when it has none or it is not four numbers. */
export function bboxOf(title: string | undefined): [number, number, number, number] | undefined {
  const leading = LEADING_BBOX.exec(title ?? '');
  const values = (leading ? leading.slice(1) : titleProperties(title ?? '').get('bbox'))?.map((v) => num(v));
  if (values?.length !== 4 || values.some((v) => v === undefined)) return undefined;
  return values as [number, number, number, number];
}

/** A word's `x_wconf` (0 to 100) as a confidence from 0 to 1, when its title gives one. */
function wordConfidence(title: string | undefined): number | undefined {
  const match = /(?:^|;)\s*x_wconf\s+(\S+)/.exec(title ?? '');
  const value = num(match?.[1]);
  return value !== undefined && value >= 0 && value <= 100 ? value / 100 : undefined;
}

const collapsed = (parts: string[]) => parts.join('').replace(/\s+/g, ' ').trim();

interface OpenLine {
  id: string | undefined;
  title: string | undefined;
  block: string | undefined;
  words: TextWord[];
  wordTexts: string[];
  hasWords: boolean;
  text: string[];
}
interface OpenWord {
  title: string | undefined;
  text: string[];
}
type Frame = 'page' | 'block' | 'line' | 'word' | 'other';

/** Parses an hOCR document holding one page, scaling its coordinates to a master of imageWidth × imageHeight pixels. */
export function parseHocr(html: string, imageWidth: number, imageHeight: number): PageText {
  // HTML has no entity declarations; one here is an attack on readers that treat the file as XML.
  refuseEntityDeclarations(html);
  const image = { width: imageWidth, height: imageHeight };
  let scaled = boxScaler(image, { sx: 1, sy: 1 });
  const boxOf = (title: string | undefined): Box | undefined => {
    const b = bboxOf(title);
    return b ? scaled(...b) : undefined;
  };
  const lines: TextLine[] = [];
  const lineId = uniqueLineIds();
  // Read as it streams, with no DOM: a newspaper page's hOCR is megabytes. The parser closes
  // elements HTML closes implicitly (a <p> by a <div>), so the frames stay balanced.
  const frames: Frame[] = [];
  const blocks: string[] = [];
  let blockCount = 0;
  let pages = 0;
  let inPage = false;
  let line: OpenLine | undefined;
  let word: OpenWord | undefined;
  const parser = new Parser(
    {
      onopentag(_name, attributes) {
        const classes = (attributes.class ?? '').split(/\s+/);
        const is = (names: readonly string[]) => classes.some((c) => names.includes(c));
        let frame: Frame = 'other';
        if (is(['ocr_page'])) {
          pages += 1;
          if (pages > 1) throw new Error('the hOCR file holds several pages (ocr_page); give one file per page image');
          const pageBox = bboxOf(attributes.title);
          const source = pageBox ? { width: pageBox[2] - pageBox[0], height: pageBox[3] - pageBox[1] } : {};
          scaled = boxScaler(image, scaleFactors(image, source));
          inPage = true;
          frame = 'page';
        } else if (!inPage) {
          frame = 'other';
        } else if (!line && is(LINE_CLASSES)) {
          line = { id: attributes.id, title: attributes.title, block: blocks.at(-1), words: [], wordTexts: [], hasWords: false, text: [] };
          frame = 'line';
        } else if (line && !word && is(['ocrx_word'])) {
          word = { title: attributes.title, text: [] };
          line.hasWords = true;
          frame = 'word';
        } else if (!line && is(BLOCK_CLASSES)) {
          // The innermost block holds the line: a paragraph within its content area.
          blockCount += 1;
          blocks.push(attributes.id || `block-${blockCount}`);
          frame = 'block';
        }
        frames.push(frame);
      },
      ontext(text) {
        word?.text.push(text);
        line?.text.push(text);
      },
      onclosetag() {
        const frame = frames.pop();
        if (frame === 'word' && word && line) {
          const text = collapsed(word.text);
          const box = boxOf(word.title);
          if (text !== '') line.wordTexts.push(text);
          const conf = wordConfidence(word.title);
          if (text !== '' && box) line.words.push({ text, ...box, ...(conf !== undefined ? { confidence: conf } : {}) });
          word = undefined;
        } else if (frame === 'line' && line) {
          const text = line.hasWords ? line.wordTexts.join(' ') : collapsed(line.text);
          const box = boxOf(line.title) ?? (line.words.length > 0 ? unionBox(line.words) : undefined);
          if (text !== '' && box) {
            lines.push({ id: lineId(line.id, lines.length), text, ...box, ...(line.block ? { block: line.block } : {}), words: line.words });
          }
          line = undefined;
        } else if (frame === 'block') {
          blocks.pop();
        } else if (frame === 'page') {
          inPage = false;
        }
      },
    },
    { recognizeSelfClosing: true },
  );
  parser.end(html);
  if (pages === 0) throw new Error('not hOCR: no element of class ocr_page');
  return { lines };
}
