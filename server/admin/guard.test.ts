import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { fromThisSite } from './guard.ts';
import { nextPath } from './routes/sign-in.ts';

const request = (headers: Record<string, string>, protocol = 'http') => ({ headers, protocol }) as unknown as Request;

describe('fromThisSite', () => {
  const base = 'https://leeszaal.example.org';
  const cases: [string, Record<string, string>, boolean][] = [
    ['no Origin, no Sec-Fetch-Site (an old browser, a script)', {}, true],
    ['the public origin', { origin: base }, true],
    ['the Host it was reached at', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, true],
    ['another origin', { origin: 'https://evil.example' }, false],
    ['the public host over http', { origin: 'http://leeszaal.example.org' }, false],
    ['same-origin fetch', { 'sec-fetch-site': 'same-origin', origin: base }, true],
    ['typed by the user', { 'sec-fetch-site': 'none' }, true],
    ['same-site but another origin', { 'sec-fetch-site': 'same-site' }, false],
    ['cross-site', { 'sec-fetch-site': 'cross-site', origin: base }, false],
    ['a null Origin (sandboxed frame)', { origin: 'null' }, false],
  ];
  it.each(cases)('%s', (_what, headers, expected) => {
    expect(fromThisSite(request(headers), base)).toBe(expected);
  });
});

describe('nextPath', () => {
  const cases: [unknown, string][] = [
    ['/admin/items/kant?tab=pages', '/admin/items/kant?tab=pages'],
    ['/admin', '/admin'],
    ['/adminx', '/admin'],
    ['/', '/admin'],
    ['https://evil.example/admin', '/admin'],
    ['//evil.example', '/admin'],
    ['/admin//evil.example', '/admin'],
    ['/admin/\\evil.example', '/admin'],
    ['/admin/../iiif', '/admin'],
    ['/admin/%2e%2E/iiif', '/admin'],
    ['/admin/items/a..b', '/admin/items/a..b'],
    ['/admin/x\r\nSet-Cookie: a=b', '/admin'],
    [['/admin/a'], '/admin'],
    [undefined, '/admin'],
  ];
  it.each(cases)('%j → %s', (value, expected) => {
    expect(nextPath(value)).toBe(expected);
  });
});
