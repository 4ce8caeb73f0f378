// The bundled sample collection (`ingest/sample/`: four Kant pages with ALTO, three prints with a
// curator's CSV), which `npm start` publishes so that a new installation shows real books at once:
// into an empty data folder, and again into one that holds only the sample when the public URL has
// changed since (another PORT), which moves its URLs without re-tiling. Other data is left alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { dataPaths } from '../manifests/layout.ts';
import { ingest } from './ingest.ts';
import type { IngestLogger } from './logger.ts';
import { loadState } from './publishing/state.ts';
import { scanSource, sourceDefaults } from './sources/scan.ts';
import type { IngestSummary } from './summary.ts';

export const SAMPLE_SOURCE = path.join(import.meta.dirname, 'sample');

/** Why the sample is (re)published into the data folder, or undefined when it need not be. */
export async function sampleNeeded(config: Config): Promise<'empty' | 'moved' | undefined> {
  const paths = dataPaths(config.DATA_DIR);
  if (!existsSync(paths.collection)) return 'empty';
  const state = await loadState(paths.state, config.PUBLIC_BASE_URL).catch(() => undefined);
  if (state === undefined || state.baseUrl === config.PUBLIC_BASE_URL) return undefined;
  const scan = await scanSource(SAMPLE_SOURCE, sourceDefaults(config));
  const sample = new Set(scan.items.map((i) => i.id));
  return Object.keys(state.items).every((id) => sample.has(id)) ? 'moved' : undefined;
}

export async function publishSample(config: Config, logger: IngestLogger): Promise<IngestSummary> {
  return ingest({ source: SAMPLE_SOURCE, dataDir: config.DATA_DIR, baseUrl: config.PUBLIC_BASE_URL, config, logger });
}
