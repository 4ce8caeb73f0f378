// The item editor's words in Dutch, French and English: page text, buttons, messages, the field
// names of the form and of the history's diff, and each validation problem. Field names the public
// manifest also shows (title, date, shelfmark, …) come from manifests/field-labels.ts, so the editor
// calls a field what the reader sees it called.
import { FIELD_LABELS } from '../../../manifests/field-labels.ts';
import type { Trilingual, UiLanguage } from '../../../manifests/language-map.ts';
import type { ProblemCode } from './draft-form.ts';
import type { DiffField } from './record-diff.ts';

export type Lang = UiLanguage;

const UI = {
  items: { nl: 'Items', fr: 'Documents', en: 'Items' },
  itemsIntro: {
    nl: 'Gepubliceerde en teruggetrokken items. Kies een item om de beschrijving te verbeteren.',
    fr: 'Documents publiés et retirés. Choisissez un document pour corriger sa notice.',
    en: 'Published and withdrawn items. Choose an item to correct its description.',
  },
  search: { nl: 'Zoeken in titel, id of signatuur', fr: 'Chercher dans le titre, l’identifiant ou la cote', en: 'Search title, id or shelfmark' },
  filter: { nl: 'Tonen', fr: 'Afficher', en: 'Show' },
  filterAll: { nl: 'Alle', fr: 'Tous', en: 'All' },
  filterPublished: { nl: 'Gepubliceerd', fr: 'Publiés', en: 'Published' },
  filterWithdrawn: { nl: 'Teruggetrokken', fr: 'Retirés', en: 'Withdrawn' },
  filterDrafts: { nl: 'Met concept', fr: 'Avec brouillon', en: 'With draft' },
  apply: { nl: 'Zoeken', fr: 'Chercher', en: 'Search' },
  noItems: { nl: 'Geen items gevonden.', fr: 'Aucun document trouvé.', en: 'No items found.' },
  itemCount: { nl: '{n} item(s)', fr: '{n} document(s)', en: '{n} item(s)' },
  pagesNav: { nl: 'Pagina’s van de lijst', fr: 'Pages de la liste', en: 'Pages of the list' },
  pageOf: { nl: 'Pagina {page} van {pages}', fr: 'Page {page} sur {pages}', en: 'Page {page} of {pages}' },
  previous: { nl: 'Vorige', fr: 'Précédente', en: 'Previous' },
  next: { nl: 'Volgende', fr: 'Suivante', en: 'Next' },
  status: { nl: 'Status', fr: 'Statut', en: 'Status' },
  statusPublished: { nl: 'gepubliceerd', fr: 'publié', en: 'published' },
  statusWithdrawn: { nl: 'teruggetrokken', fr: 'retiré', en: 'withdrawn' },
  statusDraft: { nl: 'concept niet gepubliceerd', fr: 'brouillon non publié', en: 'unpublished draft' },
  pages: { nl: "Pagina's", fr: 'Pages', en: 'Pages' },
  edit: { nl: 'Bewerken', fr: 'Modifier', en: 'Edit' },
  editTitle: { nl: 'Beschrijving bewerken', fr: 'Modifier la notice', en: 'Edit description' },
  history: { nl: 'Geschiedenis', fr: 'Historique', en: 'History' },
  preview: { nl: 'Voorbeeld', fr: 'Aperçu', en: 'Preview' },
  publicPage: { nl: 'Publieke pagina', fr: 'Page publique', en: 'Public page' },
  save: { nl: 'Concept bewaren', fr: 'Enregistrer le brouillon', en: 'Save draft' },
  saveAndPreview: { nl: 'Bewaren en voorbeeld tonen', fr: 'Enregistrer et voir l’aperçu', en: 'Save and preview' },
  publish: { nl: 'Publiceren', fr: 'Publier', en: 'Publish' },
  discard: { nl: 'Concept weggooien', fr: 'Abandonner le brouillon', en: 'Discard draft' },
  withdraw: { nl: 'Terugtrekken', fr: 'Retirer', en: 'Withdraw' },
  withdrawHelp: {
    nl: 'Haalt het item van de publieke site en uit de zoekresultaten. Niets wordt gewist; u kunt het terugzetten.',
    fr: 'Retire le document du site public et de la recherche. Rien n’est effacé ; vous pouvez le rétablir.',
    en: 'Takes the item off the public site and out of search. Nothing is deleted; you can restore it.',
  },
  restore: { nl: 'Terugzetten', fr: 'Rétablir', en: 'Restore' },
  restoreVersion: { nl: 'Deze versie opnieuw publiceren', fr: 'Republier cette version', en: 'Publish this version again' },
  withdrawnNotice: {
    nl: 'Dit item is teruggetrokken: het staat niet op de publieke site en niet in de zoekresultaten.',
    fr: 'Ce document est retiré : il n’est ni sur le site public ni dans la recherche.',
    en: 'This item is withdrawn: it is not on the public site nor in search.',
  },
  draftNotice: {
    nl: 'Concept van {user}, bewaard op {at}, nog niet gepubliceerd.',
    fr: 'Brouillon de {user}, enregistré le {at}, pas encore publié.',
    en: 'Draft by {user}, saved {at}, not yet published.',
  },
  saved: { nl: 'Concept bewaard.', fr: 'Brouillon enregistré.', en: 'Draft saved.' },
  published: {
    nl: 'Gepubliceerd. Wie de pagina al open had, ziet de nieuwe versie binnen 5 minuten (bewaarde kopieën verlopen dan).',
    fr: 'Publié. Qui avait déjà ouvert la page voit la nouvelle version dans les 5 minutes (le temps que les copies en cache expirent).',
    en: 'Published. Anyone who already had the page open sees the new version within 5 minutes (when cached copies expire).',
  },
  withdrawn: { nl: 'Teruggetrokken.', fr: 'Retiré.', en: 'Withdrawn.' },
  restored: { nl: 'Teruggezet en opnieuw gepubliceerd.', fr: 'Rétabli et republié.', en: 'Restored and published again.' },
  discarded: { nl: 'Concept weggegooid.', fr: 'Brouillon abandonné.', en: 'Draft discarded.' },
  stale: {
    nl: 'Niet gepubliceerd: het concept of het item is intussen gewijzigd. Hieronder staat de huidige stand.',
    fr: 'Non publié : le brouillon ou le document a changé entre-temps. Voici l’état actuel.',
    en: 'Not published: the draft or the item changed meanwhile. This is how it stands now.',
  },
  versionRestored: { nl: 'Versie {n} is opnieuw gepubliceerd.', fr: 'La version {n} a été republiée.', en: 'Version {n} was published again.' },
  problemsTitle: {
    nl: 'Niet bewaard: {count} veld(en) te verbeteren',
    fr: 'Non enregistré : {count} champ(s) à corriger',
    en: 'Not saved: {count} field(s) to correct',
  },
  conflictTitle: {
    nl: 'Niet bewaard: iemand anders heeft dit item intussen gewijzigd',
    fr: 'Non enregistré : quelqu’un d’autre a modifié ce document entre-temps',
    en: 'Not saved: someone else changed this item meanwhile',
  },
  conflictHelp: {
    nl: 'Hieronder staan de wijzigingen van {user} ({at}) tegenover uw versie. Uw invoer staat nog in het formulier: controleer en bewaar opnieuw om ze samen te voegen.',
    fr: 'Voici les modifications de {user} ({at}) par rapport à votre version. Votre saisie est restée dans le formulaire : vérifiez et enregistrez à nouveau.',
    en: 'Below are the changes by {user} ({at}) against your version. Your input is still in the form: check it and save again to combine them.',
  },
  theirs: { nl: 'Huidige versie', fr: 'Version actuelle', en: 'Current version' },
  yours: { nl: 'Uw versie', fr: 'Votre version', en: 'Your version' },
  field: { nl: 'Veld', fr: 'Champ', en: 'Field' },
  before: { nl: 'Voor', fr: 'Avant', en: 'Before' },
  after: { nl: 'Na', fr: 'Après', en: 'After' },
  version: { nl: 'Versie', fr: 'Version', en: 'Version' },
  by: { nl: 'Door', fr: 'Par', en: 'By' },
  when: { nl: 'Wanneer', fr: 'Quand', en: 'When' },
  changes: { nl: 'Wijzigingen', fr: 'Modifications', en: 'Changes' },
  noChanges: { nl: 'geen wijzigingen', fr: 'aucune modification', en: 'no changes' },
  ingestUser: { nl: 'inname (ingest)', fr: 'import (ingest)', en: 'ingest' },
  actionIngest: { nl: 'Zoals ingenomen', fr: 'Tel qu’importé', en: 'As ingested' },
  actionEdit: { nl: 'Bewerkt', fr: 'Modifié', en: 'Edited' },
  actionRestoreVersion: { nl: 'Versie {n} teruggezet', fr: 'Version {n} rétablie', en: 'Version {n} restored' },
  noHistory: {
    nl: 'Nog geen bewerkingen: de gepubliceerde versie is die van de inname.',
    fr: 'Aucune modification : la version publiée est celle de l’import.',
    en: 'No edits yet: the published version is the one ingest made.',
  },
  titles: { nl: 'Titel in één of meer talen', fr: 'Titre en une ou plusieurs langues', en: 'Title in one or more languages' },
  summaries: { nl: 'Samenvatting', fr: 'Résumé', en: 'Summary' },
  summaryHelp: {
    nl: 'Eenvoudige opmaak mag (<i>, <b>, <a href="https://…">); al het andere wordt verwijderd, zoals bij inname.',
    fr: 'Mise en forme simple permise (<i>, <b>, <a href="https://…">) ; le reste est retiré, comme à l’import.',
    en: 'Simple markup is allowed (<i>, <b>, <a href="https://…">); anything else is removed, as at ingest.',
  },
  language: { nl: 'Taal', fr: 'Langue', en: 'Language' },
  languageNone: { nl: 'geen taal', fr: 'sans langue', en: 'no language' },
  agents: { nl: 'Makers en medewerkers', fr: 'Auteurs et contributeurs', en: 'Creators and contributors' },
  name: { nl: 'Naam', fr: 'Nom', en: 'Name' },
  role: { nl: 'Rol', fr: 'Rôle', en: 'Role' },
  noRole: { nl: '(geen rol)', fr: '(sans rôle)', en: '(no role)' },
  dateHelp: { nl: 'Bijv. 1784, ca. 1475, 147X, 1476?', fr: 'P. ex. 1784, ca. 1475, 147X, 1476?', en: 'E.g. 1784, ca. 1475, 147X, 1476?' },
  dateMeans: { nl: 'Betekent: {range}', fr: 'Signifie : {range}', en: 'Means: {range}' },
  approximate: { nl: 'bij benadering', fr: 'approximatif', en: 'approximate' },
  languagesHelp: {
    nl: 'Taalcodes, gescheiden door spaties (bijv. dut lat)',
    fr: 'Codes de langue séparés par des espaces (p. ex. fre lat)',
    en: 'Language codes separated by spaces (e.g. eng lat)',
  },
  subjectsHelp: { nl: 'Eén onderwerp per regel', fr: 'Un sujet par ligne', en: 'One subject per line' },
  rightsCurrent: { nl: '(huidige waarde)', fr: '(valeur actuelle)', en: '(current value)' },
  rightsStatements: { nl: 'RightsStatements.org', fr: 'RightsStatements.org', en: 'RightsStatements.org' },
  ccLicences: { nl: 'Creative Commons', fr: 'Creative Commons', en: 'Creative Commons' },
  display: { nl: 'Weergave', fr: 'Affichage', en: 'Display' },
  behavior: { nl: 'Bladeren', fr: 'Feuilletage', en: 'Page view' },
  paged: { nl: 'Als boek (dubbele pagina’s)', fr: 'Comme un livre (doubles pages)', en: 'As a book (two-page spreads)' },
  individuals: { nl: 'Eén pagina tegelijk', fr: 'Une page à la fois', en: 'One page at a time' },
  viewingDirection: { nl: 'Leesrichting', fr: 'Sens de lecture', en: 'Reading direction' },
  ltr: { nl: 'Links naar rechts', fr: 'De gauche à droite', en: 'Left to right' },
  rtl: { nl: 'Rechts naar links', fr: 'De droite à gauche', en: 'Right to left' },
  pagesHelp: {
    nl: 'Sleep een pagina, of gebruik de knoppen Omhoog en Omlaag, om de volgorde te wijzigen.',
    fr: 'Faites glisser une page, ou utilisez les boutons Monter et Descendre, pour changer l’ordre.',
    en: 'Drag a page, or use the Up and Down buttons, to change the order.',
  },
  pageLabel: { nl: 'Paginanummer of -label', fr: 'Numéro ou libellé de page', en: 'Page number or label' },
  thumbnail: { nl: 'Voorbeeldpagina', fr: 'Page vignette', en: 'Thumbnail page' },
  moveUp: { nl: 'Omhoog', fr: 'Monter', en: 'Up' },
  moveDown: { nl: 'Omlaag', fr: 'Descendre', en: 'Down' },
  movedTo: {
    nl: '{page} staat nu op plaats {n} van {total}.',
    fr: '{page} est maintenant en position {n} sur {total}.',
    en: '{page} is now at position {n} of {total}.',
  },
  page: { nl: 'Pagina {n}', fr: 'Page {n}', en: 'Page {n}' },
  previewBanner: {
    nl: 'Voorbeeld van het concept: zo zal de publieke pagina eruitzien. Nog niet gepubliceerd.',
    fr: 'Aperçu du brouillon : voici la page publique telle qu’elle sera. Pas encore publié.',
    en: 'Preview of the draft: the public page as it will look. Not yet published.',
  },
  backToEditor: { nl: 'Terug naar de editor', fr: 'Retour à l’éditeur', en: 'Back to the editor' },
  notFound: { nl: 'Dit item bestaat niet.', fr: 'Ce document n’existe pas.', en: 'This item does not exist.' },
  failed: { nl: 'Niet gelukt: {reason}', fr: 'Échec : {reason}', en: 'Failed: {reason}' },
} as const satisfies Record<string, Trilingual>;

export type TextKey = keyof typeof UI;

const PROBLEMS: Record<ProblemCode, Trilingual> = {
  required: { nl: 'Vul dit veld in.', fr: 'Remplissez ce champ.', en: 'Fill in this field.' },
  tooLong: {
    nl: 'Te lang (hoogstens {detail} tekens).',
    fr: 'Trop long ({detail} caractères au plus).',
    en: 'Too long (at most {detail} characters).',
  },
  language: { nl: '“{detail}” is geen taalcode.', fr: '« {detail} » n’est pas un code de langue.', en: '“{detail}” is not a language code.' },
  date: {
    nl: '“{detail}” is geen datum die Leeszaal kan lezen (bijv. 1784, ca. 1475, 147X, 1476?).',
    fr: '« {detail} » n’est pas une date lisible (p. ex. 1784, ca. 1475, 147X, 1476?).',
    en: '“{detail}” is not a date Leeszaal can read (e.g. 1784, ca. 1475, 147X, 1476?).',
  },
  role: { nl: '“{detail}” is geen bekende rol.', fr: '« {detail} » n’est pas un rôle connu.', en: '“{detail}” is not a known role.' },
  agentName: {
    nl: 'Een rol zonder naam: vul de naam in.',
    fr: 'Un rôle sans nom : indiquez le nom.',
    en: 'A role without a name: fill in the name.',
  },
  rights: {
    nl: 'Kies een rechtenverklaring uit de lijst.',
    fr: 'Choisissez une déclaration de droits dans la liste.',
    en: 'Choose a rights statement from the list.',
  },
  choice: { nl: 'Kies een van de mogelijkheden.', fr: 'Choisissez une des possibilités.', en: 'Choose one of the options.' },
  pages: {
    nl: "De pagina's kloppen niet met het gepubliceerde item; laad de pagina opnieuw.",
    fr: 'Les pages ne correspondent pas au document publié ; rechargez la page.',
    en: 'The pages do not match the published item; reload the page.',
  },
  thumbnailPage: { nl: 'Kies een pagina van dit item.', fr: 'Choisissez une page de ce document.', en: 'Choose a page of this item.' },
  emptyAfterCleaning: {
    nl: 'Na het verwijderen van niet-toegelaten opmaak blijft er niets over.',
    fr: 'Il ne reste rien après le retrait du balisage non autorisé.',
    en: 'Nothing is left once markup that is not allowed is removed.',
  },
};

const FIELDS: Record<DiffField, Trilingual> = {
  title: FIELD_LABELS.title,
  type: FIELD_LABELS.type,
  agents: { nl: 'Makers en medewerkers', fr: 'Auteurs et contributeurs', en: 'Creators and contributors' },
  date: FIELD_LABELS.date,
  place: FIELD_LABELS.place,
  publisher: FIELD_LABELS.publisher,
  languages: FIELD_LABELS.language,
  subjects: FIELD_LABELS.subject,
  shelfmark: FIELD_LABELS.shelfmark,
  holdingInstitution: FIELD_LABELS.holdingInstitution,
  summary: { nl: 'Samenvatting', fr: 'Résumé', en: 'Summary' },
  rights: FIELD_LABELS.rights,
  attribution: FIELD_LABELS.attribution,
  pageOrder: { nl: 'Paginavolgorde', fr: 'Ordre des pages', en: 'Page order' },
  pageLabels: { nl: 'Paginalabels', fr: 'Libellés des pages', en: 'Page labels' },
  thumbnailPage: { nl: 'Voorbeeldpagina', fr: 'Page vignette', en: 'Thumbnail page' },
  behavior: { nl: 'Bladeren', fr: 'Feuilletage', en: 'Page view' },
  viewingDirection: { nl: 'Leesrichting', fr: 'Sens de lecture', en: 'Reading direction' },
};

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

export function t(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return fill(UI[key][lang], params);
}

export function problemText(lang: Lang, code: ProblemCode, detail?: string): string {
  return fill(PROBLEMS[code][lang], detail === undefined ? {} : { detail });
}

export function fieldName(lang: Lang, field: DiffField): string {
  return FIELDS[field][lang];
}
