// Starts publishing-server.ts as start.mjs starts start.ts: with Node's on-disk compile cache, so a
// start after the first skips compiling and type-stripping, as a restarted `npm start` does.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./publishing-server.ts');
