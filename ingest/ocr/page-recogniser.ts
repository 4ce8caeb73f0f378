// OCR of one page for ingest: picks the models from the item (models.ts), takes Tesseract's ALTO from
// the cache or runs Tesseract (tesseract.ts) and caches it, and reads it with the ALTO reader into the
// lines ingest publishes, each with its confidence; a large master is read scaled down (ocr-image.ts).
// Tesseract's installation is looked at once per run.
import { parseAlto } from '../text/alto.ts';
import { meanConfidence } from '../../manifests/confidence.ts';
import type { TextLine } from '../../manifests/text-page.ts';
import { type FrakturSetting, ocrModels } from './models.ts';
import { OcrCache, ocrCacheKey } from './ocr-cache.ts';
import { OCR_MAX_PIXELS, ocrImage } from './ocr-image.ts';
import { modelsFingerprint, recogniseToAlto, type TesseractInstall, tesseractInstall } from './tesseract.ts';

export interface RecognisedPage {
  lines: TextLine[];
  /** `tesseract 5.3.0`. */
  software: string;
  /** The models read with (`Fraktur+frk`). */
  models: string;
  /** True when the text came from an earlier run's recognition of the same image. */
  cached: boolean;
}

export interface RecogniserOptions {
  stateDir: string;
  stagingDir: string;
  fraktur: FrakturSetting;
  fallbackLanguages: readonly string[];
  /** Scans larger than this are read scaled down to it; default OCR_MAX_PIXELS. */
  maxPixels?: number;
}

export interface PageToRecognise {
  /** Absolute path of the page image. */
  file: string;
  sha256: string;
  /** The published image's size, which the lines' boxes are in. */
  width: number;
  height: number;
  item: { languages: readonly string[]; date?: string | undefined };
}

export class PageRecogniser {
  private readonly install: TesseractInstall;
  private readonly opts: RecogniserOptions;
  private readonly cache: OcrCache;
  private readonly fingerprints = new Map<string, Promise<string>>();
  private constructor(install: TesseractInstall, opts: RecogniserOptions) {
    this.install = install;
    this.opts = opts;
    this.cache = new OcrCache(opts.stateDir, opts.stagingDir);
  }

  /** A recogniser for this run; OcrUnavailableError when Tesseract cannot be run. */
  static async open(opts: RecogniserOptions): Promise<PageRecogniser> {
    return new PageRecogniser(await tesseractInstall(), opts);
  }

  async recognise(page: PageToRecognise): Promise<RecognisedPage> {
    const models = ocrModels({
      languages: page.item.languages,
      date: page.item.date,
      fraktur: this.opts.fraktur,
      fallback: this.opts.fallbackLanguages,
    });
    let fingerprint = this.fingerprints.get(models);
    if (!fingerprint) {
      fingerprint = modelsFingerprint(this.install, models);
      this.fingerprints.set(models, fingerprint);
    }
    const maxPixels = this.opts.maxPixels ?? OCR_MAX_PIXELS;
    const key = ocrCacheKey({
      imageSha256: page.sha256,
      models,
      version: this.install.version,
      modelsFingerprint: await fingerprint,
      maxPixels,
    });
    let alto = await this.cache.get(key);
    const cached = alto !== undefined;
    if (alto === undefined) {
      const image = await ocrImage(page.file, page, this.opts.stagingDir, maxPixels);
      try {
        alto = await recogniseToAlto(image.file, models);
      } finally {
        await image.done();
      }
      await this.cache.put(key, alto);
    }
    const lines = parseAlto(alto, page.width, page.height).lines.map(({ words, ...line }) => {
      const confidence = meanConfidence(words);
      return confidence === undefined ? line : { ...line, confidence };
    });
    return { lines, software: this.install.version, models, cached };
  }
}
