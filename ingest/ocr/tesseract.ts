// Runs Debian's Tesseract command line for ingest's OCR: what is installed (version, model folder,
// models) and the recognition of one page image into ALTO. Each run is limited to one OpenMP thread
// (OMP_THREAD_LIMIT=1), since ingest already runs INGEST_JOBS pages at once and Tesseract's own
// threads would only compete with them for the same cores.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The program ingest runs; Debian puts it on the PATH. */
const TESSERACT = 'tesseract';
/** A page that takes longer than this is given up (a normal page takes 1 to 10 s on one core). */
const PAGE_TIMEOUT_MS = 10 * 60_000;
/** ALTO of a dense newspaper page is a few MB. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export const TESSERACT_HOMEPAGE = 'https://tesseract-ocr.github.io/';

export interface TesseractInstall {
  /** `tesseract 5.3.0`, as `tesseract --version` prints it first. */
  version: string;
  /** The folder of the `.traineddata` models. */
  tessdata: string;
  models: ReadonlySet<string>;
}

export class OcrUnavailableError extends Error {
  override name = 'OcrUnavailableError';
}

/** What is installed; OcrUnavailableError when Tesseract cannot be run. */
export async function tesseractInstall(): Promise<TesseractInstall> {
  let version: string;
  let list: string;
  try {
    const v = await run(TESSERACT, ['--version'], { env: ompOne() });
    version = firstLine(v.stdout || v.stderr);
    const l = await run(TESSERACT, ['--list-langs'], { env: ompOne() });
    list = `${l.stdout}\n${l.stderr}`;
  } catch (err) {
    throw new OcrUnavailableError(
      `OCR is on but Tesseract cannot be run (${firstLine((err as Error).message)}); install Debian's tesseract-ocr or set OCR=off`,
    );
  }
  const folder = /List of available languages in "([^"]+)"/.exec(list)?.[1];
  if (!folder) throw new OcrUnavailableError(`OCR: cannot tell where Tesseract's models are from: ${firstLine(list)}`);
  const models = new Set(
    list
      .split('\n')
      .slice(list.split('\n').findIndex((l) => l.includes('List of available languages')) + 1)
      .map((l) => l.trim())
      .filter((l) => /^[\w/]+$/.test(l)),
  );
  return { version, tessdata: path.resolve(folder), models };
}

/** The Debian package that brings a model. */
export function debianPackageOf(model: string): string {
  return model === 'Fraktur' ? 'tesseract-ocr-script-frak' : `tesseract-ocr-${model.toLowerCase().replace('/', '-')}`;
}

/**
 * A fingerprint of the models a `-l` argument names (their files' SHA-256), so that an updated model
 * recognises the pages again; throws OcrUnavailableError naming the package of a missing model.
 */
export async function modelsFingerprint(install: TesseractInstall, models: string): Promise<string> {
  const hash = createHash('sha256');
  for (const model of models.split('+')) {
    if (!install.models.has(model)) {
      throw new OcrUnavailableError(`OCR model ${model} is not installed in ${install.tessdata} (Debian package ${debianPackageOf(model)})`);
    }
    hash.update(`${model}\0`).update(await readFile(path.join(install.tessdata, `${model}.traineddata`)));
  }
  return hash.digest('hex');
}

/** Recognises one page image (any format Leptonica reads: TIFF, JPEG, PNG, WebP, JPEG 2000) into ALTO XML. */
export async function recogniseToAlto(image: string, models: string): Promise<string> {
  try {
    const { stdout } = await run(TESSERACT, [image, 'stdout', '-l', models, 'alto'], {
      env: ompOne(),
      timeout: PAGE_TIMEOUT_MS,
      maxBuffer: MAX_OUTPUT_BYTES,
      encoding: 'utf8',
    });
    if (!stdout.includes('<alto')) throw new Error('Tesseract wrote no ALTO');
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string; killed?: boolean };
    const said = (e.stderr ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/^(Estimating resolution|Detected \d+ diacritics|Warning: Invalid resolution|Error during processing)/.test(l));
    // Its first complaint says what went wrong; the ones after it are what followed from it.
    const complaint = said.find((l) => /error|cannot|can't|failed/i.test(l)) ?? said.at(-1);
    const reason = e.killed ? `gave up after ${PAGE_TIMEOUT_MS / 60_000} minutes` : printable(complaint ?? firstLine(e.message));
    throw new Error(`Tesseract failed: ${reason}`);
  }
}

/** A line of Tesseract's output fit for a summary: no control characters, at most 200 characters. */
function printable(line: string): string {
  const clean = line.replace(/[\p{Cc}\uFFFD]/gu, '?');
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

function ompOne(): NodeJS.ProcessEnv {
  return { ...process.env, OMP_THREAD_LIMIT: '1' };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
