// What the curator sees while ingest runs: a progress bar (pages done, total, ETA) when stderr is a
// terminal, otherwise one quiet line per finished item, so CI logs and cron mails stay readable.
// The bar's package loads only for a terminal (10 ms of a scripted ingest's start otherwise).

export interface Progress {
  start(totalPages: number): void;
  page(): void;
  item(line: string): void;
  stop(): void;
}

/** No output at all: the programmatic API's default. */
export const silentProgress: Progress = { start() {}, page() {}, item() {}, stop() {} };

export async function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (!stream.isTTY) {
    return {
      start(total) {
        stream.write(`ingest: ${total} page(s) to check\n`);
      },
      page() {},
      item(line) {
        stream.write(`${line}\n`);
      },
      stop() {},
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream, format: 'pages {bar} {value}/{total} | ETA {eta_formatted} | {last}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  return {
    start(total) {
      bar.start(total, 0, { last: '' });
    },
    page() {
      done += 1;
      bar.update(done);
    },
    item(line) {
      bar.update(done, { last: line });
    },
    stop() {
      bar.stop();
    },
  };
}
