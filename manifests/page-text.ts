// The one reader of a published text page (AnnotationPage of `supplementing` line annotations) read
// back into lines with their boxes, and the plain-text form of pages for taking away: UTF-8 text,
// each page headed by its label, as printed or in modern spelling (manifests/modern-spelling.ts),
// under a header naming the item, its rights and attribution. The server's text downloads, the PDF's
// text layer and the search index all read pages through `parseTextPage`, so they agree on what a
// page says.
import * as v from 'valibot';
import { modernLines } from './modern-spelling.ts';

/** One line of a page's text and its box in canvas pixels. */
export interface PageLine {
  /** The line annotation's id, when it has one (search hits point at it). */
  id?: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A published text page read back: the canvas its boxes refer to (from its first line) and its lines in reading order. */
export interface TextPage {
  canvas: string | undefined;
  lines: PageLine[];
}

export type Spelling = 'printed' | 'modern';

export class TextPageError extends Error {
  override name = 'TextPageError';
}

const annotation = v.looseObject({
  id: v.optional(v.unknown()),
  motivation: v.optional(v.union([v.string(), v.array(v.string())])),
  textGranularity: v.optional(v.unknown()),
  body: v.optional(v.unknown()),
  target: v.optional(v.unknown()),
});
const textPage = v.looseObject({ type: v.literal('AnnotationPage'), items: v.array(v.unknown()) });

/** A body with text: a TextualBody, or the first of a list of bodies. */
const textualBody = v.looseObject({ value: v.string() });
/** Targets with a box: a SpecificResource with a fragment selector, or an object whose id has the fragment. */
const selectorTarget = v.looseObject({
  source: v.union([v.string(), v.looseObject({ id: v.string() })]),
  selector: v.looseObject({ value: v.string() }),
});
const idTarget = v.looseObject({ id: v.string() });

const XYWH = /^(?<canvas>[^#]*)#xywh=(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/;

function bodyText(body: unknown): string | undefined {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  return v.is(textualBody, first) ? first.value : undefined;
}

/** The target as `canvas#xywh=…`, whichever of the three forms it takes. */
function fragmentOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (v.is(selectorTarget, target)) return `${typeof target.source === 'string' ? target.source : target.source.id}#${target.selector.value}`;
  return v.is(idTarget, target) ? target.id : undefined;
}

/**
 * The lines of a published text page, in the order published (reading order). Annotations that are
 * not text lines with a box (another motivation, another granularity, no text body, a target without
 * `#xywh`) are skipped; a file that is not an AnnotationPage throws TextPageError naming `where` and
 * the field.
 */
export function parseTextPage(json: string, where: string): TextPage {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new TextPageError(`${where} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(textPage, raw);
  if (!parsed.success) throw new TextPageError(`${where} is not a text page: ${v.summarize(parsed.issues)}`);
  let canvas: string | undefined;
  const lines: PageLine[] = [];
  for (const item of parsed.output.items) {
    const a = v.safeParse(annotation, item);
    if (!a.success) continue;
    const { id, motivation, textGranularity } = a.output;
    if (motivation !== undefined && !(Array.isArray(motivation) ? motivation : [motivation]).includes('supplementing')) continue;
    // A block (paragraph) annotation repeats its lines' text: only lines are read (IIIF Text Granularity).
    if (textGranularity !== undefined && textGranularity !== 'line') continue;
    const text = bodyText(a.output.body);
    const box = XYWH.exec(fragmentOf(a.output.target) ?? '');
    if (text === undefined || box === null) continue;
    if (box.groups?.canvas) canvas ??= box.groups.canvas;
    lines.push({ ...(typeof id === 'string' ? { id } : {}), text, x: Number(box[2]), y: Number(box[3]), w: Number(box[4]), h: Number(box[5]) });
  }
  return { canvas, lines };
}

/** The lines' text as printed or made modern (letterforms, and words hyphenated across line ends joined). */
export function spelled(lines: readonly string[], spelling: Spelling): string[] {
  return spelling === 'modern' ? modernLines(lines) : [...lines];
}

/** What heads a text download: title, stable link, rights and attribution. */
export interface TextHeader {
  title: string;
  url: string;
  rights: string;
  attribution: string;
}

/** The header lines, then a blank line. */
export function textHeader(h: TextHeader): string {
  return `${h.title}\n${h.url}\nRights: ${h.rights}\nAttribution: ${h.attribution}\n\n`;
}

/** One page's block: a rule with its label, then its lines (blank lines of a modern join dropped). */
export function pageBlock(label: string, lines: readonly string[], spelling: Spelling): string {
  const text = spelled(lines, spelling).filter((l) => l.trim() !== '');
  return `=== ${label} ===\n${text.length > 0 ? `${text.join('\n')}\n` : ''}\n`;
}
