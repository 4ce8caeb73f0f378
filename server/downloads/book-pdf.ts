// Writes an item's PDF with PDFKit, streaming: a first page naming the item (title, creator, date,
// holding institution, rights, attribution and the stable link), then one page per scan, each the
// page's JPEG embedded as it is (DCTDecode, no re-encoding) with an invisible text layer (rendering
// mode 3) laid on each line, stretched to the line's box, so a reader can search and copy the text.
// The text layer is in modern letterforms (`modernLines`), so searching for "Aufklärung" finds the
// page that prints "Aufklaͤrung". Pages are asked for one at a time and their bytes handed to the sink
// before the next is read, so memory stays at about one page whatever the book's length. The first
// page's labels are in the reader's language (nl, fr, en): the file goes home with a pupil or a
// researcher, who should be able to read what its rights say.
import { existsSync } from 'node:fs';
import { modernLines } from '../../manifests/modern-spelling.ts';
import type { PageLine } from '../../manifests/page-text.ts';
import { rightsName, rightsNameAndUri } from '../../manifests/rights-names.ts';
import type { PageJpeg } from './page-image.ts';
import type { PdfLang } from './pdf-request.ts';

/** The first page's labels in each language the reading room speaks. */
const LABELS = {
  published: { nl: 'Uitgegeven', fr: 'Publication', en: 'Published' },
  institution: { nl: 'Bewaard door', fr: 'Institution de conservation', en: 'Holding institution' },
  rights: { nl: 'Rechten', fr: 'Droits', en: 'Rights' },
  attribution: { nl: 'Naamsvermelding', fr: 'Attribution', en: 'Attribution' },
  url: { nl: 'Vaste link', fr: 'Lien permanent', en: 'Stable link' },
  file: { nl: 'Dit bestand', fr: 'Ce fichier', en: 'This file' },
} as const satisfies Record<string, Record<PdfLang, string>>;

/** What the file holds, for the first page: "Pages 2–40 of 480; images at most 1000 pixels on their long side". */
export function pdfExtent(lang: PdfLang, first: number, last: number, total: number, size: number): string {
  switch (lang) {
    case 'nl':
      return `Pagina’s ${first}–${last} van ${total}; afbeeldingen van hoogstens ${size} pixels aan de lange zijde`;
    case 'fr':
      return `Pages ${first} à ${last} sur ${total} ; images d’au plus ${size} pixels sur le grand côté`;
    case 'en':
      return `Pages ${first}–${last} of ${total}; images at most ${size} pixels on their long side`;
  }
}

/** What the first page and the document's metadata say about the item. */
export interface BookPdfInfo {
  title: string;
  authors: string[];
  date?: string;
  publisher?: string;
  place?: string;
  institution?: string;
  shelfmark?: string;
  subjects: string[];
  /** BCP 47 tag of the text, when known. */
  language?: string;
  rights: string;
  attribution: string;
  url: string;
  /** What the file holds (pdfExtent). */
  extent: string;
  /** Language of the first page's labels and of the document's Subject. */
  lang: PdfLang;
}

export interface BookPdfPage {
  label: string;
  /** Canvas size: the full scan, in whose pixels the text boxes are given. */
  width: number;
  height: number;
  image: () => Promise<PageJpeg>;
  lines: () => Promise<PageLine[]>;
}

/** Where the PDF's bytes go; `ready` resolves when the sink has taken what it was given (backpressure). */
export interface PdfSink {
  write: (chunk: Buffer) => void;
  ready: () => Promise<void>;
}

/** Scans are usually 300 to 400 dpi; at 300 a page prints at about its real size, whatever image size was chosen. */
const POINTS_PER_PIXEL = 72 / 300;
const A4 = { width: 595.28, height: 841.89 };
const PRODUCER = 'Leeszaal (PDFKit)';

export async function writeBookPdf(
  info: BookPdfInfo,
  pages: AsyncIterable<BookPdfPage>,
  font: string,
  sink: PdfSink,
  signal?: AbortSignal,
): Promise<void> {
  // Loaded with the first PDF: PDFKit and its fonts cost every server some 14 MB it may never need.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    displayTitle: true,
    ...(info.language ? { lang: info.language } : {}),
    info: {
      Title: info.title,
      Author: info.authors.join('; '),
      Subject: [
        info.title,
        info.institution,
        info.shelfmark,
        `${LABELS.rights[info.lang]}: ${rightsNameAndUri(info.rights, info.lang)}`,
        `${LABELS.attribution[info.lang]}: ${info.attribution}`,
        info.url,
      ]
        .filter(Boolean)
        .join(' — '),
      Keywords: info.subjects.join(', '),
      Creator: `Leeszaal ${info.url}`,
      Producer: PRODUCER,
    },
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.on('data', (chunk: Buffer) => sink.write(chunk));
  // A TrueType font covers what the text layer needs (umlauts, Greek, Cyrillic) and is embedded as a subset of the glyphs used.
  const face = existsSync(font) ? font : 'Helvetica';
  doc.registerFont('text', face);
  doc.font('text');

  titlePage(doc, info);
  await sink.ready();
  for await (const page of pages) {
    signal?.throwIfAborted();
    const [image, lines] = await Promise.all([page.image(), page.lines()]);
    const w = page.width * POINTS_PER_PIXEL;
    const h = page.height * POINTS_PER_PIXEL;
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(image.jpeg, 0, 0, { width: w, height: h });
    textLayer(doc, lines, POINTS_PER_PIXEL);
    doc.outline.addItem(page.label);
    await sink.ready();
  }
  signal?.throwIfAborted();
  doc.end();
  await ended;
  await sink.ready();
}

function titlePage(doc: PDFKit.PDFDocument, info: BookPdfInfo): void {
  doc.addPage({ size: [A4.width, A4.height], margin: 64 });
  doc.fontSize(20).text(info.title, { paragraphGap: 12 });
  if (info.authors.length > 0) doc.fontSize(14).text(info.authors.join('; '), { paragraphGap: 18 });
  const imprint = [info.place, info.publisher].filter(Boolean).join(': ');
  const rows: [string, string | undefined][] = [
    [LABELS.published[info.lang], [imprint, info.date].filter(Boolean).join(', ') || undefined],
    [LABELS.institution[info.lang], [info.institution, info.shelfmark].filter(Boolean).join(', ') || undefined],
    [LABELS.rights[info.lang], rightsName(info.rights, info.lang)],
    // The statement's URI under its name, as a link: the PDF travels without its page.
    ['', rightsName(info.rights, info.lang) === info.rights ? undefined : info.rights],
    [LABELS.attribution[info.lang], info.attribution],
    [LABELS.url[info.lang], info.url],
    [LABELS.file[info.lang], info.extent],
  ];
  doc.fontSize(11);
  for (const [name, value] of rows) {
    if (value === undefined) continue;
    if (name !== '') doc.fillColor('#555555').text(name, { paragraphGap: 2 });
    doc.fillColor('#000000').text(value, { paragraphGap: 10, ...(/^https?:\/\//.test(value) ? { link: value, underline: true } : {}) });
  }
}

/**
 * One invisible line of text per line box: the font sized to the box's height and stretched
 * (horizontal scaling) to its width, so a selection covers the printed line.
 */
function textLayer(doc: PDFKit.PDFDocument, lines: readonly PageLine[], scale: number): void {
  if (lines.length === 0) return;
  const texts = modernLines(lines.map((l) => l.text));
  doc.save();
  // Text rendering mode 3: neither filled nor stroked, yet there for search, selection and copy.
  doc.addContent('3 Tr');
  for (const [i, line] of lines.entries()) {
    const text = texts[i]?.trim();
    if (!text) continue;
    const size = Math.max(1, line.h * scale * 0.8);
    doc.fontSize(size);
    const natural = doc.widthOfString(text);
    if (natural <= 0) continue;
    const stretch = Math.min(1000, Math.max(1, ((line.w * scale) / natural) * 100));
    // PDFKit supports horizontalScaling; its type definitions do not know it yet.
    const options: PDFKit.Mixins.TextOptions & { horizontalScaling: number } = { lineBreak: false, horizontalScaling: stretch };
    doc.text(text, line.x * scale, line.y * scale + line.h * scale * 0.1, options);
  }
  doc.restore();
}
