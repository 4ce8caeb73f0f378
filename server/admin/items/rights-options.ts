// The rights pick-list of the item editor: the RightsStatements.org statements and the Creative
// Commons licences (4.0) and public-domain tools, in the IIIF form manifests/rights.ts accepts, with
// their names in nl, fr and en. A record whose rights are another recognised URI (an older CC
// version) keeps it as an extra choice.
import type { Trilingual } from '../../../manifests/language-map.ts';

export interface RightsOption {
  uri: string;
  label: Trilingual;
  group: 'rs' | 'cc';
}

const rs = (code: string, label: Trilingual): RightsOption => ({ uri: `http://rightsstatements.org/vocab/${code}/1.0/`, label, group: 'rs' });
const cc = (path: string, label: Trilingual): RightsOption => ({ uri: `http://creativecommons.org/${path}/`, label, group: 'cc' });

export const RIGHTS_OPTIONS: readonly RightsOption[] = [
  cc('publicdomain/mark/1.0', {
    nl: 'Publiek domein (Public Domain Mark 1.0)',
    fr: 'Domaine public (Public Domain Mark 1.0)',
    en: 'Public Domain Mark 1.0',
  }),
  cc('publicdomain/zero/1.0', { nl: 'CC0 1.0 (geen rechten voorbehouden)', fr: 'CC0 1.0 (aucun droit réservé)', en: 'CC0 1.0 (no rights reserved)' }),
  cc('licenses/by/4.0', { nl: 'CC BY 4.0 (naamsvermelding)', fr: 'CC BY 4.0 (attribution)', en: 'CC BY 4.0 (attribution)' }),
  cc('licenses/by-sa/4.0', {
    nl: 'CC BY-SA 4.0 (gelijk delen)',
    fr: 'CC BY-SA 4.0 (partage dans les mêmes conditions)',
    en: 'CC BY-SA 4.0 (share alike)',
  }),
  cc('licenses/by-nd/4.0', {
    nl: 'CC BY-ND 4.0 (geen afgeleide werken)',
    fr: "CC BY-ND 4.0 (pas d'œuvres dérivées)",
    en: 'CC BY-ND 4.0 (no derivatives)',
  }),
  cc('licenses/by-nc/4.0', {
    nl: 'CC BY-NC 4.0 (niet-commercieel)',
    fr: "CC BY-NC 4.0 (pas d'utilisation commerciale)",
    en: 'CC BY-NC 4.0 (non-commercial)',
  }),
  cc('licenses/by-nc-sa/4.0', { nl: 'CC BY-NC-SA 4.0', fr: 'CC BY-NC-SA 4.0', en: 'CC BY-NC-SA 4.0' }),
  cc('licenses/by-nc-nd/4.0', { nl: 'CC BY-NC-ND 4.0', fr: 'CC BY-NC-ND 4.0', en: 'CC BY-NC-ND 4.0' }),
  rs('NoC-NC', {
    nl: 'Geen auteursrecht – niet-commercieel gebruik',
    fr: "Pas de droit d'auteur – usage non commercial uniquement",
    en: 'No Copyright – Non-Commercial Use Only',
  }),
  rs('NoC-OKLR', {
    nl: 'Geen auteursrecht – andere wettelijke beperkingen',
    fr: "Pas de droit d'auteur – autres restrictions légales",
    en: 'No Copyright – Other Known Legal Restrictions',
  }),
  rs('NoC-CR', {
    nl: 'Geen auteursrecht – contractuele beperkingen',
    fr: "Pas de droit d'auteur – restrictions contractuelles",
    en: 'No Copyright – Contractual Restrictions',
  }),
  rs('NoC-US', { nl: 'Geen auteursrecht – Verenigde Staten', fr: "Pas de droit d'auteur – États-Unis", en: 'No Copyright – United States' }),
  rs('InC', { nl: 'Auteursrechtelijk beschermd', fr: "Protégé par le droit d'auteur", en: 'In Copyright' }),
  rs('InC-EDU', {
    nl: 'Auteursrechtelijk beschermd – educatief gebruik toegestaan',
    fr: 'Protégé – usage éducatif autorisé',
    en: 'In Copyright – Educational Use Permitted',
  }),
  rs('InC-NC', {
    nl: 'Auteursrechtelijk beschermd – niet-commercieel gebruik toegestaan',
    fr: 'Protégé – usage non commercial autorisé',
    en: 'In Copyright – Non-Commercial Use Permitted',
  }),
  rs('InC-OW-EU', {
    nl: 'Auteursrechtelijk beschermd – verweesd werk (EU)',
    fr: 'Protégé – œuvre orpheline (UE)',
    en: 'In Copyright – EU Orphan Work',
  }),
  rs('InC-RUU', {
    nl: 'Auteursrechtelijk beschermd – rechthebbende onvindbaar',
    fr: 'Protégé – titulaire introuvable',
    en: 'In Copyright – Rights-holder(s) Unlocatable or Unidentifiable',
  }),
  rs('CNE', { nl: 'Auteursrecht niet beoordeeld', fr: "Droit d'auteur non évalué", en: 'Copyright Not Evaluated' }),
  rs('UND', { nl: 'Auteursrecht onbepaald', fr: "Droit d'auteur indéterminé", en: 'Copyright Undetermined' }),
  rs('NKC', { nl: 'Geen auteursrecht bekend', fr: "Pas de droit d'auteur connu", en: 'No Known Copyright' }),
];

export function rightsOption(uri: string): RightsOption | undefined {
  return RIGHTS_OPTIONS.find((o) => o.uri === uri);
}
