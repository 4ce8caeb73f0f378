// `npm start` (start.ts), started with Node's on-disk compile cache, so that a start after the first
// skips compiling and type-stripping its modules. The cache must be on before those modules load,
// hence the dynamic import. Plain JavaScript: a TypeScript entry would make Node load its type
// stripper before the cache could spare it.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./start.ts');
