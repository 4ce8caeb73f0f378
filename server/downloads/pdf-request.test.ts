import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors.ts';
import { parsePdfRequest } from './pdf-request.ts';

describe('parsePdfRequest', () => {
  it.each<{ query: Record<string, unknown>; expected: unknown }>([
    { query: {}, expected: { size: 1500, first: 1, last: 4, lang: 'en' } },
    { query: { size: '1000' }, expected: { size: 1000, first: 1, last: 4, lang: 'en' } },
    { query: { size: '3000', pages: '2-3' }, expected: { size: 3000, first: 2, last: 3, lang: 'en' } },
    { query: { pages: '3' }, expected: { size: 1500, first: 3, last: 3, lang: 'en' } },
    { query: { pages: ' 1-4 ' }, expected: { size: 1500, first: 1, last: 4, lang: 'en' } },
    { query: { size: 'max' }, expected: { size: 3000, first: 1, last: 4, lang: 'en' } },
    { query: { size: '1000', pages: '3-3', lang: 'nl' }, expected: { size: 1000, first: 3, last: 3, lang: 'nl' } },
    { query: { lang: 'fr' }, expected: { size: 1500, first: 1, last: 4, lang: 'fr' } },
  ])('reads $query', ({ query, expected }) => {
    expect(parsePdfRequest(query, 4, 3000)).toEqual(expected);
  });

  it.each<{ query: Record<string, unknown>; message: RegExp }>([
    { query: { size: '3001' }, message: /^size: must be between 200 and 3000 pixels \(got 3001\)$/ },
    { query: { size: '100' }, message: /^size: must be between 200/ },
    { query: { size: 'big' }, message: /^size: must be a whole number/ },
    { query: { size: ['1000', '2000'] }, message: /^size: must be a whole number/ },
    { query: { pages: '0-2' }, message: /^pages: 0-2 is not a range within the book's 4 pages$/ },
    { query: { pages: '3-9' }, message: /^pages: 3-9 is not a range within/ },
    { query: { pages: '3-2' }, message: /^pages: 3-2 is not a range within/ },
    { query: { pages: 'all' }, message: /^pages: "all" is not a page or a range/ },
    { query: { pages: '1-2,4' }, message: /^pages: "1-2,4" is not a page or a range/ },
    { query: { pages: ['1', '2'] }, message: /^pages: give one range/ },
    { query: { dpi: '300' }, message: /^dpi: unknown parameter/ },
    { query: { size: 'MAX' }, message: /^size: must be a whole number of pixels or max$/ },
    { query: { lang: 'de' }, message: /^lang: must be nl, fr or en$/ },
    { query: { lang: ['nl', 'fr'] }, message: /^lang: must be nl, fr or en$/ },
  ])('refuses $query with a 400 naming the parameter', ({ query, message }) => {
    let error: unknown;
    try {
      parsePdfRequest(query, 4, 3000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).message).toMatch(message);
  });
});
