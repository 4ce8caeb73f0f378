// Conformance: manifests, full-text pages and the collection built from realistic items are valid
// IIIF Presentation 3 (the official validator's JSON Schema plus the rules no schema expresses), and
// the validator really catches the violations a broken build would produce.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Canvas, Manifest } from '@iiif/presentation-3';
import { describe, expect, it } from 'vitest';
import { buildCollection } from '../../manifests/collection.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { publicUrls } from '../../manifests/layout.ts';
import { buildManifest } from '../../manifests/manifest.ts';
import { rebaseJson } from '../../manifests/rebase.ts';
import { buildTextPage, type TextLine } from '../../manifests/text-page.ts';
import { canvasSizes, DEFAULT_SCHEMA_PATH, validatePresentation } from '../../manifests/validate.ts';

const BASE = 'https://leeszaal.bibliotheek.brugge.be';
const urls = publicUrls(BASE);
const provider = { label: 'Openbare Bibliotheek Brugge', homepage: 'https://www.bibliotheek.brugge.be/' };

/** The Kant essay as the METS reader would normalise it: three pages, full text on two, a toc. */
const kant: ItemRecord = {
  id: 'kant-aufklaerung-1784',
  type: 'periodical',
  label: { de: ['Beantwortung der Frage: Was iſt Aufklärung?'] },
  agents: [
    { name: 'Kant, Immanuel', role: 'aut', uri: 'http://d-nb.info/gnd/118559796' },
    { name: 'Haude und Spener', role: 'pbl' },
  ],
  publisher: 'Haude und Spener',
  place: 'Berlin',
  date: '1784',
  languages: ['ger'],
  subjects: ['Aufklärung'],
  shelfmark: 'Ac 6480-4',
  holdingInstitution: 'Staatsbibliothek zu Berlin – Preußischer Kulturbesitz',
  identifiers: [
    { type: 'urn', value: 'urn:nbn:de:kobv:b4-200905193248' },
    { type: 'dtaid', value: '16258' },
  ],
  partOf: 'Berlinische Monatsschrift, Bd. 4 (1784)',
  rights: 'https://creativecommons.org/publicdomain/mark/1.0/',
  attribution: 'Deutsches Textarchiv; Staatsbibliothek zu Berlin',
  externalUrl: 'https://www.deutschestextarchiv.de/kant_aufklaerung_1784',
  sourceRecord: { file: 'mets.xml', format: 'mets' },
  behavior: 'paged',
  viewingDirection: 'left-to-right',
  pages: [
    {
      key: 'page-0017',
      label: '481',
      file: 'images/page-0017.tif',
      imageId: 'kant-aufklaerung-1784-page-0017',
      width: 1456,
      height: 2083,
      alto: 'alto/page-0017.xml',
    },
    { key: 'page-0018', label: '482', file: 'images/page-0018.tif', imageId: 'kant-aufklaerung-1784-page-0018', width: 1456, height: 2083 },
    {
      key: 'page-0020',
      label: '484',
      file: 'images/page-0020.tif',
      imageId: 'kant-aufklaerung-1784-page-0020',
      width: 1456,
      height: 2083,
      alto: 'alto/page-0020.xml',
    },
  ],
  toc: [
    {
      label: 'Beantwortung der Frage: Was iſt Aufklärung?',
      type: 'article',
      pages: ['page-0017', 'page-0018', 'page-0020'],
      children: [{ label: 'Schluß', type: 'section', pages: ['page-0020'], children: [] }],
    },
  ],
};

const kantLines: Record<string, TextLine[]> = {
  'page-0017': [
    { id: 'line_1', text: 'Beantwortung der Frage:', x: 403, y: 513, w: 646, h: 58 },
    { id: 'line_2', text: 'Was iſt Aufklärung?', x: 526, y: 590, w: 404, h: 55 },
    { id: 'line_3', text: 'Aufklärung iſt der Ausgang des Menſchen aus', x: 220, y: 868, w: 1030, h: 54 },
    { id: 'line_edge', text: 'ſeiner ſelbſt verſchuldeten', x: 1300, y: 2040, w: 300, h: 80 },
  ],
  'page-0020': [{ id: 'line_1', text: 'Sapere aude!', x: 218.4, y: 300.2, w: 420.7, h: 56.1 }],
};

/** An uncatalogued print from the curator's CSV: no title, one image, no text. */
const untitledPrint: ItemRecord = {
  id: 'prints-1653-1751-4',
  type: 'print',
  label: { nl: ['Zonder titel'], fr: ['Sans titre'], en: ['Untitled'] },
  untitled: true,
  agents: [],
  date: '[17--]',
  languages: [],
  subjects: [],
  identifiers: [{ type: 'local', value: 'PR-0004' }],
  rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/',
  attribution: 'Openbare Bibliotheek Brugge',
  sourceRecord: { file: 'row.csv', format: 'csv' },
  behavior: 'individuals',
  viewingDirection: 'left-to-right',
  pages: [{ key: 'print-4', file: 'images/print-4.jpg', imageId: 'prints-1653-1751-4-print-4', width: 1024, height: 1372 }],
  toc: [],
};

/** A right-to-left item with a summary in two languages, an odd rights statement and a tiny image. */
const herold: ItemRecord = {
  id: 'der-herold-1839',
  type: 'periodical',
  label: { de: ['Der Herold'], nl: ['De heraut'] },
  summary: { nl: ['<p>Een <i>tijdschrift</i> uit 1839.</p>'], en: ['A periodical from 1839.'] },
  agents: [{ name: 'Onbekend', role: 'xyz' }],
  date: '1839',
  languages: ['ger', 'lat'],
  subjects: [],
  identifiers: [],
  rights: 'Publiek domein (auteursrecht verlopen)',
  attribution: '<b>Staatsbibliothek zu Berlin</b>',
  behavior: 'paged',
  viewingDirection: 'right-to-left',
  pages: [
    { key: 'p1', file: 'images/p1.tif', imageId: 'der-herold-1839-p1', width: 3500, height: 5000 },
    { key: 'p2', file: 'images/p2.tif', imageId: 'der-herold-1839-p2', width: 150, height: 90 },
  ],
  toc: [],
};

const kantTexts = new Map([
  ['page-0017', true],
  ['page-0018', false],
  ['page-0020', true],
]);

function kantManifest(): Manifest {
  return buildManifest(kant, { urls, provider, texts: kantTexts });
}

function expectValid(json: unknown, opts: Parameters<typeof validatePresentation>[1] = { baseUrl: BASE }) {
  const result = validatePresentation(json, opts);
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
}

function expectInvalid(json: unknown, pattern: RegExp, opts: Parameters<typeof validatePresentation>[1] = { baseUrl: BASE }) {
  const result = validatePresentation(json, opts);
  expect(result.ok).toBe(false);
  expect(
    result.errors.some((e) => pattern.test(e)),
    `expected an error matching ${pattern}, got:\n${result.errors.join('\n')}`,
  ).toBe(true);
}

describe('published IIIF is valid Presentation 3', () => {
  it('the Kant essay manifest: 3 canvases, full text on 2, a toc, Content Search services', () => {
    const m = kantManifest();
    expectValid(m);
    expect(m.items).toHaveLength(3);
    expect(m.items.filter((c) => c.annotations !== undefined)).toHaveLength(2);
    expect(m.structures).toHaveLength(1);
    expect(m.service).toHaveLength(2);
    expect(JSON.stringify(m)).toContain('Was iſt Aufklärung?');
  });

  it('the Kant full-text pages, with their boxes inside the canvases', () => {
    const sizes = canvasSizes(kantManifest());
    for (const [key, lines] of Object.entries(kantLines)) {
      const page = buildTextPage(kant.id, key, lines, urls, { language: 'ger', width: 1456, height: 2083 });
      expectValid(page, { baseUrl: BASE, canvases: sizes });
      expect(page.items).toHaveLength(lines.length);
    }
  });

  it('a Kant full-text page with its paragraphs as Text Granularity block annotations', () => {
    const lines = (kantLines['page-0017'] ?? []).map((l, i) => ({ ...l, block: i < 2 ? 'title' : 'body' }));
    const page = buildTextPage(kant.id, 'page-0017', lines, urls, { language: 'ger', width: 1456, height: 2083 }) as Record<string, any>;
    expectValid(page, { baseUrl: BASE, canvases: canvasSizes(kantManifest()) });
    expect(page['@context']).toEqual([
      'http://iiif.io/api/extension/text-granularity/context.json',
      'http://iiif.io/api/presentation/3/context.json',
    ]);
    expect(page.items.map((a: Record<string, string>) => a.textGranularity)).toEqual(['block', 'line', 'line', 'block', 'line', 'line']);
  });

  it('a machine-read Kant page (OCR): Software creator, line confidence and a trilingual label stay valid IIIF', () => {
    const lines = (kantLines['page-0017'] ?? []).map((l, i) => ({ ...l, block: 'b1', confidence: i === 0 ? 0.5 : 0.91 }));
    const machineRead = { software: 'tesseract 5.3.0', models: 'Fraktur+frk', homepage: 'https://tesseract-ocr.github.io/' };
    const page = buildTextPage(kant.id, 'page-0017', lines, urls, { language: 'ger', width: 1456, height: 2083, machineRead }) as Record<string, any>;
    expectValid(page, { baseUrl: BASE, canvases: canvasSizes(kantManifest()) });
    expect(page.label.en[0]).toMatch(/^Machine-read text \(tesseract 5\.3\.0, Fraktur\+frk\), confidence \d+%$/);
    expect(page.items.every((a: Record<string, any>) => a.creator?.type === 'Software')).toBe(true);
  });

  it('the untitled single print', () => {
    const m = buildManifest(untitledPrint, { urls, provider });
    expectValid(m);
    expect(m.behavior).toEqual(['individuals']);
    expect(m.service).toBeUndefined();
    expect(m.navDate).toBe('1700-01-01T00:00:00Z');
  });

  it('a right-to-left item with a bilingual summary, non-CC rights and an image smaller than a thumbnail', () => {
    const m = buildManifest(herold, { urls, provider: { label: 'Leeszaal' }, thumbnailWidth: 200 });
    expectValid(m);
    expect((m.items[1] as Canvas).thumbnail?.[0]?.id).toBe(`${BASE}/iiif/image/der-herold-1839-p2/full/max/0/default.jpg`);
  });

  it('the top collection listing every item', () => {
    const collection = buildCollection([kant, untitledPrint, herold], {
      urls,
      label: { nl: ['Leeszaal Brugge'], fr: ['Salle de lecture Bruges'], en: ['Bruges reading room'] },
      summary: { nl: ['Gedigitaliseerd <b>erfgoed</b>'] },
      provider,
    });
    expectValid(collection);
    expect(collection.items.map((i) => [i.id, i.type])).toEqual([
      [urls.manifest(kant.id), 'Manifest'],
      [urls.manifest(untitledPrint.id), 'Manifest'],
      [urls.manifest(herold.id), 'Manifest'],
    ]);
  });

  it('a manifest moved to another base URL with rebaseJson is valid there and nowhere else', () => {
    const moved = rebaseJson(kantManifest(), BASE, 'http://127.0.0.1:8080/leeszaal');
    expectValid(moved, { baseUrl: 'http://127.0.0.1:8080/leeszaal' });
    expectInvalid(moved, /not under the public base URL/, { baseUrl: BASE });
  });
});

describe('the validator catches violations', () => {
  type Mutation = [string, (m: Record<string, any>) => void, RegExp];
  const mutations: Mutation[] = [
    ['a canvas smaller than its image', (m) => (m.items[0].width = 1000), /painted image is 1456x2083 but its canvas is 1000x2083/],
    ['a canvas without a height', (m) => delete m.items[1].height, /canvas width and height must be positive integers/],
    [
      'a fractional canvas width',
      (m) => {
        m.items[1].width = 1456.5;
        m.items[1].items[0].items[0].body.width = 1456.5;
      },
      /positive integers/,
    ],
    ['a relative canvas id', (m) => (m.items[0].id = 'canvas/page-0017'), /is not an absolute http\(s\) URI/],
    ['a non-http id', (m) => (m.items[0].items[0].id = 'urn:x:page'), /is not an absolute http\(s\) URI/],
    ['an id outside the base URL', (m) => (m.seeAlso[1].id = 'https://evil.example/records/x.json'), /not under the public base URL/],
    ['a duplicated canvas id', (m) => (m.items[1].id = m.items[0].id), /already used/],
    ['a duplicated annotation id', (m) => (m.items[1].items[0].items[0].id = m.items[0].items[0].items[0].id), /already used/],
    ['a painting annotation targeting another canvas', (m) => (m.items[1].items[0].items[0].target = m.items[0].id), /must target its canvas/],
    ['a painting image without dimensions', (m) => delete m.items[0].items[0].items[0].body.width, /must give its width and height/],
    [
      'a range pointing at a missing canvas',
      (m) => (m.structures[0].items[0].id = `${BASE}/iiif/presentation/kant-aufklaerung-1784/canvas/page-9999`),
      /not a canvas of this manifest/,
    ],
    [
      'a start canvas that does not exist',
      (m) => (m.start = { id: `${BASE}/iiif/presentation/x/canvas/nope`, type: 'Canvas' }),
      /start .* is not a canvas/,
    ],
    ['an empty label', (m) => (m.label = {}), /language map must be a non-empty object/],
    ['a label with an empty value list', (m) => (m.items[0].label = { none: [] }), /language map/],
    ['a metadata value that is a bare string', (m) => (m.metadata[0].value = 'Kant'), /language map/],
    ['a language map key that is no language tag', (m) => (m.label = { 'not a tag!': ['x'] }), /neither a BCP 47 tag nor "none"/],
    ['an ISO 639-2 code as language key', (m) => (m.label = { ger: ['Was iſt Aufklärung?'] }), /"ger" should be the BCP 47 tag "de"/],
    ['a thumbnail without dimensions', (m) => delete m.thumbnail[0].height, /thumbnail image must give its width and height/],
    ['a missing label (schema)', (m) => delete m.label, /^schema .*label/],
    ['a rights URI outside CC and RightsStatements (schema)', (m) => (m.rights = 'https://example.org/licence'), /^schema \/rights/],
  ];

  it.each(mutations)('%s', (_name, mutate, pattern) => {
    const m = structuredClone(kantManifest()) as Record<string, any>;
    expectValid(m);
    mutate(m);
    expectInvalid(m, pattern);
  });

  const sizes = () => canvasSizes(kantManifest());
  const textPage = () =>
    buildTextPage(kant.id, 'page-0017', kantLines['page-0017'] ?? [], urls, { width: 1456, height: 2083 }) as Record<string, any>;

  it.each([
    ['a box reaching past the canvas edge', '#xywh=1400,2000,100,100', /reaches outside its 1456x2083 canvas/],
    ['a negative box', '#xywh=-1,0,10,10', /not four non-negative integers/],
    ['a fractional box', '#xywh=1.5,0,10,10', /not four non-negative integers/],
    ['an empty box', '#xywh=10,10,0,10', /empty area/],
    ['a malformed box', '#xywh=10,10,10', /not four non-negative integers/],
  ])('text page with %s', (_name, fragment, pattern) => {
    const page = textPage();
    expectValid(page, { baseUrl: BASE, canvases: sizes() });
    page.items[0].target = `${urls.canvas(kant.id, 'page-0017')}${fragment}`;
    expectInvalid(page, pattern, { baseUrl: BASE, canvases: sizes() });
  });

  it('a collection listing the same manifest twice', () => {
    const c = buildCollection([kant, kant], { urls, label: { none: ['x'] } });
    expectInvalid(c, /already used/);
  });

  it('something that is not IIIF at all', () => {
    expectInvalid({ hello: 'world' }, /^schema/);
    expectInvalid([], /^schema|not a JSON object/);
  });

  it("validates with the bundled schema, byte for byte the official validator's", () => {
    // SHA-256 of the reference copy of IIIF presentation-validator's schema/iiif_3_0.json at commit
    // fb5bd90 that the maintainers keep beside the repository; pinned here so that the check needs
    // nothing outside the clone.
    const reference = '14dd7ee8aee25d959be4b12feddb4179c726909fc85b925f6707f4ab3bfe2ad6';
    expect(path.dirname(DEFAULT_SCHEMA_PATH)).toBe(path.resolve(import.meta.dirname, '..', '..', 'manifests'));
    expect(createHash('sha256').update(readFileSync(DEFAULT_SCHEMA_PATH)).digest('hex')).toBe(reference);
  });

  it('a missing schema file is a clear error, not a pass', () => {
    expect(() => validatePresentation(kantManifest(), { schemaPath: '/nonexistent/presentation-3.schema.json' })).toThrow(
      /JSON Schema not found at \/nonexistent\/presentation-3\.schema\.json/,
    );
  });
});
