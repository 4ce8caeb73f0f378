// The one entry point ingest reads a page's full text through, whatever the file: it tells ALTO,
// PAGE XML and hOCR apart by content (the root element, or an HTML document with an `ocr_page`),
// not by name or folder, since METS file groups and workflow exports name them every way, and
// hands the file to that format's reader. All three give the same lines (text-lines.ts).
import { parseAlto } from './alto.ts';
import { parseHocr } from './hocr.ts';
import { parsePageXml } from './page-xml.ts';
import type { PageRecord } from '../../manifests/item.ts';
import type { PageText } from './text-lines.ts';

export type TextFormat = 'alto' | NonNullable<PageRecord['textFormat']>;

/** What each format is called in messages and the published record. */
export const TEXT_FORMAT_NAMES: Record<TextFormat, string> = { alto: 'ALTO', 'page-xml': 'PAGE XML', hocr: 'hOCR' };

/** The local name of the document's root element (prolog, comments and DOCTYPE skipped), or undefined. */
export function rootElement(content: string): string | undefined {
  let at = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < content.length && /\s/.test(content[at]!)) at++;
    const rest = content.slice(at, at + 9);
    if (rest.startsWith('<?')) at = endOf(content, at, '?>');
    else if (rest.startsWith('<!--')) at = endOf(content, at, '-->');
    else if (/^<!doctype/i.test(rest)) {
      // An internal subset may hold `>` of its own; it ends at `]>`.
      const subset = content.indexOf('[', at);
      const close = content.indexOf('>', at);
      at = subset !== -1 && subset < close ? endOf(content, subset, ']>') : close + 1;
      if (close === -1) return undefined;
    } else break;
    if (at <= 0) return undefined;
  }
  return /^<(?:[\w.-]+:)?([\w.-]+)/.exec(content.slice(at, at + 200))?.[1];
}

function endOf(content: string, from: number, marker: string): number {
  const i = content.indexOf(marker, from);
  return i === -1 ? -1 : i + marker.length;
}

/** The format of a full-text file by its content, or undefined when it is none of ALTO, PAGE XML and hOCR. */
export function detectTextFormat(content: string): TextFormat | undefined {
  const root = rootElement(content);
  if (root === 'alto') return 'alto';
  if (root === 'PcGts') return 'page-xml';
  if (root?.toLowerCase() === 'html' || /\bocr_page\b/.test(content.slice(0, 100_000))) return 'hocr';
  return undefined;
}

/** Reads a page's full text of any of the three formats, its boxes scaled to a master of imageWidth × imageHeight pixels. */
export function readFullText(content: string, imageWidth: number, imageHeight: number): PageText & { format: TextFormat } {
  const format = detectTextFormat(content);
  if (format === undefined) {
    const root = rootElement(content);
    throw new Error(
      `not a full-text file: ${root ? `its root element is <${root}>` : 'it does not start with an XML or HTML element'}; expected ALTO (<alto>), PAGE XML (<PcGts>) or hOCR (HTML with an ocr_page)`,
    );
  }
  const read = format === 'alto' ? parseAlto : format === 'page-xml' ? parsePageXml : parseHocr;
  return { format, ...read(content, imageWidth, imageHeight) };
}
