// Structured logs for ingest (pino, JSON lines on stderr), quiet by default: LOG_LEVEL=info or debug
// shows what each item and page did; the curator's normal view is the progress bar and the summary.
// pino loads with the first line to write: at the default level a run that goes well writes none,
// and starts 25 ms sooner for it.
import { createRequire } from 'node:module';
import type * as Pino from 'pino';

type Method = 'debug' | 'info' | 'warn' | 'error';

/** What ingest logs with: pino's methods, fields first; a pino logger is one. */
export type IngestLogger = Record<Method, (fields: object, message: string) => void>;

const RANK: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50, silent: Infinity };
const require = createRequire(import.meta.url);

export function createLogger(level: string): IngestLogger {
  const threshold = RANK[level] ?? RANK.info!;
  let logger: Pino.Logger | undefined;
  const method = (name: Method) => (fields: object, message: string) => {
    if (RANK[name]! < threshold) return;
    if (!logger) {
      const { pino } = require('pino') as typeof Pino;
      logger = pino({ name: 'leeszaal-ingest', level }, pino.destination(2));
    }
    logger[name](fields, message);
  };
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}
