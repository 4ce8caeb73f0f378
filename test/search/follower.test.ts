// The search index follows the activity log as a harvester would: what ingest publishes or withdraws
// becomes searchable (or stops being) with no call from ingest to search; the index remembers how far
// it read, starts over when the log is replaced, and a damaged item is reported, never fatal.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ingest } from '../../ingest/ingest.ts';
import { removeItem } from '../../ingest/publishing/remove.ts';
import { activityLogFile, appendActivity } from '../../manifests/activity-log.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { ActivityFollower, cursorFile, pendingChanges } from '../../server/search/activity-follower.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import { publishedSample, SAMPLE_SOURCE } from '../support/sample.ts';

const KANT = 'kant-aufklaerung-1784';
let root: string;
let dataDir: string;
const BASE = 'http://localhost:3000';

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-follow-'));
  dataDir = path.join(root, 'data');
  // A private copy of the published sample: this test withdraws and re-publishes an item.
  await cp((await publishedSample(BASE)).dataDir, dataDir, { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const config = () => loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent' });

async function found(backend: EmbeddedSearchBackend, q: string): Promise<string[]> {
  return (await backend.search({ q, filters: {}, sort: 'relevance', page: 1, size: 10 })).hits.map((h) => h.id);
}

describe('pendingChanges', () => {
  it.each([
    [[{ type: 'Create', itemId: 'a' }], [['a', 'index']]],
    [
      [
        { type: 'Create', itemId: 'a' },
        { type: 'Delete', itemId: 'a' },
      ],
      [['a', 'remove']],
    ],
    [
      [
        { type: 'Delete', itemId: 'a' },
        { type: 'Create', itemId: 'a' },
      ],
      [['a', 'index']],
    ],
    [
      [
        { type: 'Move', itemId: 'b' },
        { type: 'Update', itemId: 'a' },
      ],
      [
        ['b', 'index'],
        ['a', 'index'],
      ],
    ],
    [
      [
        { type: 'Update', itemId: 'a' },
        { type: 'Delete', itemId: 'b' },
        { type: 'Update', itemId: 'a' },
      ],
      [
        ['b', 'remove'],
        ['a', 'index'],
      ],
    ],
  ])('%j → %j', (activities, expected) => {
    expect([...pendingChanges(activities)]).toEqual(expected);
  });
});

describe('ActivityFollower', () => {
  it('builds the index once, then follows what ingest publishes and withdraws', async () => {
    const backend = new EmbeddedSearchBackend(dataPaths(dataDir).search);
    const follower = new ActivityFollower({ dataDir, backend });
    try {
      const first = await follower.sync();
      expect(first.rebuilt?.count).toBeGreaterThan(0);
      expect(await found(backend, 'Aufklärung')).toEqual([KANT]);
      // Read up to the end: a second pass has nothing to do and does not rebuild.
      expect(await follower.sync()).toEqual({ indexed: [], removed: [] });

      await removeItem({ dataDir, baseUrl: BASE, itemId: KANT, config: config() });
      expect(await follower.sync()).toEqual({ indexed: [], removed: [KANT] });
      expect(await found(backend, 'Aufklärung')).toEqual([]);

      const summary = await ingest({ source: path.join(SAMPLE_SOURCE, KANT), dataDir, baseUrl: BASE, config: config() });
      expect(summary.published).toEqual([KANT]);
      expect(await follower.sync()).toEqual({ indexed: [KANT], removed: [] });
      expect(await found(backend, 'Aufklärung')).toEqual([KANT]);
    } finally {
      await follower.close();
      await backend.close();
    }
  });

  it('remembers how far it read across restarts, and starts over when the log is replaced', async () => {
    const backend = new EmbeddedSearchBackend(dataPaths(dataDir).search);
    try {
      expect((await new ActivityFollower({ dataDir, backend }).sync()).rebuilt).toBeUndefined();
      const log = activityLogFile(dataPaths(dataDir).state);
      await rm(log);
      await writeFile(log, '');
      expect((await new ActivityFollower({ dataDir, backend }).sync()).rebuilt?.count).toBeGreaterThan(0);
    } finally {
      await backend.close();
    }
  });

  it('rebuilds an index whose documents were made the old way (a cursor of index version 1)', async () => {
    const backend = new EmbeddedSearchBackend(dataPaths(dataDir).search);
    try {
      expect((await new ActivityFollower({ dataDir, backend }).sync()).rebuilt).toBeUndefined();
      const cursor = JSON.parse(await readFile(cursorFile(dataDir), 'utf8'));
      await writeFile(cursorFile(dataDir), JSON.stringify({ ...cursor, version: 1 }));
      expect((await new ActivityFollower({ dataDir, backend }).sync()).rebuilt?.count).toBeGreaterThan(0);
      expect((await new ActivityFollower({ dataDir, backend }).sync()).rebuilt).toBeUndefined();
    } finally {
      await backend.close();
    }
  });

  it('reports an item it cannot read and goes on with the rest', async () => {
    const backend = new EmbeddedSearchBackend(dataPaths(dataDir).search);
    const warnings: object[] = [];
    const log = { warn: (obj: object) => warnings.push(obj), info: () => undefined };
    const follower = new ActivityFollower({ dataDir, backend, log });
    try {
      await follower.sync();
      const state = dataPaths(dataDir).state;
      await appendActivity(state, { type: 'Create', itemId: 'never-published', endTime: new Date().toISOString() });
      await appendActivity(state, { type: 'Update', itemId: KANT, endTime: new Date().toISOString() });
      expect(await follower.sync()).toEqual({ indexed: [KANT], removed: [] });
      expect(warnings).toEqual([{ item: 'never-published', err: expect.stringContaining('cannot read record.json') }]);
    } finally {
      await follower.close();
      await backend.close();
    }
  });
});
