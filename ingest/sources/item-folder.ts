// What an item folder holds on disk: its page images (at the top, in `images/` or a workflow's `<id>_media/`), the files in it
// that look like images in a format ingest cannot tile, and its full-text files (ALTO in `alto/`,
// PAGE XML in `page/`, hOCR in `hocr/` or beside the scans), by stem.
// Symbolic links are never followed (a link could publish any file on the machine) and hidden files
// that look like pages are not read; both are reported, so nothing is left out without a word.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileStem, naturalFileOrder } from './page-order.ts';

/** File extensions ingest tiles (sharp reads them all but JPEG 2000, which is decoded first: pyramid/jp2-decode.ts). */
export const SUPPORTED_IMAGE = /\.(tiff?|jpe?g|png|webp|jp2|j2k|j2c|jpf|jpx)$/i;
/** Extensions of images and documents a curator might drop in an item folder that ingest does not take. */
const OTHER_IMAGE = /\.(gif|bmp|pdf|heic|heif|avif|svg|psd|raw|cr2|nef|dng|ico|eps|djvu?)$/i;
/**
 * Folders of page images: `images/`, and those workflow exports put beside their METS: Goobi's
 * `<id>_media/`, Kitodo.Production's `<title>_tif/`.
 */
const IMAGE_FOLDER = /^images$|[_-](media|tif)$/i;
/** A METS file of an item folder: `mets.xml`, or a workflow's `<id>_mets.xml` (`<id>.mets.xml`). */
export const METS_FILE = /^mets\.xml$|[._-]mets\.xml$/i;
/**
 * Full-text folders, in the order a page's text is taken from when several have a file of its stem:
 * `alto/`, `fulltext/`, `ocr/` and the `<id>_ocr/`-style folders workflow exports write, then PAGE
 * XML (`page/`, `OCR-D-GT-PAGE/`), then hOCR (`hocr/`). The reader is chosen by content, not folder.
 */
const TEXT_FOLDERS = [/^(alto|fulltext|ocr)$|[_-](alto|fulltext|ocr)$/i, /^page$|[_-]page$/i, /^hocr$|[_-]hocr$/i];
/** Full-text file names: XML (ALTO, PAGE), `.hocr` and `.html` (hOCR). */
const TEXT_FILE = /\.(xml|hocr|html?)$/i;
/** hOCR beside its scan (at the top or in `images/`), as `tesseract page-0017.tif page-0017 hocr` writes it; after the text folders. */
const HOCR_BESIDE_SCAN = /\.hocr$/i;

export interface ItemFiles {
  /** Supported page images, relative to the item folder, in natural name order. */
  images: string[];
  /** Image-like files in a format ingest does not take (`images/cover.gif`). */
  unsupported: string[];
  /** Full-text files (ALTO, PAGE XML, hOCR) by the stem of their name (`page-0017` → `alto/page-0017.xml`). */
  altoByStem: Map<string, string>;
  /** Symbolic links and hidden page-like files, which are not read. */
  refused: RefusedFile[];
}

/** Files and subfolders of a folder, hidden ones left out; empty when it cannot be read. */
export async function listFolder(folder: string): Promise<{ files: string[]; dirs: string[]; links: string[]; hidden: string[] }> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    const visible = entries.filter((e) => !e.name.startsWith('.'));
    return {
      files: visible.filter((e) => e.isFile()).map((e) => e.name),
      dirs: visible.filter((e) => e.isDirectory()).map((e) => e.name),
      links: entries.filter((e) => e.isSymbolicLink()).map((e) => e.name),
      hidden: entries.filter((e) => e.name.startsWith('.') && e.isFile()).map((e) => e.name),
    };
  } catch {
    return { files: [], dirs: [], links: [], hidden: [] };
  }
}

/** A file of the item folder that is not read, and why. */
export interface RefusedFile {
  file: string;
  reason: string;
}

const LINK_REASON = 'is a symbolic link; links are not followed: copy the file or folder into the item folder instead';
const HIDDEN_REASON = 'looks like a page or metadata but its name starts with a dot, so it is hidden and not read: rename it';
/** Hidden names worth a word: images and metadata. macOS's `._name` resource forks are left out silently. */
const HIDDEN_WORTH_REPORTING = (name: string) =>
  !name.startsWith('._') && (SUPPORTED_IMAGE.test(name) || OTHER_IMAGE.test(name) || /\.(xml|json|csv)$/i.test(name));

function refusedIn(dir: string, listing: { links: string[]; hidden: string[] }): RefusedFile[] {
  const at = (name: string) => (dir ? `${dir}/${name}` : name);
  return [
    ...listing.links.map((name) => ({ file: at(name), reason: LINK_REASON })),
    ...listing.hidden.filter(HIDDEN_WORTH_REPORTING).map((name) => ({ file: at(name), reason: HIDDEN_REASON })),
  ];
}

/**
 * Whether `rel` names a regular file below `folder` with no symbolic link on the way: `link` when
 * one of its parts is a link (never followed), `missing` when there is no such file.
 */
export async function plainFile(folder: string, rel: string): Promise<'file' | 'link' | 'missing'> {
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  let at = folder;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    const info = await lstat(at).catch(() => undefined);
    if (info === undefined) return 'missing';
    if (info.isSymbolicLink()) return 'link';
    if (i < parts.length - 1 ? !info.isDirectory() : !info.isFile()) return 'missing';
  }
  return parts.length > 0 ? 'file' : 'missing';
}

export async function readItemFiles(folder: string): Promise<ItemFiles> {
  const top = await listFolder(folder);
  const images: string[] = [];
  const unsupported: string[] = [];
  const besideScans: string[] = [];
  const refused = refusedIn('', top);
  for (const name of top.files) {
    if (SUPPORTED_IMAGE.test(name)) images.push(name);
    else if (OTHER_IMAGE.test(name)) unsupported.push(name);
    else if (HOCR_BESIDE_SCAN.test(name)) besideScans.push(name);
  }
  for (const dir of top.dirs.filter((d) => IMAGE_FOLDER.test(d))) {
    const inside = await listFolder(path.join(folder, dir));
    refused.push(...refusedIn(dir, inside));
    for (const name of inside.files) {
      // Everything in the images folder is meant as a page; anything untileable there is reported.
      if (SUPPORTED_IMAGE.test(name)) images.push(`${dir}/${name}`);
      else if (HOCR_BESIDE_SCAN.test(name)) besideScans.push(`${dir}/${name}`);
      else if (!/^(thumbs\.db|desktop\.ini)$/i.test(name)) unsupported.push(`${dir}/${name}`);
    }
  }
  const altoByStem = new Map<string, string>();
  const textDirs = TEXT_FOLDERS.flatMap((pattern) => naturalFileOrder(top.dirs.filter((d) => pattern.test(d))));
  for (const dir of new Set(textDirs)) {
    const inside = await listFolder(path.join(folder, dir));
    refused.push(...refusedIn(dir, inside));
    for (const name of naturalFileOrder(inside.files.filter((n) => TEXT_FILE.test(n)))) {
      const stem = fileStem(name);
      if (!altoByStem.has(stem)) altoByStem.set(stem, `${dir}/${name}`);
    }
  }
  for (const file of naturalFileOrder(besideScans)) if (!altoByStem.has(fileStem(file))) altoByStem.set(fileStem(file), file);
  return { images: naturalFileOrder(images), unsupported: naturalFileOrder(unsupported), altoByStem, refused };
}

/** Whether a folder looks like one item (images at its top or in `images/`, or item metadata). */
export async function looksLikeItem(folder: string): Promise<boolean> {
  const top = await listFolder(folder);
  return (
    top.files.some((f) => SUPPORTED_IMAGE.test(f) || OTHER_IMAGE.test(f) || METS_FILE.test(f) || /^item\.json$/i.test(f)) ||
    top.dirs.some((d) => IMAGE_FOLDER.test(d))
  );
}
