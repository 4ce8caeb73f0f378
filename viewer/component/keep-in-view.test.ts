import { describe, expect, it } from 'vitest';
import { leastPan } from './keep-in-view.ts';

describe('leastPan', () => {
  const view = { x: 0, y: 0, w: 100, h: 100 };
  it.each([
    { name: 'a box inside stays', box: { x: 10, y: 10, w: 20, h: 10 }, pan: { dx: 0, dy: 0 } },
    { name: 'right of the view: just in, with the margin', box: { x: 150, y: 10, w: 20, h: 10 }, pan: { dx: 74, dy: 0 } },
    { name: 'above the view: just in, with the margin', box: { x: 10, y: -50, w: 20, h: 10 }, pan: { dx: 0, dy: -54 } },
    { name: 'cut by the left edge', box: { x: -5, y: 10, w: 20, h: 10 }, pan: { dx: -9, dy: 0 } },
    { name: 'within the margin but inside: left alone', box: { x: 1, y: 1, w: 20, h: 10 }, pan: { dx: 0, dy: 0 } },
    { name: 'too wide for the margin: brought just inside', box: { x: 50, y: 10, w: 96, h: 10 }, pan: { dx: 46, dy: 0 } },
    { name: 'wider than the view, off to the right: its start at the left edge', box: { x: 120, y: 10, w: 300, h: 10 }, pan: { dx: 120, dy: 0 } },
    { name: 'wider than the view and under all of it: left alone', box: { x: -50, y: 10, w: 300, h: 10 }, pan: { dx: 0, dy: 0 } },
    { name: 'wider than the view, off to the left: its end at the right edge', box: { x: -400, y: 10, w: 300, h: 10 }, pan: { dx: -200, dy: 0 } },
  ])('$name', ({ box, pan }) => {
    const got = leastPan(view, box);
    expect(got.dx).toBeCloseTo(pan.dx);
    expect(got.dy).toBeCloseTo(pan.dy);
  });
});
