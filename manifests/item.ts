// The normalised description of one heritage item, whatever its source (METS/MODS, a curator's CSV,
// item.json). Ingest produces it, the manifest builders turn it into IIIF, and search indexes it.
// It is published as `records/<id>/record.json` so the published data alone can rebuild everything.
import type { InternationalString } from '@iiif/presentation-3';

/** A person or organisation with a MARC relator role code (aut, prt, pbl, edt, ill, trl, …). */
export interface Agent {
  name: string;
  /** MARC relator code, lower case (https://id.loc.gov/vocabulary/relators). */
  role?: string;
  /** Authority URI (GND, VIAF, …) when the source gives one. */
  uri?: string;
}

export interface Identifier {
  /** Source's own type word: urn, purl, doi, isbn, vd17, dtaid, local, … */
  type: string;
  value: string;
}

/** One page image of an item, after ingest measured it. */
export interface PageRecord {
  /** Stable key of the page within the item, from its file name stem (`page-0017`). */
  key: string;
  /** Page label as printed or catalogued (`481`, `[Titelblatt]`); absent when the source has none. */
  label?: string;
  /** Path of the source image relative to the item folder (`images/page-0017.tif`). */
  file: string;
  /** IIIF Image API identifier of the published image (the folder name under `iiif/image/`). */
  imageId: string;
  width: number;
  height: number;
  /**
   * Path of the page's full-text file relative to the item folder, when there is one: ALTO, or the
   * PAGE XML or hOCR file `textFormat` names. Its ALTO is published either way (as received, or
   * written from the lines read from the other format) at `records/<id>/alto/<key>.xml`.
   */
  alto?: string;
  /** The format of the full-text file when it is not ALTO. */
  textFormat?: 'page-xml' | 'hocr';
}

/** A table-of-contents entry: a labelled run of pages, possibly nested. */
export interface TocEntry {
  label: string;
  /** MODS/METS structural type (chapter, article, title_page, …) when given. */
  type?: string;
  /** Keys of the pages this entry covers, in reading order. */
  pages: string[];
  children: TocEntry[];
}

/** The format of an item's published source record: METS, CSV row, item.json, MARCXML, binary MARC 21, Dublin Core XML. */
export type SourceRecordFormat = 'mets' | 'csv' | 'json' | 'marcxml' | 'marc' | 'dc';

export type ItemType = 'book' | 'periodical' | 'print' | 'manuscript' | 'map' | 'other';

export interface ItemRecord {
  /** Stable id: lower-case letters, digits, `-` and `_`; also the folder name under `iiif/presentation/`. */
  id: string;
  type: ItemType;
  /** Title as a language map; for an uncatalogued item a neutral label in nl/fr/en. */
  label: InternationalString;
  /** True when the source has no title and `label` is a stand-in. */
  untitled?: boolean;
  summary?: InternationalString;
  agents: Agent[];
  /** Printer or publisher as given by the source. */
  publisher?: string;
  place?: string;
  /** Date as recorded (`1784`, `ca. 1475`, `147X`, `1476?`). */
  date?: string;
  /** ISO 639-2/B or 639-3 codes (`ger`, `dut`, `lat`, `fre`). */
  languages: string[];
  subjects: string[];
  /** Call number at the holding institution. */
  shelfmark?: string;
  holdingInstitution?: string;
  identifiers: Identifier[];
  /** Series, journal or collection the item belongs to. */
  partOf?: string;
  /** Rights URI (rightsstatements.org or Creative Commons). */
  rights: string;
  /** Who must be credited when the item is shown. */
  attribution: string;
  /** Link to the item elsewhere (the holding library's catalogue or viewer). */
  externalUrl?: string;
  /** Free-text note from the curator. */
  note?: string;
  /** The source metadata file copied into `records/<id>/` (`mets.xml`, `item.json`, `row.csv`, `marc.xml`, `record.mrc`, `dc.xml`). */
  sourceRecord?: { file: string; format: SourceRecordFormat };
  /** Key of the page that stands for the item (manifest and collection thumbnail); the first page when absent. */
  thumbnailPage?: string;
  behavior: 'paged' | 'individuals';
  viewingDirection: 'left-to-right' | 'right-to-left';
  pages: PageRecord[];
  toc: TocEntry[];
}
