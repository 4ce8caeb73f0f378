import { describe, expect, it } from 'vitest';
import { clampRegion, formatViewState, parseRotation, parseViewState, parseXywh, type ViewState } from './deep-link.ts';

describe('parseViewState', () => {
  it.each<[string, ViewState]>([
    ['', { rotation: 0 }],
    ['?page=page-0017', { page: 'page-0017', rotation: 0 }],
    ['?page=page-0017&xywh=10,20,300,400&rotation=90', { page: 'page-0017', region: { x: 10, y: 20, w: 300, h: 400 }, rotation: 90 }],
    ['?xywh=pixel:1,2,3,4', { region: { x: 1, y: 2, w: 3, h: 4 }, rotation: 0 }],
    ['?page=../etc/passwd', { rotation: 0 }],
    ['?page=%3Cscript%3E', { rotation: 0 }],
    ['?xywh=1,2,0,4', { rotation: 0 }],
    ['?xywh=-1,2,3,4', { rotation: 0 }],
    ['?xywh=1,2,3', { rotation: 0 }],
    ['?rotation=45', { rotation: 0 }],
    ['?rotation=-90', { rotation: 270 }],
    ['?rotation=450', { rotation: 90 }],
    ['?rotation=abc', { rotation: 0 }],
  ])('%s', (query, want) => {
    expect(parseViewState(query)).toEqual(want);
  });
});

describe('formatViewState', () => {
  it.each<[ViewState, string, string]>([
    [{ rotation: 0 }, '', ''],
    [{ page: 'p1', rotation: 0 }, '', '?page=p1'],
    [{ page: 'p1', region: { x: 1.4, y: 2.6, w: 30, h: 40 }, rotation: 180 }, '?lang=fr', '?lang=fr&page=p1&xywh=1,3,30,40&rotation=180'],
    [{ page: 'p2', rotation: 0 }, '?page=p1&xywh=1,2,3,4&rotation=90&lang=en', '?lang=en&page=p2'],
  ])('%j over %s', (state, existing, want) => {
    expect(formatViewState(state, existing)).toBe(want);
  });

  it('round-trips through parse', () => {
    const state: ViewState = { page: 'page-0020', region: { x: 5, y: 6, w: 700, h: 800 }, rotation: 270 };
    expect(parseViewState(formatViewState(state))).toEqual(state);
  });
});

describe('small parsers', () => {
  it.each([
    ['0,0,1,1', { x: 0, y: 0, w: 1, h: 1 }],
    [' 1,2,3,4 ', { x: 1, y: 2, w: 3, h: 4 }],
    ['1.5,2,3,4', undefined],
    [null, undefined],
  ] as const)('parseXywh(%j)', (input, want) => {
    expect(parseXywh(input)).toEqual(want);
  });
  it.each([
    ['90', 90],
    ['360', 0],
    ['12345', 0],
    [null, 0],
  ] as const)('parseRotation(%j)', (input, want) => {
    expect(parseRotation(input)).toBe(want);
  });
  it.each([
    [{ x: -10, y: 0, w: 50, h: 50 }, 100, 100, { x: 0, y: 0, w: 50, h: 50 }],
    [{ x: 90, y: 90, w: 50, h: 50 }, 100, 100, { x: 90, y: 90, w: 10, h: 10 }],
    [{ x: 100, y: 0, w: 50, h: 50 }, 100, 100, undefined],
  ] as const)('clampRegion(%j)', (r, w, h, want) => {
    expect(clampRegion(r, w, h)).toEqual(want);
  });
});
