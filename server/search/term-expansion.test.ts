import { describe, expect, it } from 'vitest';
import { parseQueryText } from './query.ts';
import { expandTerm, matchWords, startsBeforeLeadingTypo, type Vocabulary } from './term-expansion.ts';

const words: Record<string, number> = { aufklarung: 3, aufklaerung: 1, kant: 2, kunst: 9, kalender: 1, brugge: 4, bruges: 2, karolus: 2 };
const vocabulary: Vocabulary = {
  counts: (list) => new Map(list.filter((w) => w in words).map((w) => [w, words[w]!])),
  withPrefix: (prefix, min, max) =>
    Object.entries(words)
      .filter(([w]) => w.startsWith(prefix) && w.length >= min && w.length <= max)
      .map(([word, count]) => ({ word, count })),
};
const expand = (q: string) => parseQueryText(q).map((t) => expandTerm(t, vocabulary));

describe('expandTerm', () => {
  it.each([
    ['Aufklärung', ['aufklarung', 'aufklaerung']],
    ['Aufklaerung', ['aufklaerung', 'aufklarung']],
    ['aufklarung', ['aufklarung']],
    ['Aufklärnug', ['aufklarung', 'aufklaerung']],
    ['Brugee', ['brugge', 'bruges']],
    // A typo in the first two letters: changed, swapped, added, dropped.
    ['Oufklärung', ['aufklarung', 'aufklaerung']],
    ['Uafklarung', ['aufklarung', 'aufklaerung']],
    ['Baufklarung', ['aufklarung', 'aufklaerung']],
    ['ufklarung', ['aufklarung', 'aufklaerung']],
    ['Carolus', ['karolus']],
    ['Kalemder', ['kalender']],
    ['kamt', ['kamt']],
    ['zzzzzzzz', ['zzzzzzzz']],
  ])('%s → %j', (q, alternatives) => {
    expect(expand(q)).toEqual([{ kind: 'words', alternatives, prefix: false }]);
  });

  it('keeps phrases and prefixes as written (folded), with their field', () => {
    expect(expand('title:"Was iſt" aufkl*')).toEqual([
      { kind: 'phrase', words: ['was', 'ist'], field: 'title' },
      { kind: 'words', alternatives: ['aufkl'], prefix: true },
    ]);
  });
});

describe('startsBeforeLeadingTypo', () => {
  it.each([
    ['carolus', 'kar'],
    ['oufklarung', 'auf'],
    ['uafklarung', 'auf'],
    ['baufklarung', 'auf'],
    ['ufklarung', 'auf'],
    ['axufklarung', 'auf'],
    ['afklarung', 'auf'],
  ])('%s may have started as %s', (typed, start) => {
    expect(startsBeforeLeadingTypo(typed)).toContain(start);
  });

  it('leaves out the start as typed, which the first look-up covers', () => {
    expect(startsBeforeLeadingTypo('carolus')).not.toContain('car');
  });
});

describe('matchWords', () => {
  it('collects words and prefixes, optionally only those that can match full text', () => {
    const terms = expand('person:kant Aufklärung aufkl*');
    expect(matchWords(terms)).toEqual({ words: ['kant', 'aufklarung', 'aufklaerung'], prefixes: ['aufkl'] });
    expect(matchWords(terms, true)).toEqual({ words: ['aufklarung', 'aufklaerung'], prefixes: ['aufkl'] });
  });
});
