import { describe, expect, it } from 'vitest';
import { readiness } from './readiness.ts';

const SETTLE = 30_000;
const scan = (signature: string, files = 2, marker = false) => ({ signature, files, marker });

describe('inbox readiness', () => {
  it.each([
    ['a marker makes a folder ready at once', scan('a', 2, true), undefined, 0, { ready: true, why: 'marker' }],
    ['a marker in an empty folder does not', scan('', 0, true), undefined, 0, { ready: false, seen: { signature: '', since: 0 } }],
    ['a folder seen for the first time waits', scan('a'), undefined, 5_000, { ready: false, seen: { signature: 'a', since: 5_000 } }],
    ['unchanged, not yet long enough', scan('a'), { signature: 'a', since: 0 }, SETTLE - 1, { ready: false, seen: { signature: 'a', since: 0 } }],
    ['unchanged for the settle time', scan('a'), { signature: 'a', since: 0 }, SETTLE, { ready: true, why: 'settled' }],
    [
      'changed: the wait starts again',
      scan('b'),
      { signature: 'a', since: 0 },
      SETTLE * 2,
      { ready: false, seen: { signature: 'b', since: SETTLE * 2 } },
    ],
    ['an empty folder never settles', scan('', 0), { signature: '', since: 0 }, SETTLE * 10, { ready: false, seen: { signature: '', since: 0 } }],
  ] as const)('%s', (_why, s, previous, now, expected) => {
    expect(readiness(s, previous, now, SETTLE)).toEqual(expected);
  });
});
