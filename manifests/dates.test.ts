import { describe, expect, it } from 'vitest';
import { centuries, centuryOf, navDate, parseDateRange } from './dates.ts';

describe('parseDateRange', () => {
  it.each([
    ['1784', 1784, 1784, false],
    ['  1784 ', 1784, 1784, false],
    ['ca. 1475', 1475, 1475, true],
    ['ca 1475', 1475, 1475, true],
    ['c. 1475', 1475, 1475, true],
    ['circa 1475', 1475, 1475, true],
    ['Circa 1475', 1475, 1475, true],
    ['um 1780', 1780, 1780, true],
    ['1476?', 1476, 1476, true],
    ['[1476]', 1476, 1476, false],
    ['[1476?]', 1476, 1476, true],
    ['[ca. 1476]', 1476, 1476, true],
    ['1475~', 1475, 1475, true],
    ['147X', 1470, 1479, true],
    ['147x', 1470, 1479, true],
    ['147-', 1470, 1479, true],
    ['147?', 1470, 1479, true],
    ['147u', 1470, 1479, true],
    ['14XX', 1400, 1499, true],
    ['14--', 1400, 1499, true],
    ['17..', 1700, 1799, true],
    ['1475-1480', 1475, 1480, false],
    ['1475–1480', 1475, 1480, false],
    ['1475 - 1480', 1475, 1480, false],
    ['1475/1480', 1475, 1480, false],
    ['1475-80', 1475, 1480, false],
    ['1653/54', 1653, 1654, false],
    ['1653-54', 1653, 1654, false],
    ['1699/00', 1699, 1700, false],
    ['ca. 1475-1480', 1475, 1480, true],
    ['1784-', 1784, 1784, false],
    ['18th century', 1700, 1799, true],
    ['18th c.', 1700, 1799, true],
    ['1st century', 1, 99, true],
    ['18e eeuw', 1700, 1799, true],
    ['18de eeuw', 1700, 1799, true],
    ['17de-18de eeuw', 1600, 1799, true],
    ['XVIIIe siècle', 1700, 1799, true],
    ['xviiie siècle', 1700, 1799, true],
    ['XVe s.', 1400, 1499, true],
    ['18e siècle', 1700, 1799, true],
    ['18. Jh.', 1700, 1799, true],
    ['18. Jahrhundert', 1700, 1799, true],
    ['saec. XV', 1400, 1499, true],
    ['1784-05-12', 1784, 1784, false],
    ['1784-05', 1784, 1784, false],
    ['1784-05-12T10:00:00Z', 1784, 1784, false],
    ['Berlin, 1784', 1784, 1784, false],
    ['gedruckt 1653 und 1660', 1653, 1660, false],
    ['vor 1500', 1500, 1500, true],
    ['800', 800, 800, false],
    ['1784.', 1784, 1784, false],
    ['[17--]', 1700, 1799, true],
    ['MDCCLXXXIV', 1784, 1784, false],
    ['M.DCC.LXXXIV.', 1784, 1784, false],
    ['Anno MDCLIII', 1653, 1653, false],
  ] as const)('%j → %i-%i approximate %s', (text, from, to, approximate) => {
    expect(parseDateRange(text)).toEqual({ from, to, approximate });
  });

  it.each([undefined, '', '   ', 's.a.', 'o.J.', 'sine anno', '[s.d.]', 'n.d.', 'unknown', '1480-1475', '99XX', '0', 'XL century'])(
    '%j has no year range',
    (text) => {
      expect(parseDateRange(text)).toBeUndefined();
    },
  );
});

describe('navDate', () => {
  it.each([
    [{ from: 1784, to: 1784, approximate: false }, '1784-01-01T00:00:00Z'],
    [{ from: 1470, to: 1479, approximate: true }, '1470-01-01T00:00:00Z'],
    [{ from: 800, to: 800, approximate: false }, '0800-01-01T00:00:00Z'],
  ])('%j → %s', (range, expected) => {
    expect(navDate(range)).toBe(expected);
  });
});

describe('centuries', () => {
  it.each([
    [1784, 18],
    [1700, 18],
    [1799, 18],
    [1800, 19],
    [1475, 15],
  ])('centuryOf(%i) = %i', (year, century) => {
    expect(centuryOf(year)).toBe(century);
  });

  it.each([
    [{ from: 1784, to: 1784, approximate: false }, [18]],
    [{ from: 1690, to: 1710, approximate: false }, [17, 18]],
    [{ from: 1400, to: 1699, approximate: true }, [15, 16, 17]],
  ])('%j spans %j', (range, expected) => {
    expect(centuries(range)).toEqual(expected);
  });
});
