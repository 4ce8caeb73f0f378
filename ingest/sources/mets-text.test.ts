// Full text other than ALTO named by METS: PAGE XML and hOCR file groups as Transkribus, OCR-D and
// Tesseract-based workflows name them, found by the group’s USE or the file’s MIMETYPE (the text
// files are named unlike the images, so only METS links them).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSource } from './scan.ts';

const defaults = { rights: 'http://rightsstatements.org/vocab/InC/1.0/', attribution: 'Openbare Bibliotheek Brugge' };
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'leeszaal-mets-text-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function mets(textGroup: { use: string; mimetype: string; href: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
  <mets:dmdSec ID="DMD1"><mets:mdWrap MDTYPE="MODS"><mets:xmlData><mods:mods>
    <mods:titleInfo><mods:title>Brieven</mods:title></mods:titleInfo>
    <mods:recordInfo><mods:recordIdentifier>brieven-1820</mods:recordIdentifier></mods:recordInfo>
  </mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>
  <mets:fileSec>
    <mets:fileGrp USE="IMG"><mets:file ID="IMG_1" MIMETYPE="image/jpeg"><mets:FLocat LOCTYPE="URL" xlink:href="images/0001.jpg"/></mets:file></mets:fileGrp>
    <mets:fileGrp USE="${textGroup.use}"><mets:file ID="TXT_1" MIMETYPE="${textGroup.mimetype}"><mets:FLocat LOCTYPE="URL" xlink:href="${textGroup.href}"/></mets:file></mets:fileGrp>
  </mets:fileSec>
  <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="physSequence">
    <mets:div TYPE="page" ORDER="1" ID="PHYS_1"><mets:fptr FILEID="IMG_1"/><mets:fptr FILEID="TXT_1"/></mets:div>
  </mets:div></mets:structMap>
</mets:mets>`;
}

describe('METS naming PAGE XML or hOCR', () => {
  it.each([
    { name: 'Transkribus PAGEXML group', use: 'PAGEXML', mimetype: 'application/xml', href: 'page/PAGE_0001.xml' },
    {
      name: 'a PAGE MIMETYPE in a group named otherwise',
      use: 'TRANSCRIPTION',
      mimetype: 'application/vnd.prima.page+xml',
      href: 'page/PAGE_0001.xml',
    },
    { name: 'an hOCR group', use: 'HOCR', mimetype: 'text/vnd.hocr+html', href: 'hocr/ocr-0001.hocr' },
  ])('$name: the page’s text is $href', async ({ name, use, mimetype, href }) => {
    const folder = path.join(root, name.replace(/\W+/g, '-'));
    for (const file of ['images/0001.jpg', href]) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await writeFile(path.join(folder, file), 'x');
    }
    await writeFile(path.join(folder, 'mets.xml'), mets({ use, mimetype, href }));
    const scan = await scanSource(folder, defaults);
    expect(scan.problems).toEqual([]);
    expect(scan.items[0]!.pages).toEqual([{ key: '0001', file: 'images/0001.jpg', alto: href }]);
  });
});
