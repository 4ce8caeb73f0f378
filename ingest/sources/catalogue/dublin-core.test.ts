// Dublin Core to item record: the fifteen elements as OAI-PMH repositories serve them, and where
// the records sit in the documents they come in.
import { describe, expect, it } from 'vitest';
import { parseXml } from '../xml.ts';
import type { CatalogueDescription } from './description.ts';
import { dcRecords, describeDc, typeFromDc } from './dublin-core.ts';

const NS = 'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"';

function dc(body: string): CatalogueDescription {
  const [record] = dcRecords(parseXml(`<oai_dc:dc ${NS}>${body}</oai_dc:dc>`));
  return describeDc(record!.dc);
}

describe('describeDc', () => {
  it.each<{ name: string; body: string; expected: Partial<CatalogueDescription> }>([
    { name: 'the first title', body: '<dc:title>Getijdenboek</dc:title><dc:title>Livre d’heures</dc:title>', expected: { title: 'Getijdenboek' } },
    {
      name: 'creators and contributors with the DC roles',
      body: '<dc:creator>Vrelant, Willem</dc:creator><dc:contributor>Openbare Bibliotheek Brugge</dc:contributor>',
      expected: {
        agents: [
          { name: 'Vrelant, Willem', role: 'cre' },
          { name: 'Openbare Bibliotheek Brugge', role: 'ctb' },
        ],
      },
    },
    {
      name: 'date and publisher',
      body: '<dc:date>ca. 1460</dc:date><dc:publisher>Colard Mansion</dc:publisher>',
      expected: { date: 'ca. 1460', publisher: 'Colard Mansion' },
    },
    {
      // DSpace's oai_dc gives dc.date.accessioned and dc.date.available (timestamps of the upload) before dc.date.issued.
      name: 'the work’s date, not the repository’s upload timestamps before it',
      body: '<dc:date>2016-07-05T17:28:25Z</dc:date><dc:date>2016-07-05T17:28:25Z</dc:date><dc:date>1784-12</dc:date>',
      expected: { date: '1784-12' },
    },
    {
      name: 'a timestamp when it is the only date',
      body: '<dc:date>2016-07-05T17:28:25Z</dc:date>',
      expected: { date: '2016-07-05T17:28:25Z' },
    },
    {
      name: 'languages in any form',
      body: '<dc:language>nl</dc:language><dc:language>lat</dc:language><dc:language>Frans</dc:language>',
      expected: { languages: ['dut', 'lat', 'fre'] },
    },
    {
      name: 'an unknown language is reported',
      body: '<dc:language>Brabants?</dc:language>',
      expected: { languages: [], unknownLanguages: ['Brabants?'] },
    },
    {
      name: 'subjects and coverage',
      body: '<dc:subject>Getijdenboeken</dc:subject><dc:subject>Miniaturen</dc:subject><dc:coverage>Brugge</dc:coverage>',
      expected: { subjects: ['Getijdenboeken', 'Miniaturen', 'Brugge'] },
    },
    {
      name: 'the first description is the summary, the others and the source are notes',
      body: '<dc:description>Getijdenboek met miniaturen.</dc:description><dc:description>Perkament, 120 bladen.</dc:description><dc:source>Hs. 314</dc:source>',
      expected: { summary: 'Getijdenboek met miniaturen.', note: 'Perkament, 120 bladen.\nHs. 314' },
    },
    {
      name: 'identifiers by scheme; the first web address is the link',
      body: '<dc:identifier>urn:nbn:nl:ui:13-abc</dc:identifier><dc:identifier>https://lib.example.org/hs-314</dc:identifier><dc:identifier>Hs. 314</dc:identifier>',
      expected: {
        identifiers: [
          { type: 'urn', value: 'urn:nbn:nl:ui:13-abc' },
          { type: 'uri', value: 'https://lib.example.org/hs-314' },
          { type: 'other', value: 'Hs. 314' },
        ],
        externalUrl: 'https://lib.example.org/hs-314',
      },
    },
    {
      name: 'rights in words',
      body: '<dc:rights>Public Domain Mark 1.0</dc:rights>',
      expected: { rights: 'http://creativecommons.org/publicdomain/mark/1.0/' },
    },
    {
      name: 'rights as a statement URI',
      body: '<dc:rights>http://rightsstatements.org/vocab/InC/1.0/</dc:rights>',
      expected: { rights: 'http://rightsstatements.org/vocab/InC/1.0/' },
    },
    {
      name: 'relation as part of',
      body: '<dc:relation>Collectie Erfgoedbibliotheek</dc:relation>',
      expected: { partOf: 'Collectie Erfgoedbibliotheek' },
    },
    { name: 'type', body: '<dc:type>Image</dc:type>', expected: { type: 'print' } },
  ])('$name', ({ body, expected }) => {
    expect(dc(body)).toMatchObject(expected);
  });

  it('keeps a javascript: identifier as an identifier, never as a link', () => {
    const description = dc('<dc:identifier>javascript://x%0aalert(1)</dc:identifier>');
    expect(description.identifiers).toEqual([{ type: 'other', value: 'javascript://x%0aalert(1)' }]);
    expect(description.externalUrl).toBeUndefined();
  });
});

describe('typeFromDc', () => {
  it.each<[string[], string | undefined]>([
    [['Text'], 'book'],
    [['StillImage'], 'print'],
    [['Image', 'Text'], 'print'],
    [['kaart'], 'map'],
    [['Handschrift'], 'manuscript'],
    [['tijdschrift'], 'periodical'],
    [['Dataset'], undefined],
  ])('%j → %s', (types, type) => {
    expect(typeFromDc(types)).toBe(type);
  });
});

describe('dcRecords', () => {
  const record = (id: string, title: string) =>
    `<record><header><identifier>oai:lib.example.org:${id}</identifier></header><metadata><oai_dc:dc ${NS}><dc:title>${title}</dc:title></oai_dc:dc></metadata></record>`;
  it.each<[string, string, { title: string; oai?: string }[]]>([
    ['a bare oai_dc:dc', `<oai_dc:dc ${NS}><dc:title>A</dc:title></oai_dc:dc>`, [{ title: 'A' }]],
    ['a dc in a default namespace', '<dc xmlns="http://purl.org/dc/elements/1.1/"><title>A</title></dc>', [{ title: 'A' }]],
    ['a metadata wrapper', `<metadata><oai_dc:dc ${NS}><dc:title>A</dc:title></oai_dc:dc></metadata>`, [{ title: 'A' }]],
    [
      'OAI-PMH GetRecord',
      `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord>${record('hs-314', 'A')}</GetRecord></OAI-PMH>`,
      [{ title: 'A', oai: 'oai:lib.example.org:hs-314' }],
    ],
    [
      'OAI-PMH ListRecords, a deleted record left out',
      `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>${record('a', 'A')}<record><header status="deleted"><identifier>oai:x:gone</identifier></header></record>${record('b', 'B')}<resumptionToken/></ListRecords></OAI-PMH>`,
      [
        { title: 'A', oai: 'oai:lib.example.org:a' },
        { title: 'B', oai: 'oai:lib.example.org:b' },
      ],
    ],
  ])('%s', (_name, xml, expected) => {
    const found = dcRecords(parseXml(xml)).map((r) => ({ title: describeDc(r.dc).title, ...(r.oaiIdentifier ? { oai: r.oaiIdentifier } : {}) }));
    expect(found).toEqual(expected);
  });
});
