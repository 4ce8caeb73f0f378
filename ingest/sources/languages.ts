// Language codes as ItemRecord keeps them: ISO 639-2/B (`ger`, `dut`, `fre`, `lat`), the code
// library catalogues (MARC, most MODS) use. Sources also write 639-2/T (`deu`, as DTA's METS does),
// 639-1 (`de`) or a language name in nl/fr/en/de (a curator's spreadsheet), so all are mapped here.

/** ISO 639-2/T → 639-2/B for the twenty languages where the two differ. */
const TERMINOLOGIC_TO_BIBLIOGRAPHIC: Record<string, string> = {
  sqi: 'alb',
  hye: 'arm',
  eus: 'baq',
  mya: 'bur',
  zho: 'chi',
  ces: 'cze',
  nld: 'dut',
  fra: 'fre',
  kat: 'geo',
  deu: 'ger',
  ell: 'gre',
  isl: 'ice',
  mkd: 'mac',
  mri: 'mao',
  msa: 'may',
  fas: 'per',
  ron: 'rum',
  slk: 'slo',
  bod: 'tib',
  cym: 'wel',
};

/** ISO 639-1 → 639-2/B for the languages of European heritage collections. */
const TWO_LETTER: Record<string, string> = {
  nl: 'dut',
  fr: 'fre',
  en: 'eng',
  de: 'ger',
  la: 'lat',
  it: 'ita',
  es: 'spa',
  pt: 'por',
  el: 'gre',
  he: 'heb',
  ar: 'ara',
  da: 'dan',
  sv: 'swe',
  no: 'nor',
  pl: 'pol',
  cs: 'cze',
  hu: 'hun',
  ru: 'rus',
  fy: 'fry',
  wa: 'wln',
  ga: 'gle',
  cy: 'wel',
  ca: 'cat',
  oc: 'oci',
};

/** Language names as curators type them (lower case, accents kept as typed and stripped). */
const NAMES: Record<string, string> = {
  nederlands: 'dut',
  dutch: 'dut',
  neerlandais: 'dut',
  niederlandisch: 'dut',
  vlaams: 'dut',
  middelnederlands: 'dum',
  'middle dutch': 'dum',
  'moyen neerlandais': 'dum',
  frans: 'fre',
  french: 'fre',
  francais: 'fre',
  franzosisch: 'fre',
  engels: 'eng',
  english: 'eng',
  anglais: 'eng',
  englisch: 'eng',
  duits: 'ger',
  german: 'ger',
  allemand: 'ger',
  deutsch: 'ger',
  latijn: 'lat',
  latin: 'lat',
  latein: 'lat',
  italiaans: 'ita',
  italian: 'ita',
  italien: 'ita',
  italienisch: 'ita',
  spaans: 'spa',
  spanish: 'spa',
  espagnol: 'spa',
  spanisch: 'spa',
  grieks: 'gre',
  greek: 'gre',
  grec: 'gre',
  griechisch: 'gre',
  hebreeuws: 'heb',
  hebrew: 'heb',
  hebreu: 'heb',
  hebraisch: 'heb',
};

function plain(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The 639-2/B (or 639-3) code for one language as a source wrote it, or undefined when unknown. */
export function normaliseLanguage(value: string): string | undefined {
  const v = plain(value);
  if (/^[a-z]{3}$/.test(v)) return TERMINOLOGIC_TO_BIBLIOGRAPHIC[v] ?? v;
  if (/^[a-z]{2}$/.test(v)) return TWO_LETTER[v];
  const region = /^([a-z]{2})[-_][a-z0-9]+$/.exec(v);
  if (region?.[1]) return TWO_LETTER[region[1]];
  return NAMES[v];
}
