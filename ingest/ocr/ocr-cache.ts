// Ingest's store of recognised pages, `<data>/.leeszaal/ocr/<key>.xml`: Tesseract's ALTO for one
// page image, keyed by the image's content hash, the models asked for, Tesseract's version, the
// models' own hash and the size large scans are read at. An unchanged page is never recognised twice (OCR is the slowest step of an
// ingest); a new scan, another language or an updated model gives another key. Written aside and
// renamed, like everything ingest writes, so a crash never leaves half an entry.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../manifests/atomic-write.ts';

export interface OcrCacheKey {
  /** SHA-256 of the page image's bytes. */
  imageSha256: string;
  /** Tesseract's `-l` argument. */
  models: string;
  version: string;
  modelsFingerprint: string;
  /** The size a large scan is scaled down to before it is read. */
  maxPixels: number;
}

export function ocrCacheKey(k: OcrCacheKey): string {
  return createHash('sha256')
    .update(JSON.stringify([k.imageSha256, k.models, k.version, k.modelsFingerprint, k.maxPixels]))
    .digest('hex');
}

export class OcrCache {
  readonly folder: string;
  private readonly stagingDir: string;
  constructor(stateDir: string, stagingDir: string) {
    this.folder = path.join(stateDir, 'ocr');
    this.stagingDir = stagingDir;
  }

  /** The ALTO stored under `key`, or undefined. */
  async get(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.file(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async put(key: string, alto: string): Promise<void> {
    await writeFileAtomic(this.file(key), alto, this.stagingDir);
  }

  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not an OCR cache key: ${key}`);
    return path.join(this.folder, `${key}.xml`);
  }
}
