// Test helper for the tests that need the maintainers' whole sample corpus (four collections, eight
// items, 28 pages): rebuilds it in a folder from what the repository holds, so those tests run on a
// bare clone. The metadata is the corpus's own, unchanged (test/fixtures/corpus: the 20-page METS of
// the Kant essay with its second ALTO page, Der Herold's and Pembroke's METS, the five-row items.csv);
// the images the bundled sample does not hold are made here from its pages with sharp, each in the
// format and at the pixel size of the corpus file it stands in for.
import { copyFile, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { FIXTURES, SAMPLE_SOURCE } from './inputs.ts';

const KANT = 'kant-aufklaerung-1784';
const PRINTS = 'prints-1653-1751';
const pad = (n: number) => String(n).padStart(4, '0');

/** A scan of `width` x `height` pixels made from a sample page (scaled and cropped to fill it), as a JPEG or JPEG-compressed TIFF. */
async function standIn(from: string, to: string, width: number, height: number, format: 'jpeg' | 'tiff', icc = false): Promise<void> {
  let image = sharp(from).resize(width, height, { fit: 'cover' });
  if (icc) image = image.withIccProfile('srgb');
  // 300 dpi, as the Kant and Herold TIFFs state (sharp takes pixels per millimetre).
  if (format === 'tiff') await image.tiff({ compression: 'jpeg', quality: 85, xres: 300 / 25.4, yres: 300 / 25.4 }).toFile(to);
  else await image.jpeg({ quality: 85 }).toFile(to);
}

/** Writes the corpus's four collections into `dir` (an existing, empty folder). */
export async function buildCorpus(dir: string): Promise<void> {
  for (const folder of [KANT, PRINTS]) await cp(path.join(SAMPLE_SOURCE, folder), path.join(dir, folder), { recursive: true });
  // The corpus's own records replace the sample's, which were trimmed to the sample's pages and rows.
  await cp(path.join(FIXTURES, 'corpus'), dir, { recursive: true });

  // Kant: the sample holds pages 1, 16, 17 and 18. In the corpus page 20 is a TIFF like page 17 and
  // every other page a JPEG named .tif like page 16, so those two stand in for the missing pages.
  const kant = path.join(dir, KANT, 'images');
  const inSample = new Set([1, 16, 17, 18]);
  for (let n = 1; n <= 20; n++) {
    if (!inSample.has(n)) await copyFile(path.join(kant, n === 20 ? 'page-0017.tif' : 'page-0016.tif'), path.join(kant, `page-${pad(n)}.tif`));
  }

  // Der Herold: two large striped JPEG TIFFs with an ICC profile, as the Staatsbibliothek scanned them.
  const herold = path.join(dir, 'der-herold-1839', 'images');
  await mkdir(herold);
  await standIn(path.join(kant, 'page-0017.tif'), path.join(herold, 'page-0002.tif'), 2577, 3633, 'tiff', true);
  await standIn(path.join(kant, 'page-0016.tif'), path.join(herold, 'page-0005.tif'), 2097, 3062, 'tiff', true);

  // Pembroke: one striped JPEG TIFF without a profile.
  const pembroke = path.join(dir, 'pembroke-werke-1766', 'images');
  await mkdir(pembroke);
  await standIn(path.join(kant, 'page-0018.tif'), path.join(pembroke, 'page-0010.tif'), 1158, 2138, 'tiff');

  // Prints: the sample holds three of the five; the other two are baseline JPEGs 1600 pixels wide.
  const prints = path.join(dir, PRINTS, 'images');
  await standIn(path.join(prints, 'bengel_abriss01_1751-0007.jpg'), path.join(prints, 'dannhauer_catechismus04_1653-0585.jpg'), 1600, 2175, 'jpeg');
  await standIn(path.join(prints, 'corvinus_frauenzimmer_1715-0054.jpg'), path.join(prints, 'fleming_jaeger01_1719-0117.jpg'), 1600, 2642, 'jpeg');
}
