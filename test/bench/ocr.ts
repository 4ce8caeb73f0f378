// OCR benchmark: the five pages of Kant's essay in the journal's scans (../shared/corpus, pages
// 16 to 20, with pages 481 and 484 as the OCR-D workspace in ../shared/inputs holds them) read by ingest's OCR against Tesseract's own command line
// on the same pages, as many at once as ingest runs pages (INGEST_JOBS), each with one thread, and
// with the same models (`Fraktur+frk`, ingest's choice for German print of 1784). Ingest's OCR time
// is an ingest with `--ocr=all` less the same ingest without OCR (each into a fresh data folder, so
// nothing comes from the OCR cache); three runs each, alternating, medians. Then the character error
// rate of the text ingest published for pages 481 and 484 against the workspace's ground truth
// (OCR-D-GT-ALTO), lines joined with newlines, NFC, by Levenshtein distance over the ground truth's
// length: as transcribed (the ground truth writes the umlaut as printed, `uͤ`, where Tesseract's
// models read `ü`), and with that one spelling folded.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distance } from 'fastest-levenshtein';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { loadConfig } from '../../config.ts';
import { ocrModels } from '../../ingest/ocr/models.ts';
import { parseAlto } from '../../ingest/text/alto.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(REPO, 'ingest', 'cli.mjs');
const CORPUS_PAGES = path.resolve(REPO, '../shared/corpus/kant-aufklaerung-1784/images');
const WORKSPACE = path.resolve(REPO, '../shared/inputs/ocrd-workspace-kant-1784/data');
/** Ground-truth pages: page key in our item → the workspace's image and ALTO. */
const TRUTH = {
  'page-0017': { image: 'OCR-D-IMG/INPUT_0017.tif', alto: 'OCR-D-GT-ALTO/PAGE_0017_ALTO.xml' },
  'page-0020': { image: 'OCR-D-IMG/INPUT_0020.tif', alto: 'OCR-D-GT-ALTO/PAGE_0020_ALTO.xml' },
} as const;
const ITEM = 'kant-ocr-bench';
const DATE = '1784';
const LANGUAGES = ['ger'];
const RUNS = 3;
/** The pages the essay is printed on (the one before it ends the previous article); each takes about a second on one core. */
const ESSAY_PAGES = /^page-00(1[6-9]|20)\.tif$/;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs a program to its end; rejects with its stderr's tail when it fails. Returns wall seconds. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${cmd} exited ${code}: ${err.trim().split('\n').at(-1)}`)),
    );
  });
}

/** The bench's item: the corpus's pages of the essay, 481 and 484 from the OCR-D workspace, no text of its own. */
async function buildSource(dir: string): Promise<string[]> {
  const item = path.join(dir, ITEM);
  await mkdir(path.join(item, 'images'), { recursive: true });
  const files = (await readdir(CORPUS_PAGES)).filter((f) => ESSAY_PAGES.test(f)).sort();
  for (const f of files) await copyFile(path.join(CORPUS_PAGES, f), path.join(item, 'images', f));
  for (const [key, t] of Object.entries(TRUTH)) await copyFile(path.join(WORKSPACE, t.image), path.join(item, 'images', `${key}.tif`));
  await writeFile(
    path.join(item, 'item.json'),
    JSON.stringify({
      id: ITEM,
      title: 'Beantwortung der Frage: Was ist Aufklärung?',
      date: DATE,
      language: LANGUAGES,
      rights: 'https://creativecommons.org/publicdomain/mark/1.0/',
      attribution: 'Zentral- und Landesbibliothek Berlin',
    }),
  );
  return files.map((f) => path.join(item, 'images', f));
}

function lineText(lines: { text: string }[]): string {
  return lines
    .map((l) => l.text)
    .join('\n')
    .normalize('NFC');
}

/** Ground truth with the printed umlaut (a, o, u with a small e above) as the modern one. */
function foldUmlauts(text: string): string {
  return text.replace(/([aouAOU])\u0364/g, '$1\u0308').normalize('NFC');
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const config = loadConfig(process.env);
  const jobs = config.INGEST_JOBS;
  const models = ocrModels({ languages: LANGUAGES, date: DATE, fraktur: config.OCR_FRAKTUR, fallback: config.OCR_DEFAULT_LANGUAGES });
  const work = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-ocr-'));
  try {
    const source = path.join(work, 'source');
    const images = await buildSource(source);
    const pages = images.length;
    log(`${pages} pages, models ${models}, ${jobs} at once`);
    const env = { ...process.env, LOG_LEVEL: 'warn', PUBLIC_BASE_URL: 'http://localhost:3000', INGEST_JOBS: String(jobs) };
    const ingestOnce = async (n: number, ocr: boolean) => {
      const data = path.join(work, `data-${ocr ? 'ocr' : 'plain'}-${n}`);
      const seconds = await timed(process.execPath, [CLI, source, '--data', data, ...(ocr ? ['--ocr=all'] : ['--ocr=off'])], env);
      return { seconds, data };
    };
    const cliOnce = async (n: number) => {
      const out = path.join(work, `cli-${n}`);
      await mkdir(out);
      const limit = pLimit(jobs);
      const started = performance.now();
      await Promise.all(
        images.map((img) =>
          limit(() =>
            timed('tesseract', [img, path.join(out, path.basename(img, '.tif')), '-l', models, 'alto'], { ...process.env, OMP_THREAD_LIMIT: '1' }),
          ),
        ),
      );
      return (performance.now() - started) / 1000;
    };

    const withOcr: number[] = [];
    const plain: number[] = [];
    const cli: number[] = [];
    let published = '';
    for (let n = 0; n < RUNS; n++) {
      const o = await ingestOnce(n, true);
      withOcr.push(o.seconds);
      published = o.data;
      const p = await ingestOnce(n, false);
      plain.push(p.seconds);
      cli.push(await cliOnce(n));
      log(`run ${n + 1}: ingest --ocr=all ${o.seconds.toFixed(1)} s, ingest ${p.seconds.toFixed(1)} s, tesseract CLI ${cli.at(-1)!.toFixed(1)} s`);
    }
    const rerun = await timed(process.execPath, [CLI, source, '--data', published, '--ocr=all'], env);
    const ours = Math.max(0.001, median(withOcr) - median(plain));
    const theirs = median(cli);

    let errors = 0;
    let errorsFolded = 0;
    let length = 0;
    const perPage: string[] = [];
    for (const [key, t] of Object.entries(TRUTH)) {
      const { width = 0, height = 0 } = await sharp(path.join(WORKSPACE, t.image)).metadata();
      const truth = lineText(parseAlto(await readFile(path.join(WORKSPACE, t.alto), 'utf8'), width, height).lines);
      const page = JSON.parse(await readFile(path.join(published, 'iiif', 'presentation', ITEM, 'annotations', `${key}.json`), 'utf8')) as {
        items: { textGranularity?: string; body: { value: string } }[];
      };
      const read = lineText(page.items.filter((a) => a.textGranularity === 'line').map((a) => ({ text: a.body.value })));
      const d = distance(truth, read);
      errors += d;
      errorsFolded += distance(foldUmlauts(truth), read);
      length += truth.length;
      perPage.push(`${key} ${((100 * d) / truth.length).toFixed(1)}%`);
    }
    const cer = (100 * errors) / length;
    const cerFolded = (100 * errorsFolded) / length;
    log(`CER ${cer.toFixed(2)}% (${perPage.join(', ')}); with ͤ as ¨ ${cerFolded.toFixed(2)}%`);

    return [
      {
        part: 'ocr',
        name: `OCR in ingest, ${pages} Fraktur pages (pages/s vs tesseract CLI)`,
        ratio: theirs / ours,
        goal: '≥ 0.9',
        detail:
          `ingest --ocr=all ${median(withOcr).toFixed(1)} s less ingest without OCR ${median(plain).toFixed(1)} s = ` +
          `${(pages / ours).toFixed(2)} pages/s; tesseract ${models} alto, ${jobs} at once with OMP_THREAD_LIMIT=1: ` +
          `${(pages / theirs).toFixed(2)} pages/s; re-run from the OCR cache ${rerun.toFixed(1)} s; medians of ${RUNS}`,
      },
      {
        part: 'ocr',
        name: 'OCR character error rate, Kant pp. 481 and 484 vs OCR-D ground truth',
        goal: '< 5%',
        detail:
          `${cer.toFixed(1)}% as transcribed (${perPage.join(', ')}), ${cerFolded.toFixed(1)}% with the printed umlaut ` +
          `(uͤ) counted as ü; ${length} characters, models ${models}`,
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
