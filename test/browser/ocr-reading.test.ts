// Machine-read text in the reading room, in real Chromium on the real server: an item published with
// `OCR=missing` by the real ingest and Debian's Tesseract (Kant, p. 482, which has no transcription,
// beside p. 481, which has ALTO). The text view tells the reader that p. 482's text was machine-read,
// with its confidence, in the browser's language (Dutch); p. 481 says nothing of the kind; search on
// the site finds a word read by OCR; axe finds nothing with the note shown.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import { KANT_ALTO, SAMPLE_SOURCE } from '../support/inputs.ts';
import { writeOcrItemJson } from '../support/ocr-item.ts';
import { launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

const ITEM = 'kant-ocr';
const view = 'leeszaal-viewer leeszaal-text-view';
const soon = { timeout: 30_000 };

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let source: string;

async function publishWithOcr(baseUrl: string): Promise<{ dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-ocr-site-'));
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent', OCR: 'missing' });
  const summary = await ingest({ source, dataDir, baseUrl, config });
  if (summary.failed.length > 0 || summary.ocr.recognised !== 1) throw new Error(`OCR ingest did not go as planned: ${JSON.stringify(summary)}`);
  return { dataDir };
}

beforeAll(async () => {
  source = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-ocr-source-'));
  const item = path.join(source, ITEM);
  await mkdir(path.join(item, 'images'), { recursive: true });
  await mkdir(path.join(item, 'alto'));
  for (const key of ['page-0017', 'page-0018']) {
    await copyFile(path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'images', `${key}.tif`), path.join(item, 'images', `${key}.tif`));
  }
  await copyFile(KANT_ALTO['page-0017'], path.join(item, 'alto', 'page-0017.xml'));
  await writeOcrItemJson(item, ITEM);
  site = await startSite({ publish: publishWithOcr });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (source) await rm(source, { recursive: true, force: true });
});

async function openText(pageKey: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${site.baseUrl}/items/${ITEM}?page=${pageKey}`);
  await page.locator('leeszaal-viewer #open-text').click();
  await page
    .locator(`${view} .line`)
    .first()
    .waitFor({ ...soon, state: 'attached' });
  return page;
}

describe('machine-read text in the reading room', () => {
  it('says the text of p. 482 was machine-read, with its confidence, and shows the words read', async () => {
    const page = await openText('page-0018');
    const section = page.locator(`${view} section.page`, { hasText: 'Tekst van pagina 482' });
    await expect
      .poll(() => section.locator('.machine-read').textContent(), soon)
      .toMatch(/^Machinaal gelezen tekst \(betrouwbaarheid \d{2}%\): er kunnen fouten in staan\.$/);
    expect(await section.locator('.machine-read').isVisible()).toBe(true);
    expect((await section.locator('.line').allTextContents()).join(' ')).toContain('Vernunft');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('reading-machine-read') });
    await page.close();
  });

  it('says nothing of the kind for p. 481, transcribed in ALTO', async () => {
    const page = await openText('page-0017');
    const section = page.locator(`${view} section.page`, { hasText: 'Tekst van pagina 481' });
    await section.locator('.line').first().waitFor(soon);
    expect(await section.locator('.machine-read').count()).toBe(0);
    await page.close();
  });

  it('finds a word read by OCR with the site search', async () => {
    const res = await fetch(`${site.baseUrl}/api/search?q=Amtspflicht`);
    const body = (await res.json()) as { hits: { id: string; page?: { key: string } }[] };
    expect(body.hits.map((h) => [h.id, h.page?.key])).toEqual([[ITEM, 'page-0018']]);
  });
});
