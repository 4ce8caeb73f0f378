// Test helper: rebuilds the OCR-D workspace bag of Kant's essay (test/fixtures/ocrd-bag) in a
// folder, as OCR-D exports it: its METS, ground-truth ALTO and PAGE and tag files as they are, the
// two 4 MB TIFF masters replaced by stand-ins of the same pixel size made from the sample's scan,
// and then, as bagit.py writes them, the SHA-512 payload manifest, Payload-Oxum and tag manifest.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { FIXTURES, KANT_PAGE_0017 } from './inputs.ts';

export const OCRD_BAG_FIXTURE = path.join(FIXTURES, 'ocrd-bag', 'kant_aufklaerung_1784');

/** The masters' pixel sizes in the real bag. */
const MASTERS = { 'INPUT_0017.tif': [1457, 2083], 'INPUT_0020.tif': [1457, 2084] } as const;

async function filesBelow(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesBelow(dir, child)));
    else out.push(child);
  }
  return out.sort();
}

const sha512 = async (file: string) =>
  createHash('sha512')
    .update(await readFile(file))
    .digest('hex');

/** Writes the bag's manifests and Payload-Oxum for the files now in `bag/data` (after a test changed them, say). */
export async function writeBagManifests(bag: string): Promise<void> {
  const payload = (await filesBelow(bag, 'data')).filter((f) => f.startsWith('data/'));
  const lines = await Promise.all(payload.map(async (f) => `${await sha512(path.join(bag, f))}  ${f}`));
  await writeFile(path.join(bag, 'manifest-sha512.txt'), `${lines.join('\n')}\n`);
  const octets = (await Promise.all(payload.map(async (f) => (await stat(path.join(bag, f))).size))).reduce((a, b) => a + b, 0);
  const info = (await readFile(path.join(bag, 'bag-info.txt'), 'utf8')).replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${octets}.${payload.length}`);
  await writeFile(path.join(bag, 'bag-info.txt'), info);
  const tags = ['manifest-sha512.txt', 'bagit.txt', 'bag-info.txt'];
  const tagLines = await Promise.all(tags.map(async (f) => `${await sha512(path.join(bag, f))}  ${f}`));
  await writeFile(path.join(bag, 'tagmanifest-sha512.txt'), `${tagLines.join('\n')}\n`);
}

/** Makes the bag at `bag` (a folder that does not exist yet) and returns its path. */
export async function makeOcrdBag(bag: string): Promise<string> {
  await cp(OCRD_BAG_FIXTURE, bag, { recursive: true });
  await mkdir(path.join(bag, 'data', 'OCR-D-IMG'));
  for (const [name, [width, height]] of Object.entries(MASTERS)) {
    await sharp(KANT_PAGE_0017)
      .resize(width, height, { fit: 'fill' })
      .tiff({ compression: 'lzw' })
      .toFile(path.join(bag, 'data', 'OCR-D-IMG', name));
  }
  await writeBagManifests(bag);
  return bag;
}
