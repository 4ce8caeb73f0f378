// Ingest's logger: JSON lines on stderr at and above its level, nothing below, and pino not even
// loaded while nothing has been written. Each case runs in a Node process of its own, as an ingest does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOGGER = path.join(import.meta.dirname, 'logger.ts');

interface Line {
  name: string;
  level: number;
  msg: string;
  n: number;
}

/** Logs a line at each level in a fresh process: the lines on its stderr, and whether pino had loaded before the warn line. */
function logAt(level: string): { lines: Line[]; pinoBeforeWarn: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    import { createLogger } from ${JSON.stringify(LOGGER)};
    const pinoLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/node_modules/pino/'));
    const log = createLogger(${JSON.stringify(level)});
    log.debug({ n: 1 }, 'debug line');
    log.info({ n: 2 }, 'info line');
    const pinoBeforeWarn = pinoLoaded();
    log.warn({ n: 3 }, 'warn line');
    log.error({ n: 4 }, 'error line');
    process.stdout.write(JSON.stringify({ pinoBeforeWarn }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const lines = run.stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
  return { lines, pinoBeforeWarn: (JSON.parse(run.stdout) as { pinoBeforeWarn: boolean }).pinoBeforeWarn };
}

describe('ingest logger', () => {
  it.each([
    { level: 'debug', written: [1, 2, 3, 4], pinoBeforeWarn: true },
    { level: 'info', written: [2, 3, 4], pinoBeforeWarn: true },
    { level: 'warn', written: [3, 4], pinoBeforeWarn: false },
    { level: 'error', written: [4], pinoBeforeWarn: false },
    { level: 'silent', written: [], pinoBeforeWarn: false },
  ])('at $level writes lines $written', ({ level, written, pinoBeforeWarn }) => {
    const result = logAt(level);
    expect(result.lines.map((l) => l.n)).toEqual(written);
    for (const line of result.lines) {
      expect(line).toMatchObject({
        name: 'leeszaal-ingest',
        level: [20, 30, 40, 50][line.n - 1],
        msg: `${['debug', 'info', 'warn', 'error'][line.n - 1]} line`,
      });
    }
    expect(result.pinoBeforeWarn).toBe(pinoBeforeWarn);
  });
});
