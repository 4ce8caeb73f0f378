// URL segment checks: names that could climb out of a folder are refused with a 400 naming them.
import { describe, expect, it } from 'vitest';
import { isSafeFileName, requireSegment } from './safe-path.ts';

describe('isSafeFileName', () => {
  it.each([
    ['record.json', true],
    ['mets.xml', true],
    ['page-0017.json', true],
    ['a', true],
    ['..', false],
    ['.', false],
    ['.hidden', false],
    ['a..b', false],
    ['a/b', false],
    ['a\\b', false],
    ['a\0b', false],
    ['', false],
    ['%2e%2e', false],
    ['x'.repeat(202), false],
  ])('%j → %s', (name, ok) => expect(isSafeFileName(name)).toBe(ok));
});

describe('requireSegment', () => {
  it('throws 400 naming the segment', () => {
    expect(() => requireSegment('item id', '../x', () => false)).toThrow(/item id "..\/x" is not valid/);
  });
});
