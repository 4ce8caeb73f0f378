// The metadata readers' entry point for the ingest pipeline: scans a source folder (a collection
// of item folders, a CSV collection, one item folder, or a BagIt bag whose payload is one of these)
// into SourceItems and SourceProblems.
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
import type { MetsGroups } from './mets-files.ts';
import { BAG_DECLARATION, BAG_INFO, bagIdentifier, PAYLOAD_DIR, parseTagFile } from './bagit.ts';
import { bagProblemText, inspectBag } from './bag-verification.ts';
import { toSafeId } from './safe-id.ts';
import { unmatchedTextFiles } from './unmatched-text.ts';
import { canonicalRights } from '../../manifests/rights.ts';
import { type Config, loadConfig } from '../../config.ts';
import { catalogueFiles, catalogueKind } from './catalogue/catalogue-files.ts';
import { catalogueItem, readItemCatalogueFile } from './catalogue/catalogue-item.ts';
import { CollectionCatalogue } from './catalogue/collection-catalogue.ts';
import { xmlText } from './xml-text.ts';

export interface SourceDefaults {
  rights: string;
  attribution: string;
  /** METS file groups by preference; default the defaults of METS_IMAGE_GROUPS and METS_TEXT_GROUPS. */
  metsGroups?: MetsGroups;
}

/** What the scan takes from the configuration: default rights and attribution, METS file groups. */
export function sourceDefaults(config: Config): Required<SourceDefaults> {
  return {
    rights: config.DEFAULT_RIGHTS,
    attribution: config.DEFAULT_ATTRIBUTION,
    metsGroups: { images: config.METS_IMAGE_GROUPS, texts: config.METS_TEXT_GROUPS },
  };
}

/** How deep collections may nest below the source folder (collection of collections of items). */
const MAX_DEPTH = 4;
/** Folders inside an item or CSV collection that hold its files, never items of their own. */
const FILE_FOLDERS = /^(images|alto|fulltext|ocr|page|hocr|thumbs|derivatives)$/i;

interface Scan {
  items: SourceItem[];
  problems: SourceProblem[];
  warnings: SourceProblem[];
  /** Data folders found below the source and left out, as shown. */
  dataFolders: string[];
  shown: (absolutePath: string) => string;
  metsGroups: MetsGroups;
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

/** How an item folder is named when its own name is not its name (a bag's payload is `data/`). */
interface Naming {
  folderName: string;
  identifier?: string;
}

/**
 * An item folder's metadata, the first there is of: item.json, METS, its own MARC record, its own
 * Dublin Core record, its record in the collection's catalogue file; else none (docs/source-formats.md).
 */
async function readItem(names: string[], ctx: ItemContext, catalogue: CollectionCatalogue | undefined): Promise<ItemReading> {
  const json = names.find((f) => f.toLowerCase() === 'item.json');
  const mets = metsFileName(names);
  const own = catalogueFiles(names);
  // Marked as used even when the folder's own file wins, so the record is not reported as unmatched.
  const matched = catalogue?.match(ctx.folderName);
  if (json) {
    const file = path.join(ctx.folder, json);
    return readItemJson(await readFile(file, 'utf8'), file, ctx);
  }
  if (mets) {
    const file = path.join(ctx.folder, mets);
    return readMets(xmlText(await readFile(file)), file, ctx);
  }
  if (own[0]) {
    const sameKind = own.filter((f) => f.kind === own[0]!.kind).map((f) => f.name);
    if (sameKind.length > 1) {
      const reason = `the item folder has ${sameKind.length} ${own[0].kind === 'marc' ? 'MARC' : 'Dublin Core'} files (${sameKind.join(', ')}): keep the one that describes the item`;
      return { problems: [{ item: ctx.folderName, file: ctx.shown(ctx.folder), reason }] };
    }
    return readItemCatalogueFile(path.join(ctx.folder, own[0].name), own[0].kind, ctx);
  }
  if (matched && 'entry' in matched) {
    const { entry } = matched;
    return catalogueItem(entry.description, { ...entry, text: await entry.text?.() }, ctx);
  }
  if (matched) {
    const labels = matched.ambiguous.map((e) => e.label).join(', ');
    const reason = `the folder name matches ${matched.ambiguous.length} records of the collection's catalogue (${labels}): name the folder after an identifier only one of them has`;
    return { problems: [{ item: ctx.folderName, file: ctx.shown(ctx.folder), reason }] };
  }
  if (catalogue && catalogue.unreadable.length > 0) {
    // Published untitled now, it would lose the description the unreadable record may hold.
    const reason = `no record of the collection's catalogue matches the folder name, and ${catalogue.unreadable.join(', ')} could not be read: the item is published once the catalogue is fixed`;
    return { problems: [{ item: ctx.folderName, file: ctx.shown(ctx.folder), reason }] };
  }
  const reading = readFolderOnly(ctx);
  if (!catalogue || !reading.item) return reading;
  const reason = `no record of the collection's catalogue matches the folder name ${JSON.stringify(ctx.folderName)}: published as "Untitled"; name the folder after its record's 001, 035 or shelfmark`;
  return { ...reading, warnings: [{ item: reading.item.id, file: ctx.shown(ctx.folder), reason }] };
}

async function scanItem(
  folder: string,
  inherited: Inherited,
  scan: Scan,
  from: { naming?: Naming; catalogue?: CollectionCatalogue } = {},
): Promise<void> {
  const { files: names } = await listFolder(folder);
  const files = await readItemFiles(folder);
  const ctx: ItemContext = {
    folder,
    folderName: from.naming?.folderName ?? path.basename(folder),
    ...(from.naming?.identifier ? { identifier: from.naming.identifier } : {}),
    files,
    inherited,
    shown: scan.shown,
    metsGroups: scan.metsGroups,
  };
  const reading = await readItem(names, ctx, from.catalogue);
  scan.warnings.push(...(reading.warnings ?? []));
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
  // METS names each page's text itself; elsewhere a text file no page claims is a mistake worth a word.
  if (!metsFileName(names) && reading.item) {
    for (const { file, reason } of unmatchedTextFiles(files, reading.item.pages))
      problems.push({ item: itemName, file: scan.shown(path.join(folder, file)), reason });
  }
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

async function scanFolder(folder: string, inherited: Inherited, scan: Scan, depth: number, catalogue?: CollectionCatalogue): Promise<void> {
  const { files, dirs } = await listFolder(folder);
  if (depth > 0 && (await isDataFolder(folder, dirs))) {
    scan.dataFolders.push(scan.shown(folder));
    return;
  }
  const name = path.basename(folder);
  if (files.includes(BAG_DECLARATION)) {
    await scanBag(folder, inherited, scan, depth);
    return;
  }
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
      if (inside.some((f) => /^(item\.json|collection\.json)$/i.test(f) || metsFileName([f]) || catalogueKind(f) || /\.csv$/i.test(f))) {
        await scanFolder(path.join(folder, dir), inherited, scan, depth + 1);
      }
    }
    return;
  }
  if (await looksLikeItem(folder)) {
    await scanItem(folder, inherited, scan, catalogue ? { catalogue } : {});
    return;
  }
  const subfolders = naturalFileOrder(dirs.filter((d) => !FILE_FOLDERS.test(d)));
  // A catalogue export at the top of a collection folder describes the item folders below it.
  const own = subfolders.length > 0 ? await CollectionCatalogue.read(folder, files, scan.shown) : { problems: [] };
  scan.problems.push(...own.problems);
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
  for (const dir of subfolders) await scanFolder(path.join(folder, dir), inherited, scan, depth + 1, own.catalogue ?? catalogue);
  if (own.catalogue) scan.warnings.push(...own.catalogue.unmatched(name));
}

/**
 * A BagIt bag: its payload `data/` is one item, named by the bag (bag-info's External-Identifier or
 * Ocrd-Identifier, else the bag's folder), or else a collection of item folders. Each item read
 * carries the bag, whose checksums ingest verifies before publishing any of it.
 */
async function scanBag(folder: string, inherited: Inherited, scan: Scan, depth: number): Promise<void> {
  const payload = path.join(folder, PAYLOAD_DIR);
  const info = parseTagFile(await readFile(path.join(folder, BAG_INFO), 'utf8').catch(() => ''), BAG_INFO);
  const identifier = info.ok ? bagIdentifier(info.value) : undefined;
  const single = await looksLikeItem(payload);
  // Until its item is read, the bag goes by the id its item would most likely get.
  const name = (single && identifier && toSafeId(identifier)) || toSafeId(path.basename(folder)) || path.basename(folder);
  const inspected = await inspectBag(folder);
  if (!inspected.ok) {
    for (const p of inspected.problems) scan.problems.push({ item: name, file: scan.shown(path.join(folder, p.file)), reason: bagProblemText(p) });
    return;
  }
  const before = scan.items.length;
  if (single) await scanItem(payload, inherited, scan, { naming: { folderName: path.basename(folder), ...(identifier ? { identifier } : {}) } });
  else await scanFolder(payload, inherited, scan, depth + 1);
  for (const item of scan.items.slice(before)) item.bag = folder;
}

/** Scans a folder of item folders, a CSV collection, one item folder or a bag. */
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
  const isSingleItem = files.includes(BAG_DECLARATION) || (!csvFileName(files) && (await looksLikeItem(root)));
  const base = isSingleItem ? path.dirname(root) : root;
  const scan: Scan = {
    items: [],
    problems: [],
    warnings: [],
    dataFolders: [],
    shown: (p) => path.relative(base, p).split(path.sep).join('/'),
    metsGroups: defaults.metsGroups ?? sourceDefaults(loadConfig({})).metsGroups,
  };
  await scanFolder(root, { rights, attribution: defaults.attribution }, scan, 0);
  const checked = withoutDuplicateIds(scan, scan.shown);
  return {
    ...checked,
    ...(scan.dataFolders.length > 0 ? { dataFolders: scan.dataFolders } : {}),
    ...(scan.warnings.length > 0 ? { warnings: scan.warnings } : {}),
  };
}
