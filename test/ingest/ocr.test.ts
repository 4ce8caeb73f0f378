// `npm run ingest -- <source> --ocr` with Debian's real Tesseract on real pages of the Kant essay
// (1784, Fraktur): a page without ALTO is read and published as machine-read lines with their
// confidence, search finds a word read from it, a page with ALTO keeps its transcription, a second
// run recognises nothing again, `--ocr=all` reads the transcribed page too, a page Tesseract fails
// on is named while its item still publishes, and a bad `--ocr` value or a missing Tesseract stops
// the run at once (exit 2). Tesseract runs through a wrapper on the PATH that
// logs each call, which is how the test knows whether it ran. Words asserted are ones any reading of
// these pages gets right; exact OCR output is not.
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { readIndexDocument } from '../../server/search/reindex.ts';
import { KANT_ALTO, SAMPLE_SOURCE } from '../support/inputs.ts';
import { writeOcrItemJson } from '../support/ocr-item.ts';
import { runCli } from './run-cli.ts';

const ITEM = 'kant-ocr';
const KANT_IMAGES = path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'images');

interface Annotation {
  textGranularity: string;
  creator?: { type: string; name: string };
  'leeszaal:confidence'?: number;
  body: { value: string };
}
interface TextPage {
  label?: Record<string, string[]>;
  items: Annotation[];
}

let dir: string;
let source: string;
let data: string;
let calls: string;
let env: Record<string, string>;

/** Tesseract recognitions so far (the wrapper also logs `--version` and `--list-langs`). */
async function recognitions(): Promise<string[]> {
  const log = await readFile(calls, 'utf8').catch(() => '');
  return log.split('\n').filter((l) => l.includes(' alto'));
}

async function textPage(key: string): Promise<TextPage> {
  return JSON.parse(await readFile(path.join(data, 'iiif', 'presentation', ITEM, 'annotations', `${key}.json`), 'utf8')) as TextPage;
}

const lines = (page: TextPage) => page.items.filter((a) => a.textGranularity === 'line');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-ocr-'));
  source = path.join(dir, 'source');
  data = path.join(dir, 'data');
  const item = path.join(source, ITEM);
  await mkdir(path.join(item, 'images'), { recursive: true });
  await mkdir(path.join(item, 'alto'));
  // Page 481 with its ground-truth ALTO, and the upper third of page 482 (no text), which keeps the test quick.
  await copyFile(path.join(KANT_IMAGES, 'page-0017.tif'), path.join(item, 'images', 'page-0017.tif'));
  await copyFile(KANT_ALTO['page-0017'], path.join(item, 'alto', 'page-0017.xml'));
  await sharp(path.join(KANT_IMAGES, 'page-0018.tif'))
    .extract({ left: 0, top: 350, width: 1456, height: 600 })
    .tiff({ compression: 'jpeg' })
    .toFile(path.join(item, 'images', 'page-0018.tif'));
  await writeOcrItemJson(item, ITEM);
  // The real Tesseract behind a wrapper that logs its arguments, first on the PATH of the ingest.
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  calls = path.join(dir, 'tesseract-calls.log');
  const real = execFileSync('sh', ['-c', 'command -v tesseract'], { encoding: 'utf8' }).trim();
  // For a page named `unreadable` it points Tesseract at a file that is not there, so that it fails
  // as it does on a scan it cannot read.
  await writeFile(
    path.join(bin, 'tesseract'),
    `#!/bin/sh\necho "$*" >> '${calls}'\ncase "$1" in *unreadable*) shift; exec '${real}' /nonexistent.tif "$@";; esac\nexec '${real}' "$@"\n`,
  );
  await chmod(path.join(bin, 'tesseract'), 0o755);
  env = { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, INGEST_JOBS: '2' };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ingest --ocr', () => {
  it('reads the page without text into machine-read lines with their confidence, in German Fraktur', async () => {
    const run = await runCli([source, '--data', data, '--ocr'], env);
    expect(run.stderr).toMatch(/OCR: recognised 1 page\(s\), reused 0 recognised before, failed 0/);
    expect(run.code).toBe(0);
    const recognised = await recognitions();
    expect(recognised).toHaveLength(1);
    expect(recognised[0]).toContain('page-0018.tif');
    expect(recognised[0]).toContain('-l Fraktur+frk');

    const page = await textPage('page-0018');
    const read = lines(page);
    const text = read.map((a) => a.body.value).join('\n');
    for (const word of ['Vernunft', 'Amtspflicht']) expect(text).toContain(word);
    expect(text).toContain('ſ'); // the Fraktur model reads the long s as printed
    for (const a of page.items) expect(a.creator).toMatchObject({ type: 'Software', name: expect.stringMatching(/^tesseract \d+\.\d+/) });
    for (const a of read) {
      expect(a['leeszaal:confidence']).toBeGreaterThanOrEqual(0);
      expect(a['leeszaal:confidence']).toBeLessThanOrEqual(1);
    }
    const mean = read.reduce((n, a) => n + (a['leeszaal:confidence'] ?? 0), 0) / read.length;
    expect(mean).toBeGreaterThan(0.6);
    expect(page.label?.en?.[0]).toMatch(/^Machine-read text \(tesseract [\d.]+, Fraktur\+frk\), confidence \d+%$/);
    expect(page.label?.nl?.[0]).toMatch(/^Machinaal gelezen tekst .*betrouwbaarheid \d+%$/);
  });

  it('leaves the page with ALTO as transcribed (OCR=missing)', async () => {
    const page = await textPage('page-0017');
    expect(page).not.toHaveProperty('label');
    expect(page.items.some((a) => a.creator || a['leeszaal:confidence'] !== undefined)).toBe(false);
    expect(lines(page)[0]!.body.value).toBe('Berliniſche Monatsſchrift.');
  });

  it('makes the recognised words searchable', async () => {
    const backend = new EmbeddedSearchBackend(path.join(dir, 'search'));
    try {
      const doc = await readIndexDocument(data, ITEM);
      await backend.rebuild(
        (async function* () {
          yield doc;
        })(),
      );
      const result = await backend.search({ q: 'Amtspflicht', filters: {}, sort: 'relevance', page: 1, size: 10 });
      expect(result.hits.map((h) => h.id)).toEqual([ITEM]);
      expect(result.hits[0]!.page?.key).toBe('page-0018');
    } finally {
      await backend.close();
    }
  });

  it('does not run Tesseract again for an unchanged page', async () => {
    const before = await readFile(path.join(data, 'iiif', 'presentation', ITEM, 'annotations', 'page-0018.json'), 'utf8');
    const run = await runCli([source, '--data', data, '--ocr'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/OCR: recognised 0 page\(s\), reused 1 recognised before, failed 0/);
    expect(run.stderr).toMatch(/published 0 item\(s\), unchanged 1/);
    expect(await recognitions()).toHaveLength(1);
    expect(await readFile(path.join(data, 'iiif', 'presentation', ITEM, 'annotations', 'page-0018.json'), 'utf8')).toBe(before);
  });

  it('with --ocr=all reads the transcribed page too, and republishes its text', async () => {
    const run = await runCli([source, '--data', data, '--ocr=all'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/OCR: recognised 1 page\(s\), reused 1 recognised before, failed 0/);
    expect(run.stderr).toMatch(/published 1 item\(s\)/);
    expect((await recognitions()).at(-1)).toContain('page-0017.tif');
    const page = await textPage('page-0017');
    expect(page.items[0]!.creator?.type).toBe('Software');
    expect(
      lines(page)
        .map((a) => a.body.value)
        .join('\n'),
    ).toContain('Aufklärung');
  });

  it('refuses an --ocr value it does not know, before any work', async () => {
    const run = await runCli([source, '--data', data, '--ocr=yes'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--ocr takes no value, or =missing, =all or =off, got "yes"');
  });

  it('stops before any page, naming what to install, when Tesseract is not there', async () => {
    const run = await runCli([source, '--data', path.join(dir, 'no-tesseract'), '--ocr'], { ...env, PATH: path.join(dir, 'empty') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/OCR is on but Tesseract cannot be run \(.*\); install Debian's tesseract-ocr or set OCR=off/);
    expect(run.stderr).not.toMatch(/published/);
  });

  it('publishes a page Tesseract fails on without its text, naming item, file and reason', async () => {
    // Another image than page 482's (the same bytes would be taken from the OCR cache).
    await sharp(path.join(KANT_IMAGES, 'page-0016.tif'))
      .extract({ left: 0, top: 350, width: 1456, height: 300 })
      .jpeg()
      .toFile(path.join(source, ITEM, 'images', 'unreadable.jpg'));
    const item = JSON.parse(await readFile(path.join(source, ITEM, 'item.json'), 'utf8')) as { pages: unknown[] };
    item.pages.push({ file: 'images/unreadable.jpg', label: '483' });
    await writeFile(path.join(source, ITEM, 'item.json'), JSON.stringify(item));
    const run = await runCli([source, '--data', data, '--ocr'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/OCR: recognised 0 page\(s\), reused 1 recognised before, failed 1/);
    expect(run.stderr).toMatch(
      / {2}no text recognised: kant-ocr \(kant-ocr\/images\/unreadable\.jpg\): Tesseract failed: .*cannot read input file \/nonexistent\.tif/,
    );
    expect(run.stderr).toMatch(/published 1 item\(s\)/);
    const manifest = JSON.parse(await readFile(path.join(data, 'iiif', 'presentation', ITEM, 'manifest.json'), 'utf8')) as {
      items: { id: string; annotations?: unknown[] }[];
    };
    expect(manifest.items.map((c) => [c.id.split('/').at(-1), c.annotations !== undefined])).toEqual([
      ['page-0017', true],
      ['page-0018', true],
      ['unreadable', false],
    ]);
  });
});
