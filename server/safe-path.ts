// Maps untrusted URL segments to files inside the data folder. Every segment must already match a
// strict pattern (see manifests/layout.ts), and the resolved path, with symbolic links followed, must
// still lie inside the data folder: no encoding of `..`, slashes or null bytes can leave it.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
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

/** Whether `candidate` is `root` or lies below it (both absolute). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * How long the data folder's real path is trusted. DATA_DIR may be a symbolic link that an operator
 * switches to another publication (`ln -sfn`); re-resolving it this often lets the server follow.
 */
const ROOT_TTL_MS = 2000;
const realRoots = new Map<string, { real: Promise<string>; until: number }>();

function realRootOf(root: string): Promise<string> {
  const now = Date.now();
  const known = realRoots.get(root);
  if (known !== undefined && known.until > now) return known.real;
  const real = realpath(root);
  real.catch(() => realRoots.delete(root));
  realRoots.set(root, { real, until: now + ROOT_TTL_MS });
  return real;
}

/** How long a file found inside the data folder is trusted to still be there (re-publish replaces files by rename). */
const FOUND_TTL_MS = 2000;
const MAX_FOUND = 20_000;
const found = new Map<string, { real: string; until: number }>();

/**
 * The real path of an existing regular file that lies inside `root`, or undefined when there is no
 * such file. `file` must come from dataPaths() or be joined from checked segments. A file found is
 * remembered for a moment, so a burst of tile requests does not resolve the same path again and again;
 * what reads it afterwards still opens it, so a file removed meanwhile is still a 404.
 */
export async function existingFileInside(root: string, file: string): Promise<string | undefined> {
  if (file.includes('\0') || !isInside(root, path.resolve(file))) return undefined;
  const key = `${root}\0${file}`;
  const now = Date.now();
  const known = found.get(key);
  if (known !== undefined && known.until > now) return known.real;
  try {
    const [realRoot, real] = await Promise.all([realRootOf(root), realpath(file)]);
    if (!isInside(realRoot, real)) return undefined;
    const s = await stat(real);
    if (!s.isFile()) return undefined;
    if (found.size >= MAX_FOUND) found.clear();
    found.set(key, { real, until: now + FOUND_TTL_MS });
    return real;
  } catch {
    return undefined;
  }
}
