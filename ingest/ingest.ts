// The programmatic ingest API (the CLI and `npm start` call it): reads every item under a source
// folder, publishes its page images as level-0 IIIF tiles plus a pyramidal TIFF, its full text, its
// record, its manifest (last), then the top collection and Change Discovery. Items are independent:
// one bad item is reported and the others still publish; a failed item keeps its previous version.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { AnnotationPage } from '@iiif/presentation-3';
import { loadConfig, type Config } from '../config.ts';
import type { ItemRecord, PageRecord } from '../manifests/item.ts';
import { dataPaths, isSafeId, publicUrls, type DataPaths } from '../manifests/layout.ts';
import { DEFAULT_THUMBNAIL_WIDTH, thumbnailSize } from '../manifests/thumbnail.ts';
import type { ValidationOptions } from '../manifests/validate.ts';
import { altoFromLines } from './text/alto-writer.ts';
import { readFullText, TEXT_FORMAT_NAMES } from './text/full-text.ts';
import { writeFileAtomic, writeJsonAtomic } from '../manifests/atomic-write.ts';
import { appendActivity, readActivities } from '../manifests/activity-log.ts';
import { firstLine } from './image-check.ts';
import { imageIdFor } from './publishing/image-id.ts';
import { acquireLock } from './publishing/lock.ts';
import { createLogger, type IngestLogger } from './logger.ts';
import { publishAltoCopies } from './publishing/alto-copies.ts';
import { publishImage } from './publishing/page-image.ts';
import { silentProgress, type Progress } from './progress.ts';
import type { SourceItem, SourcePage } from './sources/source-item.ts';
import { sourceRecordBytes } from './sources/source-record.ts';
import { xmlText } from './sources/xml-text.ts';
import { retireReplaced, sweepUnreferenced } from './publishing/sweep.ts';
import { scanSource, sourceDefaults } from './sources/scan.ts';
import { bagProblemText, verifyBag } from './sources/bag-verification.ts';
import { fingerprint, loadState, saveState, sha256Text, type Fingerprint, type IngestState, type PageState } from './publishing/state.ts';
import type { IngestSummary, ItemFailure } from './summary.ts';
import type { TileSettings } from './pyramid/tile.ts';
import { PageRecogniser } from './ocr/page-recogniser.ts';
import { TESSERACT_HOMEPAGE } from './ocr/tesseract.ts';

/**
 * Calls a caller of the API may ask for (progress in a workspace, say). Search needs none: the
 * server's indexer follows the activity log that every publication appends to.
 */
export interface IngestHooks {
  /** Called after an item's new manifest is in place. */
  itemPublished?(record: ItemRecord): Promise<void> | void;
  /** Called after an item was withdrawn. */
  itemRemoved?(itemId: string): Promise<void> | void;
}

export interface IngestOptions {
  /** A folder of item folders, or one item folder. */
  source: string;
  dataDir: string;
  baseUrl: string;
  /** Pages processed at once; default INGEST_JOBS (the number of cores). */
  jobs?: number;
  /** Configuration (tile size, JPEG quality, limits, rights); default from the environment. */
  config?: Config;
  progress?: Progress;
  logger?: IngestLogger;
  /** How long to wait for another ingest on the same data folder; default 0 (fail at once). */
  lockWaitMs?: number;
  hooks?: IngestHooks;
  /** The clock that dates retired images and ends their grace period (tests move it forward). */
  now?: () => Date;
}

/** Why an item was not published; `file` is the source file at fault, relative to the item folder. */
export class ItemError extends Error {
  override name = 'ItemError';
  readonly file: string | undefined;
  constructor(file: string | undefined, reason: string) {
    super(reason);
    this.file = file;
  }
}

/** Tile settings for an ingest processing `pagesAtOnce` pages at a time. */
export function tileSettings(config: Config, pagesAtOnce: number = config.INGEST_JOBS): TileSettings {
  const cores = os.availableParallelism();
  return {
    tileSize: config.TILE_SIZE,
    quality: config.JPEG_QUALITY,
    maxPixels: config.MAX_IMAGE_PIXELS,
    limits: { maxWidth: config.IIIF_MAX_WIDTH, maxHeight: config.IIIF_MAX_HEIGHT, maxArea: config.IIIF_MAX_AREA },
    largestListedSize: 1024,
    // A pipeline's decoding and encoding each run on one thread, with waits between them, so two
    // pipelines per core keep the cores busier than one; even with a page per core, a large
    // tiled scan goes in at least two bands, which fill the gaps the other pages leave. planBands
    // caps the number, for memory (bands.ts).
    bands: cores < 2 ? 1 : 2 * Math.ceil(cores / Math.max(1, pagesAtOnce)),
  };
}

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const config = opts.config ?? loadConfig(process.env);
  const log = opts.logger ?? createLogger(config.LOG_LEVEL);
  const progress = opts.progress ?? silentProgress;
  const jobs = opts.jobs ?? config.INGEST_JOBS;
  const paths = dataPaths(opts.dataDir);
  const urls = publicUrls(opts.baseUrl);
  const stagingDir = path.join(paths.state, 'staging');

  const lock = await acquireLock(path.join(paths.state, 'ingest.lock'), {
    waitMs: opts.lockWaitMs ?? 0,
    what: `data folder ${paths.root}`,
  });
  try {
    await rm(stagingDir, { recursive: true, force: true });
    await mkdir(stagingDir, { recursive: true });
    const state = await loadState(paths.state, urls.base);
    if (state.baseUrl !== urls.base) {
      log.info({ from: state.baseUrl, to: urls.base }, 'rebasing published data to the new base URL');
      const { rebasePublished } = await import('./publishing/rebase.ts');
      await rebasePublished(paths, state, urls.base);
      await saveState(paths.state, state);
    }

    const scan = await scanSource(path.resolve(opts.source), sourceDefaults(config));
    for (const folder of scan.dataFolders ?? []) log.info({ folder }, 'left out a Leeszaal data folder inside the source');
    // The scan has already refused every item whose id another item claims.
    const failures: ItemFailure[] = scan.problems.map((p) => ({ item: p.item, ...(p.file ? { file: p.file } : {}), reason: p.reason }));
    const items = scan.items;

    const summary: IngestSummary = {
      published: [],
      unchanged: [],
      failed: failures,
      ...(scan.warnings ? { warnings: scan.warnings } : {}),
      pages: { total: 0, tiled: 0, reused: 0 },
      bags: { verified: 0, unchanged: 0, filesHashed: 0 },
      ocr: { recognised: 0, reused: 0, failed: [] },
      imagesRemoved: 0,
      durationMs: 0,
    };
    const pages = items.reduce((n, i) => n + i.pages.length, 0);
    const settings = tileSettings(config, Math.min(jobs, pages));
    progress.start(pages);
    const pageLimit = pLimit(Math.max(1, jobs));
    const finishLimit = pLimit(1);
    const sourceRoot = path.resolve(opts.source);
    // Looked at before any page: OCR asked for without a working Tesseract stops the run at once.
    const ocr =
      config.OCR === 'off'
        ? undefined
        : await PageRecogniser.open({
            stateDir: paths.state,
            stagingDir,
            fraktur: config.OCR_FRAKTUR,
            fallbackLanguages: config.OCR_DEFAULT_LANGUAGES,
          });
    const ctx: ItemContext = {
      ocr,
      whileBusy: once(() => warmUp(log)),
      madeThisRun: new Set(),
      sourceRoot,
      paths,
      urls,
      stagingDir,
      settings,
      config,
      state,
      log,
      pageLimit,
      progress,
      summary,
      hooks: opts.hooks ?? {},
      now,
      bagChecks: new Map(),
      hashLimit: pLimit(Math.max(1, jobs)),
    };

    await Promise.all(
      items.map(async (item) => {
        try {
          const built = await prepareItem(item, ctx);
          await finishLimit(() => finishItem(item, built, ctx));
        } catch (err) {
          const file = err instanceof ItemError && err.file ? shownPath(ctx.sourceRoot, path.resolve(item.folder, err.file)) : undefined;
          const failure: ItemFailure = {
            item: item.id,
            ...(file ? { file } : {}),
            reason: err instanceof Error ? firstLine(err) : String(err),
          };
          summary.failed.push(failure);
          log.info(failure, 'item not published');
          progress.item(`NOT published ${item.id}: ${failure.file ? `${failure.file}: ` : ''}${failure.reason}`);
        }
      }),
    );
    await (await publishing()).publishIndexes(paths, urls, state, config);
    summary.imagesRemoved += await sweepUnreferenced(paths, state, ctx.madeThisRun, now());
    await saveState(paths.state, state);
    progress.stop();
    summary.durationMs = Date.now() - started;
    return summary;
  } finally {
    await rm(stagingDir, { recursive: true, force: true }).catch(() => undefined);
    await lock.release();
  }
}

interface ItemContext {
  /** Reads pages without text (or every page, OCR=all); absent when OCR is off. */
  ocr: PageRecogniser | undefined;
  whileBusy: () => Promise<void>;
  /** Image ids published (or reused) in this run, kept by the final sweep even if their item failed. */
  madeThisRun: Set<string>;
  /** Files are named relative to it in errors, as the curator sees them. */
  sourceRoot: string;
  paths: DataPaths;
  urls: ReturnType<typeof publicUrls>;
  stagingDir: string;
  settings: TileSettings;
  config: Config;
  state: IngestState;
  log: IngestLogger;
  pageLimit: ReturnType<typeof pLimit>;
  progress: Progress;
  summary: IngestSummary;
  hooks: IngestHooks;
  now: () => Date;
  /** Each bag's verification in this run, shared by the items in it. */
  bagChecks: Map<string, Promise<void>>;
  /** Bounds the bag files hashed at once, across bags. */
  hashLimit: ReturnType<typeof pLimit>;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= fn());
}

/**
 * What builds and checks the published JSON after the images (manifests, text pages, IIIF
 * validation, the collection and indexes): some fifteen modules, loaded by warmUp while libvips tiles
 * the first image, so that the tiling starts that much sooner.
 */
const publishing = once(async () => {
  const [manifest, textPage, validate, indexes] = await Promise.all([
    import('../manifests/manifest.ts'),
    import('../manifests/text-page.ts'),
    import('../manifests/validate.ts'),
    import('./publishing/publish-indexes.ts'),
  ]);
  return {
    buildManifest: manifest.buildManifest,
    buildTextPage: textPage.buildTextPage,
    validatePresentation: validate.validatePresentation,
    canvasSizes: validate.canvasSizes,
    publishIndexes: indexes.publishIndexes,
  };
});
type Publishing = Awaited<ReturnType<typeof publishing>>;

/**
 * Main-thread start-up work (loading the publishing modules and the IIIF schema's validators, which
 * takes about a second when their cache must be compiled first) done while libvips tiles the first
 * image on its own threads, not after it.
 */
async function warmUp(log: IngestLogger): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  try {
    const { validatePresentation } = await publishing();
    for (const type of ['Manifest', 'AnnotationPage', 'Collection']) validatePresentation({ type });
  } catch (err) {
    // Only a head start: the same failure is reported where the validator is really used.
    log.debug({ err: firstLine(err) }, 'warm-up failed');
  }
}

interface PageResult {
  page: SourcePage;
  pageState: PageState;
  text: AnnotationPage | undefined;
  /** The format of the page's full-text file when it is not ALTO, and the staging file of the ALTO written from it. */
  converted?: { format: NonNullable<PageRecord['textFormat']>; alto: string };
}

interface BuiltItem {
  record: ItemRecord;
  pageStates: Record<string, PageState>;
  texts: Map<string, AnnotationPage>;
  /** Staging files of the ALTO written for the pages whose full text came as PAGE XML or hOCR, by page key. */
  writtenAlto: Map<string, string>;
}

function shownPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel === '' ? path.basename(file) : rel.startsWith('..') ? file : rel;
}

function insideFolder(folder: string, relative: string): string {
  const full = path.resolve(folder, relative);
  if (full !== folder && !full.startsWith(folder + path.sep)) throw new ItemError(relative, 'path leaves the item folder');
  return full;
}

/**
 * Verifies a bag's checksums, once per run for all the items in it, unless the state shows it was
 * verified as it is now; a bag that fails fails each of its items, naming the file.
 */
function checkBag(bag: string, ctx: ItemContext): Promise<void> {
  let check = ctx.bagChecks.get(bag);
  if (!check) {
    check = (async () => {
      const known = ctx.state.bags[bag];
      const result = await verifyBag(bag, { limit: ctx.hashLimit, ...(known ? { known } : {}) });
      if (!result.ok) {
        delete ctx.state.bags[bag];
        const [first, ...rest] = result.problems;
        const others = rest.map((p) => p.file);
        const more = others.length > 0 ? ` (and ${others.length} more: ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})` : '';
        throw new ItemError(path.join(bag, first!.file), `${bagProblemText(first!)}${more}`);
      }
      ctx.state.bags[bag] = result.verified;
      if (result.filesHashed > 0) ctx.summary.bags.verified += 1;
      else ctx.summary.bags.unchanged += 1;
      ctx.summary.bags.filesHashed += result.filesHashed;
    })();
    ctx.bagChecks.set(bag, check);
  }
  return check;
}

/** Publishes (or reuses) every page image of an item and reads its full text; nothing item-level is written yet. */
async function prepareItem(item: SourceItem, ctx: ItemContext): Promise<BuiltItem> {
  if (!isSafeId(item.id)) throw new ItemError(undefined, `item id "${item.id}" is not a safe id (a-z, 0-9, - and _)`);
  if (item.pages.length === 0) throw new ItemError(undefined, 'item has no page images');
  if (item.bag) await checkBag(item.bag, ctx);
  const previous = ctx.state.items[item.id]?.pages ?? {};
  const language = item.languages[0];
  const results = await Promise.allSettled(
    item.pages.map((page) =>
      ctx.pageLimit(async (): Promise<PageResult> => {
        const file = insideFolder(item.folder, page.file);
        try {
          const known = previous[page.key];
          // A page new to the item has no published image yet (short of lost state), so it is tiled
          // while its content is hashed. A known page is hashed first: if only its mtime changed,
          // as when a curator copies the scans again, it must not be tiled at all.
          const hashing = known ? await fingerprint(file, known.file === page.file ? known : undefined) : fingerprint(file);
          const idOf = (fp: Fingerprint) => imageIdFor(item.id, page.key, fp.sha256, ctx.settings);
          const image = await publishImage({
            source: file,
            imageId: hashing instanceof Promise ? hashing.then(idOf) : idOf(hashing),
            serviceId: (imageId) => ctx.urls.imageService(imageId),
            paths: ctx.paths,
            stagingDir: ctx.stagingDir,
            settings: ctx.settings,
            extraSizes: (full) => [thumbnailSize(full.width, full.height, DEFAULT_THUMBNAIL_WIDTH)],
            whileBusy: ctx.whileBusy,
          });
          const fp = await hashing;
          const imageId = image.imageId;
          ctx.madeThisRun.add(imageId);
          if (image.tiled) ctx.summary.pages.tiled += 1;
          else ctx.summary.pages.reused += 1;
          ctx.summary.pages.total += 1;
          const pageState: PageState = { file: page.file, ...fp, imageId, width: image.width, height: image.height };
          let text: AnnotationPage | undefined;
          let converted: PageResult['converted'];
          if (ctx.ocr && (ctx.config.OCR === 'all' || !page.alto)) {
            text = await recognisedText(ctx.ocr, item, page, { file, sha256: fp.sha256, width: image.width, height: image.height }, ctx);
          } else if (page.alto) {
            const textFile = insideFolder(item.folder, page.alto);
            try {
              const parsed = readFullText(xmlText(await readFile(textFile)), image.width, image.height);
              text = (await publishing()).buildTextPage(item.id, page.key, parsed.lines, ctx.urls, {
                width: image.width,
                height: image.height,
                ...(language ? { language } : {}),
              });
              if (parsed.format !== 'alto') {
                // Written aside at once, not kept: a newspaper's pages of ALTO would not fit in memory.
                const origin = { image: page.file, source: page.alto, format: TEXT_FORMAT_NAMES[parsed.format] };
                const written = path.join(writtenAltoDir(ctx.stagingDir, item.id), `${page.key}.xml`);
                await mkdir(path.dirname(written), { recursive: true });
                await writeFile(written, altoFromLines(parsed.lines, image.width, image.height, origin));
                converted = { format: parsed.format, alto: written };
              }
            } catch (err) {
              throw new ItemError(page.alto, `full text not readable: ${firstLine(err)}`);
            }
          }
          ctx.progress.page();
          return { page, pageState, text, ...(converted ? { converted } : {}) };
        } catch (err) {
          if (err instanceof ItemError) throw err;
          throw new ItemError(page.file, firstLine(err));
        }
      }),
    ),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const done = results.map((r) => (r as PromiseFulfilledResult<PageResult>).value);

  const pages: PageRecord[] = done.map(({ page, pageState, converted }) => ({
    key: page.key,
    ...(page.label !== undefined ? { label: page.label } : {}),
    file: page.file,
    imageId: pageState.imageId,
    width: pageState.width,
    height: pageState.height,
    ...(page.alto ? { alto: page.alto } : {}),
    ...(converted ? { textFormat: converted.format } : {}),
  }));
  const { folder: _folder, bag: _bag, metadataFile, metadataText: _metadataText, metadataLine: _metadataLine, pages: _pages, ...described } = item;
  const record: ItemRecord = {
    ...described,
    ...(metadataFile && !described.sourceRecord ? { sourceRecord: { file: path.basename(metadataFile), format: formatOf(metadataFile) } } : {}),
    pages,
  };
  const texts = new Map<string, AnnotationPage>();
  for (const d of done) if (d.text) texts.set(d.page.key, d.text);
  const writtenAlto = new Map(done.flatMap((d) => (d.converted ? [[d.page.key, d.converted.alto] as const] : [])));
  return { record, pageStates: Object.fromEntries(done.map((d) => [d.page.key, d.pageState])), texts, writtenAlto };
}

/**
 * A page's machine-read text, or undefined when Tesseract failed on it: the failure is reported with
 * item, file and reason, and the item is published without that page's text (a later run tries again,
 * since failures are not cached), because its images are worth publishing on their own.
 */
async function recognisedText(
  ocr: PageRecogniser,
  item: SourceItem,
  page: SourcePage,
  image: { file: string; sha256: string; width: number; height: number },
  ctx: ItemContext,
): Promise<AnnotationPage | undefined> {
  try {
    const read = await ocr.recognise({ ...image, item: { languages: item.languages, date: item.date } });
    if (read.cached) ctx.summary.ocr.reused += 1;
    else ctx.summary.ocr.recognised += 1;
    const language = item.languages[0];
    return (await publishing()).buildTextPage(item.id, page.key, read.lines, ctx.urls, {
      width: image.width,
      height: image.height,
      ...(language ? { language } : {}),
      machineRead: { software: read.software, models: read.models, homepage: TESSERACT_HOMEPAGE },
    });
  } catch (err) {
    const failure: ItemFailure = { item: item.id, file: shownPath(ctx.sourceRoot, image.file), reason: firstLine(err) };
    ctx.summary.ocr.failed.push(failure);
    ctx.log.warn(failure, 'page published without text: OCR failed');
    return undefined;
  }
}

function formatOf(file: string): 'mets' | 'csv' | 'json' {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : 'mets';
}

function validated<T>(validatePresentation: Publishing['validatePresentation'], what: string, json: T, opts: ValidationOptions): T {
  const result = validatePresentation(json, opts);
  if (!result.ok) throw new ItemError(undefined, `${what} is not valid IIIF: ${result.errors.slice(0, 3).join('; ')}`);
  return json;
}

/** Publishes an item's text pages, record and finally its manifest (the switch), logs the activity and saves state. */
async function finishItem(item: SourceItem, built: BuiltItem, ctx: ItemContext): Promise<void> {
  const { paths, urls, config, state } = ctx;
  const { record } = built;
  const { buildManifest, validatePresentation, canvasSizes } = await publishing();
  const manifest = validated(
    validatePresentation,
    'manifest',
    buildManifest(record, {
      urls,
      texts: new Map([...built.texts.keys()].map((k) => [k, true])),
      provider: { label: config.PROVIDER_LABEL, ...(config.PROVIDER_HOMEPAGE ? { homepage: config.PROVIDER_HOMEPAGE } : {}) },
      thumbnailWidth: DEFAULT_THUMBNAIL_WIDTH,
    }),
    { baseUrl: urls.base },
  );
  const canvases = canvasSizes(manifest);
  for (const [key, page] of built.texts) validated(validatePresentation, `full text of page ${key}`, page, { baseUrl: urls.base, canvases });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestHash = sha256Text(manifestText);
  const recordText = `${JSON.stringify(record, null, 2)}\n`;
  const before = state.items[item.id];
  const onDisk = await readFile(paths.manifest(item.id), 'utf8').catch(() => undefined);
  const recordOnDisk = await readFile(paths.record(item.id), 'utf8').catch(() => undefined);
  const altoSources = record.pages.flatMap((p) =>
    p.alto ? [{ key: p.key, source: built.writtenAlto.get(p.key) ?? insideFolder(item.folder, p.alto) }] : [],
  );
  const sourceHash = sha256Text(recordText);
  // A record a curator edited in the workspace (ingest/publishing/record-edit.ts) stands while its
  // source stays as it was when last ingested; a changed source wins (the edit stays in the history).
  const editStands = before?.sourceHash === sourceHash && recordOnDisk !== undefined && recordOnDisk !== recordText && onDisk !== undefined;
  const unchanged = onDisk === manifestText && recordOnDisk === recordText && before?.manifestHash === manifestHash;
  // The text pages too: a corrected text file, or OCR switched to `all`, changes a page's text and not the manifest.
  if ((unchanged && (await textPagesPublished(paths, item.id, built.texts))) || editStands) {
    // A data folder published before ALTO copies were kept gets them now, without republishing the item.
    await publishAltoCopies(paths, item.id, altoSources, ctx.stagingDir);
    await rm(writtenAltoDir(ctx.stagingDir, item.id), { recursive: true, force: true });
    // A touched but identical scan: remember its new mtime so the next run need not hash it again.
    if (JSON.stringify(before.pages) !== JSON.stringify(built.pageStates)) {
      before.pages = built.pageStates;
      await saveState(paths.state, state);
    }
    ctx.summary.unchanged.push(item.id);
    ctx.progress.item(editStands ? `unchanged ${item.id} (edited in the workspace; its source has not changed)` : `unchanged ${item.id}`);
    return;
  }

  for (const [key, page] of built.texts) await writeJsonAtomic(paths.textPage(item.id, key), page, ctx.stagingDir);
  await mkdir(paths.recordDir(item.id), { recursive: true });
  if (item.metadataFile && record.sourceRecord) {
    await writeFileAtomic(
      path.join(paths.recordDir(item.id), path.basename(record.sourceRecord.file)),
      await sourceRecordBytes(item, record.sourceRecord.format),
      ctx.stagingDir,
    );
  }
  await publishAltoCopies(paths, item.id, altoSources, ctx.stagingDir);
  await rm(writtenAltoDir(ctx.stagingDir, item.id), { recursive: true, force: true });
  await writeFileAtomic(paths.record(item.id), recordText, ctx.stagingDir);

  // The activity goes in before the switch: a crash in between repeats an Update, never loses one.
  const last = (await readActivities(paths.state)).findLast((a) => a.itemId === item.id);
  await appendActivity(paths.state, {
    type: !last || last.type === 'Delete' ? 'Create' : 'Update',
    itemId: item.id,
    endTime: new Date().toISOString(),
  });
  // The images only the old manifest names are retired in the state before the switch, so that no
  // crash can leave them unrecorded while caches still hand that manifest out.
  retireReplaced(state, onDisk, manifestText, ctx.now());
  await saveState(paths.state, state);
  await writeFileAtomic(paths.manifest(item.id), manifestText, ctx.stagingDir);

  state.items[item.id] = { pages: built.pageStates, manifestHash, sourceHash, publishedAt: new Date().toISOString() };
  await saveState(paths.state, state);

  // Images only the previous version used are deleted by the sweep of the first run after their
  // grace period, when no cache may still hand out the previous manifest or collection.
  await removeStaleTexts(paths, item.id, new Set(built.texts.keys()));
  await ctx.hooks.itemPublished?.(record);
  ctx.summary.published.push(item.id);
  ctx.progress.item(`published ${item.id} (${record.pages.length} page(s))`);
  ctx.log.info({ item: item.id, pages: record.pages.length }, 'published');
}

/** Where the ALTO written for an item's pages of PAGE XML or hOCR waits until it is published (the staging folder is emptied every run). */
function writtenAltoDir(stagingDir: string, itemId: string): string {
  return path.join(stagingDir, 'written-alto', itemId);
}

/** Whether each text page is on disk as built: a corrected ALTO, PAGE XML or hOCR file changes only its text page. */
async function textPagesPublished(paths: DataPaths, itemId: string, texts: Map<string, AnnotationPage>): Promise<boolean> {
  for (const [key, page] of texts) {
    const onDisk = await readFile(paths.textPage(itemId, key), 'utf8').catch(() => undefined);
    if (onDisk !== `${JSON.stringify(page, null, 2)}\n`) return false;
  }
  return true;
}

async function removeStaleTexts(paths: DataPaths, itemId: string, keep: Set<string>): Promise<void> {
  const dir = path.dirname(paths.textPage(itemId, 'x'));
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const f of files) {
    if (f.endsWith('.json') && !keep.has(f.slice(0, -5))) await rm(path.join(dir, f), { force: true });
  }
}
