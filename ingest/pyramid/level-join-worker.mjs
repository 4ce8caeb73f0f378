// The entry of ingest's join workers (ingest/pyramid/level-join.ts): plain JavaScript that turns on Node's
// compile cache before the TypeScript loads, as the CLI's entry does, so that a worker's start skips
// the type stripper and the compiling of its modules.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./level-join.ts');
