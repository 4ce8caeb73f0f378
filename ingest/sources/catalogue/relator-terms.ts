// MARC relator codes for the role words catalogues write instead of codes (MARC `$e`/`$j`, Dublin
// Core has none): the common roles of printed and manuscript heritage, in English, Dutch, French
// and German, so a name keeps its role whatever language the catalogue was made in.

const TERMS: Record<string, string> = {
  author: 'aut',
  auteur: 'aut',
  verfasser: 'aut',
  schrijver: 'aut',
  creator: 'cre',
  maker: 'cre',
  vervaardiger: 'cre',
  createur: 'cre',
  printer: 'prt',
  drukker: 'prt',
  imprimeur: 'prt',
  drucker: 'prt',
  publisher: 'pbl',
  uitgever: 'pbl',
  editeur: 'pbl',
  verlag: 'pbl',
  verleger: 'pbl',
  editor: 'edt',
  redacteur: 'edt',
  herausgeber: 'edt',
  'editeur scientifique': 'edt',
  bezorger: 'edt',
  illustrator: 'ill',
  illustrateur: 'ill',
  translator: 'trl',
  vertaler: 'trl',
  traducteur: 'trl',
  ubersetzer: 'trl',
  engraver: 'egr',
  graveur: 'egr',
  stecher: 'egr',
  kupferstecher: 'egr',
  artist: 'art',
  kunstenaar: 'art',
  artiste: 'art',
  kunstler: 'art',
  cartographer: 'ctg',
  cartograaf: 'ctg',
  cartographe: 'ctg',
  kartograph: 'ctg',
  scribe: 'scr',
  kopiist: 'scr',
  copiste: 'scr',
  schreiber: 'scr',
  contributor: 'ctb',
  bijdrager: 'ctb',
  collaborateur: 'ctb',
  mitwirkender: 'ctb',
  'former owner': 'fmo',
  'vorige eigenaar': 'fmo',
  'ancien possesseur': 'fmo',
  vorbesitzer: 'fmo',
  dedicatee: 'dte',
  bookseller: 'bsl',
  boekverkoper: 'bsl',
  libraire: 'bsl',
  buchhandler: 'bsl',
  woodcutter: 'wdc',
  lithographer: 'ltg',
  composer: 'cmp',
  componist: 'cmp',
  compositeur: 'cmp',
  komponist: 'cmp',
  photographer: 'pht',
  fotograaf: 'pht',
  photographe: 'pht',
  fotograf: 'pht',
  compiler: 'com',
  // The abbreviations of pre-RDA rules (AACR2's `ill.`, `ed.`, `tr.`, `comp.`; RAK's `Hrsg.`, `Übers.`;
  // Dutch `red.`, `vert.`; French `trad.`), still in most Library of Congress, OCLC and GBV records.
  ill: 'ill',
  ed: 'edt',
  eds: 'edt',
  hrsg: 'edt',
  red: 'edt',
  tr: 'trl',
  trans: 'trl',
  transl: 'trl',
  ubers: 'trl',
  vert: 'trl',
  trad: 'trl',
  comp: 'com',
  engr: 'egr',
  'joint author': 'aut',
};

function plain(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The relator code for a role word (`printer.`, `Drucker`, `éditeur scientifique`), or undefined. */
export function relatorForTerm(term: string): string | undefined {
  return TERMS[plain(term)];
}

/** A `$4` value as a relator code: a three-letter code, or the last segment of an id.loc.gov relator URI. */
export function relatorCode(value: string): string | undefined {
  const code = value
    .trim()
    .replace(/^https?:\/\/id\.loc\.gov\/vocabulary\/relators\//i, '')
    .toLowerCase();
  return /^[a-z]{3}$/.test(code) ? code : undefined;
}
