// Checks untrusted URL segments before they name a file in the data folder: each must match a strict
// pattern (see manifests/layout.ts), so no encoding of `..`, slashes or null bytes gets through. The
// file they name is then resolved through manifests/data-file.ts (existingFileInside), which checks
// the real path against the data folder and its private parts.
import { HttpError } from './errors.ts';

/** A file name: letters, digits, `_`, `-` and inner dots; never `..`, never hidden. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$/;

export function isSafeFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..');
}

/** Throws 400 unless `segment` passes `check`. */
export function requireSegment(what: string, segment: string, check: (s: string) => boolean): string {
  if (!check(segment)) throw new HttpError(400, `${what} ${JSON.stringify(segment.slice(0, 100))} is not valid`);
  return segment;
}
