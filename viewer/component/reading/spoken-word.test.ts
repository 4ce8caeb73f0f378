// The word a speech engine's boundary names, table by table: each row is a line's spoken text (as
// printed, in modern spelling, with a hyphenated word joined), a boundary's charIndex and charLength,
// and the word that must be highlighted in the line (undefined: no word highlight, the line's stays).
import { describe, expect, it } from 'vitest';
import { modernLines } from '../../../manifests/modern-spelling.ts';
import { wordAt } from './spoken-word.ts';

const printed = 'Aufklaͤrung iſt der Ausgang des Men⸗';
const [joined, rest] = modernLines([printed, 'ſchen aus ſeiner ſelbſt verſchuldeten']) as [string, string];
const word = (text: string, at: number, length?: number) => {
  const range = wordAt(text, at, length);
  return range && text.slice(range.start, range.end);
};

describe('wordAt', () => {
  it('knows the modern lines the rows below are about', () => {
    expect(joined).toBe('Aufklärung ist der Ausgang des Menschen');
    expect(rest).toBe('aus seiner selbst verschuldeten');
  });

  it.each<[string, string, number, number | undefined, string | undefined]>([
    ['printed: the first word, with its superscript e', printed, 0, 11, 'Aufklaͤrung'],
    ['printed: a word with long s', printed, printed.indexOf('iſt'), 3, 'iſt'],
    ['printed: the start of a word hyphenated at the line end, without the hyphen', printed, printed.indexOf('Men'), 4, 'Men'],
    ['modern: the same line, indices in the modern text', joined, joined.indexOf('ist'), 3, 'ist'],
    ['modern: the word joined from the next line, whole', joined, joined.indexOf('Menschen'), 8, 'Menschen'],
    ['modern: the line the rest of the word left, its first word', rest, 0, 3, 'aus'],
    ['modern: a later word of that line', rest, rest.indexOf('verschuldeten'), 13, 'verschuldeten'],
    ['no length given: the whole word', joined, joined.indexOf('Ausgang'), undefined, 'Ausgang'],
    ['an index inside a word: all of it', joined, joined.indexOf('sgang'), 5, 'Ausgang'],
    ['a length past the word stops at its token', joined, 0, 200, 'Aufklärung'],
    ['a length short of the word still takes it whole', joined, 0, 3, 'Aufklärung'],
    ['punctuation after a word is not the word', 'Was iſt Aufklaͤrung?', 8, 12, 'Aufklaͤrung'],
    ['punctuation before a word is not the word', '(S. Decemb. 1783. S. 516.)', 0, 3, 'S'],
    ['a number is a word', '(S. Decemb. 1783. S. 516.)', 12, 5, '1783'],
    ['an index on a quote mark: the word after it', '„Habe Muth', 0, 5, 'Habe'],
    ['a hyphenated compound read as two words: the first', 'die ſelbſt-verſchuldete', 4, 6, 'ſelbſt'],
    ['a hyphenated compound read as two words: the second', 'die ſelbſt-verſchuldete', 11, 12, 'verſchuldete'],
    ['a hyphenated compound read as one', 'die ſelbſt-verſchuldete', 4, 19, 'ſelbſt-verſchuldete'],
    ['multiple spaces: an index on the spaces names the next word', 'der   Ausgang', 4, 1, 'Ausgang'],
    ['multiple spaces: the word after them', 'der   Ausgang', 6, 7, 'Ausgang'],
    ['a dash standing alone names no word', 'Muth — dich', 5, 1, undefined],
    ['an index past the end names no word', 'Was iſt', 7, 0, undefined],
    ['an index far past the end names no word', 'Was iſt', 500, 3, undefined],
    ['trailing spaces name no word', 'Was iſt  ', 7, 1, undefined],
    ['a negative index names no word', 'Was iſt', -1, 3, undefined],
    ['an empty line names no word', '', 0, 0, undefined],
  ])('%s', (_name, text, at, length, expected) => {
    expect(word(text, at, length)).toBe(expected);
  });
});
