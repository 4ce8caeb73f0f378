// Full-text reading benchmark (`npm run bench text`): how fast ingest reads a page's ALTO, PAGE XML
// and hOCR, each against a bare parse of the same file by a well-known JavaScript parser, measured in
// the same run: fast-xml-parser (validator and parser, as ingest read ALTO before) for ALTO and PAGE,
// htmlparser2 building its DOM for hOCR. Kant's page 481 as the OCR-D ground truth gives it in ALTO
// and PAGE XML and as Tesseract writes it in hOCR, once as it is (24 lines) and once repeated to a
// newspaper page's size (40 times: about 950 lines), so a reader that grows worse than linearly
// shows. Each figure: the bare parse's time / ours (higher is better).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'htmlparser2';
import { XMLParser, XMLValidator } from '../../ingest/sources/xml.ts';
import { readFullText } from '../../ingest/text/full-text.ts';
import { KANT_ALTO, REPO_ROOT } from '../support/inputs.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const FIXTURES = path.join(REPO_ROOT, 'ingest', 'text', 'fixtures');
const WIDTH = 1457;
const HEIGHT = 2083;
const ROUNDS = 15;
const REPEAT = 40;
/** The bare parses ours is measured against; fast-xml-parser as ingest/sources/xml.ts configures it for METS, in document order. */
const fxp = new XMLParser({ preserveOrder: true, ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: true });
const BARE = {
  alto: { name: 'fast-xml-parser validate + parse', parse: (doc: string) => XMLValidator.validate(doc) === true && fxp.parse(doc), goal: 1 },
  page: { name: 'fast-xml-parser validate + parse', parse: (doc: string) => XMLValidator.validate(doc) === true && fxp.parse(doc), goal: 1 },
  hocr: { name: 'htmlparser2 parseDocument', parse: (doc: string) => parseDocument(doc), goal: 0.5 },
} as const;
const LABELS = { alto: 'ALTO', page: 'PAGE XML', hocr: 'hOCR' } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The document with its part from the first `open` to the end of the last `close` repeated, ids made unique. */
function repeated(doc: string, open: string, close: string, times: number): string {
  const start = doc.indexOf(open);
  const end = doc.lastIndexOf(close) + close.length;
  if (start < 0 || end < start + close.length) throw new Error(`bench input has no ${open} … ${close}`);
  const body = doc.slice(start, end);
  const copies = Array.from({ length: times }, (_, n) => body.replace(/\b(ID|id)=(["'])([^"']+)\2/g, `$1=$2$3-${n}$2`));
  return doc.slice(0, start) + copies.join('\n') + doc.slice(end);
}

/** Median milliseconds of `work` over `rounds`. */
function timed(work: () => unknown, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const book = {
    alto: await readFile(KANT_ALTO['page-0017'], 'utf8'),
    page: await readFile(path.join(FIXTURES, 'kant-0017.page.xml'), 'utf8'),
    hocr: await readFile(path.join(FIXTURES, 'kant-0017.hocr'), 'utf8'),
  };
  const newspaper = {
    alto: repeated(book.alto, '<TextBlock', '</TextBlock>', REPEAT),
    page: repeated(book.page, '<TextRegion', '</TextRegion>', REPEAT),
    // From the first block to the last paragraph's end; the page's own closing tags stay once.
    hocr: repeated(book.hocr, "<div class='ocr_separator'", '</p>\n   </div>', REPEAT),
  };
  const figures: BenchFigure[] = [];
  for (const format of ['alto', 'page', 'hocr'] as const) {
    const bare = BARE[format];
    const label = LABELS[format];
    // A warm-up of each, so that nothing pays for loading or compiling its parser.
    for (const doc of [book[format], newspaper[format]]) {
      readFullText(doc, WIDTH, HEIGHT);
      bare.parse(doc);
    }
    const lines = readFullText(newspaper[format], WIDTH, HEIGHT).lines.length;
    // Alternating rounds, so that a busy moment of the machine falls on both sides alike.
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ours.push(timed(() => readFullText(newspaper[format], WIDTH, HEIGHT), 1));
      theirs.push(timed(() => bare.parse(newspaper[format]), 1));
    }
    const oursMs = median(ours);
    const theirsMs = median(theirs);
    const bookMs = timed(() => readFullText(book[format], WIDTH, HEIGHT), ROUNDS * 10);
    const kib = (Buffer.byteLength(newspaper[format]) / 1024).toFixed(0);
    log(
      `${label}: ours ${oursMs.toFixed(1)} ms, ${bare.name} ${theirsMs.toFixed(1)} ms (${lines} lines, ${kib} KiB); book page ${bookMs.toFixed(2)} ms`,
    );
    figures.push({
      part: 'text',
      name: `${label} read, newspaper-size page, ${bare.name} / ours`,
      ratio: theirsMs / oursMs,
      goal: `>= ${bare.goal}`,
      detail: `median of ${ROUNDS}: ours ${oursMs.toFixed(0)} ms for ${lines} lines with boxes and words (${kib} KiB, ${((lines / oursMs) * 1000).toFixed(0)} lines/s), ${bare.name} alone ${theirsMs.toFixed(0)} ms; one book page (Kant 481): ${bookMs.toFixed(2)} ms`,
    });
  }
  return figures;
}
