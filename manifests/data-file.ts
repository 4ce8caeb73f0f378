// Checked resolution of files in the data folder: a path joined from checked segments (see
// manifests/layout.ts) counts as an existing file only if its real path, with symbolic links
// followed, still lies inside the data folder and outside its private parts. Every server route and
// the search indexer read published files through it, so a link planted in the data folder can
// neither serve nor index what lies outside it.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Whether `candidate` is `root` or lies below it (both absolute). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Top-level folders of the data folder that are never served: ingest's state and staging
 * (`.leeszaal`), the search index (`search`) and the render sources (`derivatives`, read by the image
 * renderer only). Checked on the resolved path, so a symlinked `records/<id>` cannot reach them.
 */
const PRIVATE_FOLDERS = ['.leeszaal', 'search', 'derivatives'] as const;
export type PrivateFolder = (typeof PRIVATE_FOLDERS)[number];

/** The private top-level folder `real` lies in (both real paths), if any. */
export function privateFolderOf(realRoot: string, real: string): PrivateFolder | undefined {
  const first = path.relative(realRoot, real).split(path.sep)[0];
  return PRIVATE_FOLDERS.find((f) => f === first);
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
 * what reads it afterwards still opens it, so a file removed meanwhile is still a 404. A file whose
 * real path lies in a private folder counts as missing, unless it is the one private folder the
 * caller reads on purpose (`allowPrivate`: the renderer's `derivatives`).
 */
export async function existingFileInside(root: string, file: string, allowPrivate?: PrivateFolder): Promise<string | undefined> {
  if (file.includes('\0') || !isInside(root, path.resolve(file))) return undefined;
  const key = `${root}\0${file}\0${allowPrivate ?? ''}`;
  const now = Date.now();
  const known = found.get(key);
  if (known !== undefined && known.until > now) return known.real;
  try {
    const [realRoot, real] = await Promise.all([realRootOf(root), realpath(file)]);
    if (!isInside(realRoot, real)) return undefined;
    const hidden = privateFolderOf(realRoot, real);
    if (hidden !== undefined && hidden !== allowPrivate) return undefined;
    const s = await stat(real);
    if (!s.isFile()) return undefined;
    if (found.size >= MAX_FOUND) found.clear();
    found.set(key, { real, until: now + FOUND_TTL_MS });
    return real;
  } catch {
    return undefined;
  }
}
