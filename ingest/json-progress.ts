// Progress as JSON lines on a stream (`npm run ingest -- --progress-json`), for a program rather than
// a person: the curators' workspace runs ingest as a child process and shows these as live progress
// (ingest/publishing/folder-job.ts). One object a line: start (pages in all), page (pages done), item
// (one item's outcome line), and at the end summary (the run's IngestSummary). The reading side,
// `parseProgressLine`, checks each line, since it crosses a process boundary.
import * as v from 'valibot';
import type { Progress } from './progress.ts';
import type { IngestSummary, ItemFailure } from './summary.ts';

export type ProgressLine =
  | { event: 'start'; total: number }
  | { event: 'page'; done: number }
  | { event: 'item'; line: string }
  | { event: 'summary'; summary: IngestSummary };

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const failure: v.GenericSchema<unknown, ItemFailure> = v.object({ item: v.string(), file: v.optional(v.string()), reason: v.string() });
const summary: v.GenericSchema<unknown, IngestSummary> = v.object({
  published: v.array(v.string()),
  unchanged: v.array(v.string()),
  failed: v.array(failure),
  warnings: v.optional(v.array(failure)),
  pages: v.object({ total: count, tiled: count, reused: count }),
  bags: v.object({ verified: count, unchanged: count, filesHashed: count }),
  ocr: v.object({ recognised: count, reused: count, failed: v.array(failure) }),
  imagesRemoved: count,
  durationMs: v.pipe(v.number(), v.minValue(0)),
});
const progressLine: v.GenericSchema<unknown, ProgressLine> = v.variant('event', [
  v.object({ event: v.literal('start'), total: count }),
  v.object({ event: v.literal('page'), done: count }),
  v.object({ event: v.literal('item'), line: v.string() }),
  v.object({ event: v.literal('summary'), summary }),
]);

export class ProgressLineError extends Error {
  override name = 'ProgressLineError';
}

/** One line a child ingest wrote with --progress-json; a line that is not one throws, naming the field. */
export function parseProgressLine(text: string): ProgressLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProgressLineError(`ingest's progress line ${JSON.stringify(text.slice(0, 80))} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(progressLine, json);
  if (!parsed.success) throw new ProgressLineError(`ingest's progress line is not one: ${v.summarize(parsed.issues)}`);
  return parsed.output;
}

export function jsonProgress(stream: NodeJS.WritableStream = process.stdout): Progress & { summary(s: IngestSummary): void } {
  const write = (line: ProgressLine) => stream.write(`${JSON.stringify(line)}\n`);
  let done = 0;
  return {
    start(total) {
      write({ event: 'start', total });
    },
    page() {
      done += 1;
      write({ event: 'page', done });
    },
    item(line) {
      write({ event: 'item', line });
    },
    stop() {},
    summary(summary) {
      write({ event: 'summary', summary });
    },
  };
}
