import { upgrade } from '@iiif/parser/upgrader';
import { describe, expect, it } from 'vitest';
import {
  type ManifestModel,
  ManifestError,
  pageIndexOfKey,
  pageIndexOfLink,
  parseModel,
  pickText,
  spreadOf,
  toModel,
  type Upgrader,
} from './manifest-model.ts';

const base = 'https://example.org/iiif';
function canvas(key: string, label: string, service = true) {
  return {
    id: `${base}/presentation/kant/canvas/${key}`,
    type: 'Canvas',
    label: { none: [label] },
    width: 1456,
    height: 2083,
    items: [
      {
        id: `${base}/presentation/kant/page/${key}`,
        type: 'AnnotationPage',
        items: [
          {
            id: `${base}/presentation/kant/annotation/${key}-image`,
            type: 'Annotation',
            motivation: 'painting',
            target: `${base}/presentation/kant/canvas/${key}`,
            body: {
              id: `${base}/image/${key}/full/max/0/default.jpg`,
              type: 'Image',
              format: 'image/jpeg',
              width: 1456,
              height: 2083,
              ...(service ? { service: [{ id: `${base}/image/${key}`, type: 'ImageService3', profile: 'level0' }] } : {}),
            },
          },
        ],
      },
    ],
  };
}

const p3 = {
  '@context': 'http://iiif.io/api/presentation/3/context.json',
  id: `${base}/presentation/kant/manifest.json`,
  type: 'Manifest',
  label: { de: ['Beantwortung der Frage: Was ist Aufklärung?'] },
  summary: { nl: ['Een essay'], en: ['An essay'] },
  metadata: [{ label: { en: ['Author'], nl: ['Auteur'] }, value: { none: ['Kant, Immanuel'] } }, { label: 'broken' }],
  requiredStatement: { label: { en: ['Attribution'] }, value: { none: ['Staatsbibliothek zu Berlin'] } },
  rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
  behavior: ['paged'],
  viewingDirection: 'left-to-right',
  homepage: [{ id: 'https://example.org/items/kant', type: 'Text' }],
  service: [{ id: `${base}/search/2/kant`, type: 'SearchService2' }],
  items: [canvas('page-0001', '[Umschlag]'), canvas('page-0002', '482'), canvas('page-0003', '483', false)],
  structures: [
    {
      id: `${base}/presentation/kant/range/r0`,
      type: 'Range',
      label: { de: ['Aufsatz'] },
      items: [
        {
          id: `${base}/presentation/kant/range/r1`,
          type: 'Range',
          label: { de: ['Teil 2'] },
          items: [{ id: `${base}/presentation/kant/canvas/page-0002`, type: 'Canvas' }],
        },
        { id: `${base}/presentation/kant/canvas/page-0003`, type: 'Canvas' },
      ],
    },
  ],
};

const p2 = {
  '@context': 'http://iiif.io/api/presentation/2/context.json',
  '@id': 'http://x/m',
  '@type': 'sc:Manifest',
  label: 'Old book',
  viewingHint: 'paged',
  viewingDirection: 'right-to-left',
  license: 'http://rightsstatements.org/vocab/NoC-US/1.0/',
  attribution: 'Some library',
  metadata: [{ label: 'Author', value: '<b>Kant</b>' }],
  service: { '@context': 'http://iiif.io/api/search/1/context.json', '@id': 'http://x/search', profile: 'http://iiif.io/api/search/1/search' },
  sequences: [
    {
      '@type': 'sc:Sequence',
      canvases: [1, 2].map((n) => ({
        '@id': `http://x/c${n}`,
        '@type': 'sc:Canvas',
        label: `p. ${n}`,
        width: 1000,
        height: 1500,
        images: [
          {
            '@type': 'oa:Annotation',
            motivation: 'sc:painting',
            on: `http://x/c${n}`,
            resource: {
              '@id': `http://x/img${n}/full/full/0/default.jpg`,
              '@type': 'dctypes:Image',
              service: {
                '@context': 'http://iiif.io/api/image/2/context.json',
                '@id': `http://x/img${n}`,
                profile: 'http://iiif.io/api/image/2/level1.json',
              },
            },
          },
        ],
      })),
    },
  ],
};

describe('toModel on Presentation 3', () => {
  const m = toModel(p3) as ManifestModel;
  it('reads the pages with keys, labels, sizes and services', () => {
    expect(m.kind).toBe('manifest');
    expect(m.pages.map((p) => [p.key, pickText(p.label, 'nl'), p.width, p.height])).toEqual([
      ['page-0001', '[Umschlag]', 1456, 2083],
      ['page-0002', '482', 1456, 2083],
      ['page-0003', '483', 1456, 2083],
    ]);
    expect(m.pages[0]!.image!.service).toEqual({ id: `${base}/image/page-0001`, version: 3 });
    expect(m.pages[2]!.image!.service).toBeUndefined();
    expect(m.pages[2]!.image!.url).toBe(`${base}/image/page-0003/full/max/0/default.jpg`);
    expect(m.pages[0]!.thumbnail).toBe(`${base}/image/page-0001/full/200,/0/default.jpg`);
  });
  it('lists the AnnotationPages of a canvas (its full text), ignoring entries without an id', () => {
    const doc = structuredClone(p3) as { items: Record<string, unknown>[] };
    doc.items[0]!.annotations = [{ id: `${base}/annotations/page-0001.json`, type: 'AnnotationPage' }, { type: 'AnnotationPage' }];
    const pages = (toModel(doc) as ManifestModel).pages;
    expect(pages[0]!.annotations).toEqual([`${base}/annotations/page-0001.json`]);
    expect(pages[1]!.annotations).toBeUndefined();
  });
  it('reads the descriptive properties, services and table of contents', () => {
    expect(m.paged).toBe(true);
    expect(m.viewingDirection).toBe('left-to-right');
    expect(m.metadata).toHaveLength(1);
    expect(pickText(m.metadata[0]!.label, 'nl')).toBe('Auteur');
    expect(pickText(m.summary, 'en')).toBe('An essay');
    expect(m.requiredStatement && pickText(m.requiredStatement.value, 'fr')).toBe('Staatsbibliothek zu Berlin');
    expect(m.rights).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    expect(m.homepage).toBe('https://example.org/items/kant');
    expect(m.search).toEqual({ id: `${base}/search/2/kant`, version: 2 });
    expect(m.toc).toEqual([{ label: { de: ['Aufsatz'] }, start: 1, children: [{ label: { de: ['Teil 2'] }, start: 1, children: [] }] }]);
    expect(pageIndexOfKey(m, 'page-0003')).toBe(2);
    expect(pageIndexOfKey(m, 'nope')).toBeUndefined();
  });
});

describe('toModel reads the downloads a server offers (rendering)', () => {
  it.each<{ rendering: unknown; expected: unknown }>([
    {
      rendering: [{ id: 'https://e.org/downloads/kant/book.pdf', type: 'Text', format: 'application/pdf', label: { en: ['PDF'] } }],
      expected: [{ id: 'https://e.org/downloads/kant/book.pdf', format: 'application/pdf', label: { en: ['PDF'] } }],
    },
    { rendering: undefined, expected: [] },
    { rendering: [{ id: 'javascript:alert(1)', type: 'Text' }, 'nonsense', { type: 'Text' }], expected: [] },
  ])('$rendering', ({ rendering, expected }) => {
    const m = toModel({ ...p3, rendering }) as ManifestModel;
    expect(m.rendering).toEqual(expected);
  });
});

describe('toModel reads what a canvas offers: its text (rendering) and source ALTO (seeAlso)', () => {
  const alto = {
    id: 'https://e.org/records/kant/alto/p1.xml',
    type: 'Dataset',
    format: 'application/xml',
    profile: 'http://www.loc.gov/standards/alto/',
  };
  const text = { id: 'https://e.org/downloads/kant/pages/p1.txt', type: 'Text', format: 'text/plain', label: { en: ['Text'] } };
  it.each<{ name: string; extra: Record<string, unknown>; rendering: unknown; alto: unknown }>([
    {
      name: 'a Leeszaal canvas',
      extra: { rendering: [text], seeAlso: [alto] },
      rendering: [{ id: text.id, format: 'text/plain', label: { en: ['Text'] } }],
      alto: { id: alto.id, format: 'application/xml' },
    },
    {
      name: 'ALTO known by its format',
      extra: { seeAlso: [{ id: 'https://o.org/a.xml', type: 'Dataset', format: 'application/alto+xml' }] },
      rendering: undefined,
      alto: { id: 'https://o.org/a.xml', format: 'application/alto+xml' },
    },
    {
      name: 'a seeAlso that is not ALTO',
      extra: { seeAlso: [{ id: 'https://o.org/mods.xml', format: 'application/xml' }] },
      rendering: undefined,
      alto: undefined,
    },
    {
      name: 'unsafe ids',
      extra: { rendering: [{ ...text, id: 'javascript:alert(1)' }], seeAlso: [{ ...alto, id: 'data:,x' }] },
      rendering: undefined,
      alto: undefined,
    },
    { name: 'nothing', extra: {}, rendering: undefined, alto: undefined },
  ])('$name', ({ extra, rendering, alto: expected }) => {
    const m = toModel({ ...p3, items: [{ ...canvas('p1', '1'), ...extra }] }) as ManifestModel;
    expect(m.pages[0]!.rendering).toEqual(rendering);
    expect(m.pages[0]!.alto).toEqual(expected);
  });
});

describe('toModel on Presentation 2', () => {
  const m = toModel(p2, upgrade as Upgrader) as ManifestModel;
  it('needs the upgrader, which parseModel loads on demand', async () => {
    expect(() => toModel(p2)).toThrow(ManifestError);
    const loaded = (await parseModel(p2)) as ManifestModel;
    expect([loaded.id, loaded.viewingDirection, loaded.pages.map((p) => p.image?.service?.id)]).toEqual([
      m.id,
      m.viewingDirection,
      m.pages.map((p) => p.image?.service?.id),
    ]);
  });
  it('upgrades and keeps what readers need', () => {
    expect(m.id).toBe('http://x/m');
    expect(pickText(m.label, 'en')).toBe('Old book');
    expect(m.pages.map((p) => p.key)).toEqual(['c1', 'c2']);
    expect(m.pages[1]!.image!.service).toEqual({ id: 'http://x/img2', version: 2 });
    expect(m.paged).toBe(true);
    expect(m.viewingDirection).toBe('right-to-left');
    expect(m.rights).toBe('http://rightsstatements.org/vocab/NoC-US/1.0/');
    expect(m.requiredStatement && pickText(m.requiredStatement.value, 'nl')).toBe('Some library');
    expect(m.search).toEqual({ id: 'http://x/search', version: 1 });
  });
});

describe('toModel on a Collection', () => {
  it('lists manifests and sub-collections with thumbnails', () => {
    const c = toModel({
      id: `${base}/presentation/collection.json`,
      type: 'Collection',
      label: { nl: ['Collectie'] },
      items: [
        {
          id: `${base}/presentation/kant/manifest.json`,
          type: 'Manifest',
          label: { de: ['Kant'] },
          thumbnail: [{ id: 'https://t/1.jpg', type: 'Image' }],
          homepage: [{ id: 'https://example.org/items/kant', type: 'Text' }],
          navDate: '1784-01-01T00:00:00Z',
        },
        { id: `${base}/presentation/sub.json`, type: 'Collection', label: { en: ['Sub'] } },
        { id: 'x', type: 'Canvas' },
      ],
    });
    expect(c.kind).toBe('collection');
    if (c.kind !== 'collection') return;
    expect(c.items.map((i) => [i.type, pickText(i.label, 'nl'), i.thumbnail, i.homepage, i.year])).toEqual([
      ['Manifest', 'Kant', 'https://t/1.jpg', 'https://example.org/items/kant', 1784],
      ['Collection', 'Sub', undefined, undefined, undefined],
    ]);
    expect(c.items.map((i) => i.navDate)).toEqual(['1784-01-01T00:00:00Z', undefined]);
  });
});

describe('toModel rejects what it cannot show', () => {
  it.each([
    ['a string', 'hello', /not a JSON object/],
    ['no type', { id: 'x' }, /expected a Manifest or Collection/],
    ['no pages', { id: 'x', type: 'Manifest', items: [] }, /no pages/],
    ['no id', { type: 'Manifest', items: [canvas('a', 'a')] }, /no id/],
  ])('%s', (_name, input, message) => {
    expect(() => toModel(input)).toThrow(ManifestError);
    expect(() => toModel(input)).toThrow(message);
  });
});

describe('page keys', () => {
  it('falls back to page numbers when canvas ids do not give unique safe keys', () => {
    const m = toModel({ ...p3, items: [canvas('same', 'a'), canvas('same', 'b')] }) as ManifestModel;
    expect(m.pages.map((p) => p.key)).toEqual(['1', '2']);
  });
});

describe('spreadOf', () => {
  const model = (n: number, dir: ManifestModel['viewingDirection']) =>
    ({ pages: Array.from({ length: n }), viewingDirection: dir }) as unknown as ManifestModel;
  it.each([
    [5, 'left-to-right', 0, [0]],
    [5, 'left-to-right', 1, [1, 2]],
    [5, 'left-to-right', 2, [1, 2]],
    [5, 'left-to-right', 3, [3, 4]],
    [4, 'left-to-right', 3, [3]],
    [5, 'right-to-left', 2, [2, 1]],
    [1, 'left-to-right', 0, [0]],
  ] as const)('%i pages %s at %i → %j', (n, dir, index, want) => {
    expect(spreadOf(model(n, dir), index)).toEqual(want);
  });
});

describe('start canvas (cookbook 0202)', () => {
  const page2 = `${base}/presentation/kant/canvas/page-0002`;
  const page3 = `${base}/presentation/kant/canvas/page-0003`;
  it.each<[string, unknown, number]>([
    ['none', undefined, 0],
    ['a Canvas reference', { id: page3, type: 'Canvas' }, 2],
    ['a SpecificResource with a source id', { id: 'x', type: 'SpecificResource', source: page2 }, 1],
    ['a SpecificResource with a source object', { type: 'SpecificResource', source: { id: page3, type: 'Canvas' } }, 2],
    ['a fragment of a canvas', { id: `${page2}#xywh=0,0,10,10`, type: 'Canvas' }, 1],
    ['a canvas not in the manifest', { id: `${base}/elsewhere`, type: 'Canvas' }, 0],
    ['junk', 42, 0],
  ])('%s', (_name, start, want) => {
    expect((toModel(start === undefined ? p3 : { ...p3, start }) as ManifestModel).start).toBe(want);
  });
  it('reads startCanvas of a Presentation 2 sequence', async () => {
    const sequences = [{ ...p2.sequences[0], startCanvas: 'http://x/c2' }];
    expect(((await parseModel({ ...p2, sequences })) as ManifestModel).start).toBe(1);
  });
});

describe('behavior continuous (cookbook 0011)', () => {
  it.each<[unknown, boolean]>([
    [undefined, false],
    [['paged'], false],
    [['continuous'], true],
    ['continuous', true],
  ])('%j → %s', (behavior, want) => {
    expect((toModel({ ...p3, behavior }) as ManifestModel).continuous).toBe(want);
  });
  it('reads top-to-bottom', () => {
    expect((toModel({ ...p3, viewingDirection: 'top-to-bottom' }) as ManifestModel).viewingDirection).toBe('top-to-bottom');
  });
});

describe('pageIndexOfLink', () => {
  const m = toModel({
    ...p3,
    items: [canvas('page-0001', '[Umschlag]'), canvas('page-0002', '482'), canvas('page-0003', 'page-0002'), canvas('page-0004', ' 483 ')],
  }) as ManifestModel;
  it.each<[string, number | undefined]>([
    ['page-0003', 2],
    // A key wins over a label that is the same text.
    ['page-0002', 1],
    ['482', 1],
    ['483', 3],
    ['[Umschlag]', 0],
    ['999', undefined],
    ['', undefined],
  ])('%s → %s', (value, want) => {
    expect(pageIndexOfLink(m, value)).toBe(want);
  });
});
