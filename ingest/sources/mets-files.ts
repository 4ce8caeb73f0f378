// The file section of a METS document as digitisation workflows write it (Goobi and Kitodo's
// MASTER/DEFAULT/FULLTEXT, the DFG-Viewer's MAX/MIN/THUMBS, OCR-D's OCR-D-IMG/OCR-D-GT-ALTO/...):
// which of a page's files is its image and which its full text, by the configured order of file
// groups (METS_IMAGE_GROUPS, METS_TEXT_GROUPS) and, for groups not listed, by MIMETYPE; and where
// an FLocat href points relative to the item folder. Pure: mets.ts checks the files on disk.
import path from 'node:path';
import { attr, child, children, descendants, type XmlElement } from './xml.ts';

export interface MetsFile {
  id: string;
  /** The USE of the file's group, else its ID (or those of the nearest enclosing group that has one). */
  use: string;
  href: string;
  mimetype: string;
  /** Position of the file's group in the file section, for groups no preference names. */
  groupIndex: number;
}

/** File group names in order of preference, as configured. */
export interface MetsGroups {
  images: readonly string[];
  texts: readonly string[];
}

export type TextFormat = 'alto' | 'page' | 'hocr';

/** The full-text formats ingest reads; the others are skipped, so a page falls to the next group. */
export const READ_TEXT_FORMATS: ReadonlySet<TextFormat> = new Set<TextFormat>(['alto', 'page', 'hocr']);

/** Image groups that hold reduced copies: taken only when a page has nothing larger. */
const SMALL_IMAGE_GROUP = /THUMB|MIN|PREVIEW/i;
/**
 * Text groups of OCR-D workflow steps that lay out a page without reading it (`OCR-D-SEG-LINE`,
 * `OCR-D-IMG-BIN`, …): their PAGE XML has regions and lines but no text, so any OCR group comes first.
 */
const LAYOUT_ONLY_GROUP = /(^|-)(SEG|IMG|BIN|CROP|DESKEW|DEWARP|DENOISE|DESPECK|CLIP)(-|$)/i;
const IMAGE_NAME = /\.(tiff?|jpe?g|png|webp|gif|bmp|jp2|j2k|jpx|jpf)$/i;

export function filesOf(mets: XmlElement): Map<string, MetsFile> {
  const files = new Map<string, MetsFile>();
  let groupIndex = 0;
  const walk = (group: XmlElement, use: string) => {
    // Transkribus names its groups by ID (IMG, PAGEXML) and gives no USE.
    const groupUse = attr(group, 'USE') ?? attr(group, 'ID') ?? use;
    const index = groupIndex++;
    for (const file of children(group, 'file')) {
      const id = attr(file, 'ID');
      const href = attr(child(file, 'FLocat'), 'href');
      if (id && href) files.set(id, { id, use: groupUse, href, mimetype: (attr(file, 'MIMETYPE') ?? '').toLowerCase(), groupIndex: index });
    }
    for (const nested of children(group, 'fileGrp')) walk(nested, groupUse);
  };
  for (const group of descendants(mets, 'fileSec', 'fileGrp')) walk(group, '');
  return files;
}

/**
 * The full-text format of a file: by MIMETYPE when it says, else by its group's name; generic XML
 * in a preferred text group is ALTO, as the DFG-Viewer profile's FULLTEXT group is.
 */
export function textFormatOf(file: MetsFile, groups: MetsGroups): TextFormat | undefined {
  const { mimetype, use } = file;
  if (/alto/.test(mimetype)) return 'alto';
  if (/prima\.page|page\+xml/.test(mimetype)) return 'page';
  if (/hocr|html/.test(mimetype)) return 'hocr';
  if (mimetype.startsWith('image/')) return undefined;
  if (/ALTO|FULLTEXT/i.test(use)) return 'alto';
  if (/HOCR/i.test(use)) return 'hocr';
  if (/PAGE/i.test(use)) return 'page';
  const generic = mimetype === '' || /^(text|application)\/xml$/.test(mimetype);
  return generic && rankIn(groups.texts, use) !== undefined && /\.xml$/i.test(file.href) ? 'alto' : undefined;
}

export function isImageFile(file: MetsFile, groups: MetsGroups): boolean {
  if (textFormatOf(file, groups)) return false;
  return file.mimetype.startsWith('image/') || IMAGE_NAME.test(file.href.replace(/[?#].*$/, ''));
}

function rankIn(preferred: readonly string[], use: string): number | undefined {
  const rank = preferred.findIndex((g) => g.toUpperCase() === use.toUpperCase());
  return rank === -1 ? undefined : rank;
}

/** Preferred groups in their configured order, then the others in file-section order. */
function byPreference(files: MetsFile[], preferred: readonly string[], last?: RegExp): MetsFile[] {
  const rank = (f: MetsFile) => rankIn(preferred, f.use) ?? preferred.length + (last?.test(f.use) ? 10_000 : 0) + f.groupIndex;
  return files
    .map((f) => ({ f, r: rank(f) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.f);
}

/** A page's image files, best first. */
export function imageCandidates(files: MetsFile[], groups: MetsGroups): MetsFile[] {
  return byPreference(
    files.filter((f) => isImageFile(f, groups)),
    groups.images,
    SMALL_IMAGE_GROUP,
  );
}

/** A page's full-text files in formats ingest reads, best first. */
export function textCandidates(files: MetsFile[], groups: MetsGroups): MetsFile[] {
  return byPreference(
    files.filter((f) => {
      const format = textFormatOf(f, groups);
      return format !== undefined && READ_TEXT_FORMATS.has(format);
    }),
    groups.texts,
    LAYOUT_ONLY_GROUP,
  );
}

/** Whether a page names any full text at all, read or not (then no file is guessed by its name). */
export function hasTextFile(files: MetsFile[], groups: MetsGroups): boolean {
  return files.some((f) => textFormatOf(f, groups) !== undefined);
}

/**
 * Where an href points: a path relative to the item folder; `outside` when a relative path leaves
 * the folder; `elsewhere` for a URL or an absolute path (found, if at all, by its file name).
 */
export type HrefTarget = { kind: 'inside'; path: string } | { kind: 'outside' } | { kind: 'elsewhere'; name: string };

/** Resolves an href against the METS file's folder (`metsDir`, relative to the item folder, '' at its top). */
export function hrefTarget(href: string, metsDir: string): HrefTarget {
  let p = href.trim().replaceAll('\\', '/');
  // `file:` URLs as exporters write them: `file:///abs/path` is absolute, `file://images/a.tif` and
  // `file:images/a.tif` are meant relative.
  if (/^file:/i.test(p)) p = p.replace(/^file:(\/\/)?/i, '');
  else if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return { kind: 'elsewhere', name: baseName(p) };
  try {
    p = decodeURIComponent(p.replace(/[?#].*$/, ''));
  } catch {
    return { kind: 'elsewhere', name: baseName(p) };
  }
  if (p.startsWith('/')) return { kind: 'elsewhere', name: baseName(p) };
  const joined = path.posix.normalize(path.posix.join(metsDir || '.', p));
  if (joined === '..' || joined.startsWith('../') || p.includes('\0')) return { kind: 'outside' };
  return { kind: 'inside', path: joined === '.' ? '' : joined };
}

function baseName(p: string): string {
  const name = path.posix.basename(p.replace(/[?#].*$/, ''));
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
