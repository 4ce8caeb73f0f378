// What a curator learns about an uploaded file the moment it has arrived, before any publish job:
// whether ingest can read it, judged by ingest's own readers so the workspace never disagrees with
// the publish job. Page images (JPEG 2000 included) need a readable header; XML (METS, MODS, ALTO,
// PAGE, MARCXML, Dublin Core) must be well-formed in its declared encoding, without entity
// declarations or external DTDs; hOCR must be HTML text, binary MARC readable records, JSON must
// parse, CSV and BagIt's tag files must be text. Handed to the server through the Publisher.
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkImage, firstLine } from '../image-check.ts';
import { readMarcFile } from '../sources/catalogue/marc-file.ts';
import { SUPPORTED_IMAGE } from '../sources/item-folder.ts';
import { parseXml, refuseEntityDeclarations } from '../sources/xml.ts';
import { xmlText } from '../sources/xml-text.ts';

/** Metadata files are small; larger ones are not read whole into memory to check them. */
const MAX_TEXT_BYTES = 64 * 2 ** 20;
const XML = new Set(['.xml', '.marcxml', '.mets', '.alto', '.page']);
const HTML = new Set(['.hocr', '.html', '.htm']);
const TEXT = new Set(['.csv', '.txt']);

/** Why ingest cannot read `file` (an uploaded file on disk), or undefined when it can. */
export async function uploadProblem(file: string): Promise<string | undefined> {
  const ext = path.extname(file).toLowerCase();
  if (SUPPORTED_IMAGE.test(file)) {
    try {
      // The header only; the size limit is the publish job's to apply, with its own configuration.
      await checkImage(file, Number.MAX_SAFE_INTEGER);
      return undefined;
    } catch (err) {
      return firstLine(err);
    }
  }
  if (XML.has(ext)) return withBytes(file, (bytes) => parseProblem(() => parseXml(xmlText(bytes)), 'not readable XML'));
  if (HTML.has(ext))
    return withBytes(
      file,
      (bytes) => utf8Problem(bytes) ?? parseProblem(() => refuseEntityDeclarations(Buffer.from(bytes).toString('utf8')), 'not readable'),
    );
  if (TEXT.has(ext)) return withBytes(file, (bytes) => utf8Problem(bytes));
  if (ext === '.json')
    return withBytes(file, (bytes) => utf8Problem(bytes) ?? parseProblem(() => JSON.parse(Buffer.from(bytes).toString('utf8')), 'not valid JSON'));
  if (ext === '.mrc' || ext === '.marc') return withBytes(file, marcProblem);
  return `ingest does not read ${ext || 'files without an extension'} files (page images: TIFF, JPEG, PNG, WebP, JPEG 2000; metadata: METS/MODS, MARC, Dublin Core, CSV, item.json; full text: ALTO, PAGE XML, hOCR)`;
}

async function withBytes(file: string, check: (bytes: Uint8Array) => string | undefined | Promise<string | undefined>): Promise<string | undefined> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    if (size === 0) return 'the file is empty';
    if (size > MAX_TEXT_BYTES) return `a metadata or text file of ${Math.round(size / 2 ** 20)} MB is larger than ingest expects (at most 64 MB)`;
  } finally {
    await handle.close();
  }
  return check(await readFile(file));
}

function parseProblem(parse: () => unknown, what: string): string | undefined {
  try {
    parse();
    return undefined;
  } catch (err) {
    return `${what}: ${firstLine(err)}`;
  }
}

async function marcProblem(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const bad = (await readMarcFile(bytes)).find((r) => 'error' in r);
    return bad && 'error' in bad ? `MARC record ${bad.index}: ${bad.error}` : undefined;
  } catch (err) {
    return `not a readable MARC record: ${firstLine(err)}`;
  }
}

function utf8Problem(bytes: Uint8Array): string | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    return 'not UTF-8 text';
  }
}
