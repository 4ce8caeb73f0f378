// Reads a curator's spreadsheet saved as CSV at a collection's root: one row an item, columns named
// in Dutch, French or English as people actually name them. The `file` column names the item's
// image(s) (several separated by `;`), relative to the CSV's folder or its `images/` folder.
// A row with a problem is reported and left out; the other rows still come through.
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Agent, Identifier, ItemType } from '../../manifests/item.ts';
import type { SourceItem, SourceProblem, SourceScan } from './source-item.ts';
import { fileStem, pageKeys } from './page-order.ts';
import type { Inherited } from './item-context.ts';
import { plainFile, SUPPORTED_IMAGE } from './item-folder.ts';
import { behaviorFor, compact, labelFor } from './item-fields.ts';
import { normaliseLanguage } from './languages.ts';
import { rightsFromText } from '../../manifests/rights.ts';
import { toSafeId } from './safe-id.ts';

type Field =
  | 'id'
  | 'file'
  | 'title'
  | 'creator'
  | 'author'
  | 'date'
  | 'language'
  | 'publisher'
  | 'printer'
  | 'place'
  | 'rights'
  | 'attribution'
  | 'source'
  | 'note'
  | 'shelfmark'
  | 'subjects'
  | 'type'
  | 'viewingDirection'
  | 'labels'
  | 'institution'
  | 'summary';

/** Accepted column names (compared lower-case, accents, spaces, `_` and `-` removed) per field. */
export const COLUMN_NAMES: Record<Field, string[]> = {
  id: ['id', 'identifier', 'identificatie', 'identifiant', 'itemid', 'objectnummer', 'inventarisnummer'],
  file: [
    'file',
    'files',
    'filename',
    'bestand',
    'bestanden',
    'bestandsnaam',
    'fichier',
    'fichiers',
    'image',
    'images',
    'afbeelding',
    'afbeeldingen',
    'scan',
    'scans',
  ],
  title: ['title', 'titel', 'titre', 'label', 'intitule'],
  creator: ['creator', 'creators', 'maker', 'makers', 'vervaardiger', 'createur', 'kunstenaar', 'artist', 'artiste'],
  author: ['author', 'authors', 'auteur', 'auteurs', 'schrijver', 'verfasser'],
  date: ['date', 'datum', 'jaar', 'year', 'annee', 'datering'],
  language: ['language', 'languages', 'taal', 'talen', 'langue', 'langues', 'lang'],
  publisher: ['publisher', 'uitgever', 'editeur', 'verlag'],
  printer: ['printer', 'drukker', 'imprimeur', 'drucker'],
  place: ['place', 'plaats', 'lieu', 'placeofpublication', 'plaatsvanuitgave', 'lieudepublication', 'ort'],
  rights: ['rights', 'rechten', 'droits', 'license', 'licence', 'licentie', 'rightsstatement'],
  attribution: ['attribution', 'naamsvermelding', 'credit', 'credits', 'requiredstatement'],
  source: ['source', 'bron', 'url', 'link', 'lien', 'externalurl'],
  note: ['note', 'notes', 'opmerking', 'opmerkingen', 'noot', 'remarque', 'remarques', 'commentaire', 'comment'],
  shelfmark: ['shelfmark', 'signatuur', 'plaatsnummer', 'plaatskenmerk', 'cote', 'callnumber'],
  subjects: ['subject', 'subjects', 'onderwerp', 'onderwerpen', 'trefwoord', 'trefwoorden', 'sujet', 'sujets', 'motscles', 'keywords'],
  type: ['type', 'soort', 'objecttype'],
  viewingDirection: ['viewingdirection', 'leesrichting', 'sensdelecture', 'direction'],
  labels: ['pagelabels', 'paginalabels', 'labelspages', 'etiquettespages'],
  institution: ['institution', 'holdinginstitution', 'bibliotheek', 'instelling', 'bibliotheque', 'library'],
  summary: ['summary', 'description', 'beschrijving', 'samenvatting', 'resume'],
};

const TYPE_WORDS: Record<string, ItemType> = {
  book: 'book',
  boek: 'book',
  livre: 'book',
  print: 'print',
  prent: 'print',
  gravure: 'print',
  estampe: 'print',
  'single page': 'print',
  blad: 'print',
  periodical: 'periodical',
  tijdschrift: 'periodical',
  krant: 'periodical',
  periodique: 'periodical',
  journal: 'periodical',
  newspaper: 'periodical',
  manuscript: 'manuscript',
  handschrift: 'manuscript',
  manuscrit: 'manuscript',
  map: 'map',
  kaart: 'map',
  carte: 'map',
  other: 'other',
  ander: 'other',
  autre: 'other',
};

function plain(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-.'’]+/g, '');
}

function fieldOf(column: string): Field | undefined {
  const p = plain(column);
  return (Object.keys(COLUMN_NAMES) as Field[]).find((f) => COLUMN_NAMES[f].includes(p));
}

/** Comma, semicolon (spreadsheets in nl/fr locales) or tab: whichever the header line uses most. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** UTF-8 (with or without BOM), else Windows-1252 as older Excel saves it. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function splitList(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * A `file` cell entry as a path relative to the collection folder, if it is one there. The folder's
 * listing (plain files only, no links) answers most entries; only the rest (subfolders,
 * case-insensitive disks) cost file system calls each, which for 100,000 rows took ten seconds.
 */
async function locate(entry: string, ctx: CsvContext): Promise<string | undefined> {
  const normal = path.posix.normalize(entry.replaceAll('\\', '/'));
  if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) return undefined;
  const candidates = [normal, `images/${normal}`];
  const listed = candidates.find((c) => ctx.images.has(c));
  if (listed) return listed;
  for (const candidate of candidates) {
    // A link is never followed: it could publish any file on the machine.
    if ((await plainFile(ctx.folder, candidate)) === 'file') return candidate;
  }
  return undefined;
}

interface RowRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export interface CsvContext {
  /** Absolute path of the collection folder holding the CSV. */
  folder: string;
  inherited: Inherited;
  /** ALTO files of the collection by file stem (`alto/<stem>.xml`). */
  altoByStem: Map<string, string>;
  /** Supported images the folder's listing holds (`a.jpg`, `images/a.jpg`), relative to it. */
  images: ReadonlySet<string>;
  shown: (absolutePath: string) => string;
}

/** Reads a collection CSV (`items.csv`) into items, one per row. */
export async function readCsv(bytes: Uint8Array, csvFile: string, ctx: CsvContext): Promise<SourceScan> {
  const file = ctx.shown(csvFile);
  const collection = path.basename(ctx.folder);
  const text = decodeCsv(bytes);
  let rows: RowRecord[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as RowRecord[];
  } catch (error) {
    return {
      items: [],
      problems: [{ item: collection, file, reason: `${path.basename(csvFile)} cannot be read as CSV: ${(error as Error).message}` }],
    };
  }
  const [header, ...data] = rows;
  if (!header) return { items: [], problems: [{ item: collection, file, reason: `${path.basename(csvFile)} is empty` }] };
  const columns = header.record.map(fieldOf);
  if (!columns.includes('file')) {
    return {
      items: [],
      problems: [
        { item: collection, file, reason: `${path.basename(csvFile)} has no file column (accepted names: ${COLUMN_NAMES.file.join(', ')})` },
      ],
    };
  }
  const items: SourceItem[] = [];
  const problems: SourceProblem[] = [];
  for (const row of data) {
    const cells = new Map<Field, string>();
    row.record.forEach((cell, i) => {
      const field = columns[i];
      if (field && !cells.get(field)) cells.set(field, cell.trim());
    });
    if (row.record.every((c) => c.trim() === '')) continue;
    const result = await readRow(row, cells, header, file, csvFile, ctx);
    if (result.item) items.push(result.item);
    problems.push(...result.problems);
  }
  return { items, problems };
}

async function readRow(
  row: RowRecord,
  cells: Map<Field, string>,
  header: RowRecord,
  file: string,
  csvFile: string,
  ctx: CsvContext,
): Promise<{ item?: SourceItem; problems: SourceProblem[] }> {
  const get = (field: Field) => cells.get(field) ?? '';
  const entries = splitList(get('file'), /[;|\n]/);
  const id = toSafeId(get('id')) || (entries[0] ? toSafeId(fileStem(entries[0])) : '');
  const where = `line ${row.info.lines}`;
  const problems: SourceProblem[] = [];
  const problem = (reason: string) => problems.push({ item: id || where, file, reason: `${where}: ${reason}` });
  if (!id)
    problem(get('id') ? `id ${JSON.stringify(get('id'))} has no letters or digits to make an item id from` : 'the row has neither an id nor a file');
  if (row.record.length > header.record.length)
    problem(`the row has ${row.record.length} cells but the header names ${header.record.length} columns`);
  if (entries.length === 0) problem('the file column is empty');

  const files: string[] = [];
  for (const entry of entries) {
    if (!SUPPORTED_IMAGE.test(entry)) {
      problem(`${entry} is not a supported image format (TIFF, JPEG, PNG, WebP or JPEG 2000)`);
      continue;
    }
    const found = await locate(entry, ctx);
    if (found) files.push(found);
    else problem(`file ${entry} is not in the collection folder or its images/ folder`);
  }

  const languages: string[] = [];
  for (const value of splitList(get('language'), /[;,|/]/)) {
    const code = normaliseLanguage(value);
    if (code) languages.push(code);
    else problem(`language ${JSON.stringify(value)} is not an ISO 639 code or a known language name`);
  }
  let rights = ctx.inherited.rights;
  if (get('rights')) {
    const uri = rightsFromText(get('rights'));
    if (uri) rights = uri;
    else problem(`rights ${JSON.stringify(get('rights'))} is not a rightsstatements.org or Creative Commons URI`);
  }
  let type: ItemType = files.length > 1 || entries.length > 1 ? 'book' : 'print';
  if (get('type')) {
    const t = TYPE_WORDS[get('type').toLowerCase()];
    if (t) type = t;
    else problem(`type ${JSON.stringify(get('type'))} is not one of ${Object.keys(TYPE_WORDS).join(', ')}`);
  }
  let viewingDirection: SourceItem['viewingDirection'] = 'left-to-right';
  if (get('viewingDirection')) {
    const v = plain(get('viewingDirection'));
    if (['righttoleft', 'rtl', 'rechtsnaarlinks', 'droiteagauche'].includes(v)) viewingDirection = 'right-to-left';
    else if (!['lefttoright', 'ltr', 'linksnaarrechts', 'gaucheadroite'].includes(v))
      problem(`viewing direction ${JSON.stringify(get('viewingDirection'))} is not left-to-right or right-to-left`);
  }
  if (problems.length > 0) return { problems };

  const agents: Agent[] = [
    ...splitList(get('author'), /[;|]/).map((name) => ({ name, role: 'aut' })),
    ...splitList(get('creator'), /[;|]/).map((name) => ({ name, role: 'cre' })),
    ...splitList(get('printer'), /[;|]/).map((name) => ({ name, role: 'prt' })),
    ...splitList(get('publisher'), /[;|]/).map((name) => ({ name, role: 'pbl' })),
  ];
  const source = get('source');
  const isUrl = /^https?:\/\/\S+$/.test(source);
  const identifiers: Identifier[] = [
    ...(get('id') ? [{ type: 'local', value: get('id') }] : []),
    ...(source && !isUrl ? [{ type: 'source', value: source }] : []),
  ];
  const keys = pageKeys(files);
  const labels = splitList(get('labels'), /[;|]/);
  const title = get('title');
  const item: SourceItem = compact({
    id,
    type,
    ...labelFor(title),
    summary: get('summary') ? { none: [get('summary')] } : undefined,
    agents,
    publisher: get('publisher') || get('printer'),
    place: get('place'),
    date: get('date'),
    languages: [...new Set(languages)],
    // Only `;` and line breaks: `|` belongs to headings (`Bruges | history`, LCSH-style `Geschiedenis|Brugge`).
    subjects: splitList(get('subjects'), /[;\r\n]/),
    shelfmark: get('shelfmark'),
    holdingInstitution: get('institution'),
    identifiers,
    rights,
    attribution: get('attribution') || ctx.inherited.attribution,
    externalUrl: isUrl ? source : undefined,
    note: get('note'),
    sourceRecord: { file: 'row.csv', format: 'csv' as const },
    behavior: behaviorFor(type),
    viewingDirection,
    folder: ctx.folder,
    metadataFile: csvFile,
    metadataLine: row.info.lines,
    metadataText: `${header.raw.replace(/^[\r\n]+/, '')}${row.raw.replace(/^[\r\n]+/, '')}`,
    pages: files.map((f, i) =>
      compact({ key: keys[i]!, file: f, label: labels.length === files.length ? labels[i] : undefined, alto: ctx.altoByStem.get(fileStem(f)) }),
    ),
    toc: [],
  });
  return { item, problems: [] };
}
