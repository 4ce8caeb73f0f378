import { describe, expect, it } from 'vitest';
import { modernLetters, modernLines } from './modern-spelling.ts';

describe('modernLetters', () => {
  it.each([
    ['iſt', 'ist'],
    ['Aufklaͤrung', 'Aufklärung'],
    ['Vnmuͤndigkeit', 'Vnmündigkeit'],
    ['Oͤffentlich', 'Öffentlich'],
    ['wahꝛ', 'wahr'],
    ['ﬁnden ﬂießen Schiﬀ', 'finden fließen Schiff'],
    ['Geſchaͤfte', 'Geschäfte'],
    ['plain text, 1784.', 'plain text, 1784.'],
    ['naïve café', 'naïve café'],
  ])('%s → %s', (printed, modern) => {
    expect(modernLetters(printed)).toBe(modern);
  });
});

describe('modernLines', () => {
  it.each<[string[], string[]]>([
    [
      ['Aufklaͤrung iſt der Ausgang des Men⸗', 'ſchen aus ſeiner'],
      ['Aufklärung ist der Ausgang des Menschen', 'aus seiner'],
    ],
    [
      ['ſelbſt verſchul-', 'deten Unmuͤndigkeit.'],
      ['selbst verschuldeten', 'Unmündigkeit.'],
    ],
    [
      ['Faul¬', 'heit und Feigheit'],
      ['Faulheit', 'und Feigheit'],
    ],
    [
      ['ein Wort', 'allein'],
      ['ein Wort', 'allein'],
    ],
    // A capital after the hyphen: a compound of names, kept as printed.
    [
      ['Nord-', 'Amerika'],
      ['Nord-', 'Amerika'],
    ],
    // A dash after a number or a space is no hyphenation.
    [
      ['1784 -', 'weiter'],
      ['1784 -', 'weiter'],
    ],
    [['das letzte Wort-'], ['das letzte Wort-']],
    [
      ['Verſtan-', 'des.'],
      ['Verstandes.', ''],
    ],
  ])('%j → %j', (printed, modern) => {
    expect(modernLines(printed)).toEqual(modern);
  });
});
