// Progress as JSON lines on a stream (`npm run ingest -- --progress-json`), for a program rather than
// a person: the curators' workspace runs ingest as a child process and shows these as live progress
// (ingest/publishing/folder-job.ts). One object a line: start (pages in all), page (pages done), item
// (one item's outcome line), and at the end summary (the run's IngestSummary).
import type { Progress } from './progress.ts';
import type { IngestSummary } from './summary.ts';

export type ProgressLine =
  | { event: 'start'; total: number }
  | { event: 'page'; done: number }
  | { event: 'item'; line: string }
  | { event: 'summary'; summary: IngestSummary };

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
