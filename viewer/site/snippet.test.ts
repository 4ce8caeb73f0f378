import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet.ts';

describe('snippetParts', () => {
  it.each([
    ['plain', 'no match here', [{ text: 'no match here', mark: false }]],
    [
      'one mark',
      'was ist <mark>Aufklärung</mark>?',
      [
        { text: 'was ist ', mark: false },
        { text: 'Aufklärung', mark: true },
        { text: '?', mark: false },
      ],
    ],
    [
      'entities stay text',
      '&lt;script&gt; &amp; <mark>a&quot;b</mark>',
      [
        { text: '<script> & ', mark: false },
        { text: 'a"b', mark: true },
      ],
    ],
    [
      'stray tags are dropped, never rendered',
      '<img src=x onerror=alert(1)>x<mark>y</mark>',
      [
        { text: 'x', mark: false },
        { text: 'y', mark: true },
      ],
    ],
    [
      'two marks',
      '<mark>a</mark> <mark>b</mark>',
      [
        { text: 'a', mark: true },
        { text: ' ', mark: false },
        { text: 'b', mark: true },
      ],
    ],
    ['empty', '', []],
  ])('%s', (_name, html, want) => {
    expect(snippetParts(html)).toEqual(want);
  });
});
