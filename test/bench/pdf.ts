// PDF benchmark: a 320-page book made from the sample's four Kant pages (each page image, and the
// text of page 481, repeated), its PDF downloaded from the server over HTTP (PDF cache off, so every
// round builds), against Debian's img2pdf packing the same published JPEGs into a PDF in the same
// run. Figures: pages per second as a ratio to img2pdf's (goal ≥ 0.5), and the server's peak
// resident memory (VmHWM) while it builds (goal under 300 MB, whatever the page count). A third
// figure, for scale, builds the book at 1000 pixels, where every page is rendered from its derivative.
// Installs img2pdf when missing.
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { publishedSample } from '../support/sample.ts';
import { ensureDebianTools } from './debian-tools.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMG2PDF = '/usr/bin/img2pdf';
const PAGES = 320;
const ROUNDS = 3;
const BOOK = 'bench-book';
/** A book three times as long, built once more at the end: the peak must not grow with the page count. */
const LONG_BOOK = 'bench-book-long';
const LONG_PAGES = 3 * PAGES;
const MEMORY_GOAL_MB = 300;

function ensureImg2pdf(log: BenchLog): void {
  ensureDebianTools(log, [[IMG2PDF, 'img2pdf']]);
}

/** Book `id` of `count` pages in a data folder, made from the published Kant pages; returns the JPEGs in page order. */
async function makeBook(dataDir: string, sampleDir: string, id: string, count: number): Promise<string[]> {
  const from = dataPaths(sampleDir);
  const to = dataPaths(dataDir);
  const kant = JSON.parse(await readFile(from.record('kant-aufklaerung-1784'), 'utf8')) as ItemRecord;
  for (const page of kant.pages) {
    await cp(from.imageDir(page.imageId), to.imageDir(page.imageId), { recursive: true });
    await mkdir(path.dirname(to.derivative(page.imageId)), { recursive: true });
    await cp(from.derivative(page.imageId), to.derivative(page.imageId));
  }
  const text = await readFile(from.textPage('kant-aufklaerung-1784', 'page-0017'), 'utf8');
  const pages = Array.from({ length: count }, (_, i) => {
    const source = kant.pages[i % kant.pages.length]!;
    return { ...source, key: `page-${String(i + 1).padStart(4, '0')}`, label: String(i + 1) };
  });
  for (const [i, page] of pages.entries()) {
    if (kant.pages[i % kant.pages.length]?.alto) {
      await mkdir(path.dirname(to.textPage(id, page.key)), { recursive: true });
      await writeFile(to.textPage(id, page.key), text);
    }
  }
  await mkdir(to.recordDir(id), { recursive: true });
  await writeFile(to.record(id), JSON.stringify({ ...kant, id, pages, toc: [] }));
  return pages.map((p) => path.join(to.imageDir(p.imageId), 'full', 'max', '0', 'default.jpg'));
}

/** The server in its own process, so its memory is its own. */
async function startServer(dataDir: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const code = `
    import { loadConfig } from ${JSON.stringify(path.join(repoRoot, 'config.ts'))};
    import { createApp } from ${JSON.stringify(path.join(repoRoot, 'server', 'app.ts'))};
    const config = loadConfig({ DATA_DIR: ${JSON.stringify(dataDir)}, LOG_LEVEL: 'error', PDF_CACHE_MB: '0', PORT: '0' });
    const server = createApp({ config }).listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`server exited with ${c}`)));
    child.stdout.on('data', (b: Buffer) => {
      const m = /port (\d+)/.exec(b.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => child.kill() };
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function fetchPdf(url: string): Promise<number> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); r !== undefined && !r.done; r = await reader?.read()) bytes += r.value.length;
  return bytes;
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  ensureImg2pdf(log);
  const { dataDir: sampleDir } = await publishedSample('http://localhost:3000');
  const work = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-pdf-'));
  try {
    const dataDir = path.join(work, 'data');
    const jpegs = await makeBook(dataDir, sampleDir, BOOK, PAGES);
    await makeBook(dataDir, sampleDir, LONG_BOOK, LONG_PAGES);
    const server = await startServer(dataDir);
    try {
      const startRss = await peakRssMb(server.pid);
      const ours: number[] = [];
      const theirs: number[] = [];
      let size = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Long side 3000: every page's published full/max (1457x2083) is embedded as it is, the JPEGs img2pdf packs.
        ours.push(
          await timed(async () => {
            size = await fetchPdf(`${server.url}/downloads/${BOOK}/book.pdf?size=3000`);
          }),
        );
        theirs.push(
          await timed(async () => {
            const r = spawnSync(IMG2PDF, [...jpegs, '-o', path.join(work, 'img2pdf.pdf')], { stdio: 'inherit' });
            if (r.status !== 0) throw new Error('img2pdf failed');
          }),
        );
        log(`round ${round + 1}: ours ${ours.at(-1)?.toFixed(2)} s, img2pdf ${theirs.at(-1)?.toFixed(2)} s`);
      }
      // The peak of building PDFs, before the round that renders every page (the render path's memory is its own).
      const peak = await peakRssMb(server.pid);
      const rendered = await timed(async () => {
        await fetchPdf(`${server.url}/downloads/${BOOK}/book.pdf?size=1000`);
      });
      // The long book in a server of its own, so its peak is that book's alone.
      const longServer = await startServer(dataDir);
      let longPeak = 0;
      try {
        await fetchPdf(`${longServer.url}/downloads/${LONG_BOOK}/book.pdf?size=3000`);
        longPeak = await peakRssMb(longServer.pid);
      } finally {
        longServer.stop();
      }
      const oursPps = PAGES / median(ours);
      const theirsPps = PAGES / median(theirs);
      log(
        `ours ${oursPps.toFixed(0)} pages/s (${(size / 1e6).toFixed(0)} MB), img2pdf ${theirsPps.toFixed(0)} pages/s; peak RSS ${peak.toFixed(0)} MB`,
      );
      return [
        {
          part: 'pdf',
          name: `book PDF, pages/s vs img2pdf (${PAGES} pages, JPEGs as published)`,
          ratio: oursPps / theirsPps,
          goal: '>= 0.5',
          detail: `median of ${ROUNDS}: Leeszaal ${oursPps.toFixed(0)} pages/s over HTTP with the text layer (${(size / 1e6).toFixed(0)} MB), img2pdf ${theirsPps.toFixed(0)} pages/s`,
        },
        {
          part: 'pdf',
          name: `book PDF peak memory (${PAGES} and ${LONG_PAGES} pages; ratio = ${MEMORY_GOAL_MB} MB / peak)`,
          ratio: MEMORY_GOAL_MB / Math.max(peak, longPeak),
          goal: `peak < ${MEMORY_GOAL_MB} MB (ratio > 1), whatever the page count`,
          detail: `server peak RSS ${peak.toFixed(0)} MB after ${ROUNDS} builds of ${PAGES} pages, ${longPeak.toFixed(0)} MB for one of ${LONG_PAGES} pages in a fresh server (${startRss.toFixed(0)} MB after start)`,
        },
        {
          part: 'pdf',
          name: `book PDF at 1000 px, pages rendered, pages/s vs img2pdf packing`,
          ratio: PAGES / rendered / theirsPps,
          detail: `${(PAGES / rendered).toFixed(0)} pages/s: every page rendered from its derivative at 699x1000`,
        },
      ];
    } finally {
      server.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
