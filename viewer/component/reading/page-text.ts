// The text of one page for the reading view, read from an untrusted IIIF AnnotationPage: its
// `supplementing` text lines with their boxes (`#xywh=`), in the order published, grouped in the
// blocks (paragraphs) that annotations with `"textGranularity": "block"` open (IIIF Text Granularity
// extension); the lines after each block annotation belong to it. Pages without block annotations
// are one block. A drop cap that the source made a block of its own ("A" beside "ufklaͤrung iſt …")
// is joined to the line it begins (manifests/drop-caps.ts, as the downloads do), so the word is shown,
// copied and read aloud whole; the line keeps its box and outlines the initial's with it. Text a machine
// read (annotations whose `creator` is Software, as ingest's OCR publishes) says so, with its lines'
// `leeszaal:confidence` averaged by letters as the page's label does, so the reader can be told. Pure, so the grouping is unit-tested.
import { joinInitials } from '../../../manifests/drop-caps.ts';
import type { Region } from '../deep-link.ts';

export interface ReadingLine {
  /** The annotation's id, or `line-<n>` when it has none. */
  id: string;
  /** The text exactly as published (as printed). */
  text: string;
  region: Region;
  /**
   * The box of a drop cap joined to the start of this line, outlined on the scan with the line's own.
   * Kept apart rather than merged into one box: an initial is often two or three lines tall, and a box
   * around both would outline the lines beside it too, which are not being read.
   */
  initial?: Region;
}

export interface PageText {
  /** The language of the text (BCP 47) when the annotations say. */
  language?: string;
  blocks: ReadingLine[][];
  /** Set when the text was machine-read (OCR); `confidence` (0 to 1) when its lines give one. */
  machineRead?: { confidence?: number };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const XYWH = /#xywh=(?:pixel:)?(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function regionOf(target: unknown): Region | undefined {
  let fragment: string | undefined;
  if (typeof target === 'string') fragment = target;
  else if (isObj(target) && isObj(target.selector) && typeof target.selector.value === 'string') fragment = `#${target.selector.value}`;
  const m = fragment === undefined ? null : XYWH.exec(fragment);
  if (!m) return undefined;
  const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
  return w > 0 && h > 0 ? { x, y, w, h } : undefined;
}

function textBody(body: unknown): { value: string; language?: string } | undefined {
  const first = Array.isArray(body) ? body.find((b) => isObj(b) && b.type === 'TextualBody') : body;
  if (!isObj(first) || first.type !== 'TextualBody' || typeof first.value !== 'string') return undefined;
  return typeof first.language === 'string' && LANGUAGE.test(first.language)
    ? { value: first.value, language: first.language }
    : { value: first.value };
}

const isSoftware = (creator: unknown): boolean => (Array.isArray(creator) ? creator.some(isSoftware) : isObj(creator) && creator.type === 'Software');

function confidenceOf(item: Json): number | undefined {
  const c = item['leeszaal:confidence'];
  return typeof c === 'number' && c >= 0 && c <= 1 ? c : undefined;
}

/** The page's text, or undefined when the document holds no text lines (not an AnnotationPage, or only other annotations). */
export function parsePageText(json: unknown): PageText | undefined {
  if (!isObj(json) || json.type !== 'AnnotationPage' || !Array.isArray(json.items)) return undefined;
  const blocks: ReadingLine[][] = [];
  let current: ReadingLine[] | undefined;
  let language: string | undefined;
  let machine = false;
  let weighed = 0;
  let letters = 0;
  for (const [i, item] of json.items.entries()) {
    if (!isObj(item)) continue;
    const motivation = Array.isArray(item.motivation) ? item.motivation : [item.motivation];
    if (item.motivation !== undefined && !motivation.includes('supplementing')) continue;
    const body = textBody(item.body);
    const region = regionOf(item.target);
    if (!body || !region) continue;
    const granularity = item.textGranularity;
    if (granularity === 'block' || granularity === 'paragraph') {
      current = [];
      blocks.push(current);
      continue;
    }
    if (granularity !== undefined && granularity !== 'line') continue;
    if (body.value.trim() === '') continue;
    language ??= body.language;
    machine ||= isSoftware(item.creator);
    const confidence = confidenceOf(item);
    if (confidence !== undefined) {
      weighed += confidence * [...body.value].length;
      letters += [...body.value].length;
    }
    if (!current) {
      current = [];
      blocks.push(current);
    }
    current.push({ id: typeof item.id === 'string' ? item.id : `line-${i + 1}`, text: body.value, region });
  }
  const kept = joinInitials(
    blocks.filter((b) => b.length > 0),
    (line, initial) => ({ ...line, initial: initial.region }),
  );
  if (kept.length === 0) return undefined;
  const machineRead = machine && letters > 0 ? { confidence: weighed / letters } : machine ? {} : undefined;
  return { ...(language ? { language } : {}), blocks: kept, ...(machineRead ? { machineRead } : {}) };
}

/** The line of a page whose box (or drop cap's box) holds a point (canvas pixels), the smallest when boxes overlap. */
export function lineAt(text: PageText, x: number, y: number): ReadingLine | undefined {
  let best: ReadingLine | undefined;
  let bestArea = Number.POSITIVE_INFINITY;
  for (const line of text.blocks.flat()) {
    for (const r of line.initial ? [line.region, line.initial] : [line.region]) {
      if (x < r.x || y < r.y || x > r.x + r.w || y > r.y + r.h || r.w * r.h >= bestArea) continue;
      best = line;
      bestArea = r.w * r.h;
    }
  }
  return best;
}
