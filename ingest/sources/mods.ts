// Reads the descriptive fields of one MODS record (as METS files from digitisation workflows such
// as Kitodo, Goobi or the DFG-Viewer profile embed it) into the ItemRecord vocabulary. Values are
// trimmed and whitespace-collapsed (catalogue exports indent them) but never otherwise changed.
import type { Agent, Identifier, ItemType } from '../../manifests/item.ts';
import { normaliseLanguage } from './languages.ts';
import { rightsFromText } from '../../manifests/rights.ts';
import { httpUrlProblem } from '../../manifests/safe-url.ts';
import { attr, child, children, descendants, text, type XmlElement } from './xml.ts';

export interface ModsDescription {
  title?: string;
  agents: Agent[];
  publisher?: string;
  place?: string;
  date?: string;
  languages: string[];
  /** Language values that are no known code or name, for the caller to report. */
  unknownLanguages: string[];
  /** Why URL fields (`name/@valueURI`, `location/url`) cannot be stored as links, for the caller to report. */
  refusedUrls: string[];
  subjects: string[];
  shelfmark?: string;
  holdingInstitution?: string;
  identifiers: Identifier[];
  partOf?: string;
  /** Rights URI, when accessCondition names a licence or statement this reader recognises. */
  rights?: string;
  externalUrl?: string;
  summary?: string;
  note?: string;
  /** The item type MODS implies, when it implies one (a host item or serial genre: periodical). */
  type?: ItemType;
}

const ROLE_WORDS: Record<string, string> = {
  author: 'aut',
  auteur: 'aut',
  verfasser: 'aut',
  printer: 'prt',
  drucker: 'prt',
  drukker: 'prt',
  publisher: 'pbl',
  verlag: 'pbl',
  uitgever: 'pbl',
  editor: 'edt',
  herausgeber: 'edt',
  illustrator: 'ill',
  translator: 'trl',
  übersetzer: 'trl',
  engraver: 'egr',
  creator: 'cre',
};

/** Notes that are workflow bookkeeping, not information for readers. */
const INTERNAL_NOTE_TYPES = new Set(['source characteristics', 'ownership', 'action']);

function nonEmpty(values: Iterable<string>): string[] {
  return [...new Set([...values].filter((v) => v !== ''))];
}

function first(values: Iterable<string>): string | undefined {
  return nonEmpty(values)[0];
}

function titleOf(mods: XmlElement): string | undefined {
  const infos = children(mods, 'titleInfo');
  const main = infos.find((t) => !attr(t, 'type')) ?? infos.find((t) => attr(t, 'type') !== 'abbreviated');
  if (!main) return undefined;
  const nonSort = text(child(main, 'nonSort'));
  // MODS keeps the article's trailing space in nonSort ("Le "), which trimming drops; "L'" takes none.
  const title = `${nonSort}${nonSort && !/['’-]$/.test(nonSort) ? ' ' : ''}${text(child(main, 'title'))}`.trim();
  if (!title) return undefined;
  const sub = text(child(main, 'subTitle'));
  const parts = nonEmpty([...children(main, 'partNumber'), ...children(main, 'partName')].map(text));
  return [sub ? `${title}: ${sub}` : title, ...parts].join('. ');
}

function nameOf(name: XmlElement): string {
  const display = text(child(name, 'displayForm'));
  if (display) return display;
  const parts = children(name, 'namePart');
  const typed = (type: string) => text(parts.find((p) => attr(p, 'type') === type));
  const family = typed('family');
  const given = typed('given');
  if (family || given) {
    const dates = typed('date');
    return [[family, given].filter(Boolean).join(', '), dates].filter(Boolean).join(', ');
  }
  return nonEmpty(parts.map(text)).join(', ');
}

function roleOf(name: XmlElement): string | undefined {
  const terms = descendants(name, 'role', 'roleTerm');
  const code = terms.find((t) => attr(t, 'type') === 'code' && /^[a-z]{3}$/i.test(text(t)));
  if (code) return text(code).toLowerCase();
  for (const term of terms) {
    const word = ROLE_WORDS[text(term).toLowerCase()];
    if (word) return word;
  }
  return undefined;
}

function agentsOf(mods: XmlElement): Agent[] {
  return children(mods, 'name').flatMap((name): Agent[] => {
    const agentName = nameOf(name);
    if (!agentName) return [];
    const role = roleOf(name);
    const uri = attr(name, 'valueURI');
    return [{ name: agentName, ...(role ? { role } : {}), ...(uri ? { uri } : {}) }];
  });
}

/** The publication event: not the digitisation one (which has its own place, date and publisher). */
function publicationOrigin(mods: XmlElement): XmlElement[] {
  return children(mods, 'originInfo').filter((o) => {
    const event = attr(o, 'eventType');
    if (event) return event === 'publication' || event === 'production' || event === 'manufacture';
    return children(o, 'dateCaptured').length === 0;
  });
}

function dateOf(origins: XmlElement[]): string | undefined {
  for (const kind of ['dateIssued', 'dateCreated', 'copyrightDate']) {
    const dates = origins.flatMap((o) => children(o, kind)).filter((d) => text(d) !== '');
    if (dates.length === 0) continue;
    const start = dates.find((d) => attr(d, 'point') === 'start');
    const end = dates.find((d) => attr(d, 'point') === 'end');
    if (start && end) return `${text(start)}-${text(end)}`;
    const key = dates.find((d) => attr(d, 'keyDate') === 'yes') ?? dates[0];
    return text(key);
  }
  return undefined;
}

function holdingOf(mods: XmlElement): string | undefined {
  const locations = descendants(mods, 'location', 'physicalLocation');
  // A MARC organisation code (`DE-1`) means little to readers; its display label names the library.
  return first(locations.map((l) => (attr(l, 'authority') === 'marcorg' && attr(l, 'displayLabel')?.trim()) || text(l)));
}

function identifiersOf(mods: XmlElement): Identifier[] {
  const own = children(mods, 'identifier').map((i) => ({ type: attr(i, 'type') ?? 'other', value: text(i) }));
  const records = descendants(mods, 'recordInfo', 'recordIdentifier').map((r) => ({
    type: attr(r, 'source') ?? 'record',
    value: text(r),
  }));
  const seen = new Set<string>();
  return [...own, ...records].filter((i) => {
    const key = `${i.type}\u0000${i.value}`;
    if (i.value === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function subjectsOf(mods: XmlElement): string[] {
  const subjectParts = children(mods, 'subject').flatMap((s) =>
    ['topic', 'geographic', 'temporal', 'genre', 'occupation'].flatMap((k) => children(s, k)).map(text),
  );
  const subjectNames = descendants(mods, 'subject', 'name').map(nameOf);
  return nonEmpty([...subjectParts, ...subjectNames, ...children(mods, 'genre').map(text), ...children(mods, 'classification').map(text)]);
}

function relatedTitle(mods: XmlElement, type: string): string | undefined {
  return first(
    children(mods, 'relatedItem')
      .filter((r) => attr(r, 'type') === type)
      .map((r) => titleOf(r) ?? ''),
  );
}

function typeOf(mods: XmlElement): ItemType | undefined {
  const resource = children(mods, 'typeOfResource');
  if (resource.some((r) => attr(r, 'manuscript') === 'yes')) return 'manuscript';
  const kind = text(resource[0]).toLowerCase();
  if (kind === 'cartographic') return 'map';
  if (kind === 'still image') return 'print';
  const genres = children(mods, 'genre').map((g) => text(g).toLowerCase());
  const issuance = descendants(mods, 'originInfo', 'issuance').map((i) => text(i).toLowerCase());
  const hostPart = children(mods, 'part').some((p) => attr(p, 'type') === 'host');
  const hasHost = children(mods, 'relatedItem').some((r) => attr(r, 'type') === 'host');
  if (
    hostPart ||
    hasHost ||
    issuance.some((i) => i === 'serial' || i === 'continuing') ||
    genres.some((g) => /periodical|journal|newspaper|zeitschrift|zeitung|tijdschrift|krant/.test(g))
  )
    return 'periodical';
  return undefined;
}

function externalUrlOf(mods: XmlElement): string | undefined {
  const urls = descendants(mods, 'location', 'url').map(text);
  const purls = children(mods, 'identifier')
    .filter((i) => ['purl', 'uri', 'url', 'handle'].includes(attr(i, 'type') ?? ''))
    .map(text);
  return first([...urls, ...purls].filter((u) => /^https?:\/\//.test(u)));
}

/** The descriptive fields of one `<mods>` element. */
export function readMods(mods: XmlElement): ModsDescription {
  const origins = publicationOrigin(mods);
  const languageValues = nonEmpty(descendants(mods, 'language', 'languageTerm').map(text));
  const languages: string[] = [];
  const unknownLanguages: string[] = [];
  for (const value of languageValues) {
    const code = normaliseLanguage(value);
    if (code) languages.push(code);
    else unknownLanguages.push(value);
  }
  const accessConditions = children(mods, 'accessCondition');
  const rights = first(accessConditions.flatMap((a) => [attr(a, 'href') ?? '', text(a)]).map((v) => (v ? (rightsFromText(v) ?? '') : '')));
  // A link the item record keeps must be a web address; anything else is the catalogue's mistake (or an attack) to fix.
  const refusedUrls = [
    ...children(mods, 'name').map((n) => ['name/@valueURI', attr(n, 'valueURI')] as const),
    ...descendants(mods, 'location', 'url').map((u) => ['location/url', text(u)] as const),
  ].flatMap(([field, value]) => {
    const problem = value ? httpUrlProblem(value) : undefined;
    return problem ? [`MODS ${field} ${problem}`] : [];
  });
  const notes = children(mods, 'note').filter((n) => !INTERNAL_NOTE_TYPES.has(attr(n, 'type') ?? ''));
  const description: ModsDescription = {
    agents: agentsOf(mods),
    languages: nonEmpty(languages),
    unknownLanguages,
    refusedUrls,
    subjects: subjectsOf(mods),
    identifiers: identifiersOf(mods),
  };
  const optional: Partial<ModsDescription> = {
    title: titleOf(mods),
    publisher: first(origins.flatMap((o) => children(o, 'publisher')).map(text)),
    place:
      nonEmpty(
        origins
          .flatMap((o) => descendants(o, 'place', 'placeTerm'))
          .filter((p) => attr(p, 'type') !== 'code')
          .map(text),
      ).join('; ') || undefined,
    date: dateOf(origins),
    shelfmark: first(descendants(mods, 'location', 'shelfLocator').map(text)),
    holdingInstitution: holdingOf(mods),
    partOf: relatedTitle(mods, 'host') ?? relatedTitle(mods, 'series'),
    rights,
    externalUrl: externalUrlOf(mods),
    summary: first(children(mods, 'abstract').map(text)),
    note: nonEmpty(notes.map(text)).join('\n') || undefined,
    type: typeOf(mods),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') (description as unknown as Record<string, unknown>)[key] = value;
  }
  return description;
}
