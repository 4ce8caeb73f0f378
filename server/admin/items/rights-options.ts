// The rights pick-list of the item editor: the RightsStatements.org statements and the Creative
// Commons licences (4.0) and public-domain tools, in the IIIF form manifests/rights.ts accepts, with
// their names in nl, fr and en from manifests/rights-names.ts. A record whose rights are another
// recognised URI (an older CC version) keeps it as an extra choice.
import type { Trilingual } from '../../../manifests/language-map.ts';
import { rightsNames } from '../../../manifests/rights-names.ts';

export interface RightsOption {
  uri: string;
  label: Trilingual;
  group: 'rs' | 'cc';
}

const option = (uri: string, group: RightsOption['group']): RightsOption => {
  const label = rightsNames(uri);
  if (!label) throw new Error(`no name for rights ${uri}`);
  return { uri, label, group };
};
const rs = (code: string) => option(`http://rightsstatements.org/vocab/${code}/1.0/`, 'rs');
const cc = (path: string) => option(`http://creativecommons.org/${path}/`, 'cc');

export const RIGHTS_OPTIONS: readonly RightsOption[] = [
  cc('publicdomain/mark/1.0'),
  cc('publicdomain/zero/1.0'),
  ...['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd'].map((l) => cc(`licenses/${l}/4.0`)),
  ...['NoC-NC', 'NoC-OKLR', 'NoC-CR', 'NoC-US', 'InC', 'InC-EDU', 'InC-NC', 'InC-OW-EU', 'InC-RUU', 'CNE', 'UND', 'NKC'].map(rs),
];

export function rightsOption(uri: string): RightsOption | undefined {
  return RIGHTS_OPTIONS.find((o) => o.uri === uri);
}
