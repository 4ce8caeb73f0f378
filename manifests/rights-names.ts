// The names of rights statements, in nl, fr and en, for readers who cannot read a bare URI: every
// RightsStatements.org statement and every Creative Commons licence (any version, ported or not)
// and public-domain tool that manifests/rights.ts accepts. Shown by the viewer, the item page, the
// PDF cover, the text download and the citation files; the item editor lists them too. One table,
// so every place names a statement the same way.
import type { Trilingual, UiLanguage } from './language-map.ts';
import { canonicalRights } from './rights.ts';

/** RightsStatements.org statements by code: its official English names, and their Dutch and French. */
const STATEMENT_NAMES: Readonly<Record<string, Trilingual>> = {
  InC: { nl: 'Auteursrechtelijk beschermd', fr: "Protégé par le droit d'auteur", en: 'In Copyright' },
  'InC-OW-EU': {
    nl: 'Auteursrechtelijk beschermd – verweesd werk (EU)',
    fr: 'Protégé – œuvre orpheline (UE)',
    en: 'In Copyright – EU Orphan Work',
  },
  'InC-EDU': {
    nl: 'Auteursrechtelijk beschermd – educatief gebruik toegestaan',
    fr: 'Protégé – usage éducatif autorisé',
    en: 'In Copyright – Educational Use Permitted',
  },
  'InC-NC': {
    nl: 'Auteursrechtelijk beschermd – niet-commercieel gebruik toegestaan',
    fr: 'Protégé – usage non commercial autorisé',
    en: 'In Copyright – Non-Commercial Use Permitted',
  },
  'InC-RUU': {
    nl: 'Auteursrechtelijk beschermd – rechthebbende onvindbaar',
    fr: 'Protégé – titulaire introuvable',
    en: 'In Copyright – Rights-holder(s) Unlocatable or Unidentifiable',
  },
  'NoC-CR': {
    nl: 'Geen auteursrecht – contractuele beperkingen',
    fr: "Pas de droit d'auteur – restrictions contractuelles",
    en: 'No Copyright – Contractual Restrictions',
  },
  'NoC-NC': {
    nl: 'Geen auteursrecht – niet-commercieel gebruik',
    fr: "Pas de droit d'auteur – usage non commercial uniquement",
    en: 'No Copyright – Non-Commercial Use Only',
  },
  'NoC-OKLR': {
    nl: 'Geen auteursrecht – andere wettelijke beperkingen',
    fr: "Pas de droit d'auteur – autres restrictions légales",
    en: 'No Copyright – Other Known Legal Restrictions',
  },
  'NoC-US': { nl: 'Geen auteursrecht – Verenigde Staten', fr: "Pas de droit d'auteur – États-Unis", en: 'No Copyright – United States' },
  CNE: { nl: 'Auteursrecht niet beoordeeld', fr: "Droit d'auteur non évalué", en: 'Copyright Not Evaluated' },
  UND: { nl: 'Auteursrecht onbepaald', fr: "Droit d'auteur indéterminé", en: 'Copyright Undetermined' },
  NKC: { nl: 'Geen auteursrecht bekend', fr: "Pas de droit d'auteur connu", en: 'No Known Copyright' },
};

/** What each Creative Commons licence asks, in words, after its short name; the two longest stay bare. */
const LICENCE_TERMS: Readonly<Record<string, Trilingual | undefined>> = {
  by: { nl: 'naamsvermelding', fr: 'attribution', en: 'attribution' },
  'by-sa': { nl: 'gelijk delen', fr: 'partage dans les mêmes conditions', en: 'share alike' },
  'by-nd': { nl: 'geen afgeleide werken', fr: "pas d'œuvres dérivées", en: 'no derivatives' },
  'by-nc': { nl: 'niet-commercieel', fr: "pas d'utilisation commerciale", en: 'non-commercial' },
};

const PUBLIC_DOMAIN_NAMES: Readonly<Record<string, Trilingual>> = {
  mark: {
    nl: 'Publiek domein (Public Domain Mark 1.0)',
    fr: 'Domaine public (Public Domain Mark 1.0)',
    en: 'Public Domain Mark 1.0',
  },
  zero: { nl: 'CC0 1.0 (geen rechten voorbehouden)', fr: 'CC0 1.0 (aucun droit réservé)', en: 'CC0 1.0 (no rights reserved)' },
};

const same = (s: string): Trilingual => ({ nl: s, fr: s, en: s });

/** The names of a rights URI in nl, fr and en; undefined for a URI neither vocabulary defines. */
export function rightsNames(uri: string): Trilingual | undefined {
  const canonical = canonicalRights(uri);
  if (canonical === undefined) return undefined;
  const rs = /^http:\/\/rightsstatements\.org\/vocab\/([A-Za-z-]+)\//.exec(canonical);
  if (rs) return STATEMENT_NAMES[rs[1]!];
  const pd = /^http:\/\/creativecommons\.org\/publicdomain\/(zero|mark)\//.exec(canonical);
  if (pd) return PUBLIC_DOMAIN_NAMES[pd[1]!];
  const cc = /^http:\/\/creativecommons\.org\/licenses\/([a-z-]+)\/(\d\.\d)\/(?:([a-z]{2})\/)?$/.exec(canonical);
  if (!cc) return undefined;
  // Creative Commons' own short form: "CC BY-NC-SA 3.0 DE" for a licence ported to a jurisdiction.
  const short = `CC ${cc[1]!.toUpperCase()} ${cc[2]}${cc[3] ? ` ${cc[3].toUpperCase()}` : ''}`;
  const terms = LICENCE_TERMS[cc[1]!];
  return terms ? { nl: `${short} (${terms.nl})`, fr: `${short} (${terms.fr})`, en: `${short} (${terms.en})` } : same(short);
}

/** A rights statement's name in the reader's language; the URI itself when it names nothing known. */
export function rightsName(uri: string, lang: UiLanguage): string {
  return rightsNames(uri)?.[lang] ?? uri;
}

/** Name and URI together, for what travels without its page (a PDF, a text file, a citation file). */
export function rightsNameAndUri(uri: string, lang: UiLanguage): string {
  const name = rightsName(uri, lang);
  return name === uri ? uri : `${name} <${uri}>`;
}
