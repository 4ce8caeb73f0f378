import { describe, expect, it } from 'vitest';
import { canvasSizes, validatePresentation } from './validate.ts';

const BASE = 'https://x.example';
const CANVAS = `${BASE}/iiif/presentation/m/canvas/c1`;

function manifest(extra: Record<string, unknown> = {}) {
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: `${BASE}/iiif/presentation/m/manifest.json`,
    type: 'Manifest',
    label: { none: ['m'] },
    items: [
      {
        id: CANVAS,
        type: 'Canvas',
        width: 100,
        height: 200,
        items: [
          {
            id: `${BASE}/iiif/presentation/m/page/c1`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${BASE}/iiif/presentation/m/annotation/c1-image`,
                type: 'Annotation',
                motivation: 'painting',
                body: { id: `${BASE}/iiif/image/c1/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg', width: 100, height: 200 },
                target: CANVAS,
              },
            ],
          },
        ],
      },
    ],
    ...extra,
  };
}

describe('validatePresentation', () => {
  it('accepts a minimal manifest', () => {
    expect(validatePresentation(manifest(), { baseUrl: BASE })).toEqual({ ok: true, errors: [] });
  });

  it.each([
    [
      'a start canvas given as a SpecificResource',
      { start: { type: 'SpecificResource', source: CANVAS, selector: { type: 'FragmentSelector', value: 'xywh=0,0,10,10' } } },
    ],
    ['a start canvas given as a Canvas reference', { start: { id: CANVAS, type: 'Canvas' } }],
    [
      'a range with a fragment of a canvas',
      { structures: [{ id: `${BASE}/r/1`, type: 'Range', label: { none: ['r'] }, items: [{ id: `${CANVAS}#xywh=0,0,100,100`, type: 'Canvas' }] }] },
    ],
    [
      'a percentage xywh, which has no pixel bounds to check',
      {
        structures: [{ id: `${BASE}/r/1`, type: 'Range', label: { none: ['r'] }, items: [{ id: `${CANVAS}#xywh=pct:0,0,150,150`, type: 'Canvas' }] }],
      },
    ],
    [
      'a provider on another site',
      {
        provider: [
          {
            id: 'https://library.example/',
            type: 'Agent',
            label: { none: ['L'] },
            homepage: [{ id: 'https://library.example/', type: 'Text', label: { none: ['L'] }, format: 'text/html' }],
          },
        ],
      },
    ],
  ])('accepts %s', (_name, extra) => {
    expect(validatePresentation(manifest(extra), { baseUrl: `${BASE}/` })).toEqual({ ok: true, errors: [] });
  });

  it.each([
    [
      'a range whose xywh leaves the canvas',
      { structures: [{ id: `${BASE}/r/1`, type: 'Range', label: { none: ['r'] }, items: [{ id: `${CANVAS}#xywh=50,50,100,100`, type: 'Canvas' }] }] },
      /reaches outside its 100x200 canvas/,
    ],
    [
      'a range id reused',
      { structures: [{ id: CANVAS, type: 'Range', label: { none: ['r'] }, items: [{ id: CANVAS, type: 'Canvas' }] }] },
      /already used/,
    ],
    [
      'an id sharing only a prefix with the base',
      { homepage: [{ id: 'https://x.example.evil/items/m', type: 'Text', label: { none: ['m'] }, format: 'text/html' }] },
      /not under the public base URL/,
    ],
    ['a manifest without canvases', { items: [] }, /at least one canvas/],
  ])('rejects %s', (_name, extra, pattern) => {
    const result = validatePresentation(manifest(extra), { baseUrl: BASE });
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(pattern);
  });

  it('checks an annotation page against the canvases it is given, and only their bounds', () => {
    const page = {
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: `${BASE}/iiif/presentation/m/annotations/c1.json`,
      type: 'AnnotationPage',
      items: [
        {
          id: `${BASE}/iiif/presentation/m/annotation/c1-line-1`,
          type: 'Annotation',
          motivation: 'supplementing',
          body: { type: 'TextualBody', value: 'x', format: 'text/plain' },
          target: `${CANVAS}#xywh=90,10,20,10`,
        },
      ],
    };
    expect(validatePresentation(page).ok).toBe(true);
    const result = validatePresentation(page, { canvases: canvasSizes(manifest()) });
    expect(result.errors).toEqual([expect.stringMatching(/^\/items\/0\/target: xywh fragment 90,10,20,10 reaches outside its 100x200 canvas/)]);
  });

  it('reports where each problem is, as a JSON pointer', () => {
    const m = manifest();
    (m.items[0] as { width: number }).width = 0;
    expect(validatePresentation(m).errors).toContain('/items/0: canvas width and height must be positive integers');
  });
});

describe('canvasSizes', () => {
  it('maps canvas ids to sizes and ignores what is not a manifest', () => {
    expect(canvasSizes(manifest())).toEqual(new Map([[CANVAS, { width: 100, height: 200 }]]));
    expect(canvasSizes(null).size).toBe(0);
    expect(canvasSizes({ items: 'x' }).size).toBe(0);
  });
});
