// Rights URIs in the one form IIIF Presentation 3 accepts (`http://`, and `/vocab/` for
// RightsStatements.org), read from what catalogues and curators write: `https://`, `www.`, the human
// page (`/page/InC/1.0/`, `legalcode`), or a licence in words, as MODS accessCondition often holds it
// ("CC BY-NC-SA 4.0 International", "CC0 1.0", "Public Domain Mark"). Only the statements and
// licences those two vocabularies define are recognised: the ones IIIF viewers and aggregators
// (Europeana) understand. Ingest reads metadata with it; the manifest builder relies on it.

const RIGHTS_STATEMENT = /^https?:\/\/(?:www\.)?rightsstatements\.org\/(?:vocab|page)\/([A-Za-z-]+)\/(\d\.\d)\/?(?:\?[^#]*)?$/;
const CC_LICENSE =
  /^https?:\/\/(?:www\.)?creativecommons\.org\/licenses\/(by|by-sa|by-nd|by-nc|by-nc-sa|by-nc-nd)\/(\d\.\d)(?:\/([a-z]{2}))?\/?(?:legalcode(?:\.[a-z-]+)?\/?)?$/i;
const CC_PUBLIC_DOMAIN = /^https?:\/\/(?:www\.)?creativecommons\.org\/publicdomain\/(zero|mark)\/1\.0\/?(?:legalcode(?:\.[a-z-]+)?\/?)?$/i;

/** The RightsStatements.org statement codes IIIF viewers and aggregators know. */
export const STATEMENTS: ReadonlySet<string> = new Set([
  'InC',
  'InC-OW-EU',
  'InC-EDU',
  'InC-NC',
  'InC-RUU',
  'NoC-CR',
  'NoC-NC',
  'NoC-OKLR',
  'NoC-US',
  'CNE',
  'UND',
  'NKC',
]);

/** The IIIF form of a RightsStatements.org or Creative Commons URI; undefined for anything else. */
export function canonicalRights(value: string): string | undefined {
  const v = value.trim();
  const rs = RIGHTS_STATEMENT.exec(v);
  if (rs) return STATEMENTS.has(rs[1]!) ? `http://rightsstatements.org/vocab/${rs[1]}/${rs[2]}/` : undefined;
  const cc = CC_LICENSE.exec(v);
  if (cc) return `http://creativecommons.org/licenses/${cc[1]!.toLowerCase()}/${cc[2]}/${cc[3] ? `${cc[3].toLowerCase()}/` : ''}`;
  const pd = CC_PUBLIC_DOMAIN.exec(v);
  if (pd) return `http://creativecommons.org/publicdomain/${pd[1]!.toLowerCase()}/1.0/`;
  return undefined;
}

/** A rights URI from a licence as written: a URI or the licence's name; undefined when it names none. */
export function rightsFromText(text: string): string | undefined {
  const uri = canonicalRights(text);
  if (uri) return uri;
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  // A two-letter jurisdiction after the version names a ported licence (`CC BY-NC-SA 3.0 DE`).
  const cc = /^(?:cc|creative commons)[ -](by(?:[ -](?:nc|sa|nd))*)\s+(\d\.\d)\b(?:\s+([a-z]{2})\b)?/.exec(t);
  if (cc?.[1]) return canonicalRights(`https://creativecommons.org/licenses/${cc[1].replace(/ /g, '-')}/${cc[2]}/${cc[3] ? `${cc[3]}/` : ''}`);
  if (/^(cc0|cc zero|creative commons zero)\b/.test(t)) return 'http://creativecommons.org/publicdomain/zero/1.0/';
  if (/^(public domain mark|pdm)\b/.test(t)) return 'http://creativecommons.org/publicdomain/mark/1.0/';
  return undefined;
}
