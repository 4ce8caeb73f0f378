// What a curator learns about an uploaded file the moment it has arrived, before any publish job:
// whether ingest can read it at all. Page images need a readable header in a format ingest publishes;
// METS, MODS and ALTO must be well-formed XML without entity declarations or external DTDs (ingest
// refuses those too); CSV must be text and JSON must parse. Anything else is a file ingest ignores.
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';

const IMAGE_FORMATS = new Set(['jpeg', 'tiff', 'png', 'webp']);
const IMAGE_EXTENSIONS = new Set(['.tif', '.tiff', '.jpg', '.jpeg', '.png', '.webp']);
/** Metadata files are small; larger ones are not read whole into the server's memory to check them. */
const MAX_TEXT_BYTES = 64 * 2 ** 20;

/** Why ingest cannot read `file` (named as the curator uploaded it), or undefined when it can. */
export async function problemWith(file: string): Promise<string | undefined> {
  const ext = path.extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.has(ext)) return imageProblem(file);
  if (ext === '.xml') return textProblem(file, xmlProblem);
  if (ext === '.json') return textProblem(file, jsonProblem);
  if (ext === '.csv') return textProblem(file, () => undefined);
  return `ingest does not read ${ext || 'files without an extension'} files (page images: TIFF, JPEG, PNG, WebP; metadata: METS/MODS or ALTO XML, CSV, item.json)`;
}

async function imageProblem(file: string): Promise<string | undefined> {
  try {
    // The header only: sharp reads no pixels for metadata().
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    if (!IMAGE_FORMATS.has(String(meta.format))) return `unsupported image format "${meta.format}" (TIFF, JPEG, PNG or WebP)`;
    if (!meta.width || !meta.height) return 'the image header has no size';
    return undefined;
  } catch (err) {
    return `not a readable image (${String((err as Error).message).split('\n')[0]})`;
  }
}

async function textProblem(file: string, check: (text: string) => string | undefined): Promise<string | undefined> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    if (size === 0) return 'the file is empty';
    if (size > MAX_TEXT_BYTES) return `a metadata file of ${Math.round(size / 2 ** 20)} MB is larger than ingest expects (at most 64 MB)`;
  } finally {
    await handle.close();
  }
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not UTF-8 text';
  }
  return check(text);
}

function xmlProblem(xml: string): string | undefined {
  if (/<!ENTITY/i.test(xml)) return 'its DTD declares entities, which ingest refuses: remove the DOCTYPE';
  const doctype = /<!DOCTYPE[^[>]*/i.exec(xml);
  if (doctype && /\b(?:SYSTEM|PUBLIC)\b/.test(doctype[0])) return 'its DOCTYPE refers to an external DTD, which ingest refuses: remove the DOCTYPE';
  const valid = XMLValidator.validate(xml);
  return valid === true ? undefined : `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`;
}

function jsonProblem(json: string): string | undefined {
  try {
    JSON.parse(json);
    return undefined;
  } catch (err) {
    return `not valid JSON: ${(err as Error).message}`;
  }
}
