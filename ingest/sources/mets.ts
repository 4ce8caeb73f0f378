// Reads an item folder described by METS with MODS, as digitisation workflows (Kitodo, Goobi,
// DFG-Viewer profile, OCR-D) export it: the descriptive MODS record of the item, the page sequence
// and page labels from the physical structMap, full text (ALTO, PAGE XML, hOCR) from its file
// group, and the table of contents from the logical structMap linked to pages by structLink.
import path from 'node:path';
import type { ItemType, TocEntry } from '../../manifests/item.ts';
import type { SourceItem, SourcePage, SourceProblem } from './source-item.ts';
import { fileStem, pageKeys } from './page-order.ts';
import type { ItemContext, ItemReading } from './item-context.ts';
import { SUPPORTED_IMAGE } from './item-folder.ts';
import { behaviorFor, compact, labelFor } from './item-fields.ts';
import { readMods, type ModsDescription } from './mods.ts';
import { rightsFromText } from '../../manifests/rights.ts';
import { toSafeId } from './safe-id.ts';
import { attr, child, children, descendants, parseXml, text, type XmlElement } from './xml.ts';

interface MetsFile {
  id: string;
  use: string;
  href: string;
  mimetype: string;
}

/** File groups holding page images, best first: the master scan is what gets tiled. */
const IMAGE_GROUP_PREFERENCE = ['MASTER', 'ORIGINAL', 'MAX', 'DEFAULT', 'PRESENTATION', 'LOCAL'];
const TEXT_GROUP = /FULLTEXT|ALTO|OCR|PAGEXML/i;

const PERIODICAL_DIVS = new Set(['periodical', 'newspaper', 'volume', 'issue', 'article', 'year', 'month', 'day', 'journal']);

function filesOf(mets: XmlElement): Map<string, MetsFile> {
  const files = new Map<string, MetsFile>();
  const walk = (group: XmlElement, use: string) => {
    const groupUse = attr(group, 'USE') ?? use;
    for (const file of children(group, 'file')) {
      const id = attr(file, 'ID');
      const href = attr(child(file, 'FLocat'), 'href');
      if (id && href) files.set(id, { id, use: groupUse, href, mimetype: attr(file, 'MIMETYPE') ?? '' });
    }
    for (const nested of children(group, 'fileGrp')) walk(nested, groupUse);
  };
  for (const group of descendants(mets, 'fileSec', 'fileGrp')) walk(group, '');
  return files;
}

function structMap(mets: XmlElement, type: string): XmlElement | undefined {
  return children(mets, 'structMap').find((m) => (attr(m, 'TYPE') ?? '').toUpperCase() === type);
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

function imageGroupRank(use: string): number {
  const rank = IMAGE_GROUP_PREFERENCE.indexOf(use.toUpperCase());
  return rank === -1 ? IMAGE_GROUP_PREFERENCE.length : rank;
}

function isImageFile(file: MetsFile): boolean {
  return !TEXT_GROUP.test(file.use) && (file.mimetype.startsWith('image/') || SUPPORTED_IMAGE.test(file.href));
}

function isTextFile(file: MetsFile): boolean {
  return TEXT_GROUP.test(file.use) || /alto|prima\.page|hocr/i.test(file.mimetype);
}

/** An FLocat href as a path relative to the item folder, when it points inside it. */
function localPath(href: string): string | undefined {
  let p = href;
  if (/^file:/i.test(p)) p = p.replace(/^file:(\/\/)?/i, '');
  else if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return undefined;
  try {
    p = decodeURIComponent(p);
  } catch {
    return undefined;
  }
  const normal = path.posix.normalize(p.replaceAll('\\', '/'));
  if (path.posix.isAbsolute(normal) || normal.startsWith('../') || normal === '..') return undefined;
  return normal.replace(/^\.\//, '');
}

/** Finds the folder's copy of a file METS names: the same relative path, else the same file name. */
function matchLocal(href: string, candidates: readonly string[]): string | undefined {
  const local = localPath(href);
  if (local && candidates.includes(local)) return local;
  const base = path.posix.basename(href.replaceAll('\\', '/').replace(/[?#].*$/, ''));
  const sameName = candidates.filter((c) => path.posix.basename(c) === base);
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

/** The logical divs that stand for the whole item: from the top, as long as one div covers it all. */
function itemLevelDivs(logical: XmlElement | undefined): XmlElement[] {
  const chain: XmlElement[] = [];
  let level = children(logical, 'div');
  while (level.length === 1 && level[0]) {
    chain.push(level[0]);
    level = children(level[0], 'div');
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

/** The DFG-Viewer rights block (`dv:rights`): the owner to credit, and a licence in newer profiles. */
function dvRights(mets: XmlElement): { owner?: string; license?: string } {
  const rights = descendants(mets, 'amdSec', 'rightsMD', 'mdWrap', 'xmlData', 'rights')[0];
  return compact({ owner: text(child(rights, 'owner')), license: text(child(rights, 'license')) });
}

/** Reads `mets.xml` of one item folder. */
export function readMets(xml: string, metsFile: string, ctx: ItemContext): ItemReading {
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
  const mods = modsById(mets);
  if (mods.size === 0) return fail(ctx.folderName, `${path.basename(metsFile)} has no MODS description (no dmdSec with mdWrap/xmlData/mods)`);

  const logical = structMap(mets, 'LOGICAL');
  const itemDivs = itemLevelDivs(logical);
  const mainDmdId = itemDivs
    .flatMap(dmdIds)
    .reverse()
    .find((id) => mods.has(id));
  const records = [...mods.values()];
  const mainMods = (mainDmdId && mods.get(mainDmdId)) || records.find((m) => readMods(m).title) || records[0]!;
  const description = readMods(mainMods);

  const localId = description.identifiers.find((i) => i.type.toLowerCase() === 'local');
  const id = (localId && toSafeId(localId.value)) || toSafeId(ctx.folderName);
  const problems: SourceProblem[] = [];
  const problem = (reason: string, at = file) => problems.push({ item: id || ctx.folderName, file: at, reason });
  if (!id) problem(`cannot make an item id from the folder name ${JSON.stringify(ctx.folderName)}: rename the folder with letters or digits`);
  for (const value of description.unknownLanguages) problem(`MODS language ${JSON.stringify(value)} is not an ISO 639 code or a known language name`);
  for (const reason of description.refusedUrls) problem(reason);

  const files = filesOf(mets);
  const physicalDivs = physicalPages(structMap(mets, 'PHYSICAL'));
  const referenced = new Set<string>();
  for (const f of files.values()) {
    const local = matchLocal(f.href, ctx.files.images);
    if (local) referenced.add(local);
  }

  interface Page {
    file: string;
    label?: string;
    alto?: string;
    physId?: string;
  }
  const pages: Page[] = [];
  for (const [index, div] of physicalDivs.entries()) {
    const divFiles = fileIdsOf(div).flatMap((fid) => files.get(fid) ?? []);
    const imageFiles = divFiles.filter(isImageFile).sort((a, b) => imageGroupRank(a.use) - imageGroupRank(b.use));
    if (imageFiles.length === 0) continue;
    const image = imageFiles.map((f) => matchLocal(f.href, ctx.files.images)).find(Boolean);
    const where = `page ${attr(div, 'ORDER') ?? index + 1}${attr(div, 'ID') ? ` (${attr(div, 'ID')})` : ''}`;
    if (!image) {
      problem(`${path.basename(metsFile)} ${where} names ${imageFiles.map((f) => f.href).join(' or ')}, which is not in the item folder`);
      continue;
    }
    const textFile = divFiles.find(isTextFile);
    let alto: string | undefined;
    if (textFile) {
      const local = localPath(textFile.href);
      alto = local && [...ctx.files.altoByStem.values()].includes(local) ? local : ctx.files.altoByStem.get(fileStem(textFile.href));
      if (!alto) problem(`${path.basename(metsFile)} ${where} names full text ${textFile.href}, which is not in the item folder`);
    } else {
      alto = ctx.files.altoByStem.get(fileStem(image));
    }
    const label = attr(div, 'ORDERLABEL')?.trim() || attr(div, 'LABEL')?.trim() || undefined;
    pages.push(compact({ file: image, label, alto, physId: attr(div, 'ID') }));
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
  const type = typeFrom(description, itemDivs);
  const { title, unknownLanguages: _unknown, refusedUrls: _refused, type: _type, rights, summary, ...fields } = description;
  const item: SourceItem = compact({
    ...fields,
    id,
    type,
    ...labelFor(title),
    summary: summary ? { none: [summary] } : undefined,
    rights: rights ?? (dv.license ? rightsFromText(dv.license) : undefined) ?? ctx.inherited.rights,
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
  return problems.length > 0 ? { problems } : { item, problems };
}

/** The holding library's own viewer, as the DFG-Viewer links block gives it. */
function presentationUrl(mets: XmlElement): string | undefined {
  const links = descendants(mets, 'amdSec', 'digiprovMD', 'mdWrap', 'xmlData', 'links');
  return links.map((l) => text(child(l, 'presentation'))).find((u) => /^https?:\/\//.test(u));
}
