// The search index pointer read back through one reader: a good pointer, and each damage named.
import { describe, expect, it } from 'vitest';
import { IndexPointerError, parseIndexPointer } from './index-pointer.ts';

const where = '/data/search/current.json';

describe('parseIndexPointer', () => {
  it('reads the index file a pointer names', () => {
    expect(parseIndexPointer(JSON.stringify({ file: 'index-1733368000000-a1b2c3.sqlite' }), where)).toBe('index-1733368000000-a1b2c3.sqlite');
  });

  it.each<[string, string, RegExp]>([
    ['a cut-off file', '{"file": "index-', /^\/data\/search\/current\.json is not JSON/],
    ['no file', JSON.stringify({}), /names no index file: .*file/s],
    ['a file that is not text', JSON.stringify({ file: 7 }), /file/],
    [
      'a path out of the folder',
      JSON.stringify({ file: '../../etc/index-x.sqlite' }),
      /file.*is not the name of an index file|is not the name of an index file.*file/s,
    ],
    ['another kind of file', JSON.stringify({ file: 'index-1.sqlite-wal' }), /is not the name of an index file/],
  ])('refuses %s, naming the file and the field', (_what, text, message) => {
    expect(() => parseIndexPointer(text, where)).toThrow(IndexPointerError);
    expect(() => parseIndexPointer(text, where)).toThrow(message);
    expect(() => parseIndexPointer(text, where)).toThrow(where);
  });
});
