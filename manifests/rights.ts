// Rights URIs in the form IIIF Presentation 3 accepts: Creative Commons and RightsStatements.org
// URIs, `http://` and (for rightsstatements.org) the `/vocab/` form. Catalogues and curators often
// write `https://` or paste the human page (`/page/InC/1.0/`); those are the same statement.

const CC = /^https?:\/\/(?:www\.)?creativecommons\.org\/(licenses|publicdomain)\/([^?#]+?)\/?(?:legalcode(?:\.[a-z-]+)?)?\/?$/i;
const RS = /^https?:\/\/(?:www\.)?rightsstatements\.org\/(?:vocab|page)\/([A-Za-z-]+)\/(\d+\.\d+)\/?(?:\?.*)?$/;

/** The canonical IIIF form of a CC or RightsStatements.org URI; undefined for anything else. */
export function canonicalRights(uri: string): string | undefined {
  const s = uri.trim();
  const cc = CC.exec(s);
  if (cc) return `http://creativecommons.org/${(cc[1] as string).toLowerCase()}/${(cc[2] as string).replace(/\/+$/, '')}/`;
  const rs = RS.exec(s);
  if (rs) return `http://rightsstatements.org/vocab/${rs[1]}/${rs[2]}/`;
  return undefined;
}
