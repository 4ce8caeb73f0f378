import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, fieldLabel, itemTypeLabel, languageName, ROLE_LABELS, roleLabel } from './field-labels.ts';

describe('fieldLabel', () => {
  it.each([
    ['title', 'Titel', 'Titre', 'Title'],
    ['publisher', 'Drukker/uitgever', 'Imprimeur/éditeur', 'Printer/publisher'],
    ['place', 'Plaats', 'Lieu', 'Place'],
    ['shelfmark', 'Signatuur', 'Cote', 'Shelfmark'],
    ['holdingInstitution', 'Bewaarplaats', 'Lieu de conservation', 'Holding institution'],
    ['identifier', 'Identificatie', 'Identifiant', 'Identifier'],
  ] as const)('%s is %s / %s / %s', (field, nl, fr, en) => {
    expect(fieldLabel(field)).toEqual({ nl: [nl], fr: [fr], en: [en] });
  });

  it('has every label in all three languages, none empty', () => {
    for (const labels of [...Object.values(FIELD_LABELS), ...Object.values(ROLE_LABELS)]) {
      expect(Object.keys(labels).sort()).toEqual(['en', 'fr', 'nl']);
      for (const v of Object.values(labels)) expect(v.trim()).not.toBe('');
    }
  });
});

describe('roleLabel', () => {
  it.each([
    ['aut', 'Auteur', 'Auteur', 'Author'],
    ['prt', 'Drukker', 'Imprimeur', 'Printer'],
    ['pbl', 'Uitgever', 'Éditeur', 'Publisher'],
    ['edt', 'Redacteur', 'Éditeur scientifique', 'Editor'],
    ['ill', 'Illustrator', 'Illustrateur', 'Illustrator'],
    ['trl', 'Vertaler', 'Traducteur', 'Translator'],
    ['PRT', 'Drukker', 'Imprimeur', 'Printer'],
    ['xyz', 'Medewerker', 'Contributeur', 'Contributor'],
    [undefined, 'Medewerker', 'Contributeur', 'Contributor'],
  ])('%j is %s / %s / %s', (code, nl, fr, en) => {
    expect(roleLabel(code)).toEqual({ nl: [nl], fr: [fr], en: [en] });
  });
});

describe('languageName', () => {
  it.each([
    ['ger', 'Duits', 'allemand', 'German'],
    ['deu', 'Duits', 'allemand', 'German'],
    ['dut', 'Nederlands', 'néerlandais', 'Dutch'],
    ['nld', 'Nederlands', 'néerlandais', 'Dutch'],
    ['lat', 'Latijn', 'latin', 'Latin'],
    ['fre', 'Frans', 'français', 'French'],
    ['fra', 'Frans', 'français', 'French'],
    ['eng', 'Engels', 'anglais', 'English'],
  ])('%s is %s / %s / %s', (code, nl, fr, en) => {
    expect(languageName(code)).toEqual({ nl: [nl], fr: [fr], en: [en] });
  });

  it.each(['qaa', 'und', 'xx-invalid-code'])('keeps the unknown code %j as it is', (code) => {
    expect(languageName(code)).toEqual({ none: [code] });
  });
});

describe('itemTypeLabel', () => {
  it('translates item types', () => {
    expect(itemTypeLabel('print')).toEqual({ nl: ['Prent'], fr: ['Estampe'], en: ['Print'] });
  });
});
