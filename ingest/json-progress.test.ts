// The --progress-json lines: what jsonProgress writes, parseProgressLine reads back unchanged (the
// workspace reads them from a child ingest), and a line that is not progress is refused by field.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonProgress, ProgressLineError, parseProgressLine } from './json-progress.ts';
import type { IngestSummary } from './summary.ts';

const summary: IngestSummary = {
  published: ['kant'],
  unchanged: ['spinoza'],
  failed: [{ item: 'broken', file: 'broken/mets.xml', reason: 'no pages' }],
  warnings: [{ item: 'catalogue', reason: 'record 3 matches no folder' }],
  pages: { total: 12, tiled: 4, reused: 8 },
  bags: { verified: 1, unchanged: 0, filesHashed: 14 },
  ocr: { recognised: 2, reused: 0, failed: [] },
  imagesRemoved: 1,
  durationMs: 1234.5,
};

function written(): string[] {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (d: Buffer) => chunks.push(d.toString()));
  const progress = jsonProgress(stream);
  progress.start(12);
  progress.page();
  progress.item('published kant');
  progress.summary(summary);
  return chunks.join('').trim().split('\n');
}

describe('parseProgressLine', () => {
  it('reads back every line jsonProgress writes', () => {
    expect(written().map(parseProgressLine)).toEqual([
      { event: 'start', total: 12 },
      { event: 'page', done: 1 },
      { event: 'item', line: 'published kant' },
      { event: 'summary', summary },
    ]);
  });

  const line = (value: unknown) => JSON.stringify(value);
  it.each<[string, string, RegExp]>([
    ['a stray message', 'Warning: something', /^ingest's progress line "Warning: something" is not JSON/],
    ['an unknown event', line({ event: 'finish' }), /event/],
    ['a start without a total', line({ event: 'start' }), /total/],
    ['a negative page count', line({ event: 'page', done: -1 }), /done/],
    ['an item line that is not text', line({ event: 'item', line: 3 }), /line/],
    ['a summary without published', line({ event: 'summary', summary: { ...summary, published: undefined } }), /summary\.published/],
    ['a failure without a reason', line({ event: 'summary', summary: { ...summary, failed: [{ item: 'x' }] } }), /summary\.failed\.0\.reason/],
    ['a summary without OCR counts', line({ event: 'summary', summary: { ...summary, ocr: {} } }), /summary\.ocr\.recognised/],
  ])('refuses %s, naming the field', (_what, text, message) => {
    expect(() => parseProgressLine(text)).toThrow(ProgressLineError);
    expect(() => parseProgressLine(text)).toThrow(message);
  });
});
