// `npm run reindex`: rebuilds the search index (embedded, or Elasticsearch when ELASTICSEARCH_URL is
// set) from the published data folder, with progress on stderr. The old index keeps answering until
// the new one is complete. Exits non-zero when the engine fails or any item could not be read.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config.ts';
import { openSearchBackend } from './open.ts';
import { reindexAll } from './reindex.ts';

const HELP = `Usage: npm run reindex [-- --data <folder>]

Rebuilds the search index from the published data folder (records/<id>/record.json and the
full-text pages). Uses Elasticsearch when ELASTICSEARCH_URL is set, else the embedded index in
<data>/search/.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig({ ...process.env, ...(values.data ? { DATA_DIR: values.data } : {}) });
  const backend = openSearchBackend(config);
  const started = Date.now();
  try {
    const report = await reindexAll(config.DATA_DIR, backend, (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rindexed ${done}/${total}`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const p of report.problems) console.error(`not indexed: ${p.reason}`);
    console.log(`${backend.kind} index rebuilt: ${report.count} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return report.problems.length > 0 ? 1 : 0;
  } finally {
    await backend.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `reindex failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
