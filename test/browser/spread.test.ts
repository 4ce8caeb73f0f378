// The spreads other viewers open a book at: the cover alone, then pairs, a last page without a partner alone.
import { describe, expect, it } from 'vitest';
import { type Book, shownTogether } from './spread.ts';

const book = (canvases: number, behavior = 'paged', viewingDirection = 'left-to-right'): Book => ({
  behavior: [behavior],
  viewingDirection,
  canvases,
});

describe('shownTogether', () => {
  it.each([
    { what: 'the cover of a book', book: book(20), index: 0, shown: [0] },
    { what: 'the second page, with the third', book: book(20), index: 1, shown: [1, 2] },
    { what: 'the third page, with the second', book: book(20), index: 2, shown: [1, 2] },
    { what: 'the eighteenth page, with the nineteenth', book: book(20), index: 17, shown: [17, 18] },
    { what: 'the last page of an even count, alone', book: book(20), index: 19, shown: [19] },
    { what: 'the last page of an odd count, with the one before', book: book(5), index: 4, shown: [3, 4] },
    { what: 'a two-page book, each alone', book: book(2), index: 1, shown: [1] },
    { what: 'a one-page book', book: book(1), index: 0, shown: [0] },
    { what: 'a right-to-left book, the later page on the left', book: book(4, 'paged', 'right-to-left'), index: 1, shown: [2, 1] },
    { what: 'single prints, each alone', book: book(4, 'individuals'), index: 1, shown: [1] },
  ])('$what', ({ book, index, shown }) => {
    expect(shownTogether(book, index)).toEqual(shown);
  });

  it.each([-1, 3, 1.5])('refuses canvas %s of three', (index) => {
    expect(() => shownTogether(book(3), index)).toThrow(RangeError);
  });
});
