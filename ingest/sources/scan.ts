// The metadata readers' entry point for the ingest pipeline: scans a source folder (a collection
// of item folders, a CSV collection, or one item folder) into SourceItems and SourceProblems.
// An item with any problem is left out of `items` and its problems say why, so the pipeline can
// publish `items` as they are; one bad item never stops the others. Image content (truncated or
// oversized scans) is checked later by the pipeline; here only names, formats and metadata.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceItem, SourceProblem, SourceScan } from './source-item.ts';
import { naturalFileOrder } from './page-order.ts';
import { readCollectionJson } from './collection-json.ts';
import { readFolderOnly } from './folder-only.ts';
import type { Inherited, ItemContext, ItemReading } from './item-context.ts';
import { listFolder, looksLikeItem, readItemFiles } from './item-folder.ts';
import { readItemJson } from './item-json.ts';
import { withoutDuplicateIds } from './duplicate-ids.ts';
import { readMets } from './mets.ts';
import { canonicalRights } from '../../manifests/rights.ts';

export interface SourceDefaults {
  rights: string;
  attribution: string;
}

/** How deep collections may nest below the source folder (collection of collections of items). */
const MAX_DEPTH = 4;
/** Folders inside an item or CSV collection that hold its files, never items of their own. */
const FILE_FOLDERS = /^(images|alto|fulltext|ocr|thumbs|derivatives)$/i;

interface Scan {
  items: SourceItem[];
  problems: SourceProblem[];
  /** Data folders found below the source and left out, as shown. */
  dataFolders: string[];
  shown: (absolutePath: string) => string;
}

/**
 * Whether a folder is a Leeszaal data folder: ingest's `.leeszaal/` state (there from the first
 * run's start, before any scan), or the published `iiif/` and `records/` of a copy made without
 * hidden files. Run from a collection folder with `--data ./data`, its tiles would else be items.
 */
async function isDataFolder(folder: string, dirs: string[]): Promise<boolean> {
  if (dirs.includes('iiif') && dirs.includes('records')) return true;
  return (await stat(path.join(folder, '.leeszaal')).catch(() => undefined))?.isDirectory() ?? false;
}

/** The METS file of an item folder: `mets.xml`, or the one `*_mets.xml`/`*.mets.xml` export. */
function metsFileName(files: string[]): string | undefined {
  return files.find((f) => f.toLowerCase() === 'mets.xml') ?? singleOrNone(files.filter((f) => /[._-]mets\.xml$/i.test(f)));
}

/** The collection CSV of a folder: `items.csv`, or the only CSV there. */
function csvFileName(files: string[]): string | undefined {
  return files.find((f) => f.toLowerCase() === 'items.csv') ?? singleOrNone(files.filter((f) => /\.csv$/i.test(f)));
}

function singleOrNone(names: string[]): string | undefined {
  return names.length === 1 ? names[0] : undefined;
}

async function scanItem(folder: string, inherited: Inherited, scan: Scan): Promise<void> {
  const { files: names } = await listFolder(folder);
  const files = await readItemFiles(folder);
  const ctx: ItemContext = { folder, folderName: path.basename(folder), files, inherited, shown: scan.shown };
  const json = names.find((f) => f.toLowerCase() === 'item.json');
  const mets = metsFileName(names);
  let reading: ItemReading;
  if (json) {
    const file = path.join(folder, json);
    reading = await readItemJson(await readFile(file, 'utf8'), file, ctx);
  } else if (mets) {
    const file = path.join(folder, mets);
    reading = readMets(await readFile(file, 'utf8'), file, ctx);
  } else {
    reading = readFolderOnly(ctx);
  }
  const problems = [...reading.problems];
  const itemName = reading.item?.id ?? reading.problems[0]?.item ?? ctx.folderName;
  for (const file of files.unsupported) {
    problems.push({
      item: itemName,
      file: scan.shown(path.join(folder, file)),
      reason: `${path.extname(file) || file} is not a supported image format (TIFF, JPEG, PNG, WebP or JPEG 2000); move it out of the item folder or convert it`,
    });
  }
  for (const { file, reason } of files.refused)
    problems.push({ item: itemName, file: scan.shown(path.join(folder, file)), reason: `${file} ${reason}` });
  scan.problems.push(...problems);
  if (reading.item && problems.length === 0) scan.items.push(reading.item);
}

async function scanCsvCollection(folder: string, csvName: string, inherited: Inherited, scan: Scan): Promise<void> {
  const file = path.join(folder, csvName);
  const files = await readItemFiles(folder);
  // Loaded only for a CSV collection: its parser costs the other sources 10 ms of start-up.
  const { readCsv } = await import('./csv.ts');
  const result = await readCsv(await readFile(file), file, {
    folder,
    inherited,
    altoByStem: files.altoByStem,
    images: new Set(files.images),
    shown: scan.shown,
  });
  // One at a time: a spreadsheet's 100,000 rows are too many arguments for one push(...).
  for (const item of result.items) scan.items.push(item);
  for (const problem of result.problems) scan.problems.push(problem);
  // A row naming a linked or hidden file finds no file; this says why.
  const collection = path.basename(folder);
  for (const { file: name, reason } of files.refused)
    scan.problems.push({ item: collection, file: scan.shown(path.join(folder, name)), reason: `${name} ${reason}` });
}

async function scanFolder(folder: string, inherited: Inherited, scan: Scan, depth: number): Promise<void> {
  const { files, dirs } = await listFolder(folder);
  if (depth > 0 && (await isDataFolder(folder, dirs))) {
    scan.dataFolders.push(scan.shown(folder));
    return;
  }
  const name = path.basename(folder);
  if (files.some((f) => f.toLowerCase() === 'collection.json')) {
    const file = path.join(folder, files.find((f) => f.toLowerCase() === 'collection.json')!);
    const result = readCollectionJson(await readFile(file, 'utf8'), inherited);
    if ('errors' in result) {
      // Publishing the collection's items under the wrong licence would be worse than not at all.
      scan.problems.push(
        ...result.errors.map((reason) => ({ item: name, file: scan.shown(file), reason: `${reason}; no item of ${name} is read until it is fixed` })),
      );
      return;
    }
    inherited = result.inherited;
  }
  const csv = csvFileName(files);
  if (csv) {
    await scanCsvCollection(folder, csv, inherited, scan);
    // Beside a CSV, folders of bare images hold the rows' files; only described items are items.
    for (const dir of naturalFileOrder(dirs.filter((d) => !FILE_FOLDERS.test(d)))) {
      const { files: inside } = await listFolder(path.join(folder, dir));
      if (inside.some((f) => /^(item\.json|collection\.json)$/i.test(f) || metsFileName([f]) || /\.csv$/i.test(f))) {
        await scanFolder(path.join(folder, dir), inherited, scan, depth + 1);
      }
    }
    return;
  }
  if (await looksLikeItem(folder)) {
    await scanItem(folder, inherited, scan);
    return;
  }
  const subfolders = naturalFileOrder(dirs.filter((d) => !FILE_FOLDERS.test(d)));
  if (subfolders.length === 0 || depth >= MAX_DEPTH) {
    scan.problems.push({
      item: name,
      file: scan.shown(folder),
      reason:
        depth >= MAX_DEPTH && subfolders.length > 0
          ? `folders nest deeper than ${MAX_DEPTH} levels below the source folder; items there are not read`
          : 'the item folder has no page images (TIFF, JPEG, PNG or WebP, in the folder or in images/) and no metadata',
    });
    return;
  }
  for (const dir of subfolders) await scanFolder(path.join(folder, dir), inherited, scan, depth + 1);
}

/** Scans a folder of item folders, a CSV collection, or one item folder. */
export async function scanSource(sourcePath: string, defaults: SourceDefaults): Promise<SourceScan> {
  const rights = canonicalRights(defaults.rights);
  if (!rights) throw new TypeError(`default rights ${JSON.stringify(defaults.rights)} is not a rightsstatements.org or Creative Commons URI`);
  const root = path.resolve(sourcePath);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    return {
      items: [],
      problems: [{ item: path.basename(root), file: sourcePath, reason: info ? 'the source is not a folder' : 'the source folder does not exist' }],
    };
  }
  const { files } = await listFolder(root);
  const isSingleItem = !csvFileName(files) && (await looksLikeItem(root));
  const base = isSingleItem ? path.dirname(root) : root;
  const scan: Scan = { items: [], problems: [], dataFolders: [], shown: (p) => path.relative(base, p).split(path.sep).join('/') };
  await scanFolder(root, { rights, attribution: defaults.attribution }, scan, 0);
  const checked = withoutDuplicateIds(scan, scan.shown);
  return scan.dataFolders.length > 0 ? { ...checked, dataFolders: scan.dataFolders } : checked;
}
