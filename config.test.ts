import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, listeningOn, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives every value a default, so that npm start needs no set-up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: path.resolve('data'),
      PUBLIC_BASE_URL: 'http://localhost:3000',
      PUBLIC_BASE_URL_FROM_PORT: true,
      LOG_LEVEL: 'warn',
      DEFAULT_RIGHTS: 'https://creativecommons.org/publicdomain/mark/1.0/',
      TILE_SIZE: 512,
      JPEG_QUALITY: 85,
      ELASTICSEARCH_INDEX: 'leeszaal',
      RENDER_MEMORY_MB: 256,
      MAX_CONNECTIONS: 2000,
      HEADERS_TIMEOUT_MS: 10_000,
      REQUEST_TIMEOUT_MS: 30_000,
      KEEP_ALIVE_TIMEOUT_MS: 5000,
      IDLE_TIMEOUT_MS: 60_000,
    });
    expect(config.INGEST_JOBS).toBeGreaterThanOrEqual(1);
    expect(config.ELASTICSEARCH_URL).toBeUndefined();
    expect(config.PROVIDER_HOMEPAGE).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each<{ env: Record<string, string>; expected: Record<string, unknown> }>([
    { env: { PORT: '8080' }, expected: { PORT: 8080, PUBLIC_BASE_URL: 'http://localhost:8080', PUBLIC_BASE_URL_FROM_PORT: true } },
    { env: { PORT: '3111', PUBLIC_BASE_URL: 'https://x.org' }, expected: { PUBLIC_BASE_URL: 'https://x.org', PUBLIC_BASE_URL_FROM_PORT: false } },
    { env: { PORT: ' 8080 ' }, expected: { PORT: 8080 } },
    { env: { PORT: '' }, expected: { PORT: 3000 } },
    { env: { HOST: ' ' }, expected: { HOST: '127.0.0.1' } },
    { env: { PORT: '0' }, expected: { PORT: 0 } },
    { env: { DATA_DIR: 'some/where' }, expected: { DATA_DIR: path.resolve('some/where') } },
    { env: { PUBLIC_BASE_URL: 'https://example.org/leeszaal//' }, expected: { PUBLIC_BASE_URL: 'https://example.org/leeszaal' } },
    { env: { PROVIDER_HOMEPAGE: 'https://www.brugge.be/' }, expected: { PROVIDER_HOMEPAGE: 'https://www.brugge.be' } },
    { env: { LOG_LEVEL: 'debug' }, expected: { LOG_LEVEL: 'debug' } },
    { env: { TILE_SIZE: '256', JPEG_QUALITY: '90' }, expected: { TILE_SIZE: 256, JPEG_QUALITY: 90 } },
    { env: { MAX_IMAGE_PIXELS: '1e9' }, expected: { MAX_IMAGE_PIXELS: 1_000_000_000 } },
    { env: { ELASTICSEARCH_URL: '  ' }, expected: { ELASTICSEARCH_URL: undefined } },
    { env: { ELASTICSEARCH_URL: ' http://es.local:9200 ' }, expected: { ELASTICSEARCH_URL: 'http://es.local:9200' } },
    {
      env: { ELASTICSEARCH_API_KEY: ' k1 ', ELASTICSEARCH_USERNAME: '' },
      expected: { ELASTICSEARCH_API_KEY: 'k1', ELASTICSEARCH_USERNAME: undefined },
    },
    { env: { ELASTICSEARCH_INDEX: 'brugge_erfgoed-2' }, expected: { ELASTICSEARCH_INDEX: 'brugge_erfgoed-2' } },
    { env: { RENDER_MEMORY_MB: '512', MAX_CONNECTIONS: '100' }, expected: { RENDER_MEMORY_MB: 512, MAX_CONNECTIONS: 100 } },
    {
      env: { HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '5000', KEEP_ALIVE_TIMEOUT_MS: '1000', IDLE_TIMEOUT_MS: '25000' },
      expected: { HEADERS_TIMEOUT_MS: 2000, REQUEST_TIMEOUT_MS: 5000, KEEP_ALIVE_TIMEOUT_MS: 1000, IDLE_TIMEOUT_MS: 25_000 },
    },
    {
      env: {},
      expected: { PDF_MAX_SIZE: 3000, PDF_CONCURRENCY: 2, PDF_CACHE_MB: 2048, PDF_FONT: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
    },
    {
      env: { PDF_MAX_SIZE: '2000', PDF_CONCURRENCY: '4', PDF_CACHE_MB: '0', PDF_FONT: '/opt/fonts/NotoSans.ttf' },
      expected: { PDF_MAX_SIZE: 2000, PDF_CONCURRENCY: 4, PDF_CACHE_MB: 0, PDF_FONT: '/opt/fonts/NotoSans.ttf' },
    },
    {
      env: {},
      expected: { ADMIN_SESSION_IDLE_MINUTES: 60, ADMIN_SESSION_MAX_HOURS: 12, ADMIN_LINK_HOURS: 72, ADMIN_TRUSTED_PROXIES: undefined },
    },
    { env: { ADMIN_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,::1' }, expected: { ADMIN_TRUSTED_PROXIES: ['loopback', '10.0.0.0/8', '::1'] } },
    {
      env: { ADMIN_OIDC_ISSUER: 'https://login.example.org/realms/bib', ADMIN_OIDC_CLIENT_ID: 'leeszaal', ADMIN_OIDC_ADMIN_VALUES: 'a, ,b' },
      expected: { ADMIN_OIDC_ROLE_CLAIM: 'groups', ADMIN_OIDC_ADMIN_VALUES: ['a', 'b'], ADMIN_OIDC_CURATOR_VALUES: [] },
    },
  ])('reads $env', ({ env, expected }) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it('refuses an idle timeout that would cut off renders, naming both variables', () => {
    expect(() => loadConfig({ IDLE_TIMEOUT_MS: '20000' })).toThrow(/IDLE_TIMEOUT_MS: must be longer than RENDER_TIMEOUT_MS \(20000\)/);
    expect(() => loadConfig({ MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS: must be at least 1/);
    expect(loadConfig({ IDLE_TIMEOUT_MS: '20000', RENDER_TIMEOUT_MS: '5000' }).IDLE_TIMEOUT_MS).toBe(20_000);
  });

  it('refuses an identity provider without a client id', () => {
    expect(() => loadConfig({ ADMIN_OIDC_ISSUER: 'https://login.example.org' })).toThrow(
      /ADMIN_OIDC_CLIENT_ID: must be set when ADMIN_OIDC_ISSUER is/,
    );
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
  });

  it.each<{ env: Record<string, string>; line: RegExp }>([
    { env: { PORT: 'abc' }, line: /^ {2}PORT: .+ \(got "abc"\)$/ },
    { env: { PORT: '70000' }, line: /^ {2}PORT: .+ \(got "70000"\)$/ },
    { env: { PORT: '-1' }, line: /^ {2}PORT: .+ \(got "-1"\)$/ },
    { env: { PORT: '80.5' }, line: /^ {2}PORT: .+ \(got "80.5"\)$/ },
    { env: { PUBLIC_BASE_URL: 'localhost:3000' }, line: /^ {2}PUBLIC_BASE_URL: must start with http:\/\/ or https:\/\// },
    { env: { PUBLIC_BASE_URL: 'ftp://example.org' }, line: /^ {2}PUBLIC_BASE_URL: must start with http:\/\/ or https:\/\// },
    { env: { PUBLIC_BASE_URL: 'not a url' }, line: /^ {2}PUBLIC_BASE_URL: / },
    { env: { PUBLIC_BASE_URL: 'https://example.org/?x=1' }, line: /^ {2}PUBLIC_BASE_URL: must not have a query or fragment/ },
    { env: { PUBLIC_BASE_URL: 'https://example.org/#top' }, line: /^ {2}PUBLIC_BASE_URL: must not have a query or fragment/ },
    { env: { LOG_LEVEL: 'verbose' }, line: /^ {2}LOG_LEVEL: .+ \(got "verbose"\)$/ },
    { env: { DEFAULT_RIGHTS: 'CC-BY' }, line: /^ {2}DEFAULT_RIGHTS: / },
    { env: { TILE_SIZE: '500' }, line: /^ {2}TILE_SIZE: must be a multiple of 16/ },
    { env: { TILE_SIZE: '32' }, line: /^ {2}TILE_SIZE: / },
    { env: { JPEG_QUALITY: '101' }, line: /^ {2}JPEG_QUALITY: / },
    { env: { INGEST_JOBS: '0' }, line: /^ {2}INGEST_JOBS: / },
    { env: { ELASTICSEARCH_URL: 'es.local' }, line: /^ {2}ELASTICSEARCH_URL: / },
    { env: { PDF_MAX_SIZE: '100' }, line: /^ {2}PDF_MAX_SIZE: must be at least 200/ },
    { env: { PDF_CONCURRENCY: '0' }, line: /^ {2}PDF_CONCURRENCY: must be at least 1/ },
    { env: { PDF_CACHE_MB: 'lots' }, line: /^ {2}PDF_CACHE_MB: must be a number/ },
    { env: { ELASTICSEARCH_INDEX: 'Leeszaal' }, line: /^ {2}ELASTICSEARCH_INDEX: lower-case letters, digits, _ and -/ },
    { env: { ADMIN_SESSION_IDLE_MINUTES: '0' }, line: /^ {2}ADMIN_SESSION_IDLE_MINUTES: must be at least 1/ },
    { env: { ADMIN_TRUSTED_PROXIES: 'nginx' }, line: /^ {2}ADMIN_TRUSTED_PROXIES: must be a comma-separated list/ },
  ])('refuses $env, naming the variable and its value', ({ env, line }) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1)).toContainEqual(expect.stringMatching(line));
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', TILE_SIZE: '500', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    let message = '';
    try {
      loadConfig({ PORT: 'x', TILE_SIZE: '500', LOG_LEVEL: 'loud' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(
      message
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(':')[0])
        .sort(),
    ).toEqual(['LOG_LEVEL', 'PORT', 'TILE_SIZE']);
  });
});

describe('listeningOn', () => {
  it.each<{ env: Record<string, string>; port: number; url: string }>([
    { env: { PORT: '0' }, port: 41234, url: 'http://localhost:41234' },
    { env: { PORT: '3111' }, port: 3111, url: 'http://localhost:3111' },
    { env: { PORT: '0', PUBLIC_BASE_URL: 'https://leeszaal.brugge.be' }, port: 41234, url: 'https://leeszaal.brugge.be' },
  ])('$env on port $port publishes under $url', ({ env, port, url }) => {
    expect(listeningOn(loadConfig(env), port).PUBLIC_BASE_URL).toBe(url);
  });
});
