// Catalogue dates as a year range: turns what cataloguers write (`ca. 1475`, `147X`, `1653/54`,
// `XVIIIe siècle`, w3cdtf `1784-05-12`) into `{ from, to, approximate }`. The manifest builder takes
// its navDate from it; search uses it for date-range queries and century facets.

export interface YearRange {
  /** First year, inclusive. */
  from: number;
  /** Last year, inclusive. */
  to: number;
  /** True when the source marks the date as uncertain (ca., ?, unknown digits, a whole century). */
  approximate: boolean;
}

const APPROXIMATE_PREFIX = /^(?:ca\.?|c\.|circa|approx\.?|um|omstreeks|rond|ong\.?|vers|environ|env\.?)\s*/;
const UNCERTAIN_WORDS = /\b(?:before|after|voor|na|avant|après|vor|nach|not before|not after)\b/;
const ORDINAL = '(?:st|nd|rd|th|e|de|ste|ème|eme|er|\\.)?';
const CENTURY_WORD = '(?:century|cent\\.|c\\.|eeuw|siècle|siecle|s\\.|jahrhundert|jh\\.?|jhdt\\.?)';
const ARABIC_CENTURY = new RegExp(`^(\\d{1,2})${ORDINAL}\\s*(?:-|/|tot|to|à|bis)?\\s*(?:(\\d{1,2})${ORDINAL})?\\s*${CENTURY_WORD}$`);
const ROMAN_CENTURY = new RegExp(`^([ivxl]+)${ORDINAL}\\s*(?:-|/)?\\s*(?:([ivxl]+)${ORDINAL})?\\s*${CENTURY_WORD}$`);
const SAECULUM = /^(?:saec\.?|saeculum|s\.)\s*([ivxl]+)$/;

/**
 * Parses a catalogue date into an inclusive year range; undefined when the text holds no
 * recognisable year (`s.a.`, `o.J.`, empty). Centuries are taken as 1700-1799 for the 18th, as
 * catalogues and facets count them.
 */
export function parseDateRange(text: string | undefined): YearRange | undefined {
  if (text === undefined) return undefined;
  let s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  let approximate = false;
  if (/^\[.*\]$/.test(s) || /^\(.*\)$/.test(s)) s = s.slice(1, -1).trim();
  s = s
    .replace(/[[\]]/g, '')
    .replace(/^anno\.?\s+/, '')
    .trim();
  if (APPROXIMATE_PREFIX.test(s)) {
    approximate = true;
    s = s.replace(APPROXIMATE_PREFIX, '');
  }
  if (/^\d{4}\s*[?~%]$/.test(s)) {
    approximate = true;
    s = s.slice(0, 4);
  }
  // The first reader that recognises the shape decides, so a malformed range (`1480-1475`) is
  // rejected rather than salvaged by the any-year fallback.
  const readers: ((s: string, approximate: boolean) => Parsed)[] = [exactYear, w3cdtf, yearSpan, unknownDigits, century, romanYear, anyYears];
  for (const read of readers) {
    const parsed = read(s, approximate);
    if (parsed !== undefined) return parsed ?? undefined;
  }
  return undefined;
}

/** A range, `null` for a recognised shape with impossible years, undefined when not recognised. */
type Parsed = YearRange | null | undefined;

/** The IIIF navDate for a range: its first year's 1 January, midnight UTC. */
export function navDate(range: YearRange): string {
  return `${String(range.from).padStart(4, '0')}-01-01T00:00:00Z`;
}

/** Century number of a year, as facets count it: 1700-1799 is the 18th. */
export function centuryOf(year: number): number {
  return Math.floor(year / 100) + 1;
}

/** Every century a range touches, oldest first (`1690-1710` → [17, 18]). */
export function centuries(range: YearRange): number[] {
  const out: number[] = [];
  for (let c = centuryOf(range.from); c <= centuryOf(range.to); c++) out.push(c);
  return out;
}

function range(from: number, to: number, approximate: boolean): YearRange | null {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to > 2999) return null;
  return { from, to, approximate };
}

function exactYear(s: string, approximate: boolean): Parsed {
  const m = /^(?:(\d{4})-?|(\d{3}))$/.exec(s);
  const year = Number(m?.[1] ?? m?.[2]);
  return m ? range(year, year, approximate) : undefined;
}

function w3cdtf(s: string, approximate: boolean): Parsed {
  const m = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2})(?:t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?)?$/.exec(s);
  return m ? range(Number(m[1]), Number(m[1]), approximate) : undefined;
}

/** `1475-1480`, `1475 - 80`, `1653/54`, `1699/00` (an abbreviated end takes the start's leading digits). */
function yearSpan(s: string, approximate: boolean): Parsed {
  const m = /^(\d{3,4})\s*(?:-|\/|tot|to|à|bis)\s*(?:ca\.?\s*|c\.\s*)?(\d{1,4})\s*([?~])?$/.exec(s);
  if (!m) return undefined;
  const startText = m[1] as string;
  const endText = m[2] as string;
  const from = Number(startText);
  let to = Number(endText);
  if (endText.length < startText.length) {
    const unit = 10 ** endText.length;
    to = Math.floor(from / unit) * unit + to;
    if (to < from) to += unit;
  }
  return range(from, to, approximate || m[3] !== undefined);
}

/** `147X`, `147-`, `147?`, `14XX`, `14--`, `17uu`, `17..`: unknown trailing digits. */
function unknownDigits(s: string): Parsed {
  const m = /^(\d{1,3})([x?u.-]+)$/.exec(s);
  if (!m) return undefined;
  const digits = m[1] as string;
  const unknown = (m[2] as string).length;
  if (digits.length + unknown !== 4) return undefined;
  const unit = 10 ** unknown;
  const from = Number(digits) * unit;
  return range(Math.max(from, 1), from + unit - 1, true);
}

function century(s: string): Parsed {
  let first: number | undefined;
  let last: number | undefined;
  const arabic = ARABIC_CENTURY.exec(s);
  const roman = ROMAN_CENTURY.exec(s);
  const saeculum = SAECULUM.exec(s);
  if (arabic) {
    first = Number(arabic[1]);
    last = arabic[2] === undefined ? first : Number(arabic[2]);
  } else if (roman) {
    first = romanToNumber(roman[1] as string);
    last = roman[2] === undefined ? first : romanToNumber(roman[2]);
  } else if (saeculum) {
    first = last = romanToNumber(saeculum[1] as string);
  }
  if (first === undefined || last === undefined || first < 1 || last > 30) return undefined;
  return range(Math.max((first - 1) * 100, 1), (last - 1) * 100 + 99, true);
}

/** A year in Roman numerals as title pages print it: `MDCCLXXXIV`, `M.DCC.LXXXIV`, `MDCCLXXXIV.` */
function romanYear(s: string, approximate: boolean): Parsed {
  if (!/^m[mdclxvi.\s]*$/.test(s)) return undefined;
  const year = romanToNumber(s.replace(/[.\s]/g, ''));
  return year === undefined ? null : range(year, year, approximate);
}

/** Last resort: every plausible four-digit year in the text (`Berlin, 1784`, `gedr. 1653 en 1660`). */
function anyYears(s: string, approximate: boolean): Parsed {
  const years = [...s.matchAll(/(?<!\d)(1\d{3}|20\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  if (years.length === 0) return undefined;
  return range(Math.min(...years), Math.max(...years), approximate || /[?~]/.test(s) || UNCERTAIN_WORDS.test(s));
}

function romanToNumber(roman: string): number | undefined {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const v = values[roman[i] as string];
    const next = values[roman[i + 1] as string] ?? 0;
    if (v === undefined) return undefined;
    total += v < next ? -v : v;
  }
  return total;
}
