import { describe, expect, it } from 'vitest';
import { meanConfidence, type Weighed } from './confidence.ts';

describe('meanConfidence', () => {
  it.each<[string, Weighed[], number | undefined]>([
    ['one word', [{ text: 'iſt', confidence: 0.9 }], 0.9],
    [
      'weighted by letters',
      [
        { text: 'Aufklärung', confidence: 1 },
        { text: 'Té', confidence: 0 },
      ],
      10 / 12,
    ],
    [
      'letters, not UTF-16 units',
      [
        { text: '𝔄𝔟', confidence: 0.5 },
        { text: 'ab', confidence: 1 },
      ],
      0.75,
    ],
    ['words without a confidence are left out', [{ text: 'Was', confidence: 0.6 }, { text: 'iſt' }], 0.6],
    ['none known', [{ text: 'Was' }], undefined],
    ['no words', [], undefined],
  ])('%s', (_name, parts, expected) => {
    const got = meanConfidence(parts);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(expected, 10);
  });
});
