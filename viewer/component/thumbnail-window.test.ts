import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleWindow } from './thumbnail-window.ts';

describe('visibleWindow', () => {
  it.each([
    [0, 800, 80, 1000, 4, { first: 0, end: 14 }],
    [40_000, 800, 80, 1000, 4, { first: 496, end: 514 }],
    [79_500, 800, 80, 1000, 4, { first: 989, end: 1000 }],
    [-100, 800, 80, 5, 4, { first: 0, end: 5 }],
    [0, 800, 80, 0, 4, { first: 0, end: 0 }],
    [0, 800, 0, 10, 4, { first: 0, end: 0 }],
  ])('scroll %i view %i item %i count %i', (scroll, view, item, count, over, want) => {
    expect(visibleWindow(scroll, view, item, count, over)).toEqual(want);
  });
  it('renders a bounded number of items however long the book', () => {
    const w = visibleWindow(123_456, 1200, 80, 1_000_000);
    expect(w.end - w.first).toBeLessThanOrEqual(Math.ceil(1200 / 80) + 1 + 8);
  });
});

describe('scrollToReveal', () => {
  it.each([
    [0, 0, 800, 80, undefined],
    [20, 0, 800, 80, 880],
    [2, 400, 800, 80, 160],
    [9, 0, 800, 80, undefined],
  ])('item %i from %i', (index, scroll, view, item, want) => {
    expect(scrollToReveal(index, scroll, view, item)).toBe(want);
  });
});
