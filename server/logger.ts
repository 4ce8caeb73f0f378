// The server's structured log (pino), quiet by default: LOG_LEVEL=warn shows only problems, so
// `npm start` prints its URL and nothing else unless something goes wrong.
import { pino, type Logger } from 'pino';
import type { Config } from '../config.ts';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'leeszaal' } });
}
