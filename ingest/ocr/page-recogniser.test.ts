// PageRecogniser with Debian's real Tesseract on a crop of a real page (Kant, p. 482, Fraktur): lines
// in the scan's pixels with their confidence, the cache answering the second time, and a scan larger
// than the limit read scaled down with its boxes scaled back to the scan's pixels.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SOURCE } from '../../test/support/inputs.ts';
import { PageRecogniser, type PageToRecognise } from './page-recogniser.ts';

const WIDTH = 1456;
const HEIGHT = 600;
let dir: string;
let page: PageToRecognise;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-ocr-page-'));
  const file = path.join(dir, 'page-0018.png');
  await sharp(path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'images', 'page-0018.tif'))
    .extract({ left: 0, top: 350, width: WIDTH, height: HEIGHT })
    .png()
    .toFile(file);
  page = { file, sha256: 'a'.repeat(64), width: WIDTH, height: HEIGHT, item: { languages: ['ger'], date: '1784' } };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function recogniser(name: string, maxPixels?: number): Promise<PageRecogniser> {
  const stateDir = path.join(dir, name);
  await mkdir(stateDir);
  return PageRecogniser.open({
    stateDir,
    stagingDir: path.join(stateDir, 'staging'),
    fraktur: 'auto',
    fallbackLanguages: ['dut'],
    ...(maxPixels ? { maxPixels } : {}),
  });
}

describe('PageRecogniser', () => {
  it('reads a page into lines with boxes and confidence, and answers from its cache the second time', async () => {
    const ocr = await recogniser('plain');
    const first = await ocr.recognise(page);
    expect(first).toMatchObject({ models: 'Fraktur+frk', cached: false, software: expect.stringMatching(/^tesseract \d/) });
    expect(first.lines.map((l) => l.text).join(' ')).toContain('Vernunft');
    for (const l of first.lines) {
      expect(l.x + l.w).toBeLessThanOrEqual(WIDTH);
      expect(l.y + l.h).toBeLessThanOrEqual(HEIGHT);
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
    const again = await ocr.recognise(page);
    expect(again.cached).toBe(true);
    expect(again.lines).toEqual(first.lines);
    // Another language is another key.
    expect((await ocr.recognise({ ...page, item: { languages: ['ger'], date: '1950' } })).cached).toBe(false);
  });

  it("reads a scan over the pixel limit scaled down, its boxes in the scan's pixels, and leaves no copy behind", async () => {
    const full = await (await recogniser('full')).recognise(page);
    const small = await (await recogniser('small', (WIDTH * HEIGHT) / 4)).recognise(page);
    const vernunft = (lines: typeof full.lines) => lines.find((l) => l.text.includes('Vernunft'))!;
    const [a, b] = [vernunft(full.lines), vernunft(small.lines)];
    // Half the width and height: boxes agree to a few pixels of the scaled-down image.
    for (const k of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(8);
    expect(await readdir(path.join(dir, 'small', 'staging'))).toEqual([]);
  });
});
