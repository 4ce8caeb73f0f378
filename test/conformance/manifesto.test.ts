// Conformance with the clients: the manifests as Mirador 4 and Universal Viewer read them, through
// manifesto.js (their IIIF parser). Proves a viewer finds the canvases and their sizes, the image
// services, the thumbnails, the table of contents, the labels, and the Content Search 1.0 service
// and its autocomplete exactly the way Mirador's search selectors look them up.
import * as manifesto from 'manifesto.js';
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../manifests/item.ts';
import { publicUrls } from '../../manifests/layout.ts';
import { buildManifest } from '../../manifests/manifest.ts';

const urls = publicUrls('https://leeszaal.example');

const item: ItemRecord = {
  id: 'kant',
  type: 'periodical',
  label: { de: ['Beantwortung der Frage: Was iſt Aufklärung?'] },
  agents: [{ name: 'Kant, Immanuel', role: 'aut' }],
  date: '1784',
  languages: ['ger'],
  subjects: [],
  identifiers: [],
  rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
  attribution: 'Staatsbibliothek zu Berlin',
  behavior: 'paged',
  viewingDirection: 'left-to-right',
  pages: [
    { key: 'page-0017', label: '481', file: 'a.tif', imageId: 'kant-page-0017', width: 1456, height: 2083 },
    { key: 'page-0018', label: '482', file: 'b.tif', imageId: 'kant-page-0018', width: 1456, height: 2083 },
  ],
  toc: [{ label: 'Was iſt Aufklärung?', pages: ['page-0017', 'page-0018'], children: [] }],
};

/** Mirador passes these profiles as plain strings; manifesto's types only list its own enum. */
const profile = (uri: string) => uri as Parameters<manifesto.Manifest['getService']>[0];

function parse(texts: Map<string, boolean>) {
  const json = JSON.parse(JSON.stringify(buildManifest(item, { urls, provider: { label: 'Leeszaal' }, texts })));
  return manifesto.parseManifest(json) as manifesto.Manifest;
}

describe('manifests read through manifesto.js (Mirador, Universal Viewer)', () => {
  it('finds the label verbatim, canvases with their sizes and labels, and the image services', () => {
    const m = parse(new Map());
    expect(m.getLabel().getValue('de')).toBe('Beantwortung der Frage: Was iſt Aufklärung?');
    const canvases = m.getSequences()[0]?.getCanvases() ?? [];
    expect(canvases.map((c) => [c.id, c.getWidth(), c.getHeight(), c.getLabel().getValue()])).toEqual([
      [urls.canvas('kant', 'page-0017'), 1456, 2083, '481'],
      [urls.canvas('kant', 'page-0018'), 1456, 2083, '482'],
    ]);
    const body = canvases[0]?.getContent()[0]?.getBody()[0];
    expect(body?.id).toBe(`${urls.imageService('kant-page-0017')}/full/max/0/default.jpg`);
    const service = body?.getServices()[0];
    expect(service?.id).toBe(urls.imageService('kant-page-0017'));
    expect(service?.getProfile()).toBe('level0');
  });

  it('finds the thumbnail, the metadata in Dutch and the table of contents', () => {
    const m = parse(new Map());
    expect(m.getThumbnail()?.id).toBe(`${urls.imageService('kant-page-0017')}/full/182,261/0/default.jpg`);
    const pairs = m.getMetadata().map((p) => [p.getLabel('nl'), p.getValue('nl')]);
    expect(pairs).toContainEqual(['Auteur', 'Kant, Immanuel']);
    expect(pairs).toContainEqual(['Taal', 'Duits']);
    const ranges = m.getAllRanges();
    expect(ranges.map((r) => r.getLabel().getValue())).toEqual(['Was iſt Aufklärung?']);
    expect(ranges[0]?.getCanvasIds()).toEqual([urls.canvas('kant', 'page-0017'), urls.canvas('kant', 'page-0018')]);
    expect(m.isPagingEnabled()).toBe(true);
  });

  it('finds Content Search 1.0 and its autocomplete as Mirador looks them up, only when there is text', () => {
    const withText = parse(new Map([['page-0018', true]]));
    const search =
      withText.getService(profile('http://iiif.io/api/search/0/search')) ?? withText.getService(profile('http://iiif.io/api/search/1/search'));
    expect(search?.id).toBe(urls.search1('kant'));
    const autocomplete =
      search?.getService(profile('http://iiif.io/api/search/0/autocomplete')) ??
      search?.getService(profile('http://iiif.io/api/search/1/autocomplete'));
    expect(autocomplete?.id).toBe(urls.autocomplete1('kant'));

    const withoutText = parse(new Map());
    expect(withoutText.getService(profile('http://iiif.io/api/search/1/search'))).toBeNull();
  });
});
