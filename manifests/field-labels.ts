// The words a manifest shows around catalogue values, in Dutch, French and English: metadata field
// labels, MARC relator role names, item types, and language names for ISO 639 codes. Used by the
// manifest builders and by the site and search wherever a field or facet needs a caption.
import type { InternationalString } from '@iiif/presentation-3';
import type { ItemType } from './item.ts';
import { type Trilingual, trilingual, toBcp47, UI_LANGUAGES } from './language-map.ts';

export const FIELD_LABELS = {
  title: { nl: 'Titel', fr: 'Titre', en: 'Title' },
  type: { nl: 'Soort', fr: 'Type', en: 'Type' },
  agent: { nl: 'Medewerker', fr: 'Contributeur', en: 'Contributor' },
  publisher: { nl: 'Drukker/uitgever', fr: 'Imprimeur/éditeur', en: 'Printer/publisher' },
  place: { nl: 'Plaats', fr: 'Lieu', en: 'Place' },
  date: { nl: 'Datum', fr: 'Date', en: 'Date' },
  language: { nl: 'Taal', fr: 'Langue', en: 'Language' },
  subject: { nl: 'Onderwerp', fr: 'Sujet', en: 'Subject' },
  shelfmark: { nl: 'Signatuur', fr: 'Cote', en: 'Shelfmark' },
  holdingInstitution: { nl: 'Bewaarplaats', fr: 'Lieu de conservation', en: 'Holding institution' },
  identifier: { nl: 'Identificatie', fr: 'Identifiant', en: 'Identifier' },
  partOf: { nl: 'Deel van', fr: 'Fait partie de', en: 'Part of' },
  note: { nl: 'Opmerking', fr: 'Remarque', en: 'Note' },
  externalUrl: { nl: 'Elders online', fr: 'Ailleurs en ligne', en: 'Elsewhere online' },
  attribution: { nl: 'Naamsvermelding', fr: 'Attribution', en: 'Attribution' },
  rights: { nl: 'Rechten', fr: 'Droits', en: 'Rights' },
  fullText: { nl: 'Volledige tekst', fr: 'Texte intégral', en: 'Full text' },
  sourceRecord: { nl: 'Bronbeschrijving', fr: 'Notice source', en: 'Source record' },
  itemRecord: { nl: 'Beschrijving (Leeszaal)', fr: 'Notice (Leeszaal)', en: 'Record (Leeszaal)' },
} as const satisfies Record<string, Trilingual>;

export type FieldName = keyof typeof FIELD_LABELS;

/** The label of a metadata field as a language map in nl, fr and en. */
export function fieldLabel(field: FieldName): InternationalString {
  return trilingual(FIELD_LABELS[field]);
}

/** MARC relator codes (https://id.loc.gov/vocabulary/relators) the catalogues of early prints use. */
export const ROLE_LABELS: Readonly<Record<string, Trilingual>> = {
  aut: { nl: 'Auteur', fr: 'Auteur', en: 'Author' },
  cre: { nl: 'Maker', fr: 'Créateur', en: 'Creator' },
  prt: { nl: 'Drukker', fr: 'Imprimeur', en: 'Printer' },
  pbl: { nl: 'Uitgever', fr: 'Éditeur', en: 'Publisher' },
  bsl: { nl: 'Boekverkoper', fr: 'Libraire', en: 'Bookseller' },
  edt: { nl: 'Redacteur', fr: 'Éditeur scientifique', en: 'Editor' },
  ill: { nl: 'Illustrator', fr: 'Illustrateur', en: 'Illustrator' },
  trl: { nl: 'Vertaler', fr: 'Traducteur', en: 'Translator' },
  egr: { nl: 'Graveur', fr: 'Graveur', en: 'Engraver' },
  etr: { nl: 'Etser', fr: 'Aquafortiste', en: 'Etcher' },
  art: { nl: 'Kunstenaar', fr: 'Artiste', en: 'Artist' },
  dte: { nl: 'Opgedragen aan', fr: 'Dédicataire', en: 'Dedicatee' },
  fmo: { nl: 'Vroegere eigenaar', fr: 'Ancien possesseur', en: 'Former owner' },
  own: { nl: 'Eigenaar', fr: 'Possesseur', en: 'Owner' },
  ctg: { nl: 'Cartograaf', fr: 'Cartographe', en: 'Cartographer' },
  cmp: { nl: 'Componist', fr: 'Compositeur', en: 'Composer' },
  com: { nl: 'Samensteller', fr: 'Compilateur', en: 'Compiler' },
  ctb: { nl: 'Medewerker', fr: 'Contributeur', en: 'Contributor' },
  scr: { nl: 'Kopiist', fr: 'Copiste', en: 'Scribe' },
  aui: { nl: 'Auteur van de inleiding', fr: "Auteur de l'introduction", en: 'Author of introduction' },
  ann: { nl: 'Annotator', fr: 'Annotateur', en: 'Annotator' },
  pht: { nl: 'Fotograaf', fr: 'Photographe', en: 'Photographer' },
  dgg: { nl: 'Instelling van promotie', fr: 'Institution de soutenance', en: 'Degree granting institution' },
  his: { nl: 'Bewaarinstelling', fr: 'Institution de conservation', en: 'Host institution' },
};

/**
 * The name of a MARC relator role in nl, fr and en; for a code without a translation the generic
 * "contributor" label, so an unusual role never shows a bare code to a reader.
 */
export function roleLabel(code: string | undefined): InternationalString {
  const known = code === undefined ? undefined : ROLE_LABELS[code.trim().toLowerCase()];
  return trilingual(known ?? FIELD_LABELS.agent);
}

export const ITEM_TYPE_LABELS: Readonly<Record<ItemType, Trilingual>> = {
  book: { nl: 'Boek', fr: 'Livre', en: 'Book' },
  periodical: { nl: 'Tijdschrift', fr: 'Périodique', en: 'Periodical' },
  print: { nl: 'Prent', fr: 'Estampe', en: 'Print' },
  manuscript: { nl: 'Handschrift', fr: 'Manuscrit', en: 'Manuscript' },
  map: { nl: 'Kaart', fr: 'Carte', en: 'Map' },
  other: { nl: 'Ander document', fr: 'Autre document', en: 'Other document' },
};

export function itemTypeLabel(type: ItemType): InternationalString {
  return trilingual(ITEM_TYPE_LABELS[type]);
}

// Made on first use: loading CLDR's names costs 15 to 50 ms, which every process start would pay.
let languageNames: Intl.DisplayNames[] | undefined;

/**
 * The name of a language (ISO 639-2/B, 639-2/T, 639-3 or BCP 47 code) in nl, fr and en, from the
 * runtime's CLDR data (`ger` → Duits/allemand/German). A code CLDR does not know is returned as it
 * is, under `none`, rather than dropped: the reader still sees what the catalogue said.
 */
export function languageName(code: string): InternationalString {
  const tag = toBcp47(code);
  if (tag !== undefined) {
    languageNames ??= UI_LANGUAGES.map((ui) => new Intl.DisplayNames([ui], { type: 'language', fallback: 'none' }));
    const names = languageNames.map((dn) => dn.of(tag));
    if (names.every((n): n is string => typeof n === 'string' && n.length > 0)) {
      const [nl, fr, en] = names as [string, string, string];
      return { nl: [nl], fr: [fr], en: [en] };
    }
  }
  return { none: [code] };
}
