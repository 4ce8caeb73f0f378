// `npm run ingest -- <source> [--data <folder>] [--jobs N] [--ocr[=all]]`, `--remove <item-id>`,
// `--rebase`: the curator's command. Configuration comes from the environment (config.ts); flags
// override DATA_DIR, INGEST_JOBS and OCR. Exits non-zero when any item was not published, after printing what was.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { ingest } from './ingest.ts';
import { tuneLibvips } from './pyramid/libvips.ts';
import { LockError } from './publishing/lock.ts';
import { OcrUnavailableError } from './ocr/tesseract.ts';
import { jsonProgress } from './json-progress.ts';
import { createLogger } from './logger.ts';
import { terminalProgress } from './progress.ts';
import { formatSummary } from './summary.ts';

const HELP = `Usage:
  npm run ingest -- <source> [--data <folder>] [--jobs <n>] [--ocr[=all]]
  npm run ingest -- --remove <item-id> [--data <folder>]
  npm run ingest -- --rebase [--data <folder>]

Publishes every item under <source> (a folder of item folders, or one item folder) into the data
folder as IIIF: tiles, manifests, full text, records, collection and Change Discovery. A running
server indexes what is published for search within a second (it follows the activity log); one
started later catches up at start.

Options:
  --data <folder>     data folder (default: DATA_DIR, else ./data)
  --jobs <n>          pages processed at once (default: INGEST_JOBS, else the number of cores)
  --ocr               read pages without full text with Tesseract OCR (same as --ocr=missing)
  --ocr=all           read every page with OCR, in place of the text that came with the scans
  --ocr=off           no OCR, whatever OCR says in the environment
  --remove <item-id>  withdraw a published item (files, collection entry; logs a Delete activity)
  --rebase            rewrite the published JSON for the current PUBLIC_BASE_URL without re-tiling
  --wait <seconds>    wait this long for another ingest on the same data folder (default 0: fail)
  --progress-json     progress and the summary as JSON lines on stdout, for programs (ingest/json-progress.ts)
  -h, --help          show this help

Environment: DATA_DIR, PUBLIC_BASE_URL (default http://localhost:<PORT>, PORT 3000), TILE_SIZE, JPEG_QUALITY,
MAX_IMAGE_PIXELS, INGEST_JOBS, LOG_LEVEL (default warn), DEFAULT_RIGHTS, DEFAULT_ATTRIBUTION, OCR (off, missing,
all), OCR_FRAKTUR (auto, always, never), OCR_DEFAULT_LANGUAGES.
`;

const parseOptions = (argv: string[]) =>
  parseArgs({
    // A bare --ocr means pages without text; parseArgs needs every string option to have a value.
    args: argv.map((a) => (a === '--ocr' ? '--ocr=missing' : a)),
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      jobs: { type: 'string' },
      ocr: { type: 'string' },
      remove: { type: 'string' },
      rebase: { type: 'boolean' },
      wait: { type: 'string' },
      'progress-json': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseOptions>;
  try {
    args = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) {
    throw new ConfigError(`--jobs must be a whole number of pages at once (1 or more), got ${JSON.stringify(values.jobs)}`);
  }
  if (values.ocr !== undefined && !['off', 'missing', 'all'].includes(values.ocr)) {
    throw new ConfigError(`--ocr takes no value, or =missing, =all or =off, got ${JSON.stringify(values.ocr)}`);
  }
  const env = {
    ...process.env,
    ...(values.data ? { DATA_DIR: values.data } : {}),
    ...(values.jobs ? { INGEST_JOBS: values.jobs } : {}),
    ...(values.ocr ? { OCR: values.ocr } : {}),
  };
  const config = loadConfig(env);
  const wait = values.wait === undefined ? 0 : Number(values.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new ConfigError(`--wait must be a number of seconds, got ${values.wait}`);
  const common = { dataDir: config.DATA_DIR, baseUrl: config.PUBLIC_BASE_URL, config, lockWaitMs: wait * 1000 };
  const logger = createLogger(config.LOG_LEVEL);
  tuneLibvips(config.INGEST_JOBS);

  // --rebase and --remove load their modules (and what publishes the indexes) only when asked for,
  // so that an ingest's tiling starts without waiting for them (ingest.ts loads its own while it tiles).
  if (values.rebase) {
    const { rebase } = await import('./publishing/rebase.ts');
    const changed = await rebase(common);
    process.stderr.write(`rebased ${changed} file(s) in ${config.DATA_DIR} to ${config.PUBLIC_BASE_URL}\n`);
    return 0;
  }
  if (values.remove !== undefined) {
    const { removeItem, RemoveError } = await import('./publishing/remove.ts');
    try {
      await removeItem({ ...common, itemId: values.remove });
    } catch (err) {
      if (!(err instanceof RemoveError)) throw err;
      process.stderr.write(`ingest: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`removed ${values.remove} from ${config.DATA_DIR}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`Give exactly one source folder.\n\n${HELP}`);
    return 2;
  }
  const json = values['progress-json'] ? jsonProgress() : undefined;
  const summary = await ingest({
    ...common,
    source: positionals[0]!,
    jobs: config.INGEST_JOBS,
    progress: json ?? (await terminalProgress()),
    logger,
  });
  json?.summary(summary);
  process.stderr.write(`${formatSummary(summary)}\n`);
  return summary.failed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  const known = err instanceof ConfigError || err instanceof LockError || err instanceof OcrUnavailableError;
  process.stderr.write(`ingest: ${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
  process.exitCode = known ? 2 : 1;
}
