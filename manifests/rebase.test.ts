import { describe, expect, it } from 'vitest';
import { rebaseJson } from './rebase.ts';

describe('rebaseJson', () => {
  const OLD = 'http://localhost:3000';
  const NEW = 'https://leeszaal.brugge.be/lz';

  it.each([
    ['http://localhost:3000', 'https://leeszaal.brugge.be/lz'],
    ['http://localhost:3000/', 'https://leeszaal.brugge.be/lz/'],
    ['http://localhost:3000/iiif/presentation/kant/manifest.json', 'https://leeszaal.brugge.be/lz/iiif/presentation/kant/manifest.json'],
    [
      'http://localhost:3000/iiif/presentation/kant/canvas/p1#xywh=1,2,3,4',
      'https://leeszaal.brugge.be/lz/iiif/presentation/kant/canvas/p1#xywh=1,2,3,4',
    ],
    ['http://localhost:3000/#provider', 'https://leeszaal.brugge.be/lz/#provider'],
    ['http://localhost:3000?x=1', 'https://leeszaal.brugge.be/lz?x=1'],
    ['http://localhost:30001/x', 'http://localhost:30001/x'],
    ['http://localhost:3000x', 'http://localhost:3000x'],
    ['see http://localhost:3000/x', 'see http://localhost:3000/x'],
    ['http://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['Was iſt Aufklärung?', 'Was iſt Aufklärung?'],
  ])('%j → %j', (input, expected) => {
    expect(rebaseJson({ v: input }, OLD, NEW)).toEqual({ v: expected });
  });

  it('rewrites deep inside arrays and objects, leaves keys, numbers, booleans and null, and copies', () => {
    const input = {
      id: 'http://localhost:3000/iiif/presentation/kant/manifest.json',
      items: [{ id: 'http://localhost:3000/a', width: 1456, flag: true, none: null, label: { none: ['http://localhost:3000/b'] } }],
      'http://localhost:3000/key': 1,
    };
    const before = structuredClone(input);
    const out = rebaseJson(input, `${OLD}/`, NEW);
    expect(out).toEqual({
      id: 'https://leeszaal.brugge.be/lz/iiif/presentation/kant/manifest.json',
      items: [{ id: 'https://leeszaal.brugge.be/lz/a', width: 1456, flag: true, none: null, label: { none: ['https://leeszaal.brugge.be/lz/b'] } }],
      'http://localhost:3000/key': 1,
    });
    expect(input).toEqual(before);
  });

  it('refuses bases that are not absolute http(s) URLs', () => {
    expect(() => rebaseJson({}, '/data', NEW)).toThrow(/absolute http/);
    expect(() => rebaseJson({}, OLD, 'ftp://x')).toThrow(/absolute http/);
  });
});
