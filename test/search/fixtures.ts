// Search test fixtures: a small published data folder built from the Kant essay's METS facts and its
// two ground-truth ALTO pages (test/support/inputs.ts) as full-text AnnotationPages, plus a handful
// of catalogue records chosen to exercise facets, uncertain dates and spelling variants. Written the
// way ingest publishes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ItemRecord, PageRecord } from '../../manifests/item.ts';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { buildTextPage, type TextLine } from '../../manifests/text-page.ts';
import type { IndexDocument } from '../../server/search/backend.ts';
import { buildIndexDocument, parseTextPage } from '../../server/search/document.ts';
import { itemRecord } from '../support/item-record.ts';
import { KANT_ALTO } from '../support/inputs.ts';

export const BASE_URL = 'http://localhost:3000';
const urls = publicUrls(BASE_URL);

type AltoNode = Record<string, unknown>;
const asList = (v: unknown): AltoNode[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as AltoNode[];

/** Text lines of an ALTO file: words joined by spaces, boxes from TextLine attributes. */
export async function altoLines(file: string): Promise<TextLine[]> {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseAttributeValue: false }).parse(
    await readFile(file, 'utf8'),
  ) as AltoNode;
  const lines: TextLine[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node as AltoNode)) {
      if (key === 'TextLine') {
        for (const l of asList(value)) {
          lines.push({
            id: String(l.ID),
            text: asList(l.String)
              .map((s) => String(s.CONTENT))
              .join(' '),
            x: Number(l.HPOS),
            y: Number(l.VPOS),
            w: Number(l.WIDTH),
            h: Number(l.HEIGHT),
          });
        }
      } else if (typeof value === 'object') {
        for (const child of asList(value)) walk(child);
      }
    }
  };
  walk(xml);
  return lines;
}

function page(key: string, label?: string, alto?: string): PageRecord {
  return { key, ...(label ? { label } : {}), file: `images/${key}.tif`, imageId: `${key}-abc`, width: 1456, height: 2083, ...(alto ? { alto } : {}) };
}

function record(partial: Partial<ItemRecord> & Pick<ItemRecord, 'id' | 'label'>): ItemRecord {
  return itemRecord({ attribution: 'Leeszaal', pages: [page('page-0001')], ...partial });
}

export const KANT_ID = 'kant-aufklaerung-1784';

/** The Kant essay as the METS describes it, pages 0001-0020 with ALTO on 0017 (p. 481) and 0020 (p. 484). */
export function kantRecord(): ItemRecord {
  const pages = Array.from({ length: 20 }, (_, i) => {
    const key = `page-${String(i + 1).padStart(4, '0')}`;
    const label = i >= 16 ? String(465 + i) : undefined;
    return page(key, label, key === 'page-0017' || key === 'page-0020' ? `alto/${key}.xml` : undefined);
  });
  return record({
    id: KANT_ID,
    type: 'periodical',
    label: { de: ['Beantwortung der Frage: Was ist Aufklärung?'] },
    agents: [{ name: 'Immanuel Kant', role: 'aut' }],
    publisher: 'Haude und Spener',
    place: 'Berlin',
    date: '1784',
    languages: ['ger'],
    subjects: ['Fachtext', 'Philosophie'],
    shelfmark: 'Berlin ZLB, in: o XIV 16975-4.1784',
    identifiers: [{ type: 'urn', value: 'urn:nbn:de:kobv:b4-200905192971' }],
    partOf: 'Berlinische Monatsschrift',
    pages,
  });
}

/** Catalogue records beside Kant: facets, uncertain dates, languages, spelling variants. */
export function otherRecords(): ItemRecord[] {
  return [
    record({
      id: 'pembroke-werke-1766',
      label: { de: ['Des Grafen und der Gräfin von Pembrock sämtliche Werke der Punctirkunst'] },
      agents: [{ name: 'Pembroke, Henry Herbert', role: 'aut' }],
      publisher: 'Stettin',
      place: 'Ulm',
      date: '1766',
      languages: ['ger'],
      subjects: ['Historische Drucke'],
    }),
    record({
      id: 'brugge-getijden',
      type: 'manuscript',
      label: { nl: ['Getijdenboek van Brugge'], fr: ['Livre d’heures de Bruges'] },
      summary: { nl: ['Verluchte getijden uit een Brugs atelier'] },
      agents: [{ name: 'Willem Vrelant', role: 'ill' }],
      place: 'Brugge',
      date: 'ca. 1475',
      languages: ['dut', 'lat'],
      subjects: ['Getijdenboeken'],
      partOf: 'Handschriften Brugge',
    }),
    record({
      id: 'mansion-boece',
      label: { fr: ['De la consolation de philosophie'] },
      agents: [
        { name: 'Boethius', role: 'aut' },
        { name: 'Colard Mansion', role: 'prt' },
      ],
      place: 'Brugge',
      date: '147X',
      languages: ['fre'],
      subjects: ['Philosophie'],
      partOf: 'Incunabelen Brugge',
    }),
    record({
      id: 'caxton-chess',
      label: { en: ['The Game and Playe of the Chesse'] },
      agents: [
        { name: 'Jacobus de Cessolis', role: 'aut' },
        { name: 'William Caxton', role: 'prt' },
      ],
      place: 'Brugge',
      date: '1476?',
      languages: ['eng'],
      subjects: ['Schaakspel'],
      partOf: 'Incunabelen Brugge',
    }),
    record({
      id: 'aerzte-kalender-1801',
      label: { de: ['Kalender für Aerzte und Wundärzte'] },
      agents: [{ name: 'Christoph Wilhelm Hufeland', role: 'edt' }],
      publisher: 'Haude und Spener',
      place: 'Berlin',
      date: '1801',
      languages: ['ger'],
      subjects: ['Medizin'],
    }),
    record({
      id: 'untitled-print-1719',
      type: 'print',
      untitled: true,
      label: { nl: ['Zonder titel'], fr: ['Sans titre'], en: ['Untitled'] },
      agents: [{ name: 'Eiteritz', role: 'aut' }],
      date: '1719',
      languages: ['ger'],
    }),
  ];
}

/** Writes the Kant item (record + two full-text pages) and the other records into `dataDir`. */
export async function writeSampleData(dataDir: string): Promise<void> {
  const paths = dataPaths(dataDir);
  const kant = kantRecord();
  for (const rec of [kant, ...otherRecords()]) {
    await mkdir(paths.recordDir(rec.id), { recursive: true });
    await writeFile(paths.record(rec.id), JSON.stringify(rec, null, 2));
  }
  await mkdir(path.dirname(paths.textPage(KANT_ID, 'page-0017')), { recursive: true });
  for (const key of ['page-0017', 'page-0020'] as const) {
    const lines = await altoLines(KANT_ALTO[key]);
    const annotations = buildTextPage(KANT_ID, key, lines, urls, { language: 'ger', width: 1456, height: 2083 });
    await writeFile(paths.textPage(KANT_ID, key), JSON.stringify(annotations));
  }
}

/** The same sample as index documents, without touching the disk. */
export async function sampleDocuments(): Promise<IndexDocument[]> {
  const kant = kantRecord();
  const pages = [];
  for (const key of ['page-0017', 'page-0020'] as const) {
    const lines = await altoLines(KANT_ALTO[key]);
    const json = buildTextPage(KANT_ID, key, lines, urls, { language: 'ger', width: 1456, height: 2083 });
    const label = kant.pages.find((p) => p.key === key)?.label;
    pages.push(parseTextPage(JSON.stringify(json), label ? { key, label } : { key })!);
  }
  return [buildIndexDocument(kant, pages), ...otherRecords().map((r) => buildIndexDocument(r, []))];
}

export const kantCanvas = (key: string) => urls.canvas(KANT_ID, key);
