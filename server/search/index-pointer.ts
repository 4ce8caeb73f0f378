// The embedded index's pointer file, `<data>/search/current.json`: which database file in that folder
// is the current index. Written by sqlite-database.ts when a rebuild completes, and read back through
// `parseIndexPointer`, which accepts only a file name this engine makes, so a pointer edited by hand
// or planted cannot open a database elsewhere.
import * as v from 'valibot';

export const POINTER = 'current.json';

/** The names `newFileName` (sqlite-database.ts) gives index files: no folder, no other extension. */
const INDEX_FILE_NAME = /^index-[\w-]+\.sqlite$/;

const pointer = v.object({ file: v.pipe(v.string(), v.regex(INDEX_FILE_NAME, 'is not the name of an index file (index-….sqlite)')) });

export class IndexPointerError extends Error {
  override name = 'IndexPointerError';
}

/** The index file `current.json` names; `where` names the pointer file in errors. */
export function parseIndexPointer(text: string, where: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new IndexPointerError(`${where} is not JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(pointer, json);
  if (!parsed.success) throw new IndexPointerError(`${where} names no index file: ${v.summarize(parsed.issues)}`);
  return parsed.output.file;
}
