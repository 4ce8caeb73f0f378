import { describe, expect, it } from 'vitest';
import { parseRecord, sourceFromManifest } from './citation.ts';
import type { ManifestModel } from './manifest-model.ts';

const url = 'https://leeszaal.example/items/kant?page=page-0017';

describe('sources', () => {
  it('reads labelled metadata from a foreign manifest and strips its HTML', () => {
    const model = {
      label: { en: ['A <i>print</i>'] },
      metadata: [
        { label: { en: ['Author'] }, value: { none: ['<b>Rubens</b>'] } },
        { label: { nl: ['Drukker'] }, value: { none: ['Plantin &amp; Moretus'] } },
        { label: { fr: ['Lieu'] }, value: { none: ['Anvers'] } },
        { label: { en: ['Date'] }, value: { none: ['1653'] } },
        { label: { en: ['Shelfmark'] }, value: { none: ['B 12'] } },
        { label: { en: ['Colour'] }, value: { none: ['red'] } },
      ],
      provider: [{ label: { en: ['Public Library of Bruges'] } }],
    } as unknown as ManifestModel;
    expect(sourceFromManifest(model, 'en', url)).toEqual({
      authors: ['Rubens'],
      title: 'A print',
      printer: 'Plantin & Moretus',
      place: 'Anvers',
      date: '1653',
      shelfmark: 'B 12',
      institution: 'Public Library of Bruges',
      url,
    });
  });
});

describe('the holding institution of a manifest', () => {
  // Leeszaal's own metadata labels (manifests/field-labels.ts): "Bewaarplaats" and "Lieu de conservation"
  // hold "plaats" and "lieu", yet name the institution; the provider (the reading room) is no holder.
  it.each([
    ['nl', 'Bewaarplaats', 'Plaats'],
    ['fr', 'Lieu de conservation', 'Lieu'],
    ['en', 'Holding institution', 'Place'],
  ] as const)('reads %s "%s" as the institution and "%s" as the place', (lang, institutionLabel, placeLabel) => {
    const model = {
      label: { none: ['Was ist Aufklärung?'] },
      metadata: [
        { label: { [lang]: [placeLabel] }, value: { none: ['Berlin'] } },
        { label: { [lang]: [institutionLabel] }, value: { none: ['Zentral- und Landesbibliothek Berlin'] } },
      ],
      provider: [{ label: { none: ['Leeszaal'] } }],
    } as unknown as ManifestModel;
    expect(sourceFromManifest(model, lang, url)).toMatchObject({ place: 'Berlin', institution: 'Zentral- und Landesbibliothek Berlin' });
  });
});

describe('parseRecord', () => {
  it.each([
    ['null', null, undefined],
    ['an array', [], undefined],
    ['no label', { agents: [] }, undefined],
    ['a label of the wrong shape', { label: { de: 'x' }, agents: [] }, undefined],
    ['agents not a list', { label: { de: ['x'] }, agents: 'Kant' }, undefined],
    [
      'bad agents and fields dropped',
      { label: { de: ['x'] }, agents: [{ name: 'Kant', role: 'aut' }, { role: 'prt' }, 'x', { name: 'B', role: 3 }], place: 'Berlin', date: 1784 },
      { label: { de: ['x'] }, agents: [{ name: 'Kant', role: 'aut' }, { name: 'B' }], place: 'Berlin' },
    ],
  ])('%s', (_name, json, want) => {
    expect(parseRecord(json)).toEqual(want);
  });
});
