// Full-text reading benchmark (`npm run bench text`): how fast ingest reads a page's PAGE XML and
// its hOCR, against its ALTO of the same page, measured in the same run (the reference: ALTO is what
// every collection so far was read from). Kant's page 481 as the OCR-D ground truth gives it in
// ALTO and PAGE XML and as Tesseract writes it in hOCR, once as it is (24 lines) and once repeated
// to a newspaper page's size (40 times: about 950 lines), so a reader that grows worse than linearly
// shows. Each figure: ALTO time / format time (higher is better; 1 is as fast as ALTO).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFullText } from '../../ingest/text/full-text.ts';
import { KANT_ALTO, REPO_ROOT } from '../support/inputs.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const FIXTURES = path.join(REPO_ROOT, 'ingest', 'text', 'fixtures');
const WIDTH = 1457;
const HEIGHT = 2083;
const ROUNDS = 15;
const REPEAT = 40;
const GOAL = 0.5;

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

/** Median milliseconds to read `doc`, and its line count. */
function timeRead(doc: string, rounds: number): { ms: number; lines: number } {
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    lines = readFullText(doc, WIDTH, HEIGHT).lines.length;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), lines };
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const alto = await readFile(KANT_ALTO['page-0017'], 'utf8');
  const page = await readFile(path.join(FIXTURES, 'kant-0017.page.xml'), 'utf8');
  const hocr = await readFile(path.join(FIXTURES, 'kant-0017.hocr'), 'utf8');
  const sizes = [
    { name: 'one book page', docs: { alto, page, hocr }, rounds: ROUNDS * 10 },
    {
      name: `a newspaper-size page (${REPEAT} x)`,
      docs: {
        alto: repeated(alto, '<TextBlock', '</TextBlock>', REPEAT),
        page: repeated(page, '<TextRegion', '</TextRegion>', REPEAT),
        // From the first block to the last paragraph's end; the page's own closing tags stay once.
        hocr: repeated(hocr, "<div class='ocr_separator'", '</p>\n   </div>', REPEAT),
      },
      rounds: ROUNDS,
    },
  ];
  const figures: BenchFigure[] = [];
  for (const size of sizes) {
    // A warm-up read of each, so that no format pays for loading its parser.
    for (const doc of Object.values(size.docs)) readFullText(doc, WIDTH, HEIGHT);
    const ref = timeRead(size.docs.alto, size.rounds);
    for (const [format, label] of [
      ['page', 'PAGE XML'],
      ['hocr', 'hOCR'],
    ] as const) {
      const ours = timeRead(size.docs[format], size.rounds);
      log(`${size.name}: ${label} ${ours.ms.toFixed(2)} ms (${ours.lines} lines), ALTO ${ref.ms.toFixed(2)} ms (${ref.lines} lines)`);
      figures.push({
        part: 'text',
        name: `${label} read, ${size.name}, ALTO of the same page / ${label}`,
        ratio: ref.ms / ours.ms,
        goal: `>= ${GOAL}`,
        detail: `median of ${size.rounds}: ${label} ${ours.ms.toFixed(2)} ms for ${ours.lines} lines (${((ours.lines / ours.ms) * 1000).toFixed(0)} lines/s), ALTO ${ref.ms.toFixed(2)} ms for ${ref.lines} lines; ${(Buffer.byteLength(size.docs[format]) / 1024).toFixed(0)} KiB against ${(Buffer.byteLength(size.docs.alto) / 1024).toFixed(0)} KiB`,
      });
    }
  }
  return figures;
}
