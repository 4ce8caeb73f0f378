import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import { ALTO_PROFILE, withDownloads } from './downloads.ts';
import { publicUrls } from './layout.ts';
import { buildManifest } from './manifest.ts';
import { validatePresentation } from './validate.ts';

const urls = publicUrls('https://leeszaal.example.org');
const page = (key: string) => ({ key, file: `images/${key}.tif`, imageId: `kant_${key}.abc`, width: 1000, height: 1500 });
const record = itemRecord({ id: 'kant', label: { de: ['Was ist Aufklärung?'] }, pages: [page('page-0001'), page('page-0017')] });
const build = (texts: string[]) =>
  JSON.parse(
    JSON.stringify(
      buildManifest(record, { urls, texts: new Map(texts.map((k) => [k, true])), provider: { label: 'Leeszaal' }, thumbnailWidth: 200 }),
    ),
  );

describe('withDownloads', () => {
  it.each<{ texts: string[]; book: string[]; pageText: (string | undefined)[] }>([
    {
      texts: ['page-0017'],
      book: [urls.pdf('kant'), urls.bookText('kant')],
      pageText: [undefined, urls.pageText('kant', 'page-0017')],
    },
    { texts: [], book: [urls.pdf('kant')], pageText: [undefined, undefined] },
  ])('offers the PDF, and the text where there is text ($texts)', ({ texts, book, pageText }) => {
    const served = withDownloads(build(texts), 'kant', urls);
    expect((served.rendering as { id: string }[]).map((r) => r.id)).toEqual(book);
    const canvases = served.items as { rendering?: { id: string; format: string }[]; seeAlso?: { id: string; profile: string }[] }[];
    expect(canvases.map((c) => c.rendering?.[0]?.id)).toEqual(pageText);
    expect(canvases.map((c) => c.seeAlso?.[0]?.id)).toEqual(pageText.map((t) => (t ? urls.alto('kant', 'page-0017') : undefined)));
    expect(canvases.flatMap((c) => c.seeAlso ?? []).every((s) => s.profile === ALTO_PROFILE)).toBe(true);
    expect(validatePresentation(served, { baseUrl: urls.base })).toMatchObject({ ok: true });
  });

  it('labels each download in Dutch, French and English with its media type', () => {
    const served = withDownloads(build(['page-0017']), 'kant', urls);
    expect(served.rendering).toEqual([
      {
        id: urls.pdf('kant'),
        type: 'Text',
        format: 'application/pdf',
        label: {
          nl: ['Het hele boek als PDF (doorzoekbaar)'],
          fr: ['Le livre entier en PDF (avec texte)'],
          en: ['The whole book as PDF (searchable)'],
        },
      },
      expect.objectContaining({ format: 'text/plain' }),
    ]);
  });

  it('adds nothing twice, and leaves the manifest it was given alone', () => {
    const published = build(['page-0017']);
    const before = JSON.stringify(published);
    const twice = withDownloads(withDownloads(published, 'kant', urls), 'kant', urls);
    expect(twice.rendering).toHaveLength(2);
    expect((twice.items as { rendering?: unknown[] }[])[1]?.rendering).toHaveLength(1);
    expect(JSON.stringify(published)).toBe(before);
  });
});
