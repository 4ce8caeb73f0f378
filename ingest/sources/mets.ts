// Reads an item folder described by METS with MODS, as digitisation workflows (Kitodo, Goobi,
// DFG-Viewer profile, OCR-D) export it: the descriptive MODS record of the item, the page sequence
// and page labels from the physical structMap, each page's image and full text from the file groups
// (chosen in mets-files.ts), and the table of contents from the logical structMap linked to pages
// by structLink.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { ItemType, TocEntry } from '../../manifests/item.ts';
import type { SourceItem, SourcePage, SourceProblem } from './source-item.ts';
import { fileStem, pageKeys } from './page-order.ts';
import type { ItemContext, ItemReading } from './item-context.ts';
import { plainFile, SUPPORTED_IMAGE } from './item-folder.ts';
import { filesOf, hasTextFile, hrefTarget, imageCandidates, isImageFile, type MetsFile, type MetsGroups, textCandidates } from './mets-files.ts';
import { detectTextFormat } from '../text/full-text.ts';
import { behaviorFor, compact, labelFor } from './item-fields.ts';
import { readMods, type ModsDescription } from './mods.ts';
import { rightsFromText } from '../../manifests/rights.ts';
import { toSafeId } from './safe-id.ts';
import { attr, child, children, descendants, parseXml, text, type XmlElement } from './xml.ts';

const PERIODICAL_DIVS = new Set(['periodical', 'newspaper', 'volume', 'issue', 'article', 'year', 'month', 'day', 'journal']);

function structMap(mets: XmlElement, type: string): XmlElement | undefined {
  return children(mets, 'structMap').find((m) => (attr(m, 'TYPE') ?? '').toUpperCase() === type);
}

/** The page sequence: the PHYSICAL structMap, else the one structMap that is not LOGICAL (Transkribus' TYPE="MANUSCRIPT"). */
function physicalMap(mets: XmlElement): XmlElement | undefined {
  const others = children(mets, 'structMap').filter((m) => (attr(m, 'TYPE') ?? '').toUpperCase() !== 'LOGICAL');
  return structMap(mets, 'PHYSICAL') ?? (others.length === 1 ? others[0] : undefined);
}

function fileIdsOf(div: XmlElement): string[] {
  return children(div, 'fptr').flatMap((f) => {
    const direct = attr(f, 'FILEID');
    const areas = [...descendants(f, 'area'), ...descendants(f, 'seq', 'area'), ...descendants(f, 'par', 'area')];
    return [...(direct ? [direct] : []), ...areas.map((a) => attr(a, 'FILEID') ?? '').filter(Boolean)];
  });
}

/** The page divs of the physical structMap in ORDER (document order where ORDER is missing). */
function physicalPages(map: XmlElement | undefined): XmlElement[] {
  const top = children(map, 'div');
  const sequence = top.length === 1 && children(top[0], 'div').length > 0 ? children(top[0], 'div') : top;
  return sequence
    .map((div, index) => ({ div, index, order: Number(attr(div, 'ORDER')) }))
    .sort((a, b) => (Number.isFinite(a.order) && Number.isFinite(b.order) ? a.order - b.order : 0) || a.index - b.index)
    .map((p) => p.div);
}

/** Finds the folder's copy of an image METS names: by its path, or by its file name for a URL or an absolute path. */
function matchLocal(href: string, metsDir: string, candidates: readonly string[]): string | undefined {
  const target = hrefTarget(href, metsDir);
  if (target.kind === 'inside') return candidates.includes(target.path) ? target.path : undefined;
  if (target.kind === 'outside') return undefined;
  const sameName = candidates.filter((c) => path.posix.basename(c) === target.name);
  return sameName.length === 1 ? sameName[0] : undefined;
}

/** The dmdSec records by ID, each its MODS element. */
function modsById(mets: XmlElement): Map<string, XmlElement> {
  const records = new Map<string, XmlElement>();
  for (const dmd of children(mets, 'dmdSec')) {
    const mods = descendants(dmd, 'mdWrap', 'xmlData', 'mods')[0] ?? descendants(dmd, 'mdWrap', 'xmlData', 'modsCollection', 'mods')[0];
    if (mods) records.set(attr(dmd, 'ID') ?? `#${records.size}`, mods);
  }
  return records;
}

/**
 * The logical divs that stand for the whole item, from the top: the parents a workflow names with a
 * pointer to their own METS (mets:mptr), down to the item's div, as Kitodo.Presentation reads it: the
 * first div with a record and no mptr. A div holding the whole of the item alone is no item of its
 * own: a volume's one article stays an entry of its table of contents. Without such a div, every
 * div down while one covers it all.
 */
function itemLevelDivs(logical: XmlElement | undefined, mods: Map<string, XmlElement>): XmlElement[] {
  const chain: XmlElement[] = [];
  let level = children(logical, 'div');
  while (level.length === 1 && level[0]) {
    const div = level[0];
    chain.push(div);
    if (children(div, 'mptr').length === 0 && dmdIds(div).some((id) => mods.has(id))) return chain;
    level = children(div, 'div');
  }
  return chain;
}

function dmdIds(div: XmlElement): string[] {
  return (attr(div, 'DMDID') ?? '').split(/\s+/).filter(Boolean);
}

interface TocContext {
  links: Map<string, Set<string>>;
  keyByPhysId: Map<string, string>;
  pageOrder: Map<string, number>;
  mods: Map<string, XmlElement>;
}

function tocEntry(div: XmlElement, ctx: TocContext): TocEntry | undefined {
  const childEntries = children(div, 'div').flatMap((d) => tocEntry(d, ctx) ?? []);
  const own = [...(ctx.links.get(attr(div, 'ID') ?? '') ?? [])].flatMap((phys) => ctx.keyByPhysId.get(phys) ?? []);
  const keys = own.length > 0 ? own : childEntries.flatMap((e) => e.pages);
  const pages = [...new Set(keys)].sort((a, b) => (ctx.pageOrder.get(a) ?? 0) - (ctx.pageOrder.get(b) ?? 0));
  if (pages.length === 0 && childEntries.length === 0) return undefined;
  const dmdTitle = dmdIds(div)
    .map((id) => ctx.mods.get(id))
    .map((m) => (m ? readMods(m).title : undefined))
    .find(Boolean);
  const type = attr(div, 'TYPE');
  const label = attr(div, 'LABEL')?.trim() || dmdTitle || attr(div, 'ORDERLABEL')?.trim() || type || '';
  return compact({ label, type, pages, children: childEntries });
}

function tableOfContents(logical: XmlElement | undefined, itemDivs: XmlElement[], ctx: TocContext): TocEntry[] {
  const last = itemDivs.at(-1);
  const entries = last ? children(last, 'div') : children(logical, 'div');
  return entries.flatMap((d) => tocEntry(d, ctx) ?? []);
}

function structLinks(mets: XmlElement): Map<string, Set<string>> {
  const links = new Map<string, Set<string>>();
  for (const link of descendants(mets, 'structLink', 'smLink')) {
    const from = attr(link, 'from');
    const to = attr(link, 'to');
    if (!from || !to) continue;
    let set = links.get(from);
    if (!set) {
      set = new Set();
      links.set(from, set);
    }
    set.add(to);
  }
  return links;
}

function typeFrom(mods: ModsDescription, itemDivs: XmlElement[]): ItemType {
  if (mods.type) return mods.type;
  const divTypes = itemDivs.map((d) => (attr(d, 'TYPE') ?? '').toLowerCase());
  if (divTypes.some((t) => PERIODICAL_DIVS.has(t))) return 'periodical';
  if (divTypes.some((t) => t === 'manuscript')) return 'manuscript';
  if (divTypes.some((t) => t === 'map')) return 'map';
  return 'book';
}

/**
 * The licence codes of the DFG-Viewer METS profile's `dv:license` as rights URIs. The Creative
 * Commons codes name no version: the current one, 4.0, is taken. `reserved` (all rights reserved)
 * is In Copyright.
 */
const DV_LICENSES: Record<string, string> = {
  pdm: 'http://creativecommons.org/publicdomain/mark/1.0/',
  cc0: 'http://creativecommons.org/publicdomain/zero/1.0/',
  ...Object.fromEntries(
    ['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd'].map((c) => [`cc-${c}`, `http://creativecommons.org/licenses/${c}/4.0/`]),
  ),
  reserved: 'http://rightsstatements.org/vocab/InC/1.0/',
};

/** The rights a `dv:license` gives: a profile code, else a licence written another way (a URI, `CC BY 4.0`), else undefined. */
function dvLicenseRights(value: string): string | undefined {
  return DV_LICENSES[value.trim().toLowerCase()] ?? rightsFromText(value);
}

/** The DFG-Viewer rights block (`dv:rights`): the owner to credit, and a licence in newer profiles. */
function dvRights(mets: XmlElement): { owner?: string; license?: string } {
  const rights = descendants(mets, 'amdSec', 'rightsMD', 'mdWrap', 'xmlData', 'rights')[0];
  return compact({ owner: text(child(rights, 'owner')), license: text(child(rights, 'license')) });
}

interface Page {
  file: string;
  label?: string;
  alto?: string;
  physId?: string;
}

interface PageContext {
  ctx: ItemContext;
  metsDir: string;
  groups: MetsGroups;
  /** The page as problems name it (`mets.xml page 2 (PHYS_0002)`). */
  where: string;
  problem: (reason: string) => void;
}

/**
 * One page of the physical structMap: its image from the best file group whose file is in the item
 * folder, its full text likewise. A href that leaves the folder is refused, whichever group it is in.
 */
async function pageOf(div: XmlElement, divFiles: MetsFile[], pc: PageContext): Promise<Page | undefined> {
  const { ctx, metsDir, groups, where, problem } = pc;
  const images = imageCandidates(divFiles, groups);
  if (images.length === 0) return undefined;
  const texts = textCandidates(divFiles, groups);
  const escaping = [...images, ...texts].filter((f) => hrefTarget(f.href, metsDir).kind === 'outside');
  if (escaping.length > 0) {
    for (const f of escaping) problem(`${where} names ${f.href}, which leaves the item folder; only files inside it are read`);
    return undefined;
  }
  let image: string | undefined;
  for (const f of images) {
    image = await localFile(f.href, pc, ctx.files.images, SUPPORTED_IMAGE);
    if (image) break;
  }
  if (!image) {
    problem(`${where} names ${images.map((f) => f.href).join(' or ')}, which is not in the item folder (or not a TIFF, JPEG, PNG or WebP image)`);
    return undefined;
  }
  let alto: string | undefined;
  if (texts.length > 0) {
    for (const f of texts) {
      alto = (await localFile(f.href, pc, [], /\.xml$/i)) ?? ctx.files.altoByStem.get(fileStem(f.href));
      if (alto) break;
    }
    if (!alto) problem(`${where} names full text ${texts.map((f) => f.href).join(' or ')}, which is not in the item folder`);
  } else if (!hasTextFile(divFiles, groups)) {
    alto = (await unnamedText(divFiles, pc)) ?? ctx.files.altoByStem.get(fileStem(image));
  }
  const label = pageLabel(attr(div, 'ORDERLABEL')) || pageLabel(attr(div, 'LABEL'));
  return compact({ file: image, label, alto, physId: attr(div, 'ID') });
}

/** What Kitodo and Goobi write as the label of a page that bears no number: ` - `, `uncounted`. */
const NO_NUMBER = /^(-|uncounted)$/i;

/** A page label as printed, or undefined when the attribute is empty or says the page has no number. */
function pageLabel(value: string | undefined): string | undefined {
  const label = value?.trim();
  return label && !NO_NUMBER.test(label) ? label : undefined;
}

/** How much of a file is read to tell its format: the root element, or an hOCR `ocr_page` near the top. */
const SNIFF_BYTES = 100_000;

/**
 * A page's full text in a file whose group and MIMETYPE do not say what it is (eScriptorium's
 * `export` group of PAGE XML): an XML or HTML file of the page in the folder, taken when its content
 * is ALTO, PAGE XML or hOCR, so other XML a page names (TEI, say) is never read as its text.
 */
async function unnamedText(divFiles: MetsFile[], pc: PageContext): Promise<string | undefined> {
  for (const f of divFiles) {
    if (isImageFile(f, pc.groups)) continue;
    const local = await localFile(f.href, pc, [], /\.(xml|html?|hocr)$/i);
    if (!local) continue;
    const handle = await open(path.join(pc.ctx.folder, local), 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
      if (detectTextFormat(buffer.toString('utf8', 0, bytesRead))) return local;
    } finally {
      await handle.close();
    }
  }
  return undefined;
}

/**
 * The item folder's file an href names: a relative path that is a plain, visible file there (no
 * symbolic link on the way), or, for a URL or absolute path, the one file of `byName` with its name.
 */
async function localFile(href: string, pc: PageContext, byName: readonly string[], kind: RegExp): Promise<string | undefined> {
  const target = hrefTarget(href, pc.metsDir);
  if (target.kind === 'outside') return undefined;
  if (target.kind === 'elsewhere') {
    const sameName = byName.filter((c) => path.posix.basename(c) === target.name);
    return sameName.length === 1 ? sameName[0] : undefined;
  }
  if (!kind.test(target.path)) return undefined;
  if (target.path.split('/').some((part) => part.startsWith('.'))) {
    pc.problem(`${pc.where} names ${href}, which is hidden (a name starting with a dot) and not read: rename it`);
    return undefined;
  }
  const found = await plainFile(pc.ctx.folder, target.path);
  if (found === 'link') pc.problem(`${pc.where} names ${href}, which is a symbolic link; links are not followed`);
  return found === 'file' ? target.path : undefined;
}

/** Reads `mets.xml` of one item folder. */
export async function readMets(xml: string, metsFile: string, ctx: ItemContext): Promise<ItemReading> {
  const file = ctx.shown(metsFile);
  const fail = (item: string, reason: string): ItemReading => ({ problems: [{ item, file, reason }] });
  let doc: XmlElement;
  try {
    doc = parseXml(xml);
  } catch (error) {
    return fail(ctx.folderName, `${path.basename(metsFile)} is ${(error as Error).message}`);
  }
  const mets = child(doc, 'mets');
  if (!mets) return fail(ctx.folderName, `${path.basename(metsFile)} is not METS: its root element is not <mets>`);
  // A METS without MODS (eScriptorium's export, a bare structural METS) still gives the pages and
  // their text: the item is published untitled, as a folder without metadata is.
  const mods = modsById(mets);
  const warnings: SourceProblem[] = [];

  const logical = structMap(mets, 'LOGICAL');
  const itemDivs = itemLevelDivs(logical, mods);
  const mainDmdId = itemDivs
    .flatMap(dmdIds)
    .reverse()
    .find((id) => mods.has(id));
  const records = [...mods.values()];
  const mainMods = (mainDmdId && mods.get(mainDmdId)) || records.find((m) => readMods(m).title) || records[0] || {};
  const description = readMods(mainMods);

  const localId = description.identifiers.find((i) => i.type.toLowerCase() === 'local');
  const id = (localId && toSafeId(localId.value)) || (ctx.identifier && toSafeId(ctx.identifier)) || toSafeId(ctx.folderName);
  const problems: SourceProblem[] = [];
  const problem = (reason: string, at = file) => problems.push({ item: id || ctx.folderName, file: at, reason });
  if (mods.size === 0)
    warnings.push({ item: id || ctx.folderName, file, reason: `${path.basename(metsFile)} has no MODS description: published as "Untitled"` });
  if (!id) problem(`cannot make an item id from the folder name ${JSON.stringify(ctx.folderName)}: rename the folder with letters or digits`);
  for (const value of description.unknownLanguages) problem(`MODS language ${JSON.stringify(value)} is not an ISO 639 code or a known language name`);
  for (const reason of description.refusedUrls) problem(reason);

  const files = filesOf(mets);
  const physicalDivs = physicalPages(physicalMap(mets));
  const metsDir = path.relative(ctx.folder, path.dirname(metsFile)).split(path.sep).join('/');
  const metsName = path.basename(metsFile);
  const referenced = new Set<string>();
  for (const f of files.values()) {
    const local = matchLocal(f.href, metsDir, ctx.files.images);
    if (local) referenced.add(local);
  }

  const pages: Page[] = [];
  for (const [index, div] of physicalDivs.entries()) {
    const where = `${metsName} page ${attr(div, 'ORDER') ?? index + 1}${attr(div, 'ID') ? ` (${attr(div, 'ID')})` : ''}`;
    const divFiles = fileIdsOf(div).flatMap((fid) => files.get(fid) ?? []);
    const page = await pageOf(div, divFiles, { ctx, metsDir, groups: ctx.metsGroups, where, problem });
    if (page) pages.push(page);
  }
  if (physicalDivs.length === 0 || pages.length === 0) {
    // No page sequence in METS (some exports leave it out): the folder's images in name order.
    for (const image of ctx.files.images) pages.push(compact({ file: image, alto: ctx.files.altoByStem.get(fileStem(image)) }));
  } else {
    const used = new Set(pages.map((p) => p.file));
    for (const image of ctx.files.images) {
      if (!used.has(image) && !referenced.has(image))
        problem(`${image} is in the item folder but not in the page sequence of ${path.basename(metsFile)}`, ctx.shown(path.join(ctx.folder, image)));
    }
  }

  const keys = pageKeys(pages.map((p) => p.file));
  const sourcePages: SourcePage[] = pages.map((p, i) => compact({ key: keys[i]!, label: p.label, file: p.file, alto: p.alto }));
  const keyByPhysId = new Map(pages.flatMap((p, i) => (p.physId ? [[p.physId, keys[i]!] as const] : [])));
  const toc = tableOfContents(logical, itemDivs, {
    links: structLinks(mets),
    keyByPhysId,
    pageOrder: new Map(keys.map((k, i) => [k, i])),
    mods,
  });

  const dv = dvRights(mets);
  const dvLicense = dv.license ? dvLicenseRights(dv.license) : undefined;
  if (dv.license && !description.rights && !dvLicense) {
    problem(
      `dv:license ${JSON.stringify(dv.license)} is not a DFG-Viewer licence code (${Object.keys(DV_LICENSES).join(', ')}); give the licence in MODS accessCondition`,
    );
  }
  const type = typeFrom(description, itemDivs);
  const { title, unknownLanguages: _unknown, refusedUrls: _refused, type: _type, rights, summary, ...fields } = description;
  const item: SourceItem = compact({
    ...fields,
    id,
    type,
    ...labelFor(title),
    summary: summary ? { none: [summary] } : undefined,
    rights: rights ?? dvLicense ?? ctx.inherited.rights,
    attribution: dv.owner ?? ctx.inherited.attribution,
    externalUrl: fields.externalUrl ?? presentationUrl(mets),
    sourceRecord: { file: 'mets.xml', format: 'mets' as const },
    behavior: behaviorFor(type),
    viewingDirection: 'left-to-right' as const,
    folder: ctx.folder,
    metadataFile: metsFile,
    pages: sourcePages,
    toc,
  });
  if (item.pages.length === 0) problem('the item has no page images (TIFF, JPEG, PNG or WebP, in the folder or in images/)', ctx.shown(ctx.folder));
  return problems.length > 0 ? { problems } : { item, problems, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** The holding library's own viewer, as the DFG-Viewer links block gives it. */
function presentationUrl(mets: XmlElement): string | undefined {
  const links = descendants(mets, 'amdSec', 'digiprovMD', 'mdWrap', 'xmlData', 'links');
  return links.map((l) => text(child(l, 'presentation'))).find((u) => /^https?:\/\//.test(u));
}
