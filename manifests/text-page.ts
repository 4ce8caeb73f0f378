// The full text of one page as a IIIF AnnotationPage: one `supplementing` annotation per text line,
// its body the line as plain text and its target the line's box on the canvas (`#xywh=`, integer
// pixels). Ingest publishes it at `urls.textPage`; viewers overlay it and Content Search cites it.
import type { Annotation, AnnotationPage } from '@iiif/presentation-3';
import { toBcp47 } from './language-map.ts';
import type { PublicUrls } from './layout.ts';
import { PRESENTATION_CONTEXT } from './manifest.ts';

/** A line of text and its box in image pixels (structurally what the ALTO reader produces). */
export interface TextLine {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextPageOptions {
  /** Language of the text (ISO 639 or BCP 47), when the source says. */
  language?: string;
  /** Canvas size: boxes are clipped to it, since OCR boxes sometimes overshoot the image edge. */
  width?: number;
  height?: number;
}

export function buildTextPage(
  itemId: string,
  pageKey: string,
  lines: readonly TextLine[],
  urls: PublicUrls,
  opts: TextPageOptions = {},
): AnnotationPage {
  const canvasId = urls.canvas(itemId, pageKey);
  const language = opts.language === undefined ? undefined : toBcp47(opts.language);
  const items: Annotation[] = [];
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    if (line.text.trim() === '') continue;
    const box = clip(line, opts.width, opts.height);
    if (!box) continue;
    let lineId = line.id.trim() === '' ? `l${i + 1}` : line.id;
    if (seen.has(lineId)) lineId = `${lineId}-${i + 1}`;
    seen.add(lineId);
    items.push({
      id: urls.textAnnotation(itemId, pageKey, lineId),
      type: 'Annotation',
      motivation: 'supplementing',
      body: { type: 'TextualBody', value: line.text, format: 'text/plain', ...(language ? { language } : {}) },
      target: `${canvasId}#xywh=${box.x},${box.y},${box.w},${box.h}`,
    });
  }
  return { '@context': PRESENTATION_CONTEXT, id: urls.textPage(itemId, pageKey), type: 'AnnotationPage', items } as AnnotationPage;
}

/** The box in whole pixels, clipped to the canvas when its size is known; undefined if nothing is left. */
function clip(line: TextLine, width?: number, height?: number) {
  if (![line.x, line.y, line.w, line.h].every(Number.isFinite)) return undefined;
  const x0 = Math.max(0, Math.floor(line.x));
  const y0 = Math.max(0, Math.floor(line.y));
  const x1 = Math.min(Math.ceil(line.x + line.w), width ?? Number.POSITIVE_INFINITY);
  const y1 = Math.min(Math.ceil(line.y + line.h), height ?? Number.POSITIVE_INFINITY);
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
