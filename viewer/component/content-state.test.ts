import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, ContentStateError, type ContentTarget, decodeContentState, encodeContentState } from './content-state.ts';

const M = 'https://example.org/iiif/presentation/kant/manifest.json';
const C = 'https://example.org/iiif/presentation/kant/canvas/page-0017';

describe('content state', () => {
  it.each<[string, ContentTarget]>([
    ['manifest only', { manifest: M }],
    ['canvas', { manifest: M, canvas: C }],
    ['canvas region', { manifest: M, canvas: C, region: { x: 10, y: 20, w: 300, h: 400 } }],
  ])('round-trips %s', (_name, target) => {
    const encoded = encodeContentState(target);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeContentState(encoded)).toEqual(target);
  });

  it('encodes as the spec asks: URI-encoded UTF-8, base64url, no padding', () => {
    // The spec's own example string: encodeURIComponent first, so non-ASCII survives btoa.
    expect(base64UrlEncode('{"a":"ſ é"}')).toBe(btoa(encodeURIComponent('{"a":"ſ é"}')).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
    expect(base64UrlDecode(base64UrlEncode('ſchöne Aufklärung?'))).toBe('ſchöne Aufklärung?');
  });

  it.each<[string, string, ContentTarget]>([
    ['a bare manifest URL', M, { manifest: M }],
    [
      'plain JSON annotation',
      JSON.stringify({
        type: 'Annotation',
        motivation: ['contentState'],
        target: { id: `${C}#xywh=1,2,3,4`, type: 'Canvas', partOf: [{ id: M, type: 'Manifest' }] },
      }),
      { manifest: M, canvas: C, region: { x: 1, y: 2, w: 3, h: 4 } },
    ],
    ['a bare Manifest resource', JSON.stringify({ id: M, type: 'Manifest' }), { manifest: M }],
    ['a Presentation 2 style within', JSON.stringify({ '@id': C, '@type': 'sc:Canvas', within: M }), { manifest: M, canvas: C }],
    [
      'a SpecificResource with a FragmentSelector',
      JSON.stringify({
        type: 'Annotation',
        target: {
          type: 'SpecificResource',
          source: { id: C, type: 'Canvas', partOf: [{ id: M, type: 'Manifest' }] },
          selector: { type: 'FragmentSelector', value: 'xywh=5,6,7,8' },
        },
      }),
      { manifest: M, canvas: C, region: { x: 5, y: 6, w: 7, h: 8 } },
    ],
  ])('decodes %s', (_name, input, want) => {
    expect(decodeContentState(input)).toEqual(want);
  });

  it.each([
    ['empty', ''],
    ['not base64', '***'],
    ['base64 of non-JSON', base64UrlEncode('hello')],
    ['a javascript: target', JSON.stringify({ type: 'Annotation', target: 'javascript:alert(1)' })],
    ['a canvas without its manifest', JSON.stringify({ id: C, type: 'Canvas' })],
    ['a JSON array', '[1,2]'],
  ])('rejects %s with a ContentStateError', (_name, input) => {
    expect(() => decodeContentState(input)).toThrow(ContentStateError);
  });
});
