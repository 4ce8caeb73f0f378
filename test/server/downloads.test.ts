// Taking the sample's Kant essay away over HTTP, as a reader would: its PDF read back with Debian's
// poppler-utils (pages, metadata, page images, the text layer's words on the right page), its text
// as printed and in modern spelling, its citation, the ALTO of page 481, and the refusals (a bad
// range or size, too many PDFs at once).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { validatePresentation } from '../../manifests/validate.ts';
import { createApp } from '../../server/app.ts';
import { KANT_ALTO } from '../support/inputs.ts';
import { publishedSample } from '../support/sample.ts';
import { serve, type RunningServer } from './fixture.ts';

const run = promisify(execFile);
const BASE = 'http://leeszaal.test';
const KANT = 'kant-aufklaerung-1784';
let srv: RunningServer;
let tmp: string;
const url = (p: string) => `${srv.url}/downloads/${KANT}/${p}`;

beforeAll(async () => {
  const { dataDir } = await publishedSample(BASE);
  // Each run starts with no PDF kept, so the first request builds.
  await rm(dataPaths(dataDir).pdfCache, { recursive: true, force: true });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-downloads-'));
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent', PDF_CONCURRENCY: '1', PDF_MAX_SIZE: '3000' });
  srv = await serve(createApp({ config }));
}, 600_000);

afterAll(async () => {
  await srv?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function download(p: string): Promise<{ res: Response; file: string; bytes: Buffer }> {
  const res = await fetch(url(p));
  const bytes = Buffer.from(await res.arrayBuffer());
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, bytes);
  return { res, file, bytes };
}

const pdftotext = async (file: string, page: number) => (await run('pdftotext', ['-f', String(page), '-l', String(page), file, '-'])).stdout;

describe('the book PDF', () => {
  let first: Awaited<ReturnType<typeof download>>;
  beforeAll(async () => {
    first = await download('book.pdf?size=1000');
  });

  it('is a PDF of a first page and the four pages, with the item in its metadata and its licence in a header', async () => {
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('application/pdf');
    expect(first.res.headers.get('content-disposition')).toBe(`attachment; filename="${KANT}.pdf"`);
    expect(first.res.headers.get('link')).toBe('<http://creativecommons.org/publicdomain/mark/1.0/>; rel="license"');
    expect(first.res.headers.get('x-cache')).toBe('miss');
    const { stdout } = await run('pdfinfo', [first.file]);
    expect(stdout).toMatch(/^Pages:\s+5$/m);
    expect(stdout).toMatch(/^Title:\s+Beantwortung der Frage: Was ist Aufklärung\?$/m);
    expect(stdout).toMatch(/^Author:\s+Immanuel Kant$/m);
    expect(stdout).toMatch(/^Keywords:\s+Fachtext, Philosophie$/m);
    expect(stdout).toMatch(
      /^Subject:\s+.*Zentral- und Landesbibliothek Berlin.*Rights: Public Domain Mark 1\.0 <http:\/\/creativecommons\.org\/publicdomain\/mark\/1\.0\/>/m,
    );
    expect(stdout).toMatch(/^Creator:\s+Leeszaal /m);
    expect(stdout).toMatch(/^Producer:\s+Leeszaal/m);
  });

  it('holds each page as a JPEG of the size asked for', async () => {
    const { stdout } = await run('pdfimages', ['-list', first.file]);
    const rows = stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
      .map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[8]])).toEqual([
      ['2', 'image', '699', '1000', 'jpeg'],
      ['3', 'image', '699', '1000', 'jpeg'],
      ['4', 'image', '699', '1000', 'jpeg'],
      ['5', 'image', '699', '1000', 'jpeg'],
    ]);
  });

  it('finds "Aufklärung" in modern letters on page 481, the third page after the first, and nowhere else', async () => {
    const pages = await Promise.all([1, 2, 3, 4, 5].map((n) => pdftotext(first.file, n)));
    expect(pages[3]).toContain('Was ist Aufklärung?');
    expect(pages[3]).toContain('Aufklärung ist der Ausgang des Menschen');
    // The drop cap is one word with its line in the text layer, not a letter laid apart that a search
    // for the word would miss (pdftotext's words, one a row, the text last).
    const words = (await run('pdftotext', ['-tsv', '-f', '4', '-l', '4', first.file, '-'])).stdout.split('\n').map((row) => row.split('\t').at(-1));
    expect(words).toContain('Aufklärung');
    expect(words).not.toContain('ufklärung');
    expect(pages[3]).not.toContain('ſ');
    expect(pages.map((p) => p.includes('Aufklärung ist'))).toEqual([false, false, false, true, false]);
    // Each line once: the published block annotations are not laid over their lines a second time.
    expect(pages[3]!.match(/Aufklärung/g)).toHaveLength(3);
  });

  it('names title, creator, date, holding institution, rights, attribution and the stable link on its first page', async () => {
    const text = (await pdftotext(first.file, 1)).replace(/\s+/g, ' ');
    for (const expected of [
      'Beantwortung der Frage: Was ist Aufklärung?',
      'Immanuel Kant',
      'Berlin: Haude und Spener, 1784',
      'Zentral- und Landesbibliothek Berlin',
      'http://creativecommons.org/publicdomain/mark/1.0/',
      'Koordinierte Förderinitiative',
      `${BASE}/items/${KANT}`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is served from the cache the second time, byte for byte', async () => {
    const again = await download('book.pdf?size=1000');
    expect(again.res.headers.get('x-cache')).toBe('hit');
    expect(again.res.headers.get('content-length')).toBe(String(first.bytes.length));
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it('labels its first page in the language asked for (?lang=), each language a file of its own', async () => {
    const nl = await download('book.pdf?size=600&pages=3&lang=nl');
    expect(nl.res.status).toBe(200);
    expect(nl.res.headers.get('x-cache')).toBe('miss');
    const nlText = (await pdftotext(nl.file, 1)).replace(/\s+/g, ' ');
    for (const label of ['Uitgegeven', 'Bewaard door', 'Rechten', 'Naamsvermelding', 'Vaste link', 'Dit bestand', 'Pagina’s 3–3 van 4']) {
      expect(nlText).toContain(label);
    }
    expect(nlText).not.toContain('Rights');
    // The rights by name for the reader, with the statement's URI, since the file travels without its page.
    expect(nlText).toContain('Rechten Publiek domein (Public Domain Mark 1.0) http://creativecommons.org/publicdomain/mark/1.0/');
    const fr = await download('book.pdf?size=600&pages=3&lang=fr');
    // Another language is another file, not the Dutch one from the cache.
    expect(fr.res.headers.get('x-cache')).toBe('miss');
    const frText = (await pdftotext(fr.file, 1)).replace(/\s+/g, ' ');
    for (const label of ['Publication', 'Institution de conservation', 'Droits', 'Lien permanent', 'Ce fichier']) expect(frText).toContain(label);
    expect((await run('pdfinfo', [fr.file])).stdout).toMatch(
      /^Subject:\s+.*Droits: Domaine public \(Public Domain Mark 1\.0\) <http:\/\/creativecommons/m,
    );
    expect(await pdftotext(fr.file, 2)).toContain('Aufklärung ist der Ausgang');
    const english = (await pdftotext(first.file, 1)).replace(/\s+/g, ' ');
    for (const label of ['Published', 'Holding institution', 'Rights', 'Attribution', 'Stable link', 'This file']) expect(english).toContain(label);
  });

  it('makes the largest images the server allows for size=max', async () => {
    const max = await download('book.pdf?size=max&pages=3');
    expect(max.res.status).toBe(200);
    expect((await run('pdfinfo', [max.file])).stdout).toMatch(/^Pages:\s+2$/m);
  });

  it('makes a page range: page 481 alone', async () => {
    const one = await download('book.pdf?size=600&pages=3');
    expect(one.res.headers.get('content-disposition')).toBe(`attachment; filename="${KANT}-p3-3.pdf"`);
    expect((await run('pdfinfo', [one.file])).stdout).toMatch(/^Pages:\s+2$/m);
    expect(await pdftotext(one.file, 2)).toContain('Aufklärung ist der Ausgang');
    // 600 pixels: the published 365x521 size comes close enough, so it is embedded as published.
    expect((await run('pdfimages', ['-list', one.file])).stdout).toMatch(/\s365\s+521\s+rgb\s+3\s+8\s+jpeg/);
  });

  it.each([
    ['book.pdf?pages=0-2', /^pages: 0-2 is not a range within the book's 4 pages$/],
    ['book.pdf?pages=2-9', /^pages: 2-9 is not a range/],
    ['book.pdf?pages=4-3', /^pages: 4-3 is not a range/],
    ['book.pdf?pages=all', /^pages: "all" is not a page or a range/],
    ['book.pdf?size=5000', /^size: must be between 200 and 3000 pixels \(got 5000\)$/],
    ['book.pdf?size=big', /^size: must be a whole number/],
    ['book.pdf?lang=de', /^lang: must be nl, fr or en$/],
  ])('refuses %s with a 400 that says why', async (p, message) => {
    const res = await fetch(url(p), { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  });

  it('answers 503 with Retry-After while as many PDFs as allowed are being made', async () => {
    // PDF_CONCURRENCY is 1: the first build (rendered pages, not cached) is still running when the second asks.
    const building = await fetch(url('book.pdf?size=1400'));
    expect(building.status).toBe(200);
    const refused = await fetch(url('book.pdf?size=1300'), { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { message: string }).message).toMatch(/PDFs are being made/);
    const bytes = Buffer.from(await building.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
  });

  it('is offered in the manifest this server sends, with the text, and the manifest stays valid', async () => {
    const manifest = await (await fetch(`${srv.url}/iiif/presentation/${KANT}/manifest.json`)).json();
    expect(manifest.rendering.map((r: { id: string; format: string }) => [r.id, r.format])).toEqual([
      [`${BASE}/downloads/${KANT}/book.pdf`, 'application/pdf'],
      [`${BASE}/downloads/${KANT}/book.txt`, 'text/plain'],
    ]);
    expect(manifest.items[2].rendering[0].id).toBe(`${BASE}/downloads/${KANT}/pages/page-0017.txt`);
    expect(manifest.items[2].seeAlso[0].id).toBe(`${BASE}/records/${KANT}/alto/page-0017.xml`);
    expect(manifest.items[0].rendering).toBeUndefined();
    expect(validatePresentation(manifest, { baseUrl: BASE })).toMatchObject({ ok: true });
  });
});

describe('the text', () => {
  it('of the book: a header with rights and attribution, then every page under its label, as printed', async () => {
    const res = await fetch(url('book.txt'));
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('link')).toBe('<http://creativecommons.org/publicdomain/mark/1.0/>; rel="license"');
    const text = await res.text();
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Beantwortung der Frage: Was ist Aufklärung?',
      `${BASE}/items/${KANT}`,
      'Rights: Public Domain Mark 1.0 <http://creativecommons.org/publicdomain/mark/1.0/>',
      'Attribution: Koordinierte Förderinitiative zur Weiterentwicklung von Verfahren für die Optical-Character-Recognition OCR-D',
      '',
    ]);
    expect(text.match(/^=== .+ ===$/gm)).toEqual(['=== [1] ===', '=== [2] ===', '=== 481 ===', '=== [4] ===']);
    expect(text).toContain('Was iſt Aufklaͤrung?');
    // Each line once (the published block annotations repeat their lines' text).
    expect(text.match(/^Was iſt Aufklaͤrung\?$/gm)).toHaveLength(1);
    expect(text.match(/^Berliniſche Monatsſchrift\.$/gm)).toHaveLength(1);
    expect(text).toMatch(/^Aufklaͤrung iſt der Ausgang/m);
    expect(text).not.toMatch(/^A$/m);
  });

  it('of one page in modern spelling, hyphenated words joined', async () => {
    const res = await fetch(url('pages/page-0017.txt?spelling=modern'));
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${KANT}-page-0017.txt"`);
    const text = await res.text();
    expect(text).toContain('=== 481 ===\n');
    expect(text).toContain('Was ist Aufklärung?');
    expect(text).toContain('aus seiner selbst verschuldeten Unmündigkeit.');
    // The drop cap "A", a block of its own in the source, begins its word on its line, as in the viewer.
    expect(text).toMatch(/^Aufklärung ist der Ausgang/m);
    expect(text).not.toMatch(/^A$/m);
    expect(text).not.toMatch(/ſ|\u0364/);
    expect(text).not.toMatch(/⸗\n/);
  });

  it.each([
    ['nl', 'Rechten', 'Publiek domein', 'Naamsvermelding'],
    ['fr', 'Droits', 'Domaine public', 'Attribution'],
  ])('labels its header in the reader’s language (?lang=%s), as the PDF does', async (lang, rights, name, attribution) => {
    for (const p of [`book.txt?lang=${lang}`, `pages/page-0017.txt?spelling=modern&lang=${lang}`]) {
      const lines = (await (await fetch(url(p))).text()).split('\n');
      expect(lines[2]).toBe(`${rights}: ${name} (Public Domain Mark 1.0) <http://creativecommons.org/publicdomain/mark/1.0/>`);
      expect(lines[3]).toMatch(new RegExp(`^${attribution}: Koordinierte Förderinitiative`));
    }
  });

  it.each([
    ['pages/page-9999.txt', 404],
    ['pages/..%2Frecord.json', 400],
    ['book.txt?spelling=old', 400],
    ['book.txt?lang=de', 400],
  ])('%s is %i', async (p, status) => {
    expect((await fetch(url(p))).status).toBe(status);
  });
});

describe('citations and ALTO', () => {
  it.each([
    [`downloads/${KANT}/book.txt`, `${KANT}.txt`],
    [`downloads/${KANT}/pages/page-0017.txt`, `${KANT}-page-0017.txt`],
    [`downloads/${KANT}/citation.ris`, `${KANT}.ris`],
    [`downloads/${KANT}/citation.bib`, `${KANT}.bib`],
    [`downloads/${KANT}/citation.json`, `${KANT}.json`],
    [`records/${KANT}/alto/page-0017.xml`, `${KANT}-page-0017.xml`],
  ])('%s carries the licence and a file name, as every download does', async (p, fileName) => {
    const res = await fetch(`${srv.url}/${p}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toBe('<http://creativecommons.org/publicdomain/mark/1.0/>; rel="license"');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
  });

  it('RIS names the book for a reference manager', async () => {
    const res = await fetch(url('citation.ris'));
    expect(res.headers.get('content-type')).toBe('application/x-research-info-systems; charset=utf-8');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('TY  - BOOK');
    expect(lines).toEqual(
      expect.arrayContaining([
        'TI  - Beantwortung der Frage: Was ist Aufklärung?',
        'AU  - Immanuel Kant',
        'PY  - 1784',
        'CY  - Berlin',
        'PB  - Haude und Spener',
        'LA  - de',
        'DB  - Zentral- und Landesbibliothek Berlin',
        `UR  - ${BASE}/items/${KANT}`,
        `L1  - ${BASE}/downloads/${KANT}/book.pdf`,
        'ER  - ',
      ]),
    );
  });

  it('BibTeX and CSL-JSON say the same', async () => {
    expect(await (await fetch(url('citation.bib'))).text()).toMatch(/^@book\{kant-aufklaerung-1784,\n {2}author = \{Immanuel Kant\},/);
    const csl = await (await fetch(url('citation.json'))).json();
    expect(csl).toEqual([
      expect.objectContaining({ id: KANT, type: 'book', issued: { 'date-parts': [[1784]] }, author: [{ literal: 'Immanuel Kant' }] }),
    ]);
    expect((await fetch(url('citation.doc'))).status).toBe(404);
  });

  it('the ALTO of page 481 is the source file as received, served inert', async () => {
    const res = await fetch(`${srv.url}/records/${KANT}/alto/page-0017.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('link')).toBe('<http://creativecommons.org/publicdomain/mark/1.0/>; rel="license"');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${KANT}-page-0017.xml"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(KANT_ALTO['page-0017']))).toBe(true);
    expect((await fetch(`${srv.url}/records/${KANT}/alto/page-0016.xml`)).status).toBe(404);
    expect((await fetch(`${srv.url}/records/${KANT}/alto/..%2F..%2Fsecret.xml`)).status).toBe(400);
    expect((await fetch(`${srv.url}/records/no-such-item/alto/page-0017.xml`)).status).toBe(404);
  });
});
