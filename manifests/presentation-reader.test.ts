// The server's reader of published manifests and collections: what ingest's builders write reads
// back unchanged with the fields the server uses, and each damage is refused naming file and field.
import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import { buildCollection } from './collection.ts';
import { publicUrls } from './layout.ts';
import { buildManifest } from './manifest.ts';
import { PresentationReadError, parseCollection, parseManifest } from './presentation-reader.ts';

const urls = publicUrls('https://leeszaal.example');
const record = itemRecord({
  id: 'kant',
  label: { de: ['Was ist Aufklärung?'] },
  pages: [
    { key: 'page-0017', label: '481', file: 'images/page-0017.tif', imageId: 'kant-page-0017', width: 1456, height: 2083 },
    { key: 'page-0018', file: 'images/page-0018.tif', imageId: 'kant-page-0018', width: 1450, height: 2080 },
  ],
});
const manifest = buildManifest(record, { urls, provider: { label: 'Openbare Bibliotheek Brugge', homepage: 'https://www.bibliotheek.brugge.be/' } });
const collection = buildCollection([record], { urls, label: { nl: ['Leeszaal'] } });
const text = (value: unknown) => JSON.stringify(value);
const where = 'manifest of kant';

describe('parseManifest', () => {
  it('reads a manifest as ingest publishes it: the whole document, its label and each canvas with its image service', () => {
    const read = parseManifest(text(manifest), where);
    expect(read.json).toEqual(JSON.parse(text(manifest)));
    expect(read.id).toBe(urls.manifest('kant'));
    expect(read.label).toEqual({ de: ['Was ist Aufklärung?'] });
    expect(read.canvases).toEqual([
      { id: urls.canvas('kant', 'page-0017'), imageService: urls.imageService('kant-page-0017') },
      { id: urls.canvas('kant', 'page-0018'), imageService: urls.imageService('kant-page-0018') },
    ]);
  });

  const canvas = manifest.items[0]!;
  it.each<[string, string, RegExp]>([
    ['not JSON', '{"id": ', /^manifest of kant is not JSON/],
    ['an array', text([manifest]), /^manifest of kant is not a manifest/],
    ['a collection', text(collection), /type/],
    ['no id', text({ ...manifest, id: undefined }), /id/],
    ['a label that is no language map', text({ ...manifest, label: 'Kant' }), /label/],
    ['a label with a value that is not a list', text({ ...manifest, label: { de: 'Kant' } }), /label\.de/],
    ['no canvases', text({ ...manifest, items: undefined }), /items/],
    ['a canvas without an id', text({ ...manifest, items: [{ ...canvas, id: 7 }] }), /items\.0\.id/],
    ['a canvas that is a range', text({ ...manifest, items: [{ ...canvas, type: 'Range' }] }), /items\.0\.type/],
    [
      'an image service whose id is not text',
      text({ ...manifest, items: [{ ...canvas, items: [{ items: [{ body: { service: [{ id: 3 }] } }] }] }] }),
      /items\.0\.items\.0\.items\.0\.body\.service\.0\.id/,
    ],
  ])('refuses %s, naming the file and the field', (_what, input, message) => {
    expect(() => parseManifest(input, where)).toThrow(PresentationReadError);
    expect(() => parseManifest(input, where)).toThrow(message);
  });
});

describe('parseCollection', () => {
  it('reads the collection as ingest publishes it', () => {
    expect(parseCollection(text(collection), 'collection.json')).toEqual({
      id: urls.collection,
      items: [{ id: urls.manifest('kant'), type: 'Manifest' }],
    });
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '', /^collection\.json is not JSON/],
    ['a manifest', text(manifest), /^collection\.json is not a collection: .*type/s],
    ['no items', text({ ...collection, items: undefined }), /items/],
    ['an item without an id', text({ ...collection, items: [{ type: 'Manifest' }] }), /items\.0\.id/],
    ['an item of another type', text({ ...collection, items: [{ id: 'x', type: 'Canvas' }] }), /items\.0\.type/],
  ])('refuses %s, naming the file and the field', (_what, input, message) => {
    expect(() => parseCollection(input, 'collection.json')).toThrow(PresentationReadError);
    expect(() => parseCollection(input, 'collection.json')).toThrow(message);
  });
});
