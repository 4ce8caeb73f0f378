// The one message catalogue of the viewer and the site, in Dutch, French and English, for every
// reader of the reading room. Each entry lists all three languages, so the type checker refuses a
// string that is missing a translation. Dutch is the default.
export const LANGS = ['nl', 'fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'nl';

type Entry = Readonly<Record<Lang, string>>;

export const messages = {
  // viewer: toolbar and navigation
  'viewer.label': { nl: 'Beeldviewer', fr: "Visionneuse d'images", en: 'Image viewer' },
  'viewer.toolbar': { nl: 'Bediening van de viewer', fr: 'Commandes de la visionneuse', en: 'Viewer controls' },
  'viewer.more': { nl: 'Meer bediening', fr: 'Plus de commandes', en: 'More controls' },
  'viewer.loading': { nl: 'Bezig met laden…', fr: 'Chargement…', en: 'Loading…' },
  'viewer.error': {
    nl: 'Dit item kon niet geopend worden: {message}',
    fr: "Impossible d'ouvrir cet objet : {message}",
    en: 'This item could not be opened: {message}',
  },
  'viewer.noImage': { nl: 'Deze pagina heeft geen afbeelding.', fr: "Cette page n'a pas d'image.", en: 'This page has no image.' },
  'viewer.imageFailed': {
    nl: 'De afbeelding van pagina {label} ({n} van {total}) kon niet geladen worden. De andere pagina’s kun je wel bekijken.',
    fr: 'L’image de la page {label} ({n} sur {total}) n’a pas pu être chargée. Les autres pages restent consultables.',
    en: 'The image of page {label} ({n} of {total}) could not be loaded. You can still go on to the other pages.',
  },
  'viewer.pageNotFound': {
    nl: 'Pagina “{page}” bestaat niet in dit item; pagina {label} wordt getoond.',
    fr: 'La page « {page} » n’existe pas dans cet objet ; la page {label} est affichée.',
    en: 'Page “{page}” was not found in this item; showing page {label}.',
  },
  'viewer.stage': {
    nl: 'Pagina {label}. Pijltjestoetsen: verschuiven; plus en min: zoomen; PageDown en PageUp: volgende en vorige pagina.',
    fr: 'Page {label}. Flèches : déplacer ; plus et moins : zoomer ; PageDown et PageUp : page suivante et précédente.',
    en: 'Page {label}. Arrow keys: move; plus and minus: zoom; Page Down and Page Up: next and previous page.',
  },
  'nav.previous': { nl: 'Vorige pagina', fr: 'Page précédente', en: 'Previous page' },
  'nav.next': { nl: 'Volgende pagina', fr: 'Page suivante', en: 'Next page' },
  'nav.page': { nl: 'Pagina', fr: 'Page', en: 'Page' },
  'nav.pageOf': { nl: 'Pagina {label} ({n} van {total})', fr: 'Page {label} ({n} sur {total})', en: 'Page {label} ({n} of {total})' },
  'nav.pageList': { nl: 'Kies een pagina', fr: 'Choisir une page', en: 'Choose a page' },
  'nav.thumbnails': { nl: 'Miniaturen van de pagina’s', fr: 'Vignettes des pages', en: 'Page thumbnails' },
  'nav.thumbnailOf': { nl: 'Ga naar pagina {label}', fr: 'Aller à la page {label}', en: 'Go to page {label}' },
  'zoom.in': { nl: 'Inzoomen', fr: 'Zoom avant', en: 'Zoom in' },
  'zoom.out': { nl: 'Uitzoomen', fr: 'Zoom arrière', en: 'Zoom out' },
  'zoom.reset': { nl: 'Hele pagina tonen', fr: 'Afficher la page entière', en: 'Show whole page' },
  'zoom.level': { nl: 'Zoom {percent}%', fr: 'Zoom {percent} %', en: 'Zoom {percent}%' },
  'rotate.right': { nl: 'Draai een kwartslag', fr: "Pivoter d'un quart de tour", en: 'Rotate a quarter turn' },
  'rotate.done': { nl: 'Gedraaid naar {degrees} graden', fr: 'Pivoté à {degrees} degrés', en: 'Rotated to {degrees} degrees' },
  'fullscreen.enter': { nl: 'Volledig scherm', fr: 'Plein écran', en: 'Full screen' },
  'fullscreen.exit': { nl: 'Volledig scherm verlaten', fr: 'Quitter le plein écran', en: 'Exit full screen' },
  'mode.label': { nl: 'Weergave', fr: 'Affichage', en: 'View' },
  'mode.single': { nl: 'Eén pagina', fr: 'Une page', en: 'One page' },
  'mode.book': { nl: 'Twee pagina’s (boek)', fr: 'Deux pages (livre)', en: 'Two pages (book)' },
  'mode.compare': { nl: 'Vergelijken', fr: 'Comparer', en: 'Compare' },
  'mode.strip': { nl: 'Pagina’s onder elkaar', fr: 'Pages les unes sous les autres', en: 'Pages one under another' },
  'compare.with': { nl: 'Vergelijk met pagina', fr: 'Comparer avec la page', en: 'Compare with page' },
  'compare.manifest': {
    nl: 'Of open een ander item (manifest-URL)',
    fr: 'Ou ouvrir un autre objet (URL du manifeste)',
    en: 'Or open another item (manifest URL)',
  },
  'compare.open': { nl: 'Openen', fr: 'Ouvrir', en: 'Open' },
  'compare.sync': { nl: 'Samen zoomen', fr: 'Zoomer ensemble', en: 'Zoom together' },
  'compare.on': {
    nl: 'Vergelijken: pagina {left} naast {right}',
    fr: 'Comparaison : page {left} à côté de {right}',
    en: 'Comparing page {left} with {right}',
  },
  // viewer: panels
  'panel.contents': { nl: 'Inhoud', fr: 'Sommaire', en: 'Contents' },
  'panel.info': { nl: 'Over dit item', fr: 'À propos de cet objet', en: 'About this item' },
  'panel.search': { nl: 'Zoeken in dit boek', fr: 'Rechercher dans ce livre', en: 'Search this book' },
  'panel.cite': { nl: 'Citeren', fr: 'Citer', en: 'Cite this' },
  'panel.share': { nl: 'Delen', fr: 'Partager', en: 'Share' },
  'panel.download': { nl: 'Downloaden', fr: 'Télécharger', en: 'Download' },
  'panel.close': { nl: 'Paneel sluiten', fr: 'Fermer le panneau', en: 'Close panel' },
  'panel.noToc': {
    nl: 'Dit item heeft geen inhoudstafel.',
    fr: "Cet objet n'a pas de table des matières.",
    en: 'This item has no table of contents.',
  },
  'info.rights': { nl: 'Rechten', fr: 'Droits', en: 'Rights' },
  'info.attribution': { nl: 'Vermelding', fr: 'Mention', en: 'Attribution' },
  'info.provider': { nl: 'Aangeboden door', fr: 'Fourni par', en: 'Provided by' },
  'info.manifest': { nl: 'IIIF-manifest', fr: 'Manifeste IIIF', en: 'IIIF manifest' },
  'info.source': { nl: 'Bronbeschrijving', fr: 'Notice source', en: 'Source record' },
  'search.label': { nl: 'Zoekterm', fr: 'Terme recherché', en: 'Search term' },
  'search.submit': { nl: 'Zoeken', fr: 'Rechercher', en: 'Search' },
  'search.none': { nl: 'Geen resultaten voor “{q}”.', fr: 'Aucun résultat pour « {q} ».', en: 'No results for “{q}”.' },
  'search.found': { nl: '{n} resultaten voor “{q}”.', fr: '{n} résultats pour « {q} ».', en: '{n} results for “{q}”.' },
  'search.foundOne': { nl: '1 resultaat voor “{q}”.', fr: '1 résultat pour « {q} ».', en: '1 result for “{q}”.' },
  'search.unavailable': {
    nl: 'Zoeken in de tekst is niet beschikbaar voor dit item.',
    fr: "La recherche plein texte n'est pas disponible pour cet objet.",
    en: 'Full-text search is not available for this item.',
  },
  'search.failed': { nl: 'Zoeken mislukt: {message}', fr: 'La recherche a échoué : {message}', en: 'Search failed: {message}' },
  'search.prevHit': { nl: 'Vorig resultaat', fr: 'Résultat précédent', en: 'Previous result' },
  'search.nextHit': { nl: 'Volgend resultaat', fr: 'Résultat suivant', en: 'Next result' },
  'search.hitOf': {
    nl: 'Resultaat {n} van {total}, pagina {label}',
    fr: 'Résultat {n} sur {total}, page {label}',
    en: 'Result {n} of {total}, page {label}',
  },
  'search.hitOutline': { nl: 'Zoekresultaat', fr: 'Résultat de recherche', en: 'Search result' },
  'cite.copy': { nl: 'Kopieer de verwijzing', fr: 'Copier la référence', en: 'Copy citation' },
  'cite.copied': { nl: 'Gekopieerd naar het klembord.', fr: 'Copié dans le presse-papiers.', en: 'Copied to the clipboard.' },
  'cite.copyFailed': {
    nl: 'Kopiëren lukte niet; selecteer de tekst en kopieer hem zelf.',
    fr: 'La copie a échoué ; sélectionnez le texte et copiez-le vous-même.',
    en: 'Copying failed; select the text and copy it yourself.',
  },
  'share.link': { nl: 'Link naar deze weergave', fr: 'Lien vers cette vue', en: 'Link to this view' },
  'share.contentState': {
    nl: 'IIIF Content State (voor andere IIIF-viewers)',
    fr: 'IIIF Content State (pour d’autres visionneuses IIIF)',
    en: 'IIIF Content State (for other IIIF viewers)',
  },
  'share.copyLink': { nl: 'Kopieer de link', fr: 'Copier le lien', en: 'Copy link' },
  'download.view': { nl: 'Huidige uitsnede (JPEG)', fr: 'Vue actuelle (JPEG)', en: 'Current view (JPEG)' },
  'download.page': {
    nl: 'Hele pagina, {width} pixels breed (JPEG)',
    fr: 'Page entière, {width} pixels de large (JPEG)',
    en: 'Whole page, {width} pixels wide (JPEG)',
  },
  'download.thisPage': { nl: 'Deze pagina', fr: 'Cette page', en: 'This page' },
  'download.book': { nl: 'Het hele boek', fr: 'Le livre entier', en: 'The whole book' },
  'download.iiif': { nl: 'Voor IIIF-viewers', fr: 'Pour les visionneuses IIIF', en: 'For IIIF viewers' },
  'download.pageText': {
    nl: 'Tekst van de pagina, zoals gedrukt (TXT)',
    fr: 'Texte de la page, tel qu’imprimé (TXT)',
    en: 'Text of the page, as printed (TXT)',
  },
  'download.pageTextModern': {
    nl: 'Tekst van de pagina, in moderne spelling (TXT)',
    fr: 'Texte de la page, en orthographe moderne (TXT)',
    en: 'Text of the page, in modern spelling (TXT)',
  },
  'download.alto': {
    nl: 'Tekst met posities op de pagina (ALTO-XML)',
    fr: 'Texte avec positions sur la page (ALTO XML)',
    en: 'Text with positions on the page (ALTO XML)',
  },
  'download.bookText': {
    nl: 'Tekst van het boek, zoals gedrukt (TXT)',
    fr: 'Texte du livre, tel qu’imprimé (TXT)',
    en: 'Text of the book, as printed (TXT)',
  },
  'download.bookTextModern': {
    nl: 'Tekst van het boek, in moderne spelling (TXT)',
    fr: 'Texte du livre, en orthographe moderne (TXT)',
    en: 'Text of the book, in modern spelling (TXT)',
  },
  'download.pdf': { nl: 'Het boek als PDF (doorzoekbaar)', fr: 'Le livre en PDF (avec texte)', en: 'The book as PDF (searchable)' },
  'download.pdfFrom': { nl: 'Van pagina', fr: 'De la page', en: 'From page' },
  'download.pdfTo': { nl: 'Tot en met pagina', fr: 'Jusqu’à la page', en: 'To page' },
  'download.pdfSize': { nl: 'Grootte van de afbeeldingen', fr: 'Taille des images', en: 'Image size' },
  'download.size1000': { nl: '1000 pixels (voor het scherm)', fr: '1000 pixels (pour l’écran)', en: '1000 pixels (for the screen)' },
  'download.size2000': { nl: '2000 pixels (om af te drukken)', fr: '2000 pixels (pour l’impression)', en: '2000 pixels (for printing)' },
  'download.sizemax': { nl: 'De grootste beschikbare', fr: 'La plus grande disponible', en: 'The largest available' },
  'download.pdfLink': {
    nl: 'Download de PDF (pagina {from} tot {to})',
    fr: 'Télécharger le PDF (pages {from} à {to})',
    en: 'Download the PDF (pages {from} to {to})',
  },
  'download.citations': {
    nl: 'Verwijzing voor je literatuurlijst',
    fr: 'Référence pour votre bibliographie',
    en: 'Citation for your reference manager',
  },
  'download.ris': { nl: 'RIS (Zotero, EndNote, Mendeley)', fr: 'RIS (Zotero, EndNote, Mendeley)', en: 'RIS (Zotero, EndNote, Mendeley)' },
  'download.bib': { nl: 'BibTeX (LaTeX)', fr: 'BibTeX (LaTeX)', en: 'BibTeX (LaTeX)' },
  'download.json': { nl: 'CSL-JSON', fr: 'CSL-JSON', en: 'CSL-JSON' },
  'download.manifest': { nl: 'IIIF-manifest (JSON)', fr: 'Manifeste IIIF (JSON)', en: 'IIIF manifest (JSON)' },
  'download.dragDrop': {
    nl: 'IIIF-logo: sleep naar Mirador of een andere IIIF-viewer',
    fr: 'Logo IIIF : glisser vers Mirador ou une autre visionneuse IIIF',
    en: 'IIIF logo: drag into Mirador or another IIIF viewer',
  },
  'announce.page': {
    nl: 'Pagina {label} getoond, {n} van {total}',
    fr: 'Page {label} affichée, {n} sur {total}',
    en: 'Showing page {label}, {n} of {total}',
  },
  'announce.mode': { nl: 'Weergave: {mode}', fr: 'Affichage : {mode}', en: 'View: {mode}' },
  'collection.items': { nl: '{n} items in deze collectie', fr: '{n} objets dans cette collection', en: '{n} items in this collection' },
  'collection.open': { nl: 'Open {label}', fr: 'Ouvrir {label}', en: 'Open {label}' },
  'collection.back': { nl: 'Terug naar de collectie “{label}”', fr: 'Retour à la collection « {label} »', en: 'Back to the collection “{label}”' },
  // viewer: the reading room (text beside the page, read aloud) — viewer/component/reading/
  'reading.open': { nl: 'Tekst naast de pagina', fr: 'Texte à côté de la page', en: 'Text beside the page' },
  'reading.title': { nl: 'Tekst', fr: 'Texte', en: 'Text' },
  'reading.pageText': { nl: 'Tekst van pagina {label}', fr: 'Texte de la page {label}', en: 'Text of page {label}' },
  'reading.noText': {
    nl: 'Voor deze pagina is er nog geen transcriptie.',
    fr: "Il n'y a pas encore de transcription pour cette page.",
    en: 'There is no transcription for this page yet.',
  },
  'reading.machineRead': {
    nl: 'Machinaal gelezen tekst: er kunnen fouten in staan.',
    fr: 'Texte lu par machine : il peut contenir des erreurs.',
    en: 'Machine-read text: it may contain errors.',
  },
  'reading.machineReadConfidence': {
    nl: 'Machinaal gelezen tekst (betrouwbaarheid {percent}%): er kunnen fouten in staan.',
    fr: 'Texte lu par machine (confiance {percent} %) : il peut contenir des erreurs.',
    en: 'Machine-read text (confidence {percent}%): it may contain errors.',
  },
  'reading.loading': { nl: 'Tekst laden…', fr: 'Chargement du texte…', en: 'Loading the text…' },
  'reading.failed': {
    nl: 'De tekst van deze pagina kon niet geladen worden.',
    fr: "Le texte de cette page n'a pas pu être chargé.",
    en: 'The text of this page could not be loaded.',
  },
  'reading.modern': { nl: 'Hedendaagse spelling', fr: 'Orthographe moderne', en: 'Modern spelling' },
  'reading.modernOn': {
    nl: 'Tekst in hedendaagse spelling (ſ wordt s).',
    fr: 'Texte en orthographe moderne (ſ devient s).',
    en: 'Text in modern spelling (ſ becomes s).',
  },
  'reading.modernOff': { nl: 'Tekst zoals gedrukt.', fr: 'Texte tel qu’imprimé.', en: 'Text as printed.' },
  'reading.smaller': { nl: 'Kleinere letters', fr: 'Texte plus petit', en: 'Smaller text' },
  'reading.larger': { nl: 'Grotere letters', fr: 'Texte plus grand', en: 'Larger text' },
  'reading.size': { nl: 'Lettergrootte {percent}%', fr: 'Taille du texte {percent} %', en: 'Text size {percent}%' },
  'reading.copy': { nl: 'Kopieer de tekst van deze pagina', fr: 'Copier le texte de cette page', en: 'Copy this page’s text' },
  'reading.lines': {
    nl: 'Regels van de tekst. Pijltjes omhoog en omlaag: vorige en volgende regel; Enter: kies de regel.',
    fr: 'Lignes du texte. Flèches haut et bas : ligne précédente et suivante ; Entrée : choisir la ligne.',
    en: 'Lines of the text. Up and down arrows: previous and next line; Enter: choose the line.',
  },
  'reading.lineOutline': { nl: 'Gekozen regel', fr: 'Ligne choisie', en: 'Chosen line' },
  'reading.layout': { nl: 'Tonen', fr: 'Afficher', en: 'Show' },
  'reading.layoutImage': { nl: 'Afbeelding', fr: 'Image', en: 'Image' },
  'reading.layoutText': { nl: 'Tekst', fr: 'Texte', en: 'Text' },
  'reading.layoutBoth': { nl: 'Beide', fr: 'Les deux', en: 'Both' },
  'read.title': { nl: 'Voorlezen', fr: 'Lecture à voix haute', en: 'Read aloud' },
  'read.play': { nl: 'Voorlezen', fr: 'Lire à voix haute', en: 'Read aloud' },
  'read.pause': { nl: 'Pauzeren', fr: 'Pause', en: 'Pause' },
  'read.resume': { nl: 'Verder lezen', fr: 'Reprendre', en: 'Resume' },
  'read.stop': { nl: 'Stoppen', fr: 'Arrêter', en: 'Stop' },
  'read.previous': { nl: 'Vorige regel', fr: 'Ligne précédente', en: 'Previous line' },
  'read.next': { nl: 'Volgende regel', fr: 'Ligne suivante', en: 'Next line' },
  'read.speed': { nl: 'Snelheid', fr: 'Vitesse', en: 'Speed' },
  'read.playing': { nl: 'Voorlezen gestart.', fr: 'Lecture à voix haute lancée.', en: 'Reading aloud.' },
  'read.paused': { nl: 'Voorlezen gepauzeerd.', fr: 'Lecture en pause.', en: 'Reading paused.' },
  'read.stopped': { nl: 'Voorlezen gestopt.', fr: 'Lecture arrêtée.', en: 'Reading stopped.' },
  'read.voice': { nl: 'Stem: {voice}', fr: 'Voix : {voice}', en: 'Voice: {voice}' },
  'read.noVoice': {
    nl: 'Dit toestel heeft geen stem voor het {language}; de standaardstem leest voor, met een vreemde uitspraak.',
    fr: "Cet appareil n'a pas de voix pour la langue {language} ; la voix par défaut lira, avec une prononciation étrangère.",
    en: 'This device has no voice for {language}; its default voice will read, with a foreign pronunciation.',
  },
  'read.noVoices': {
    nl: 'Dit toestel heeft geen stemmen om voor te lezen. Installeer er een in de instellingen voor spraak van uw toestel.',
    fr: "Cet appareil n'a aucune voix pour lire à voix haute. Installez-en une dans les réglages de synthèse vocale de l'appareil.",
    en: 'This device has no voices to read aloud with. Install one in your device’s speech settings.',
  },
  'read.unheard': {
    nl: 'Voorlezen werkt niet op dit toestel: de stem sprak de regels niet uit. Voorlezen is gestopt.',
    fr: 'La lecture à voix haute ne fonctionne pas sur cet appareil : la voix n’a pas prononcé les lignes. Lecture arrêtée.',
    en: 'Reading aloud does not work on this device: the voice did not speak the lines. Reading has stopped.',
  },
  'read.line': { nl: 'Regel {n} van {total}: {text}', fr: 'Ligne {n} sur {total} : {text}', en: 'Line {n} of {total}: {text}' },
  'read.unsupported': {
    nl: 'Deze browser kan niet voorlezen.',
    fr: 'Ce navigateur ne sait pas lire à voix haute.',
    en: 'This browser cannot read aloud.',
  },
  // site
  'site.name': { nl: 'Leeszaal', fr: 'Leeszaal', en: 'Leeszaal' },
  'site.tagline': {
    nl: 'Oude boeken en prenten om te bekijken, te doorzoeken en te citeren',
    fr: 'Livres anciens et estampes à regarder, chercher et citer',
    en: 'Old books and prints to look at, search and cite',
  },
  'site.description': {
    nl: 'Leeszaal: oude boeken en prenten om te bekijken, te doorzoeken en te citeren.',
    fr: 'Leeszaal : livres anciens et estampes à regarder, chercher et citer.',
    en: 'Leeszaal: old books and prints to look at, search and cite.',
  },
  'site.skip': { nl: 'Ga naar de inhoud', fr: 'Aller au contenu', en: 'Skip to content' },
  'site.nav': { nl: 'Hoofdmenu', fr: 'Menu principal', en: 'Main menu' },
  'site.home': { nl: 'Collectie', fr: 'Collection', en: 'Collection' },
  'site.search': { nl: 'Zoeken', fr: 'Rechercher', en: 'Search' },
  'site.language': { nl: 'Taal', fr: 'Langue', en: 'Language' },
  'site.footer': {
    nl: 'Leeszaal toont gedigitaliseerd erfgoed met open IIIF-standaarden.',
    fr: 'Leeszaal présente le patrimoine numérisé avec les standards ouverts IIIF.',
    en: 'Leeszaal shows digitised heritage with the open IIIF standards.',
  },
  'site.loadFailed': { nl: 'Laden mislukt: {message}', fr: 'Échec du chargement : {message}', en: 'Loading failed: {message}' },
  'site.notFound': { nl: 'Deze pagina bestaat niet.', fr: "Cette page n'existe pas.", en: 'This page does not exist.' },
  'home.title': { nl: 'De collectie', fr: 'La collection', en: 'The collection' },
  'home.intro': {
    nl: 'Kies een boek of prent om het van dichtbij te bekijken. Je kunt inzoomen tot op de letters.',
    fr: 'Choisissez un livre ou une estampe pour le regarder de près. Vous pouvez zoomer jusqu’aux lettres.',
    en: 'Pick a book or print to look at it up close. You can zoom in down to the letters.',
  },
  'home.empty': { nl: 'Er zijn nog geen items gepubliceerd.', fr: "Aucun objet n'a encore été publié.", en: 'No items have been published yet.' },
  'search.title': { nl: 'Zoeken in de collectie', fr: 'Rechercher dans la collection', en: 'Search the collection' },
  'search.pageTitle': { nl: 'Zoeken — Leeszaal', fr: 'Rechercher — Leeszaal', en: 'Search — Leeszaal' },
  'search.placeholder': {
    nl: 'Titel, persoon, plaats of een woord uit de tekst',
    fr: 'Titre, personne, lieu ou un mot du texte',
    en: 'Title, person, place or a word from the text',
  },
  'search.suggestions': { nl: 'Suggesties', fr: 'Suggestions', en: 'Suggestions' },
  'search.filters': { nl: 'Verfijnen', fr: 'Affiner', en: 'Refine' },
  'search.clearFilters': { nl: 'Filters wissen', fr: 'Effacer les filtres', en: 'Clear filters' },
  'search.from': { nl: 'Van jaar', fr: "De l'année", en: 'From year' },
  'search.to': { nl: 'Tot jaar', fr: "À l'année", en: 'To year' },
  'search.results': { nl: 'Resultaten', fr: 'Résultats', en: 'Results' },
  'search.total': { nl: '{n} items gevonden', fr: '{n} objets trouvés', en: '{n} items found' },
  'search.totalOne': { nl: '1 item gevonden', fr: '1 objet trouvé', en: '1 item found' },
  'search.onPage': { nl: 'op pagina {label}', fr: 'à la page {label}', en: 'on page {label}' },
  'search.prevPage': { nl: 'Vorige resultaten', fr: 'Résultats précédents', en: 'Previous results' },
  'search.nextPage': { nl: 'Volgende resultaten', fr: 'Résultats suivants', en: 'Next results' },
  'search.start': { nl: 'Typ een woord om te zoeken.', fr: 'Tapez un mot pour chercher.', en: 'Type a word to search.' },
  'facet.type': { nl: 'Soort', fr: 'Type', en: 'Type' },
  'facet.language': { nl: 'Taal', fr: 'Langue', en: 'Language' },
  'facet.century': { nl: 'Eeuw', fr: 'Siècle', en: 'Century' },
  'facet.person': { nl: 'Persoon', fr: 'Personne', en: 'Person' },
  'facet.place': { nl: 'Plaats', fr: 'Lieu', en: 'Place' },
  'type.book': { nl: 'Boek', fr: 'Livre', en: 'Book' },
  'type.periodical': { nl: 'Tijdschrift', fr: 'Périodique', en: 'Periodical' },
  'type.print': { nl: 'Prent', fr: 'Estampe', en: 'Print' },
  'type.manuscript': { nl: 'Handschrift', fr: 'Manuscrit', en: 'Manuscript' },
  'type.map': { nl: 'Kaart', fr: 'Carte', en: 'Map' },
  'type.other': { nl: 'Ander', fr: 'Autre', en: 'Other' },
  'item.about': { nl: 'Beschrijving', fr: 'Description', en: 'Description' },
  'item.links': { nl: 'Voor onderzoekers', fr: 'Pour les chercheurs', en: 'For researchers' },
  'item.foreign': {
    nl: 'Deze link verwees naar een manifest van {host}, dat niet tot deze collectie hoort. Het is niet geopend; hieronder staat het item van deze pagina.',
    fr: "Ce lien renvoyait à un manifeste de {host}, qui ne fait pas partie de cette collection. Il n'a pas été ouvert ; voici l'objet de cette page.",
    en: 'This link pointed to a manifest from {host}, which is not part of this collection. It was not opened; this page shows its own item.',
  },
  'item.notFound': { nl: 'Dit item bestaat niet (meer).', fr: "Cet objet n'existe pas (ou plus).", en: 'This item does not exist (any more).' },
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof messages;
export type Params = Readonly<Record<string, string | number>>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Picks a supported language from a tag such as `fr-BE`; Dutch when none fits. */
export function pickLang(...candidates: Array<string | null | undefined>): Lang {
  for (const c of candidates) {
    const base = c?.trim().toLowerCase().split(/[-_]/)[0];
    if (isLang(base)) return base;
  }
  return DEFAULT_LANG;
}

/** Message in a language with `{name}` placeholders filled; numbers are formatted for the language. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template: string = messages[key][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? v.toLocaleString(lang) : v;
  });
}

/** A language's own name, for the language switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { nl: 'Nederlands', fr: 'Français', en: 'English' };
