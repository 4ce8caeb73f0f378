// Which printed texts ask for the bundled face for early print, and the unicode-range it is declared with.
import { describe, expect, it } from 'vitest';
import { needsPrintFont, PRINT_RANGES, PRINT_UNICODE_RANGE } from './print-letters.ts';

describe('needsPrintFont', () => {
  it.each([
    ['the superscript e', ['Was iſt Aufklaͤrung?'], true],
    ['the superscript e alone', ['Vnmuͤndigkeit'], true],
    ['long s', ['iſt'], true],
    ['r rotunda', ['deꝛ'], true],
    ['a ligature', ['ﬁnden'], true],
    ['a superscript o (U+0366)', ['uͦ'], true],
    ['a later line', ['Beantwortung', 'iſt'], true],
    ['modern German', ['Was ist Aufklärung?'], false],
    ['Dutch and French', ['Leeszaal', 'Qu’est-ce que les Lumières ?'], false],
    ['no lines', [], false],
  ])('%s → %s', (_name, texts, expected) => {
    expect(needsPrintFont(texts)).toBe(expected);
  });
});

describe('PRINT_RANGES', () => {
  const covered = (c: string) => PRINT_RANGES.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to);
  it.each(['a', 'Z', 'ä', 'ſ', '\u0364', 'ꝛ', 'ﬆ', '⸗', '„'])('covers %s, so a letter and its mark come from the face', (c) => {
    expect(covered(c)).toBe(true);
  });

  it('is the unicode-range the face is declared with', () => {
    expect(PRINT_UNICODE_RANGE).toBe('U+20-7E, U+A0-17F, U+300-36F, U+1DC0-1DFF, U+2010-205E, U+2E17, U+A720-A7FF, U+FB00-FB06');
  });
});
