// Structured logs for ingest (pino, JSON lines on stderr), quiet by default: LOG_LEVEL=info or debug
// shows what each item and page did; the curator's normal view is the progress bar and the summary.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ name: 'leeszaal-ingest', level }, pino.destination(2));
}
