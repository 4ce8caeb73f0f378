// MODS fields one by one, on records written as catalogue exports write them.
import { describe, expect, it } from 'vitest';
import { readMods, type ModsDescription } from './mods.ts';
import { child, parseXml } from './xml.ts';

function mods(body: string, prefix = 'mods:'): ModsDescription {
  const xml = prefix
    ? `<mods:mods xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">${body.replaceAll('<', '<mods:').replaceAll('<mods:/', '</mods:')}</mods:mods>`
    : `<mods xmlns="http://www.loc.gov/mods/v3">${body}</mods>`;
  return readMods(child(parseXml(xml), 'mods')!);
}

describe('readMods', () => {
  it.each<{ name: string; body: string; expected: Partial<ModsDescription> }>([
    {
      name: 'title with subtitle and part',
      body: '<titleInfo><title>Werke</title><subTitle>Auswahl</subTitle><partNumber>Bd. 2</partNumber></titleInfo>',
      expected: { title: 'Werke: Auswahl. Bd. 2' },
    },
    {
      name: 'nonSort ending in an apostrophe',
      body: "<titleInfo><nonSort>L'</nonSort><title>Art de bien mourir</title></titleInfo>",
      expected: { title: "L'Art de bien mourir" },
    },
    {
      name: 'the main title, not the alternative',
      body: '<titleInfo type="alternative"><title>Alt</title></titleInfo><titleInfo><title>Main</title></titleInfo>',
      expected: { title: 'Main' },
    },
    {
      name: 'an empty subTitle',
      body: '<titleInfo><title>Was ist Aufklärung?</title><subTitle/></titleInfo>',
      expected: { title: 'Was ist Aufklärung?' },
    },
    {
      name: 'names: displayForm, family/given with dates, plain parts, role codes and words',
      body:
        '<name><displayForm>Immanuel Kant</displayForm><role><roleTerm type="code" authority="marcrelator">aut</roleTerm></role></name>' +
        '<name><namePart type="family">Mansion</namePart><namePart type="given">Colard</namePart><namePart type="date">1440-1484</namePart><role><roleTerm type="text">Drucker</roleTerm></role></name>' +
        '<name><namePart>Stadsbestuur</namePart><namePart>Brugge</namePart></name><name><namePart/></name>',
      expected: {
        agents: [{ name: 'Immanuel Kant', role: 'aut' }, { name: 'Mansion, Colard, 1440-1484', role: 'prt' }, { name: 'Stadsbestuur, Brugge' }],
      },
    },
    {
      name: 'publisher with newlines, the publication event only',
      body:
        '<originInfo><place><placeTerm type="text">Berlin</placeTerm></place><publisher>\n      Haude und Spener\n    </publisher><dateIssued keyDate="yes">1784</dateIssued></originInfo>' +
        '<originInfo eventType="digitization"><place><placeTerm type="text">Leipzig</placeTerm></place><publisher>Scanner GmbH</publisher><dateCaptured>2018</dateCaptured></originInfo>',
      expected: { place: 'Berlin', publisher: 'Haude und Spener', date: '1784' },
    },
    { name: 'dateCreated for manuscripts', body: '<originInfo><dateCreated>ca. 1475</dateCreated></originInfo>', expected: { date: 'ca. 1475' } },
    {
      name: 'the key date among several',
      body: '<originInfo><dateIssued>[1784]</dateIssued><dateIssued encoding="w3cdtf" keyDate="yes">1784</dateIssued></originInfo>',
      expected: { date: '1784' },
    },
    {
      name: 'languages: T codes to B, duplicates once, unknown reported',
      body: '<language><languageTerm type="code">deu</languageTerm></language><language><languageTerm>ger</languageTerm><languageTerm>Fraktur?</languageTerm></language>',
      expected: { languages: ['ger'], unknownLanguages: ['Fraktur?'] },
    },
    {
      name: 'holding institution from a MARC org code label',
      body: '<location><physicalLocation authority="marcorg" displayLabel="Staatsbibliothek zu Berlin">DE-1</physicalLocation><shelfLocator>Na 3722</shelfLocator></location>',
      expected: { holdingInstitution: 'Staatsbibliothek zu Berlin', shelfmark: 'Na 3722' },
    },
    {
      name: 'identifiers and record identifiers, empty ones left out',
      body: '<identifier type="urn">urn:nbn:x</identifier><identifier type="purl"/><recordInfo><recordIdentifier source="gbv-ppn">PPN1</recordIdentifier></recordInfo>',
      expected: {
        identifiers: [
          { type: 'urn', value: 'urn:nbn:x' },
          { type: 'gbv-ppn', value: 'PPN1' },
        ],
      },
    },
    {
      name: 'subjects, genre and classification',
      body: '<subject><topic>Aufklärung</topic><name><namePart>Kant</namePart></name></subject><genre>Zeitschriftenaufsatz</genre><classification>Philosophie</classification>',
      expected: { subjects: ['Aufklärung', 'Kant', 'Zeitschriftenaufsatz', 'Philosophie'], type: 'periodical' },
    },
    { name: 'a serial', body: '<originInfo><issuance>serial</issuance></originInfo>', expected: { type: 'periodical' } },
    { name: 'a manuscript', body: '<typeOfResource manuscript="yes">text</typeOfResource>', expected: { type: 'manuscript' } },
    { name: 'a map', body: '<typeOfResource>cartographic</typeOfResource>', expected: { type: 'map' } },
    {
      name: 'a licence as words',
      body: '<accessCondition type="use and reproduction">CC BY-NC-SA 4.0 International</accessCondition>',
      expected: { rights: 'http://creativecommons.org/licenses/by-nc-sa/4.0/' },
    },
    {
      name: 'a licence as link',
      body: '<accessCondition xlink:href="http://rightsstatements.org/vocab/InC/1.0/">In copyright</accessCondition>',
      expected: { rights: 'http://rightsstatements.org/vocab/InC/1.0/' },
    },
    {
      name: 'notes without workflow notes',
      body: '<note type="source characteristics">P_Drucke</note><note>Mit Kupfern</note><note type="bibliography">VD18 1</note>',
      expected: { note: 'Mit Kupfern\nVD18 1' },
    },
    {
      name: 'the host title as partOf before the series',
      body: '<relatedItem type="series"><titleInfo><title>Reihe</title></titleInfo></relatedItem><relatedItem type="host"><titleInfo><title>Berlinische Monatsschrift</title></titleInfo></relatedItem>',
      expected: { partOf: 'Berlinische Monatsschrift', type: 'periodical' },
    },
    {
      name: 'the catalogue URL',
      body: '<location><url>https://lib.example.org/record/1</url></location><identifier type="purl">http://purl.example.org/1</identifier>',
      expected: { externalUrl: 'https://lib.example.org/record/1' },
    },
  ])('$name', ({ body, expected }) => {
    for (const prefix of ['mods:', '']) expect(mods(body, prefix)).toMatchObject(expected);
  });

  it('leaves rights to the collection when accessCondition names no licence', () => {
    expect(mods('<accessCondition>Alle Rechte vorbehalten</accessCondition>')).not.toHaveProperty('rights');
  });
});
