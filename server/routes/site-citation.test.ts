// The item page as Zotero's connector reads it: Highwire Press citation_* meta tags written by the
// server from the item's record, escaped so that no catalogue value can break out of its attribute.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { itemRecord } from '../../test/support/item-record.ts';
import { createSiteRouter } from './site.ts';

let tmp: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-site-citation-'));
  const dist = path.join(tmp, 'dist');
  const data = path.join(tmp, 'data');
  await mkdir(dist, { recursive: true });
  // The build writes each page once per language; the item page in Dutch is the one asked for here.
  await writeFile(path.join(dist, 'item.nl.html'), '<!doctype html>\n<html lang="nl"><head><title>item</title></head><body></body></html>');
  const paths = dataPaths(data);
  for (const id of ['kant', 'norecord']) {
    await mkdir(paths.itemDir(id), { recursive: true });
    await writeFile(paths.manifest(id), JSON.stringify({ label: { none: ['Was ist Aufklärung?'] } }));
  }
  const record = itemRecord({
    id: 'kant',
    label: { none: ['Was ist "Aufklärung"? <script>alert(1)</script>'] },
    agents: [{ name: 'Immanuel Kant', role: 'aut' }],
    date: '1784',
    publisher: 'Haude & Spener',
    languages: ['ger'],
  });
  await mkdir(paths.recordDir('kant'), { recursive: true });
  await writeFile(paths.record('kant'), JSON.stringify(record));
  const app = express();
  app.use(createSiteRouter(loadConfig({ DATA_DIR: data, PUBLIC_BASE_URL: 'https://leeszaal.example.org', LOG_LEVEL: 'silent' }), { distDir: dist }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(async () => {
  close?.();
  await rm(tmp, { recursive: true, force: true });
});

describe('citation meta tags of an item page', () => {
  it('are in the head, escaped', async () => {
    const html = await (await fetch(`${base}/items/kant`)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<meta name="citation_title" content="Was ist &quot;Aufklärung&quot;? &lt;script&gt;alert(1)&lt;/script&gt;">');
    expect(head).toContain('<meta name="citation_author" content="Immanuel Kant">');
    expect(head).toContain('<meta name="citation_publication_date" content="1784">');
    expect(head).toContain('<meta name="citation_publisher" content="Haude &amp; Spener">');
    expect(head).toContain('<meta name="citation_language" content="de">');
    expect(head).toContain('<meta name="citation_pdf_url" content="https://leeszaal.example.org/downloads/kant/book.pdf">');
    expect(head).not.toContain('<script>');
  });

  it('are left out when the item has no readable record', async () => {
    const res = await fetch(`${base}/items/norecord`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('citation_');
  });
});
