import { describe, expect, it } from 'vitest';
import { parseSearchAnswer, searchUrl } from './content-search.ts';

const C = (n: number) => `https://ex.org/iiif/presentation/kant/canvas/page-000${n}`;
const pageOf = (id: string) => ({ [C(1)]: 0, [C(2)]: 1 })[id];

describe('parseSearchAnswer', () => {
  it('reads Content Search 2.0 with highlighting snippets and paging', () => {
    const answer = parseSearchAnswer(
      {
        '@context': 'http://iiif.io/api/search/2/context.json',
        id: 'https://ex.org/iiif/search/2/kant?q=aufkl',
        type: 'AnnotationPage',
        next: { id: 'https://ex.org/iiif/search/2/kant?q=aufkl&page=2', type: 'AnnotationPage' },
        items: [
          {
            id: 'a1',
            type: 'Annotation',
            motivation: 'supplementing',
            body: { type: 'TextualBody', value: 'Aufklärung' },
            target: `${C(2)}#xywh=100,200,300,40`,
          },
          {
            id: 'a2',
            type: 'Annotation',
            motivation: 'supplementing',
            body: { type: 'TextualBody', value: 'aufklären' },
            target: { type: 'SpecificResource', source: { id: C(1), type: 'Canvas' }, selector: { type: 'FragmentSelector', value: 'xywh=1,2,3,4' } },
          },
          { id: 'a3', type: 'Annotation', body: { value: 'elsewhere' }, target: 'https://other/canvas/9#xywh=1,1,1,1' },
        ],
        annotations: [
          {
            type: 'AnnotationPage',
            items: [
              {
                type: 'Annotation',
                motivation: 'highlighting',
                target: {
                  type: 'SpecificResource',
                  source: { id: 'a1', type: 'Annotation' },
                  selector: [{ type: 'TextQuoteSelector', prefix: 'Was ist ', exact: 'Aufklärung', suffix: '? Auf' }],
                },
              },
            ],
          },
        ],
      },
      pageOf,
    );
    expect(answer).toEqual({
      hits: [
        { page: 1, region: { x: 100, y: 200, w: 300, h: 40 }, before: 'Was ist ', match: 'Aufklärung', after: '? Auf' },
        { page: 0, region: { x: 1, y: 2, w: 3, h: 4 }, before: '', match: 'aufklären', after: '' },
      ],
      next: 'https://ex.org/iiif/search/2/kant?q=aufkl&page=2',
    });
  });

  it('reads Content Search 1.0 (resources and hits)', () => {
    const answer = parseSearchAnswer(
      {
        '@type': 'sc:AnnotationList',
        resources: [{ '@id': 'r1', '@type': 'oa:Annotation', resource: { chars: 'Kant' }, on: `${C(1)}#xywh=5,6,7,8` }],
        hits: [{ '@type': 'search:Hit', annotations: ['r1'], before: 'von ', match: 'Kant', after: '.' }],
        within: { '@type': 'sc:Layer', next: 'https://ex.org/next' },
      },
      pageOf,
    );
    expect(answer).toEqual({
      hits: [{ page: 0, region: { x: 5, y: 6, w: 7, h: 8 }, before: 'von ', match: 'Kant', after: '.' }],
      next: 'https://ex.org/next',
    });
  });

  it.each([null, 'x', [], {}, { items: 'nope' }])('gives no hits for %j', (json) => {
    expect(parseSearchAnswer(json, pageOf).hits).toEqual([]);
  });

  it('builds the query URL', () => {
    expect(searchUrl('https://ex.org/iiif/search/2/kant', 'ſo & ja')).toBe('https://ex.org/iiif/search/2/kant?q=%C5%BFo+%26+ja');
  });
});
