import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { SearchUnavailableError } from './backend.ts';
import { openSearchBackend, searchHealth, searchIngestHooks } from './open.ts';

describe('openSearchBackend', () => {
  it('opens the embedded engine by default and Elasticsearch when ELASTICSEARCH_URL is set', async () => {
    const embedded = openSearchBackend(loadConfig({ DATA_DIR: os.tmpdir() }));
    expect(embedded.kind).toBe('embedded');
    const es = openSearchBackend(loadConfig({ ELASTICSEARCH_URL: 'http://127.0.0.1:9' }));
    expect(es.kind).toBe('elasticsearch');
    await es.close();
  });

  it('turns a broken Elasticsearch setting into 503s and an unhealthy report, not a crash', async () => {
    const backend = openSearchBackend(loadConfig({ ELASTICSEARCH_URL: 'https://127.0.0.1:9', ELASTICSEARCH_CA_CERT: '/no/such/ca.pem' }));
    await expect(backend.search({ filters: {}, sort: 'title', page: 1, size: 1 })).rejects.toThrow(SearchUnavailableError);
    expect(await searchHealth(backend)).toEqual({ backend: 'elasticsearch', ok: false, message: expect.stringMatching(/misconfigured: .*ENOENT/) });
  });
});

describe('searchIngestHooks', () => {
  it('never fails publication: a search error is logged with the item', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-hooks-'));
    const warnings: object[] = [];
    const backend = openSearchBackend(loadConfig({ DATA_DIR: dir }));
    const hooks = searchIngestHooks(backend, dir, { warn: (obj) => warnings.push(obj) });
    await hooks.itemPublished({ id: 'not-published' });
    expect(warnings).toEqual([{ item: 'not-published', err: expect.stringContaining('cannot read record.json') }]);
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });
});
