// The full text of pages for taking away: a published text page (AnnotationPage of `supplementing`
// line annotations) read back into lines with their boxes, and pages of lines written as UTF-8 plain
// text, each page headed by its label, as printed or in modern spelling (manifests/modern-spelling.ts),
// under a header naming the item, its rights and attribution in the reader's language. The server's
// text downloads, the PDF's text layer and the search index all read pages through `readTextPage`, so
// they agree on what a page says, and with the reading view on its first word (drop caps joined,
// drop-caps.ts).
import * as v from 'valibot';
import { joinInitials } from './drop-caps.ts';
import type { Trilingual, UiLanguage } from './language-map.ts';
import { modernLines } from './modern-spelling.ts';
import { rightsNameAndUri } from './rights-names.ts';

/** One line of a page's text and its box in canvas pixels; `id` is its annotation's, when it has one. */
export interface PageLine {
  id?: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A published text page read back: the canvas its lines are on (from their targets) and the lines. */
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

const XYWH = /^([^#]+)#xywh=(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/;

/**
 * The lines of a published text page, in the order published (reading order), with each drop cap
 * that the source made a block of its own joined to the line it begins (manifests/drop-caps.ts, as
 * the reading view does): "A" + "ufklaͤrung iſt" is one line "Aufklaͤrung iſt", its box widened to
 * take in the initial so the PDF's text layer covers the whole printed word. Block annotations
 * (`textGranularity` block or paragraph, IIIF Text Granularity) open a block and repeat its lines'
 * text, so only their place is kept. Items that are not text lines with a box (not an annotation, a
 * motivation other than `supplementing`, no plain-text body, a target without `#xywh`) are skipped; a file that
 * is not an AnnotationPage throws TextPageError naming `where` and the field.
 */
export function parseTextPage(json: string, where: string): PageLine[] {
  return readTextPage(json, where).lines;
}

/**
 * The same, with the canvas the lines are on: the one reader of published text pages for the
 * downloads, the PDF's text layer and the search index, so all three agree on what a page says.
 * A target may be a string or an object with an `id`, or a SpecificResource with a fragment
 * selector; a body a TextualBody or a list whose first is one.
 */
export function readTextPage(json: string, where: string): TextPage {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new TextPageError(`${where} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(textPage, raw);
  if (!parsed.success) throw new TextPageError(`${where} is not a text page: ${v.summarize(parsed.issues)}`);
  let canvas: string | undefined;
  const blocks: PageLine[][] = [[]];
  for (const item of parsed.output.items) {
    const read = v.safeParse(annotation, item);
    if (!read.success) continue;
    const a = read.output;
    if (a.motivation !== undefined && !(Array.isArray(a.motivation) ? a.motivation : [a.motivation]).includes('supplementing')) continue;
    if (a.textGranularity === 'block' || a.textGranularity === 'paragraph') {
      blocks.push([]);
      continue;
    }
    if (a.textGranularity !== undefined && a.textGranularity !== 'line') continue;
    const text = bodyText(a.body);
    const box = XYWH.exec(targetFragment(a.target) ?? '');
    if (text === undefined || box === null) continue;
    canvas ??= box[1];
    const line: PageLine = { text, x: Number(box[2]), y: Number(box[3]), w: Number(box[4]), h: Number(box[5]) };
    blocks.at(-1)!.push(typeof a.id === 'string' ? { id: a.id, ...line } : line);
  }
  return {
    canvas,
    lines: joinInitials(
      blocks.filter((b) => b.length > 0),
      withInitial,
    ).flat(),
  };
}

/** The plain text of a body: a TextualBody's value, or the first of a list's. */
function bodyText(body: unknown): string | undefined {
  const first = (Array.isArray(body) ? body[0] : body) as { value?: unknown } | undefined;
  return typeof first?.value === 'string' ? first.value : undefined;
}

/** `canvas#xywh=…` from a target given as a string, an object with an id, or a SpecificResource. */
function targetFragment(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  const t = target as { id?: unknown; source?: unknown; selector?: { value?: unknown } } | undefined;
  if (typeof t?.id === 'string') return t.id;
  const source = typeof t?.source === 'string' ? t.source : (t?.source as { id?: unknown } | undefined)?.id;
  const value = t?.selector?.value;
  return typeof source === 'string' && typeof value === 'string' ? `${source}#${value}` : undefined;
}

/** The joined line's box, widened to the initial's left and right edges; its height stays the line's. */
function withInitial(line: PageLine, initial: PageLine): PageLine {
  const x = Math.min(line.x, initial.x);
  return { ...line, x, w: Math.max(line.x + line.w, initial.x + initial.w) - x };
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

/** The header's labels in each language of the reading room, the words the PDF's first page uses. */
const HEADER_LABELS = {
  rights: { nl: 'Rechten', fr: 'Droits', en: 'Rights' },
  attribution: { nl: 'Naamsvermelding', fr: 'Attribution', en: 'Attribution' },
} as const satisfies Record<string, Trilingual>;

/** The header lines, labelled in `lang` (the reader's), then a blank line. */
export function textHeader(h: TextHeader, lang: UiLanguage): string {
  // The name for the reader, the URI beside it: the file travels without its page.
  return `${h.title}\n${h.url}\n${HEADER_LABELS.rights[lang]}: ${rightsNameAndUri(h.rights, lang)}\n${HEADER_LABELS.attribution[lang]}: ${h.attribution}\n\n`;
}

/** One page's block: a rule with its label, then its lines (blank lines of a modern join dropped). */
export function pageBlock(label: string, lines: readonly string[], spelling: Spelling): string {
  const text = spelled(lines, spelling).filter((l) => l.trim() !== '');
  return `=== ${label} ===\n${text.length > 0 ? `${text.join('\n')}\n` : ''}\n`;
}
