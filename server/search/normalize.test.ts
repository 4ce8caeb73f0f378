import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance, foldText, foldWord, spellingVariants, tokenize } from './normalize.ts';

describe('foldWord', () => {
  it.each([
    ['Aufklärung', 'aufklarung'],
    ['Aufklaͤrung', 'aufklarung'],
    ['AUFKLÄRUNG', 'aufklarung'],
    ['iſt', 'ist'],
    ['Zwoͤlftes', 'zwolftes'],
    ['Straße', 'strasse'],
    ['œuvres', 'oeuvres'],
    ['Æsop', 'aesop'],
    ['ﬁn', 'fin'],
    ['Ørsted', 'orsted'],
    ['Łódź', 'lodz'],
    ['déjà', 'deja'],
    ['Þorn', 'thorn'],
    ['1784', '1784'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });
});

describe('tokenize', () => {
  it('keeps combining marks inside words and gives offsets in the original text', () => {
    const text = 'Was iſt Aufklaͤrung?';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.folded)).toEqual(['was', 'ist', 'aufklarung']);
    expect(text.slice(tokens[2]!.start, tokens[2]!.end)).toBe('Aufklaͤrung');
  });

  it('splits on punctuation and hyphens', () => {
    expect(foldText("Monats-ſchrift, l'homme (1784).")).toBe('monats schrift l homme 1784');
  });
});

describe('spellingVariants', () => {
  it.each([
    ['Aufklärung', ['aufklarung', 'aufklaerung']],
    ['Aufklaerung', ['aufklaerung', 'aufklarung']],
    ['aufklarung', ['aufklarung']],
    ['Müller', ['muller', 'mueller']],
    ['Goethe', ['goethe', 'gothe']],
  ])('%s → %j', (word, variants) => {
    expect(spellingVariants(word)).toEqual(variants);
  });

  it('stays bounded for words with many ae/oe/ue', () => {
    expect(spellingVariants('aeaeaeaeaeoeue').length).toBeLessThanOrEqual(8);
  });
});

describe('editDistance', () => {
  it.each([
    ['aufklarung', 'aufklarung', 0],
    ['aufklarnug', 'aufklarung', 1],
    ['aufklrung', 'aufklarung', 1],
    ['aufklaerung', 'aufklarung', 1],
    ['kant', 'kunst', 2],
    ['abc', 'xyz', 3],
  ])('%s ~ %s = %i (max 3)', (a, b, d) => {
    expect(editDistance(a, b, 3)).toBe(d);
  });

  it('stops early beyond the maximum', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 1)).toBe(2);
  });

  it('allows more edits for longer words, none for short ones', () => {
    expect([3, 4, 5, 7, 8, 12].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
