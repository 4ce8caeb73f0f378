// The image Tesseract reads for a page: the scan itself, or, for a master larger than `maxPixels`, a
// greyscale copy scaled down to that many pixels, written in the staging folder and removed after.
// Tesseract reads best near 300 dpi and needs memory and time in proportion to the pixels, so a
// 600 dpi folio master (100 MP and more) would cost several times the time for no better text. The
// ALTO reader scales the boxes back to the scan's pixels from the ALTO page size.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** An A4 page at 600 dpi or a folio at 400 dpi: 36 million pixels. */
export const OCR_MAX_PIXELS = 36_000_000;

export interface OcrImage {
  file: string;
  /** Removes the scaled copy, if one was made. */
  done: () => Promise<void>;
}

let counter = 0;

export async function ocrImage(
  source: string,
  size: { width: number; height: number },
  stagingDir: string,
  maxPixels = OCR_MAX_PIXELS,
): Promise<OcrImage> {
  const pixels = size.width * size.height;
  if (pixels <= maxPixels) return { file: source, done: async () => undefined };
  const scale = Math.sqrt(maxPixels / pixels);
  const file = path.join(stagingDir, `ocr-${process.pid}-${counter++}.png`);
  await mkdir(stagingDir, { recursive: true });
  await sharp(source, { limitInputPixels: false })
    .resize(Math.max(1, Math.floor(size.width * scale)))
    .greyscale()
    .png({ compressionLevel: 1 })
    .toFile(file);
  return { file, done: () => rm(file, { force: true }) };
}
