// Writes ALTO 4 from the lines a PAGE XML or hOCR file was read into, so that every page with text
// offers the same ALTO download (records/<item>/alto/<page>.xml) whatever the library delivered:
// researchers' tools and other viewers read one format. It holds what Leeszaal keeps (blocks, lines,
// words, their boxes in the master's pixels, the words' confidences) and says in its Processing
// step which file it was made from; the source file's other detail (glyphs, baselines, styles)
// stays in the library's copy.
import { XMLBuilder } from '../sources/xml.ts';
import { type Box, type TextLine, type TextWord, unionBox } from './text-lines.ts';

export interface AltoOrigin {
  /** The master image, relative to the item folder. */
  image: string;
  /** The full-text file the lines were read from, relative to the item folder. */
  source: string;
  /** Its format as people call it (`PAGE XML`, `hOCR`). */
  format: string;
}

// preserveOrder: a line's Strings and SPs must stay in sequence, not be grouped by name.
const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: ' ',
  suppressEmptyNode: true,
});

type XmlNode = { [tag: string]: XmlNode[] | string | Record<string, string | number> } | { '#text': string };
const el = (tag: string, children: XmlNode[], attributes?: Record<string, string | number>): XmlNode =>
  attributes ? { [tag]: children, ':@': attributes } : { [tag]: children };
const textEl = (tag: string, text: string) => el(tag, [{ '#text': text }]);

/** An XML ID (NCName) that no other element of the file has: the source's own when it is one. */
function idMaker(): (own: string | undefined, fallback: string) => string {
  const used = new Set<string>();
  return (own, fallback) => {
    let id = own && /^[A-Za-z_][\w.-]*$/.test(own) && !used.has(own) ? own : fallback;
    for (let n = 2; used.has(id); n++) id = `${fallback}-${n}`;
    used.add(id);
    return id;
  };
}

const position = (b: Box) => ({ '@HPOS': b.x, '@VPOS': b.y, '@WIDTH': b.w, '@HEIGHT': b.h });

/**
 * The Strings of a line: its words when they spell its text (joined by spaces), else its text's
 * words paired with the word boxes when they are as many, else the whole text as one String on the
 * line's box, so that the ALTO always reads as the published text.
 */
function strings(line: TextLine): { text: string; box: Box; conf?: number | undefined }[] {
  const tokens = line.text.split(/\s+/).filter((t) => t !== '');
  if (line.words.length > 0 && line.words.map((w) => w.text).join(' ') === tokens.join(' '))
    return line.words.map((w: TextWord) => ({ text: w.text, box: w, conf: w.confidence }));
  if (line.words.length === tokens.length) return tokens.map((text, i) => ({ text, box: line.words[i]! }));
  return [{ text: tokens.join(' '), box: line }];
}

/** ALTO 4 text of a page of `width` × `height` pixels holding `lines`. */
export function altoFromLines(lines: readonly TextLine[], width: number, height: number, origin: AltoOrigin): string {
  const id = idMaker();
  const blocks: { id: string | undefined; lines: TextLine[] }[] = [];
  for (const line of lines) {
    const last = blocks.at(-1);
    if (last && line.block !== undefined && last.id === line.block) last.lines.push(line);
    else blocks.push({ id: line.block, lines: [line] });
  }
  const textBlocks = blocks.map((block, b) =>
    el(
      'TextBlock',
      block.lines.map((line, l) =>
        el(
          'TextLine',
          // SP between Strings, as ALTO separates words; CONTENT carries the text exactly.
          strings(line).flatMap((part, i) => [
            ...(i > 0 ? [el('SP', [])] : []),
            el('String', [], {
              '@CONTENT': part.text,
              ...position(part.box),
              ...(part.conf !== undefined ? { '@WC': Number(part.conf.toFixed(3)) } : {}),
            }),
          ]),
          { '@ID': id(line.id, `line-${b + 1}-${l + 1}`), ...position(line) },
        ),
      ),
      { '@ID': id(block.id, `block-${b + 1}`), ...position(unionBox(block.lines)) },
    ),
  );
  const description = el('Description', [
    textEl('MeasurementUnit', 'pixel'),
    el('sourceImageInformation', [textEl('fileName', origin.image)]),
    el(
      'Processing',
      [
        textEl('processingCategory', 'other'),
        textEl(
          'processingStepDescription',
          `Written by Leeszaal from the ${origin.format} file ${origin.source}: blocks, lines and words with their boxes.`,
        ),
        el('processingSoftware', [textEl('softwareName', 'Leeszaal')]),
      ],
      { '@ID': 'leeszaal-conversion' },
    ),
  ]);
  const page = el('Page', [el('PrintSpace', textBlocks, { '@HPOS': 0, '@VPOS': 0, '@WIDTH': width, '@HEIGHT': height })], {
    '@ID': 'page',
    '@PHYSICAL_IMG_NR': 1,
    '@WIDTH': width,
    '@HEIGHT': height,
  });
  const alto = el('alto', [description, el('Layout', [page])], {
    '@xmlns': 'http://www.loc.gov/standards/alto/ns-v4#',
    '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@xsi:schemaLocation': 'http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-4.xsd',
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build([alto]).trim()}\n`;
}
