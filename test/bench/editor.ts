// Item editor benchmark: publishing a curator's edit of a 600-page book in a collection of 200 items
// (republishRecord: the ingest lock, the manifest built and validated, record, manifest, collection
// and Change Discovery written atomically), against the least any publisher must do in the same run:
// writing the same record and manifest files atomically. No image is involved: an edit never tiles.
// Seven runs each, alternating; the figure is the ratio of the medians, reference / ours.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { republishRecord } from '../../ingest/publishing/record-edit.ts';
import { saveState, type IngestState } from '../../ingest/publishing/state.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../manifests/atomic-write.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { buildManifest } from '../../manifests/manifest.ts';
import { itemRecord } from '../support/item-record.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const PAGES = 600;
const ITEMS = 200;
const RUNS = 7;
const BASE = 'https://leeszaal.example.org';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function book(id: string, pages: number): ItemRecord {
  return itemRecord({
    id,
    label: { de: [`Band ${id}`] },
    date: '1784',
    pages: Array.from({ length: pages }, (_, i) => ({
      key: `page-${String(i + 1).padStart(4, '0')}`,
      label: String(i + 1),
      file: `images/page-${i + 1}.tif`,
      imageId: `${id}-page-${i + 1}`,
      width: 2000,
      height: 3000,
    })),
  });
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-editor-'));
  try {
    const paths = dataPaths(dataDir);
    const urls = publicUrls(BASE);
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent' });
    const staging = path.join(paths.state, 'staging');
    // A published data folder as ingest leaves it, for what an edit reads: records and state.
    const state: IngestState = { version: 1, baseUrl: BASE, items: {}, retired: {}, bags: {} };
    const records = [book('edited', PAGES), ...Array.from({ length: ITEMS - 1 }, (_, i) => book(`item-${i}`, 4))];
    for (const r of records) {
      await writeJsonAtomic(paths.record(r.id), r, staging);
      state.items[r.id] = { pages: {}, manifestHash: '', publishedAt: new Date().toISOString() };
    }
    await saveState(paths.state, state);
    const opts = { dataDir, baseUrl: BASE, config, lockWaitMs: 0 };
    const edited = records[0]!;

    const ours: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const record = { ...edited, label: { de: [`Band ${i}: berichtigt`] }, pages: [...edited.pages].reverse() };
      ours.push(await seconds(() => republishRecord(opts, record)));
      reference.push(
        await seconds(async () => {
          const manifest = buildManifest(record, { urls, provider: { label: 'Leeszaal' } });
          await writeFileAtomic(path.join(dataDir, 'reference', 'record.json'), `${JSON.stringify(record, null, 2)}\n`, staging);
          await writeFileAtomic(path.join(dataDir, 'reference', 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, staging);
        }),
      );
    }
    const o = median(ours);
    const r = median(reference);
    log(
      `publish an edit of a ${PAGES}-page book among ${ITEMS} items: median ${(o * 1000).toFixed(0)} ms; writing its record and manifest alone ${(r * 1000).toFixed(0)} ms`,
    );
    return [
      {
        part: 'editor',
        name: `publish an edited record (${PAGES} pages, ${ITEMS} items), writing its JSON alone / ours`,
        ratio: r / o,
        goal: 'under 1 s, no image work',
        detail: `median of ${RUNS}: ${(o * 1000).toFixed(0)} ms (lock, IIIF validation, record, manifest, collection of ${ITEMS}, Change Discovery); record and manifest written alone ${(r * 1000).toFixed(0)} ms`,
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
