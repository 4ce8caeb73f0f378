import { describe, expect, it } from 'vitest';
import { joinLineEnds, modernLetters, modernLines } from './modern-spelling.ts';

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

describe('joinLineEnds', () => {
  // Each line: the joined text, and where its own part (start, end) is in the printed line.
  it.each<[string[], [string, number, number][]]>([
    [
      ['Unmuͤn-', 'digkeit iſt das'],
      [
        ['Unmuͤndigkeit', 0, 6],
        ['iſt das', 8, 15],
      ],
    ],
    // Letterforms stay as printed; every hyphen the modern view joins at.
    [
      ['des Men⸗', 'ſchen aus'],
      [
        ['des Menſchen', 0, 7],
        ['aus', 6, 9],
      ],
    ],
    [
      ['Faul¬  ', '  heit und'],
      [
        ['Faulheit', 0, 4],
        ['und', 7, 10],
      ],
    ],
    [
      ['ver\u00ad', 'ſtehen'],
      [
        ['verſtehen', 0, 3],
        ['', 6, 6],
      ],
    ],
    // A line both continued and continuing.
    [
      ['Man-', 'gel des Ver-', 'ſtandes.'],
      [
        ['Mangel', 0, 3],
        ['des Verſtandes.', 4, 11],
        ['', 8, 8],
      ],
    ],
    [
      ['Nord-', 'Amerika'],
      [
        ['Nord-', 0, 5],
        ['Amerika', 0, 7],
      ],
    ],
    [
      ['1784 -', 'weiter'],
      [
        ['1784 -', 0, 6],
        ['weiter', 0, 6],
      ],
    ],
    [['das letzte Wort-'], [['das letzte Wort-', 0, 16]]],
  ])('%j', (printed, joined) => {
    const out = joinLineEnds(printed);
    expect(out.map((l) => [l.text, l.start, l.end])).toEqual(joined);
    // Each line's own part is the printed line's characters start to end.
    out.forEach((l, i) => expect(l.text.startsWith(printed[i]!.slice(l.start, l.end))).toBe(true));
  });
});
