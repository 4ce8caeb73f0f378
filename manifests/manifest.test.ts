import type { Annotation, Canvas } from '@iiif/presentation-3';
import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import type { ItemRecord } from './item.ts';
import { publicUrls } from './layout.ts';
import { buildManifest, PRESENTATION_CONTEXT, SEARCH2_CONTEXT } from './manifest.ts';

const urls = publicUrls('https://leeszaal.example');
const BASE = 'https://leeszaal.example';

function item(extra: Partial<ItemRecord> = {}): ItemRecord {
  return itemRecord({
    id: 'kant',
    type: 'periodical',
    label: { de: ['Beantwortung der Frage: Was iſt Aufklärung?'] },
    agents: [{ name: 'Kant, Immanuel', role: 'aut' }],
    date: 'ca. 1784',
    languages: ['ger'],
    attribution: 'Staatsbibliothek zu Berlin – PK',
    sourceRecord: { file: 'mets.xml', format: 'mets' },
    pages: [
      { key: 'page-0017', label: '481', file: 'images/page-0017.tif', imageId: 'kant-page-0017', width: 1456, height: 2083 },
      { key: 'page-0018', file: 'images/page-0018.tif', imageId: 'kant-page-0018', width: 1450, height: 2080 },
    ],
    ...extra,
  });
}

const opts = { urls, provider: { label: 'Openbare Bibliotheek Brugge', homepage: 'https://www.bibliotheek.brugge.be/' } };

describe('buildManifest', () => {
  it('describes the item: ids, label verbatim, navDate, rights, attribution, provider, homepage, partOf', () => {
    const m = buildManifest(item(), opts);
    expect(m['@context']).toBe(PRESENTATION_CONTEXT);
    expect(m.id).toBe(`${BASE}/iiif/presentation/kant/manifest.json`);
    expect(m.type).toBe('Manifest');
    expect(m.label).toEqual({ de: ['Beantwortung der Frage: Was iſt Aufklärung?'] });
    expect(m.navDate).toBe('1784-01-01T00:00:00Z');
    expect(m.rights).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    expect(m.requiredStatement).toEqual({
      label: { nl: ['Naamsvermelding'], fr: ['Attribution'], en: ['Attribution'] },
      value: { none: ['Staatsbibliothek zu Berlin – PK'] },
    });
    expect(m.provider).toEqual([
      {
        id: `${BASE}/#provider`,
        type: 'Agent',
        label: { none: ['Openbare Bibliotheek Brugge'] },
        homepage: [{ id: 'https://www.bibliotheek.brugge.be/', type: 'Text', label: { none: ['Openbare Bibliotheek Brugge'] }, format: 'text/html' }],
      },
    ]);
    expect(m.homepage).toEqual([{ id: `${BASE}/items/kant`, type: 'Text', label: m.label, format: 'text/html' }]);
    expect(m.partOf).toEqual([
      { id: `${BASE}/iiif/presentation/collection.json`, type: 'Collection', label: { nl: ['Collectie'], fr: ['Collection'], en: ['Collection'] } },
    ]);
    expect(m.behavior).toEqual(['paged']);
    expect(m.viewingDirection).toBe('left-to-right');
  });

  it('links the source METS record and record.json with format and profile', () => {
    const seeAlso = buildManifest(item(), opts).seeAlso ?? [];
    expect(
      seeAlso.map((s) => ({ id: s.id, type: s.type, format: (s as { format?: string }).format, profile: (s as { profile?: string }).profile })),
    ).toEqual([
      { id: `${BASE}/records/kant/mets.xml`, type: 'Dataset', format: 'application/xml', profile: 'http://www.loc.gov/METS/' },
      { id: `${BASE}/records/kant/record.json`, type: 'Dataset', format: 'application/json', profile: undefined },
    ]);
  });

  it('makes a canvas per page, sized as its image, painting it with a level-0 Image API 3 service', () => {
    const m = buildManifest(item(), opts);
    expect(m.items).toHaveLength(2);
    const canvas = m.items[1] as Canvas;
    expect(canvas.id).toBe(`${BASE}/iiif/presentation/kant/canvas/page-0018`);
    expect([canvas.width, canvas.height]).toEqual([1450, 2080]);
    expect(canvas.label).toEqual({ none: ['[2]'] });
    expect((m.items[0] as Canvas).label).toEqual({ none: ['481'] });
    expect(canvas.items).toHaveLength(1);
    const page = canvas.items?.[0];
    expect(page?.id).toBe(`${BASE}/iiif/presentation/kant/page/page-0018`);
    expect(page?.items).toEqual([
      {
        id: `${BASE}/iiif/presentation/kant/annotation/page-0018-image`,
        type: 'Annotation',
        motivation: 'painting',
        body: {
          id: `${BASE}/iiif/image/kant-page-0018/full/max/0/default.jpg`,
          type: 'Image',
          format: 'image/jpeg',
          width: 1450,
          height: 2080,
          service: [{ id: `${BASE}/iiif/image/kant-page-0018`, type: 'ImageService3', profile: 'level0' }],
        },
        target: canvas.id,
      },
    ]);
  });

  it('gives canvases and the manifest thumbnails of the size ingest publishes', () => {
    const m = buildManifest(item(), { ...opts, thumbnailWidth: 300 });
    expect(m.thumbnail?.[0]).toMatchObject({ id: `${BASE}/iiif/image/kant-page-0017/full/364,521/0/default.jpg`, width: 364, height: 521 });
    expect((m.items[1] as Canvas).thumbnail?.[0]).toMatchObject({ id: `${BASE}/iiif/image/kant-page-0018/full/363,520/0/default.jpg` });
    expect(buildManifest(item(), opts).thumbnail?.[0]).toMatchObject({ width: 182, height: 261 });
  });

  it('without full text has no annotations, no search service and the plain context', () => {
    const m = buildManifest(item(), { ...opts, texts: new Map([['page-0017', false]]) });
    expect(m.service).toBeUndefined();
    expect(m['@context']).toBe(PRESENTATION_CONTEXT);
    for (const c of m.items) expect(c.annotations).toBeUndefined();
  });

  it('with full text references the text pages and advertises Content Search 2.0 and 1.0', () => {
    const m = buildManifest(item(), { ...opts, texts: new Map([['page-0018', true]]) });
    expect(m['@context']).toEqual([SEARCH2_CONTEXT, PRESENTATION_CONTEXT]);
    expect(m.items[0]?.annotations).toBeUndefined();
    expect(m.items[1]?.annotations).toEqual([
      {
        id: `${BASE}/iiif/presentation/kant/annotations/page-0018.json`,
        type: 'AnnotationPage',
        label: { nl: ['Volledige tekst'], fr: ['Texte intégral'], en: ['Full text'] },
      },
    ]);
    expect(m.service).toEqual([
      {
        id: `${BASE}/iiif/search/2/kant`,
        type: 'SearchService2',
        service: [{ id: `${BASE}/iiif/autocomplete/2/kant`, type: 'AutoCompleteService2' }],
      },
      {
        '@id': `${BASE}/iiif/search/1/kant`,
        '@type': 'SearchService1',
        profile: 'http://iiif.io/api/search/1/search',
        service: [
          { '@id': `${BASE}/iiif/autocomplete/1/kant`, '@type': 'AutoCompleteService1', profile: 'http://iiif.io/api/search/1/autocomplete' },
        ],
      },
    ]);
  });

  it('adds structures only when there is a toc', () => {
    expect(buildManifest(item(), opts).structures).toBeUndefined();
    const m = buildManifest(item({ toc: [{ label: 'Was ist Aufklärung?', pages: ['page-0017', 'page-0018'], children: [] }] }), opts);
    expect(m.structures?.[0]?.items).toHaveLength(2);
  });

  it.each([
    ['individuals', 'right-to-left'],
    ['paged', 'left-to-right'],
  ] as const)('carries behavior %s and viewingDirection %s', (behavior, viewingDirection) => {
    const m = buildManifest(item({ behavior, viewingDirection }), opts);
    expect(m.behavior).toEqual([behavior]);
    expect(m.viewingDirection).toBe(viewingDirection);
  });

  it('normalises https Creative Commons rights and omits rights IIIF cannot carry', () => {
    expect(buildManifest(item({ rights: 'https://creativecommons.org/licenses/by/4.0' }), opts).rights).toBe(
      'http://creativecommons.org/licenses/by/4.0/',
    );
    expect(buildManifest(item({ rights: 'Alle rechten voorbehouden' }), opts).rights).toBeUndefined();
  });

  it('omits navDate for an undated item, sanitises summary and attribution', () => {
    const m = buildManifest(
      item({
        date: 's.a.',
        summary: { nl: ['<p onclick="x()">Een <b>essay</b><script>alert(1)</script></p>'] },
        attribution: '<a href="javascript:x">KBR</a>',
      }),
      opts,
    );
    expect(m.navDate).toBeUndefined();
    expect(m.summary).toEqual({ nl: ['<p>Een <b>essay</b></p>'] });
    expect(m.requiredStatement?.value).toEqual({ none: ['<a>KBR</a>'] });
  });

  it('keys label, summary and title by BCP 47 tags even when the record uses ISO 639-2 codes', () => {
    const m = buildManifest(item({ label: { ger: ['Was iſt Aufklärung?'] }, summary: { dut: ['Een essay'] } }), opts);
    expect(m.label).toEqual({ de: ['Was iſt Aufklärung?'] });
    expect(m.summary).toEqual({ nl: ['Een essay'] });
    expect(m.metadata?.[0]?.value).toEqual({ de: ['Was iſt Aufklärung?'] });
  });

  it('uses the site as provider homepage when none is configured', () => {
    const m = buildManifest(item(), { urls, provider: { label: 'Leeszaal' } });
    expect(m.provider?.[0]?.homepage?.[0]?.id).toBe(`${BASE}/`);
  });

  it('refuses an item without pages', () => {
    expect(() => buildManifest(item({ pages: [] }), opts)).toThrow(/at least one page/);
  });

  it('is plain JSON: a JSON round trip changes nothing', () => {
    const m = buildManifest(item({ toc: [{ label: 't', pages: ['page-0017'], children: [] }] }), { ...opts, texts: new Map([['page-0017', true]]) });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    const painting = (m.items[0] as Canvas).items?.[0]?.items?.[0] as Annotation;
    expect(painting.motivation).toBe('painting');
  });
});
