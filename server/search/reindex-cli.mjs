// `npm run reindex`: rebuilds the search index (server/search/reindex-command.ts), started with
// Node's on-disk compile cache, so that a run after the first skips compiling and type-stripping its
// modules. The cache must be on before those modules load, hence the dynamic import.
// Plain JavaScript: a TypeScript entry would make Node load its type stripper (~40 ms) before the
// cache could spare it.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./reindex-command.ts');
