// The full text of pages for taking away: a published text page (AnnotationPage of `supplementing`
// line annotations) read back into lines with their boxes, and pages of lines written as UTF-8 plain
// text, each page headed by its label, as printed or in modern spelling (manifests/modern-spelling.ts),
// under a header naming the item, its rights and attribution. The server's text downloads and the
// PDF's text layer both read pages through `parseTextPage`, so they agree on what a page says.
import * as v from 'valibot';
import { modernLines } from './modern-spelling.ts';

/** One line of a page's text and its box in canvas pixels. */
export interface PageLine {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Spelling = 'printed' | 'modern';

export class TextPageError extends Error {
  override name = 'TextPageError';
}

const annotation = v.looseObject({
  motivation: v.optional(v.union([v.string(), v.array(v.string())])),
  textGranularity: v.optional(v.unknown()),
  body: v.optional(v.unknown()),
  target: v.optional(v.unknown()),
});
const textPage = v.looseObject({ type: v.literal('AnnotationPage'), items: v.array(annotation) });

const XYWH = /#xywh=(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/;

/**
 * The lines of a published text page, in the order published (reading order). Annotations that are
 * not text lines with a box (another motivation, no plain-text body, a target without `#xywh`) are
 * skipped; a file that is not an AnnotationPage throws TextPageError naming `where` and the field.
 */
export function parseTextPage(json: string, where: string): PageLine[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new TextPageError(`${where} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(textPage, raw);
  if (!parsed.success) throw new TextPageError(`${where} is not a text page: ${v.summarize(parsed.issues)}`);
  const lines: PageLine[] = [];
  for (const a of parsed.output.items) {
    const motivations = Array.isArray(a.motivation) ? a.motivation : [a.motivation];
    if (!motivations.includes('supplementing')) continue;
    // A block (paragraph) annotation repeats its lines' text: only lines are read (IIIF Text Granularity).
    if (a.textGranularity !== undefined && a.textGranularity !== 'line') continue;
    const body = a.body as { value?: unknown } | undefined;
    const target = typeof a.target === 'string' ? a.target : (a.target as { id?: unknown } | undefined)?.id;
    const box = typeof target === 'string' ? XYWH.exec(target) : null;
    if (typeof body?.value !== 'string' || box === null) continue;
    lines.push({ text: body.value, x: Number(box[1]), y: Number(box[2]), w: Number(box[3]), h: Number(box[4]) });
  }
  return lines;
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
