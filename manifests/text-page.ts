// The full text of one page as a IIIF AnnotationPage: one `supplementing` annotation per text line,
// its body the line as plain text and its target the line's box on the canvas (`#xywh=`, integer
// pixels). Ingest publishes it at `urls.textPage`; viewers overlay it and Content Search cites it.
// The paragraphs the page was set in (ALTO TextBlocks) are kept with the IIIF Text Granularity
// extension: each block's annotation (`"textGranularity": "block"`, its box and text) comes just
// before the annotations of its lines (`"line"`), so a reading view can set the text as printed.
// Search indexes the lines only. Text a machine read (ingest's OCR) says so: every annotation names
// the recogniser as its W3C Web Annotation `creator` (an agent of type Software), each line carries
// the recogniser's confidence as `leeszaal:confidence` (0 to 1), and the page's label gives the
// software and the page's confidence in nl, fr and en, for people and viewers alike.
import type { Annotation, AnnotationPage } from '@iiif/presentation-3';
import { meanConfidence } from './confidence.ts';
import { toBcp47, trilingual } from './language-map.ts';
import type { PublicUrls } from './layout.ts';
import { PRESENTATION_CONTEXT } from './manifest.ts';

/** A line of text and its box in image pixels (structurally what the ALTO reader produces). */
export interface TextLine {
  id: string;
  text: string;
  /** The id of the block (paragraph) the line belongs to; consecutive lines with the same id form it. */
  block?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** How sure the recogniser was of the line (0 to 1), for machine-read text. */
  confidence?: number;
}

/** Who read a machine-read page: the software (`tesseract 5.3.0`) and its models (`Fraktur+frk`). */
export interface MachineReading {
  software: string;
  models: string;
  homepage: string;
}

export interface TextPageOptions {
  /** Language of the text (ISO 639 or BCP 47), when the source says. */
  language?: string;
  /** Canvas size: boxes are clipped to it, since OCR boxes sometimes overshoot the image edge. */
  width?: number;
  height?: number;
  /** Set when the text was machine-read (OCR) rather than transcribed or supplied with the scans. */
  machineRead?: MachineReading;
}

/** Extension property of a machine-read line: the recogniser's confidence, 0 to 1. */
export const CONFIDENCE_PROPERTY = 'leeszaal:confidence';

/** The IIIF Text Granularity extension's JSON-LD context; it must come before the Presentation context. */
export const TEXT_GRANULARITY_CONTEXT = 'http://iiif.io/api/extension/text-granularity/context.json';

type Box = { x: number; y: number; w: number; h: number };
type Kept = { id: string; text: string; box: Box; block: string | undefined; confidence: number | undefined };

export function buildTextPage(
  itemId: string,
  pageKey: string,
  lines: readonly TextLine[],
  urls: PublicUrls,
  opts: TextPageOptions = {},
): AnnotationPage {
  const canvasId = urls.canvas(itemId, pageKey);
  const language = opts.language === undefined ? undefined : toBcp47(opts.language);
  const body = (value: string) => ({ type: 'TextualBody', value, format: 'text/plain', ...(language ? { language } : {}) }) as const;
  const machine = opts.machineRead;
  const creator = machine && { type: 'Software', name: `${machine.software} (${machine.models})`, homepage: machine.homepage };
  const annotation = (id: string, value: string, box: Box, textGranularity: 'block' | 'line', confidence?: number) =>
    ({
      id,
      type: 'Annotation',
      motivation: 'supplementing',
      textGranularity,
      ...(creator ? { creator } : {}),
      ...(confidence !== undefined ? { [CONFIDENCE_PROPERTY]: round(confidence) } : {}),
      body: body(value),
      target: `${canvasId}#xywh=${box.x},${box.y},${box.w},${box.h}`,
    }) as Annotation;
  const kept: Kept[] = [];
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    if (line.text.trim() === '') continue;
    const box = clip(line, opts.width, opts.height);
    if (!box) continue;
    let lineId = line.id.trim() === '' ? `l${i + 1}` : line.id;
    if (seen.has(lineId)) lineId = `${lineId}-${i + 1}`;
    seen.add(lineId);
    kept.push({ id: lineId, text: line.text, box, block: line.block, confidence: line.confidence });
  }
  const items: Annotation[] = [];
  const blockIds = new Set<string>();
  for (let start = 0; start < kept.length; ) {
    const block = kept[start]!.block;
    let end = start + 1;
    while (end < kept.length && block !== undefined && kept[end]!.block === block) end++;
    const group = kept.slice(start, end);
    if (block !== undefined) {
      // A block split by lines of another (rare in ALTO) is published as two blocks with distinct ids.
      const blockId = blockIds.has(block) ? `${block}-${start + 1}` : block;
      blockIds.add(blockId);
      const value = group.map((l) => l.text).join('\n');
      const box = union(group.map((l) => l.box));
      items.push(annotation(urls.textBlockAnnotation(itemId, pageKey, blockId), value, box, 'block', meanConfidence(group)));
    }
    for (const l of group) items.push(annotation(urls.textAnnotation(itemId, pageKey, l.id), l.text, l.box, 'line', l.confidence));
    start = end;
  }
  return {
    '@context': [TEXT_GRANULARITY_CONTEXT, PRESENTATION_CONTEXT],
    id: urls.textPage(itemId, pageKey),
    type: 'AnnotationPage',
    ...(machine ? { label: machineLabel(machine, meanConfidence(kept)) } : {}),
    items,
  } as unknown as AnnotationPage;
}

function machineLabel(m: MachineReading, confidence: number | undefined) {
  const by = `${m.software}, ${m.models}`;
  const pct = confidence === undefined ? undefined : Math.round(confidence * 100);
  return trilingual({
    nl: `Machinaal gelezen tekst (${by})${pct === undefined ? '' : `, betrouwbaarheid ${pct}%`}`,
    fr: `Texte lu par machine (${by})${pct === undefined ? '' : `, confiance ${pct} %`}`,
    en: `Machine-read text (${by})${pct === undefined ? '' : `, confidence ${pct}%`}`,
  });
}

/** Two decimals: what a reader can use, and stable JSON. */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
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
