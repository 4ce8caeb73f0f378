// `npm run ingest`: the curator's command (ingest/command.ts), started with Node's on-disk compile
// cache, so that a run after the first skips compiling and type-stripping its hundred-odd modules
// (0.4 s of every start). The cache must be on before those modules load, hence the dynamic import.
// Plain JavaScript: a TypeScript entry would make Node load its type stripper (~40 ms) before the
// cache could spare it. The first join worker starts before the rest loads (ingest/pyramid/level-join.ts).
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { prestartLevelJoiner } = await import('./pyramid/level-join.ts');
prestartLevelJoiner();
await import('./command.ts');
