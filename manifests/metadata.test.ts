import { describe, expect, it } from 'vitest';
import { itemRecord } from '../test/support/item-record.ts';
import type { ItemRecord } from './item.ts';
import { buildMetadata } from './metadata.ts';

function item(extra: Partial<ItemRecord>): ItemRecord {
  return itemRecord({ id: 'x', label: { de: ['Was iſt Aufklärung?'] }, ...extra });
}

const valueFor = (metadata: ReturnType<typeof buildMetadata>, enLabel: string) => metadata.find((m) => m.label.en?.[0] === enLabel)?.value;

describe('buildMetadata', () => {
  it('shows the title verbatim (long s kept), the type translated, and labels in nl, fr and en', () => {
    const md = buildMetadata(item({}));
    expect(md[0]).toEqual({ label: { nl: ['Titel'], fr: ['Titre'], en: ['Title'] }, value: { de: ['Was iſt Aufklärung?'] } });
    expect(valueFor(md, 'Type')).toEqual({ nl: ['Boek'], fr: ['Livre'], en: ['Book'] });
    for (const pair of md) expect(Object.keys(pair.label).sort()).toEqual(['en', 'fr', 'nl']);
  });

  it('leaves out the stand-in title of an untitled item and every empty field', () => {
    const md = buildMetadata(item({ untitled: true, label: { nl: ['Zonder titel'] }, place: '  ', subjects: [] }));
    expect(md.map((m) => m.label.en?.[0])).toEqual(['Type']);
  });

  it('groups agents by role, unknown roles as contributors, without duplicates', () => {
    const md = buildMetadata(
      item({
        agents: [
          { name: 'Kant, Immanuel', role: 'aut' },
          { name: 'Haude und Spener', role: 'PRT' },
          { name: 'Kant, Immanuel', role: 'aut' },
          { name: 'Biester, Johann Erich', role: 'edt' },
          { name: 'Gedike, Friedrich', role: 'edt' },
          { name: 'Anonymus' },
        ],
      }),
    );
    expect(valueFor(md, 'Author')).toEqual({ none: ['Kant, Immanuel'] });
    expect(valueFor(md, 'Printer')).toEqual({ none: ['Haude und Spener'] });
    expect(valueFor(md, 'Editor')).toEqual({ none: ['Biester, Johann Erich', 'Gedike, Friedrich'] });
    expect(valueFor(md, 'Contributor')).toEqual({ none: ['Anonymus'] });
  });

  it('names languages in nl, fr and en, keeping codes CLDR does not know', () => {
    const md = buildMetadata(item({ languages: ['ger', 'lat', 'qaa'] }));
    expect(valueFor(md, 'Language')).toEqual({
      nl: ['Duits', 'Latijn', 'qaa'],
      fr: ['allemand', 'latin', 'qaa'],
      en: ['German', 'Latin', 'qaa'],
    });
  });

  it('lists place, date as recorded, subjects, shelfmark, holding institution and identifiers', () => {
    const md = buildMetadata(
      item({
        place: 'Berlin',
        date: '1784',
        publisher: 'Haude und Spener',
        subjects: ['Aufklärung', 'Philosophie'],
        shelfmark: 'Ac 6480',
        holdingInstitution: 'Staatsbibliothek zu Berlin',
        identifiers: [{ type: 'urn', value: 'urn:nbn:de:kobv:b4-200905193248' }],
        partOf: 'Berlinische Monatsschrift',
        note: 'Dezember-Heft',
      }),
    );
    expect(valueFor(md, 'Place')).toEqual({ none: ['Berlin'] });
    expect(valueFor(md, 'Date')).toEqual({ none: ['1784'] });
    expect(valueFor(md, 'Printer/publisher')).toEqual({ none: ['Haude und Spener'] });
    expect(valueFor(md, 'Subject')).toEqual({ none: ['Aufklärung', 'Philosophie'] });
    expect(valueFor(md, 'Shelfmark')).toEqual({ none: ['Ac 6480'] });
    expect(valueFor(md, 'Holding institution')).toEqual({ none: ['Staatsbibliothek zu Berlin'] });
    expect(valueFor(md, 'Identifier')).toEqual({ none: ['urn:nbn:de:kobv:b4-200905193248 (urn)'] });
    expect(valueFor(md, 'Part of')).toEqual({ none: ['Berlinische Monatsschrift'] });
    expect(valueFor(md, 'Note')).toEqual({ none: ['Dezember-Heft'] });
  });

  it('sanitises hostile values and links the external URL safely', () => {
    const md = buildMetadata(
      item({
        note: 'Zie <img src=x onerror=alert(1)><b>hier</b>',
        externalUrl: 'https://digital.staatsbibliothek-berlin.de/werkansicht?PPN=1"><script>',
      }),
    );
    expect(valueFor(md, 'Note')).toEqual({ none: ['<span>Zie <b>hier</b></span>'] });
    const link = valueFor(md, 'Elsewhere online')?.none?.[0] ?? '';
    expect(link).toMatch(/^<a href="https:\/\/digital\.staatsbibliothek-berlin\.de\/werkansicht\?PPN=1&quot;&gt;&lt;script&gt;">/);
    expect(link).not.toContain('<script');
  });

  it('ignores an external URL that is not http(s)', () => {
    expect(valueFor(buildMetadata(item({ externalUrl: 'javascript:alert(1)' })), 'Elsewhere online')).toBeUndefined();
  });

  it('shows a rights statement IIIF cannot carry in `rights` as metadata instead', () => {
    expect(valueFor(buildMetadata(item({ rights: 'Publiek domein' })), 'Rights')).toEqual({ none: ['Publiek domein'] });
    expect(valueFor(buildMetadata(item({ rights: 'https://creativecommons.org/licenses/by/4.0/' })), 'Rights')).toBeUndefined();
  });
});
