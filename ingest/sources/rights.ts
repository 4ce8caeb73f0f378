// Rights statements: each published item carries one URI from rightsstatements.org or Creative
// Commons, the two vocabularies IIIF viewers and aggregators (Europeana) understand. Free-text
// licences as MODS accessCondition often holds them ("CC BY-NC-SA 4.0 International") are mapped.

const RIGHTS_STATEMENT = /^https?:\/\/rightsstatements\.org\/(vocab|page)\/([A-Za-z-]+)\/(\d\.\d)\/?$/;
const CC_LICENSE = /^https?:\/\/creativecommons\.org\/licenses\/(by|by-sa|by-nd|by-nc|by-nc-sa|by-nc-nd)\/(\d\.\d)(\/[a-z]{2})?\/?$/;
const CC_PUBLIC_DOMAIN = /^https?:\/\/creativecommons\.org\/publicdomain\/(zero|mark)\/1\.0\/?$/;

const STATEMENTS = new Set([
  'InC', 'InC-OW-EU', 'InC-EDU', 'InC-NC', 'InC-RUU', 'NoC-CR', 'NoC-NC', 'NoC-OKLR', 'NoC-US',
  'CNE', 'UND', 'NKC',
]);

/** The canonical form of a rights URI (https for CC, http and `/vocab/` for rightsstatements.org as
 * that vocabulary defines it, always a trailing slash), or undefined when it is neither. */
export function canonicalRightsUri(value: string): string | undefined {
  const v = value.trim();
  const rs = RIGHTS_STATEMENT.exec(v);
  if (rs) return rs[2] && STATEMENTS.has(rs[2]) ? `http://rightsstatements.org/vocab/${rs[2]}/${rs[3]}/` : undefined;
  const cc = CC_LICENSE.exec(v);
  if (cc) return `https://creativecommons.org/licenses/${cc[1]}/${cc[2]}/${cc[3] ? `${cc[3].slice(1)}/` : ''}`;
  const pd = CC_PUBLIC_DOMAIN.exec(v);
  if (pd) return `https://creativecommons.org/publicdomain/${pd[1]}/1.0/`;
  return undefined;
}

/** A rights URI from a licence as written in words: a URI, `CC BY-NC-SA 4.0 International`,
 * `CC0 1.0`, `Public Domain Mark`; undefined when the text names no licence. */
export function rightsFromText(text: string): string | undefined {
  const uri = canonicalRightsUri(text);
  if (uri) return uri;
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, ' ');
  const cc = /^(?:cc|creative commons)[ -](by(?:[ -](?:nc|sa|nd))*)\s+(\d\.\d)\b/.exec(t);
  if (cc?.[1]) return canonicalRightsUri(`https://creativecommons.org/licenses/${cc[1].replace(/ /g, '-')}/${cc[2]}/`);
  if (/^(cc0|cc zero|creative commons zero)\b/.test(t)) return 'https://creativecommons.org/publicdomain/zero/1.0/';
  if (/^(public domain mark|pdm)\b/.test(t)) return 'https://creativecommons.org/publicdomain/mark/1.0/';
  return undefined;
}
