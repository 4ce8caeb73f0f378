import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { SearchUnavailableError } from './backend.ts';
import { openSearchBackend, searchHealth } from './open.ts';

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
